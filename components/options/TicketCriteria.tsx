import { commasToList } from './draft';
import { Field, LinesField, ListInput } from './fields';

/** Ticket types, tags and keywords: what a playbook matches, and when a step applies. */
export function TicketCriteria(props: {
  labels: { types: string; typesHint: string; tags: string; keywords: string };
  criteria: { types?: string[]; tags?: string[]; keywords?: string[] };
  errorAt: (field: 'types' | 'tags' | 'keywords') => string | undefined;
  onPatch: (fields: { types?: string[]; tags?: string[]; keywords?: string[] }) => void;
}) {
  const { labels, criteria, errorAt, onPatch } = props;
  return (
    <>
      {(
        [
          ['types', labels.types, labels.typesHint],
          ['tags', labels.tags, 'Comma-separated'],
        ] as const
      ).map(([field, label, hint]) => (
        <CommasField
          key={field}
          label={label}
          error={errorAt(field)}
          hint={hint}
          value={criteria[field] ?? []}
          onChange={(list) => onPatch({ [field]: list })}
        />
      ))}
      <LinesField
        label={labels.keywords}
        error={errorAt('keywords')}
        hint="One per line"
        value={criteria.keywords ?? []}
        rows={2}
        onChange={(keywords) => onPatch({ keywords })}
      />
    </>
  );
}

/** A field holding a short list typed on one line, its entries separated by commas. */
function CommasField(props: {
  label: string;
  error: string | undefined;
  hint: string;
  value: readonly string[];
  onChange: (list: string[]) => void;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      {(id, describedBy) => (
        <ListInput
          id={id}
          describedBy={describedBy}
          value={props.value}
          separator=", "
          parse={commasToList}
          onChange={props.onChange}
        />
      )}
    </Field>
  );
}
