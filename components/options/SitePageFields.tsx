import type { JSX } from 'preact';
import { Field } from './fields';
import {
  type FieldKey,
  type SiteForm as Form,
  NOTE_KIND_LABELS,
  NOTE_KINDS,
  SELECTOR_KEYS,
  type SelectorKey,
} from './siteFormModel';

/** What the form asks of each selector: a label, a hint and an example (a placeholder, not a value). */
const SELECTOR_FIELDS: Record<SelectorKey, { label: string; hint: string; example: string }> = {
  editor: {
    label: 'Reply box (required)',
    hint: 'The box you type replies in: a textarea or an editable area.',
    example: '#reply-text',
  },
  subject: { label: 'Subject', hint: 'Without it, the page title stands in.', example: 'h1.ticket-subject' },
  requester: { label: 'Customer name', hint: 'Used to check the greeting.', example: '.requester-name' },
  customerMessage: {
    label: 'Customer messages',
    hint: 'Keel reads the last one: the message being answered.',
    example: '.thread .from-customer',
  },
  type: { label: 'Ticket type', hint: 'Helps pick the playbook.', example: '.ticket-type' },
  tags: { label: 'Tags', hint: 'One element per tag.', example: '.ticket-tags li' },
  send: {
    label: 'Send button',
    hint: 'Without it, Keel sees the reply box’s form being sent, or Ctrl+Enter.',
    example: 'button.send-reply',
  },
  agent: {
    label: 'Agent name',
    hint: 'Where the page shows who is signed in; without it, the name in Settings.',
    example: '.current-user',
  },
};

/**
 * A text input for a Field: marked invalid, and described by its message, while `error` is set.
 */
export function textField(
  error: string | undefined,
  value: string,
  onInput: (value: string) => void,
  placeholder: string,
) {
  return (id: string, describedBy: string | undefined): JSX.Element => (
    <input
      id={id}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      placeholder={placeholder}
      value={value}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

export interface SitePageFieldsProps {
  form: Form;
  /** A field's error, once the user has tried to add the site. */
  shown: (key: FieldKey) => string | undefined;
  set: <K extends keyof Form>(key: K, value: Form[K]) => void;
  setSelector: (key: SelectorKey, value: string) => void;
}

/**
 * The Sites form's part about a ticket page: where each part is, how Keel knows a reply went
 * through, and how the page marks a private note (a Request Tracker needs none of it).
 */
export function SitePageFields({ form, shown, set, setSelector }: SitePageFieldsProps) {
  const text = (key: FieldKey, value: string, onInput: (value: string) => void, placeholder: string) =>
    textField(shown(key), value, onInput, placeholder);
  return (
    <>
      <fieldset>
        <legend>Where each part of a ticket page is (CSS selectors)</legend>
        <p class="muted small">
          Right-click the part on a ticket page, choose Inspect, and copy an id (#reply) or a class
          (.reply-box). Only the reply box is required.
        </p>
        <div class="grid">
          {SELECTOR_KEYS.map((key) => (
            <Field
              key={key}
              label={SELECTOR_FIELDS[key].label}
              hint={SELECTOR_FIELDS[key].hint}
              error={shown(key)}
            >
              {text(
                key,
                form.selectors[key],
                (value) => setSelector(key, value),
                SELECTOR_FIELDS[key].example,
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>A reply went through when…</legend>
        <p class="muted small">
          Keel records a reply only when the page shows it was sent. With both empty: when the reply’s words
          appear on the page outside the reply box. With no sign either way, the sidebar asks you.
        </p>
        <div class="grid">
          <Field
            label="The reply appears in"
            hint="The conversation, where sent replies show."
            error={shown('sentReplyIn')}
          >
            {text('sentReplyIn', form.sentReplyIn, (value) => set('sentReplyIn', value), '.thread')}
          </Field>
          <Field
            label="Or the page goes to"
            hint="An address; * stands for anything."
            error={shown('sentUrl')}
          >
            {text(
              'sentUrl',
              form.sentUrl,
              (value) => set('sentUrl', value),
              'http://helpdesk.corp/tickets/*/view',
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Private notes</legend>
        <p class="muted small">A note marked private is neither checked as a reply nor recorded.</p>
        <div class="grid">
          <Field label="Private notes are marked by">
            {(id) => (
              <select
                id={id}
                value={form.noteKind}
                onChange={(e) => set('noteKind', e.currentTarget.value as Form['noteKind'])}
              >
                {(['', ...NOTE_KINDS] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {NOTE_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.noteKind && (
            <Field
              label="Private note control"
              hint={
                form.noteKind === 'tab'
                  ? 'The note tab; Keel sees it selected by aria-selected or an “active” class.'
                  : form.noteKind === 'button'
                    ? 'The button that adds a note: what it sends is not recorded.'
                    : 'The checkbox that makes a note private when ticked.'
              }
              error={shown('noteSelector')}
            >
              {text(
                'noteSelector',
                form.noteSelector,
                (value) => set('noteSelector', value),
                '#private-note',
              )}
            </Field>
          )}
        </div>
      </fieldset>
    </>
  );
}
