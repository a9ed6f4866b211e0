/**
 * A button that opens JSON files (playbooks, team files, backups): a label styled as the page's
 * button (`buttonClass`), the file input laid invisibly over it.
 */
export function JsonFileButton(props: {
  label: string;
  buttonClass: string;
  testId: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Called with the input once the user has chosen; it reads and then clears it. */
  onChoose: (input: HTMLInputElement) => void;
}) {
  return (
    <label class={props.buttonClass}>
      {props.label}
      <input
        type="file"
        accept=".json,application/json"
        multiple={props.multiple}
        data-testid={props.testId}
        disabled={props.disabled}
        onChange={(event) => props.onChoose(event.currentTarget)}
      />
    </label>
  );
}
