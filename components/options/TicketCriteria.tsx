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
      <Field label={labels.types} error={errorAt('types')} hint={labels.typesHint}>
        {(id, describedBy) => (
          <ListInput
            id={id}
            describedBy={describedBy}
            value={criteria.types ?? []}
            separator=", "
            parse={commasToList}
            onChange={(types) => onPatch({ types })}
          />
        )}
      </Field>
      <Field label={labels.tags} error={errorAt('tags')} hint="Comma-separated">
        {(id, describedBy) => (
          <ListInput
            id={id}
            describedBy={describedBy}
            value={criteria.tags ?? []}
            separator=", "
            parse={commasToList}
            onChange={(tags) => onPatch({ tags })}
          />
        )}
      </Field>
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
