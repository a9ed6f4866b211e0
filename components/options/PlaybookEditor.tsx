import { useMemo, useRef, useState } from 'preact/hooks';
import type { PlaybookSource } from '@/utils/config';
import type { CheckKind, Playbook } from '@/utils/playbook/schema';
import type { OverriddenStep } from '@/utils/store/summary';
import {
  CHECK_KIND_LABELS,
  type CheckDraft,
  changeCheckKind,
  commasToList,
  moveItem,
  newStep,
  type PlaybookDraft,
  type StepDraft,
  unplacedErrors,
  validateDraft,
} from './draft';
import { Field, LinesField, ListInput, parseNumberInput } from './fields';
import { StepOverrideCount } from './stepOverrides';
import { TryIt } from './TryIt';

export interface EditorProps {
  /** The draft to start from (a saved playbook, a new one or a copy). */
  initial: PlaybookDraft;
  source: PlaybookSource | 'new';
  /** Whether a built-in playbook has this id (a team copy then replaces it). */
  shadowsBuiltIn: boolean;
  onSave: (playbook: Playbook, previousId: string) => Promise<void>;
  onDuplicate: (playbook: Playbook) => void;
  onDelete: () => void;
  onExport: (playbook: Playbook) => void;
  onDirtyChange: (dirty: boolean) => void;
  /** How often agents overrode each step, by step id (useStepOverrides); shown beside the step. */
  stepOverrides?: ReadonlyMap<string, OverriddenStep>;
}

const KINDS = Object.keys(CHECK_KIND_LABELS) as CheckKind[];
const FOCUSABLE = 'input, select, textarea, button, summary';
const VARIABLES = ['customer.firstName', 'customer.name', 'ticket.id', 'order.number', 'agent.firstName'];

