import { useState } from 'preact/hooks';
import type { PlaybookDraft } from './draft';
import { parseNumberInput, TextField } from './fields';
import { TicketCriteria } from './TicketCriteria';

type Match = NonNullable<PlaybookDraft['match']>;

/** Paths of the fields under "Advanced": an error there opens it, so no problem is hidden. */
const ADVANCED_PATHS = ['id', 'locale', 'match.priority'];

/**
 * The playbook's own fields, in the order a first-time author needs them: what it is called and
 * what it is for, then when Keel uses it; the technical ones (id, language, priority) last, in a
 * disclosure that a keyboard opens like any button.
 */
export function PlaybookFields(props: {
  draft: PlaybookDraft;
  readOnly: boolean;
  /** Whether the id may still be changed (a playbook never saved). */
  idEditable: boolean;
  /** Whether the id is being made from the name (a new playbook whose id nobody typed). */
  idFollowsName: boolean;
  err: (path: string) => string | undefined;
  onName: (name: string) => void;
  onId: (id: string) => void;
  onPatch: (fields: Partial<PlaybookDraft>) => void;
}) {
  const { draft, readOnly, err } = props;
  const match = draft.match ?? {};
  const patchMatch = (fields: Partial<Match>) => props.onPatch({ match: { ...match, ...fields } });
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const advancedErrors = ADVANCED_PATHS.filter((path) => err(path) !== undefined);

  return (
    <>
      <fieldset disabled={readOnly} class="grid">
        <legend>Playbook</legend>
        <TextField
          label="Name"
          error={err('name')}
          hint={
            props.idFollowsName
              ? `Its id will be “${draft.id}” (change it under Advanced).`
              : 'What agents see in the sidebar.'
          }
          value={draft.name}
          onInput={props.onName}
        />
        <TextField
          label="Description"
          error={err('description')}
          wide
          rows={2}
          value={draft.description ?? ''}
          onInput={(description) => props.onPatch({ description: description || undefined })}
        />
      </fieldset>

      <fieldset disabled={readOnly} class="grid">
        <legend>When it is used</legend>
        <p class="muted field-wide field-note">
          Keel picks this playbook for a ticket with one of these types or tags, or whose message has one of
          these keywords.
        </p>
        <TicketCriteria
          labels={{
            types: 'Ticket types',
            typesHint: 'Comma-separated, e.g. refund, billing',
            tags: '…or tags',
            keywords: '…or keywords in the customer’s message',
          }}
          criteria={match}
          errorAt={(field) => err(`match.${field}`)}
          onPatch={patchMatch}
        />
      </fieldset>

      <details
        class="advanced"
        open={advancedOpen || advancedErrors.length > 0}
        onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}
      >
        <summary>Advanced: id, language, priority</summary>
        <fieldset disabled={readOnly} class="grid">
          <legend class="visually-hidden">Advanced</legend>
          <TextField
            label="Id"
            error={err('id')}
            hint={
              props.idEditable
                ? 'Lower-case letters, digits, “.”, “_”, “-”. Fixed once saved.'
                : 'Fixed once saved.'
            }
            value={draft.id}
            readOnly={!props.idEditable}
            onInput={props.onId}
          />
          <TextField
            label="Language"
            error={err('locale')}
            hint="A language code, e.g. en, de, pt-BR."
            value={draft.locale ?? 'en'}
            onInput={(locale) => props.onPatch({ locale })}
          />
          <TextField
            label="Priority"
            error={err('match.priority')}
            hint="Higher wins when several playbooks match."
            type="number"
            step={1}
            value={match.priority ?? 0}
            onInput={(priority) => patchMatch({ priority: parseNumberInput(priority) })}
          />
        </fieldset>
      </details>
    </>
  );
}
