import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { linesToList } from './draft';

/** A label, its control and the validation message beside it. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
  wide?: boolean;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const describedBy = props.error || props.hint ? messageId : undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}${props.wide ? ' field-wide' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.error ? (
        <p class="field-error" id={messageId} data-testid="field-error">
          {props.error}
        </p>
      ) : props.hint ? (
        <p class="field-hint" id={messageId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A text area edited as a list, one entry per line. It keeps the raw text while the author types
 * (blank lines included) and only takes the list from outside when that list really changed.
 */
export function ListInput(props: {
  id: string;
  describedBy?: string | undefined;
  value: readonly string[];
  onChange: (list: string[]) => void;
  parse: (text: string) => string[];
  separator: string;
  rows?: number;
  disabled?: boolean;
  placeholder?: string;
}) {
  const [text, setText] = useState(props.value.join(props.separator));
  const joined = props.value.join('\u0000');
  useEffect(() => {
    if (props.parse(text).join('\u0000') !== joined) setText(props.value.join(props.separator));
  }, [joined]);
  const onInput = (next: string) => {
    setText(next);
    props.onChange(props.parse(next));
  };
  if (props.separator === '\n') {
    return (
      <textarea
        id={props.id}
        aria-describedby={props.describedBy}
        rows={props.rows ?? 3}
        value={text}
        disabled={props.disabled}
        placeholder={props.placeholder}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    );
  }
  return (
    <input
      id={props.id}
      aria-describedby={props.describedBy}
      type="text"
      value={text}
      disabled={props.disabled}
      placeholder={props.placeholder}
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}

/** A number input whose empty value means "not set". */
export function parseNumberInput(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** A wide field holding one entry per line: phrases, keywords, hosts. */
export function LinesField(props: {
  label: string;
  error?: string | undefined;
  hint: string;
  value: readonly string[];
  onChange: (list: string[]) => void;
  rows?: number;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint} wide>
      {(id, describedBy) => (
        <ListInput
          id={id}
          describedBy={describedBy}
          value={props.value}
          separator={'\n'}
          parse={linesToList}
          rows={props.rows}
          onChange={props.onChange}
        />
      )}
    </Field>
  );
}

/** A field of one input the author types in: its kind, hook and limits, or rows for a text area. */
export function TextField(props: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  wide?: boolean;
  value: string | number;
  /** Called with the text as typed. */
  onInput: (text: string) => void;
  /** Rows of a text area instead of a one-line input. */
  rows?: number;
  type?: 'url' | 'password' | 'number';
  name?: string;
  testId?: string;
  autocomplete?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  readOnly?: boolean;
}) {
  const { label, error, hint, wide, value, onInput, rows, testId, ...input } = props;
  return (
    <Field label={label} error={error} hint={hint} wide={wide}>
      {(id, describedBy) =>
        rows ? (
          <textarea
            id={id}
            aria-describedby={describedBy}
            rows={rows}
            value={value}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        ) : (
          <input
            id={id}
            data-testid={testId}
            aria-describedby={describedBy}
            // One of Preact's per-type input shapes; the props above allow only those that fit.
            {...(input as InputHTMLAttributes<HTMLInputElement>)}
            value={value}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}