export function PlaybookEditor(props: EditorProps) {
  const readOnly = props.source === 'managed';
  const [draft, setDraftState] = useState<PlaybookDraft>(() => structuredClone(props.initial));
  const [status, setStatus] = useState('');
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const validation = useMemo(() => validateDraft(draft), [draft]);
  const errors = validation.errors;
  const shown = new Set<string>();
  const err = (path: string) => {
    shown.add(path);
    return errors.get(path);
  };

  const setDraft = (next: PlaybookDraft) => {
    setDraftState(next);
    setStatus('');
    props.onDirtyChange(true);
  };
  const patch = (fields: Partial<PlaybookDraft>) => setDraft({ ...draft, ...fields });
  const match = draft.match ?? {};
  const patchMatch = (fields: Partial<NonNullable<PlaybookDraft['match']>>) =>
    patch({ match: { ...match, ...fields } });
  const patchStep = (index: number, fields: Partial<StepDraft>) =>
    patch({ steps: draft.steps.map((step, at) => (at === index ? { ...step, ...fields } : step)) });
  const patchCheck = (index: number, check: CheckDraft) => patchStep(index, { check });

  const moveStep = (from: number, to: number, focus?: string | number) => {
    const moved = draft.steps[from];
    if (!moved || to < 0 || to >= draft.steps.length) return;
    patch({ steps: moveItem(draft.steps, from, to) });
    setStatus(`Moved “${moved.title || moved.id}” to position ${to + 1} of ${draft.steps.length}.`);
    // Keep the keyboard where the author was: on the same control of the moved step.
    requestAnimationFrame(() => {
      const item = listRef.current?.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(moved.id)}"]`);
      const target =
        typeof focus === 'number'
          ? item?.querySelectorAll<HTMLElement>(FOCUSABLE)[focus]
          : focus
            ? item?.querySelector<HTMLElement>(`[data-testid=${focus}]`)
            : undefined;
      // A move button that became disabled (top or bottom) hands focus to the step's title.
      const usable =
        target && !(target as HTMLButtonElement).disabled
          ? target
          : item?.querySelector<HTMLElement>('input');
      usable?.focus();
    });
  };

  const save = async () => {
    if (!validation.ok) return;
    try {
      await props.onSave(validation.playbook, props.initial.id);
      props.onDirtyChange(false);
      setStatus('Saved. Open tickets use it now.');
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const sourceNote =
    props.source === 'managed'
      ? 'Set by your administrator. You can try it and export it, not change it.'
      : props.source === 'built-in'
        ? 'Built into Keel. Saving keeps your edited copy under the same id; delete the copy to get the built-in back.'
        : props.source === 'team' && props.shadowsBuiltIn
          ? 'Your team’s copy of a built-in playbook.'
          : props.source === 'new'
            ? 'Not saved yet.'
            : 'Your team’s playbook.';
  const idEditable = props.source === 'new' && !readOnly;

  return (
    <section
      class="editor"
      data-testid="playbook-editor"
      data-playbook-id={draft.id}
      aria-label="Playbook editor"
    >
      <header class="editor-head">
        <div>
          <h2>{draft.name || draft.id}</h2>
          <p class="muted">
            {sourceNote} Version {draft.version ?? 1}
            {!readOnly && props.source !== 'new'
              ? ` — saving makes it version ${(draft.version ?? 1) + 1}`
              : ''}
            .
          </p>
        </div>
        <div class="actions">
          {!readOnly && (
            <button
              type="button"
              class="primary"
              data-testid="save-playbook"
              disabled={!validation.ok}
              onClick={save}
            >
              Save
            </button>
          )}
          {validation.ok && (
            <button type="button" onClick={() => props.onDuplicate(validation.playbook)}>
              Duplicate
            </button>
          )}
          {validation.ok && (
            <button
              type="button"
              data-testid="export-playbook"
              onClick={() => props.onExport(validation.playbook)}
            >
              Export
            </button>
          )}
          {(props.source === 'team' || props.source === 'new') && (
            <button type="button" class="danger" data-testid="delete-playbook" onClick={props.onDelete}>
              {props.source === 'new' ? 'Discard' : props.shadowsBuiltIn ? 'Delete copy' : 'Delete'}
            </button>
          )}
        </div>
      </header>
      <p class="status" role="status" aria-live="polite">
        {!validation.ok && !readOnly
          ? `${errors.size} ${errors.size === 1 ? 'problem' : 'problems'} to fix before saving.`
          : status}
      </p>

      <fieldset disabled={readOnly} class="grid">
        <legend>Playbook</legend>
        <Field label="Name" error={err('name')}>
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              value={draft.name}
              onInput={(e) => patch({ name: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          label="Id"
          error={err('id')}
          hint={idEditable ? 'Lower-case letters, digits, “.”, “_”, “-”.' : 'Fixed once saved.'}
        >
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              value={draft.id}
              readOnly={!idEditable}
              onInput={(e) => patch({ id: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Description" error={err('description')} wide>
          {(id, describedBy) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={2}
              value={draft.description ?? ''}
              onInput={(e) => patch({ description: e.currentTarget.value || undefined })}
            />
          )}
        </Field>
        <Field label="Language" error={err('locale')}>
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              value={draft.locale ?? 'en'}
              onInput={(e) => patch({ locale: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          label="Priority"
          error={err('match.priority')}
          hint="Higher wins when several playbooks match."
        >
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="number"
              step={1}
              value={match.priority ?? 0}
              onInput={(e) => patchMatch({ priority: parseNumberInput(e.currentTarget.value) })}
            />
          )}
        </Field>
        <TicketCriteria
          labels={{
            types: 'Used for ticket types',
            typesHint: 'Comma-separated, e.g. refund, billing',
            tags: '…or tags',
            keywords: '…or keywords in the customer’s message',
          }}
          criteria={match}
          errorAt={(field) => err(`match.${field}`)}
          onPatch={patchMatch}
        />
      </fieldset>

      <fieldset disabled={readOnly} class="steps">
        <legend>Steps</legend>
        {err('steps') && <p class="field-error">{err('steps')}</p>}
        <p class="muted">Drag a step by its handle, or press Alt+↑ / Alt+↓ in any of its fields.</p>
        <ol ref={listRef}>
          {draft.steps.map((step, index) => (
            <StepEditor
              key={index}
              step={step}
              index={index}
              count={draft.steps.length}
              overrides={props.stepOverrides?.get(step.id)}
              err={(path) => err(`steps[${index}]${path ? `.${path}` : ''}`)}
              onPatch={(fields) => patchStep(index, fields)}
              onCheck={(check) => patchCheck(index, check)}
              onMove={(to, focus) => moveStep(index, to, focus)}
              onRemove={() => patch({ steps: draft.steps.filter((_, at) => at !== index) })}
              dragging={dragFrom === index}
              onDragStart={() => setDragFrom(index)}
              onDragEnd={() => setDragFrom(null)}
              onDrop={() => {
                if (dragFrom !== null) moveStep(dragFrom, index);
                setDragFrom(null);
              }}
            />
          ))}
        </ol>
        {!readOnly && (
          <button
            type="button"
            data-testid="add-step"
            onClick={() => {
              patch({ steps: [...draft.steps, newStep(draft.steps)] });
              requestAnimationFrame(() =>
                listRef.current?.querySelector<HTMLInputElement>('li:last-child input[name=title]')?.focus(),
              );
            }}
          >
            Add step
          </button>
        )}
      </fieldset>

      {unplacedErrors(errors, shown).length > 0 && (
        <ul class="field-error">
          {unplacedErrors(errors, shown).map((problem) => (
            <li key={problem.path}>
              {problem.path || 'playbook'}: {problem.message}
            </li>
          ))}
        </ul>
      )}

      <TryIt playbook={validation.ok ? validation.playbook : undefined} />
    </section>
  );
}

interface StepEditorProps {
  step: StepDraft;
  index: number;
  count: number;
  overrides?: OverriddenStep;
  err: (path: string) => string | undefined;
  onPatch: (fields: Partial<StepDraft>) => void;
  onCheck: (check: CheckDraft) => void;
  /** Moves the step; `focus` is a test id or the index of the control (FOCUSABLE) to focus after. */
  onMove: (to: number, focus?: string | number) => void;
  onRemove: () => void;
  dragging: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDrop: () => void;
}

function StepEditor(props: StepEditorProps) {
  const { step, index, err } = props;
  const check = step.check;
  const when = step.when ?? {};
  const patchWhen = (fields: Partial<NonNullable<StepDraft['when']>>) => {
    const next = { ...when, ...fields };
    const empty = !next.types?.length && !next.tags?.length && !next.keywords?.length;
    props.onPatch({ when: empty ? undefined : next });
  };
  return (
    <li
      class={`step-card${props.dragging ? ' dragging' : ''}${err('') ? ' invalid' : ''}`}
      data-testid="editor-step"
      data-step-id={step.id}
      aria-label={`Step ${index + 1} of ${props.count}: ${step.title || step.id}`}
      onKeyDown={(event) => {
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        event.preventDefault();
        // Alt+Arrow from any control of the step moves it, and the focus stays on that control.
        const controls = [...event.currentTarget.querySelectorAll(FOCUSABLE)];
        const at = controls.indexOf(event.target as Element);
        props.onMove(index + (event.key === 'ArrowUp' ? -1 : 1), at === -1 ? undefined : at);
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        props.onDrop();
      }}
    >
      <div class="step-head">
        <span
          class="handle"
          draggable
          title="Drag to reorder"
          aria-hidden="true"
          onDragStart={(event) => {
            event.dataTransfer?.setData('text/plain', step.id);
            props.onDragStart();
          }}
          onDragEnd={props.onDragEnd}
        >
          ⠿
        </span>
        <strong>
          {index + 1}. {step.title || 'Untitled step'}
        </strong>
        <StepOverrideCount counts={props.overrides} />
        <span class="spacer" />
        <button
          type="button"
          data-testid="move-step-up"
          aria-label={`Move step ${index + 1} up`}
          disabled={index === 0}
          onClick={() => props.onMove(index - 1, 'move-step-up')}
        >
          ↑
        </button>
        <button
          type="button"
          data-testid="move-step-down"
          aria-label={`Move step ${index + 1} down`}
          disabled={index === props.count - 1}
          onClick={() => props.onMove(index + 1, 'move-step-down')}
        >
          ↓
        </button>
        <button
          type="button"
          class="danger"
          data-testid="remove-step"
          aria-label={`Remove step ${index + 1}`}
          onClick={props.onRemove}
        >
          Remove
        </button>
      </div>
      <div class="grid">
        <Field label="Title" error={err('title')}>
          {(id, describedBy) => (
            <input
              id={id}
              name="title"
              aria-describedby={describedBy}
              value={step.title}
              onInput={(e) => props.onPatch({ title: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Step id" error={err('id')}>
          {(id, describedBy) => (
            <input
              id={id}
              name="step-id"
              aria-describedby={describedBy}
              value={step.id}
              onInput={(e) => props.onPatch({ id: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Severity" error={err('severity')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={step.severity ?? 'required'}
              onChange={(e) => props.onPatch({ severity: e.currentTarget.value as StepDraft['severity'] })}
            >
              <option value="critical">Critical — a miss scores the reply 0</option>
              <option value="required">Required</option>
              <option value="recommended">Recommended — counts, never blocks</option>
            </select>
          )}
        </Field>
        <Field label="Weight" error={err('weight')}>
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="number"
              min={0}
              max={100}
              step="any"
              value={step.weight ?? 1}
              onInput={(e) => props.onPatch({ weight: parseNumberInput(e.currentTarget.value) })}
            />
          )}
        </Field>
        <Field label="Guidance for the agent" error={err('guidance')} wide>
          {(id, describedBy) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={2}
              value={step.guidance ?? ''}
              onInput={(e) => props.onPatch({ guidance: e.currentTarget.value || undefined })}
            />
          )}
        </Field>
        <Field label="Check" error={err('check.kind')}>
          {(id, describedBy) => (
            <select
              id={id}
              data-testid="check-kind"
              aria-describedby={describedBy}
              value={check.kind}
              onChange={(e) => props.onCheck(changeCheckKind(check, e.currentTarget.value as CheckKind))}
            >
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {CHECK_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CheckFields
          check={check}
          err={(path) => err(path ? `check.${path}` : 'check')}
          onCheck={props.onCheck}
        />
        <Field
          label="Snippet the agent can insert"
          error={err('snippet')}
          hint="{{customer.firstName}} and other ticket variables are filled in."
          wide
        >
          {(id, describedBy) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={2}
              value={step.snippet ?? ''}
              onInput={(e) => props.onPatch({ snippet: e.currentTarget.value || undefined })}
            />
          )}
        </Field>
        <details class="field-wide" open={Boolean(step.when)}>
          <summary>Only when… (otherwise the step always applies)</summary>
          <div class="grid">
            <TicketCriteria
              labels={{
                types: 'Ticket types',
                typesHint: 'Comma-separated',
                tags: 'Tags',
                keywords: 'Keywords in the customer’s message',
              }}
              criteria={when}
              errorAt={(field) => err(`when.${field}`)}
              onPatch={patchWhen}
            />
          </div>
        </details>
      </div>
    </li>
  );
}

/** Ticket types, tags and keywords: what a playbook matches, and when a step applies. */
function TicketCriteria(props: {
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

function CheckFields(props: {
  check: CheckDraft;
  err: (path: string) => string | undefined;
  onCheck: (check: CheckDraft) => void;
}) {
  const { check, err, onCheck } = props;
  switch (check.kind) {
    case 'greeting':
    case 'closing':
      return (
        <>
          {check.kind === 'greeting' && (
            <div class="field checkbox">
              <label>
                <input
                  type="checkbox"
                  checked={check.useName ?? false}
                  onChange={(e) => onCheck({ ...check, useName: e.currentTarget.checked })}
                />{' '}
                Must use the customer’s name
              </label>
            </div>
          )}
          <LinesField
            label={check.kind === 'greeting' ? 'Greeting words' : 'Sign-off words'}
            error={err('words')}
            hint="One per line; empty uses Keel’s list."
            value={check.words ?? []}
            onChange={(words) => onCheck({ ...check, words: words.length ? words : undefined })}
          />
        </>
      );
    case 'phrase':
      return (
        <>
          <Field label="Where" error={err('where')}>
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={check.where ?? 'anywhere'}
                onChange={(e) =>
                  onCheck({ ...check, where: e.currentTarget.value as 'opening' | 'closing' | 'anywhere' })
                }
              >
                <option value="anywhere">Anywhere in the reply</option>
                <option value="opening">In the opening</option>
                <option value="closing">In the closing</option>
              </select>
            )}
          </Field>
          <LinesField
            label="Any of these phrases"
            error={err('any')}
            hint="One per line. Words, not patterns: “apologi*” matches a prefix."
            value={check.any}
            onChange={(any) => onCheck({ ...check, any })}
          />
        </>
      );
    case 'forbid':
      return (
        <LinesField
          label="None of these phrases"
          error={err('any')}
          hint="One per line. Negated uses (“we can’t guarantee”) are allowed."
          value={check.any}
          onChange={(any) => onCheck({ ...check, any })}
        />
      );
    case 'mention':
      return (
        <Field
          label="Ticket variable"
          error={err('variable')}
          hint="e.g. customer.firstName, ticket.id, order.number"
        >
          {(id, describedBy) => (
            <>
              <input
                id={id}
                aria-describedby={describedBy}
                list={`${id}-variables`}
                value={check.variable}
                onInput={(e) => onCheck({ ...check, variable: e.currentTarget.value })}
              />
              <datalist id={`${id}-variables`}>
                {VARIABLES.map((variable) => (
                  <option key={variable} value={variable} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      );
    case 'link':
      return (
        <LinesField
          label="Only links to these hosts"
          error={err('hosts')}
          hint="One per line; empty accepts any link."
          value={check.hosts ?? []}
          onChange={(hosts) => onCheck({ ...check, hosts: hosts.length ? hosts : undefined })}
        />
      );
    case 'length':
      return (
        <>
          <Field label="At least (words)" error={err('min') ?? err('')}>
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="number"
                min={0}
                step={1}
                value={check.min ?? ''}
                onInput={(e) => onCheck({ ...check, min: parseNumberInput(e.currentTarget.value) })}
              />
            )}
          </Field>
          <Field label="At most (words)" error={err('max')}>
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="number"
                min={0}
                step={1}
                value={check.max ?? ''}
                onInput={(e) => onCheck({ ...check, max: parseNumberInput(e.currentTarget.value) })}
              />
            )}
          </Field>
        </>
      );
    case 'expectation':
      return (
        <p class="muted field-wide">
          Passes when the reply commits to a time: “within 2 business days”, “by Friday”, a date.
        </p>
      );
    case 'placeholders':
      return <p class="muted field-wide">Fails while the reply still has {'{{…}}'}, [NAME] or XXX in it.</p>;
  }
}
