import { useMemo, useRef, useState } from 'preact/hooks';
import type { PlaybookSource } from '@/utils/config';
import type { Playbook } from '@/utils/playbook/schema';
import {
  type CheckDraft,
  moveItem,
  newStep,
  type PlaybookDraft,
  type StepDraft,
  unplacedErrors,
  validateDraft,
} from './draft';
import { Field, parseNumberInput } from './fields';
import { FOCUSABLE, StepEditor } from './StepEditor';
import { TicketCriteria } from './TicketCriteria';
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
}

/** Edits one playbook: its fields, its steps, and a live try-out of the draft. */
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
