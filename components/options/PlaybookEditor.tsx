import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PlaybookSource } from '@/utils/config/in-force';
import type { Playbook } from '@/utils/playbook/schema';
import type { OverriddenStep } from '@/utils/store/summary';
import {
  type CheckDraft,
  moveItem,
  newStep,
  type PlaybookDraft,
  playbookIdFromName,
  retitleStep,
  type StepDraft,
  unplacedErrors,
  validateDraft,
} from './draft';
import { PlaybookFields } from './PlaybookFields';
import { FOCUSABLE, StepEditor } from './StepEditor';
import { initialSaveState, nextSaveState, type SaveEvent, saveButton, saveMessage } from './saveState';
import { TRY_IT_ID, TryIt } from './TryIt';
import './editor-layout.css';

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
  /** Ids of the playbooks in force: a new playbook's id made from its name avoids them. */
  takenIds: readonly string[];
  /** The editor reopened after a save of this playbook: it says so until the next change. */
  justSaved?: boolean;
  /** How often agents overrode each step, by step id (useStepOverrides); shown beside the step. */
  stepOverrides?: ReadonlyMap<string, OverriddenStep>;
}

/** Edits one playbook: its fields, its steps, and a live try-out of the draft. */
export function PlaybookEditor(props: EditorProps) {
  const readOnly = props.source === 'managed';
  const [draft, setDraftState] = useState<PlaybookDraft>(() => structuredClone(props.initial));
  // Moves are announced here; the save's own message comes from saveState.
  const [announcement, setAnnouncement] = useState('');
  const [saveState, setSaveState] = useState(() => initialSaveState(props.justSaved === true));
  const dispatch = (event: SaveEvent) => setSaveState((state) => nextSaveState(state, event));
  // A new playbook's id is made from its name, and a new step's from its title, until the
  // author types the id or saves (the editor then reopens with what was stored).
  const [idFollowsName, setIdFollowsName] = useState(props.source === 'new');
  const [followingSteps, setFollowingSteps] = useState<ReadonlySet<string>>(() => new Set());
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Reopened after a save, the editor that had the focus is gone: keep the keyboard in the editor.
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (props.justSaved && lost) headingRef.current?.focus();
  }, []);
  const validation = useMemo(() => validateDraft(draft), [draft]);
  const errors = validation.errors;
  const shown = new Set<string>();
  const err = (path: string) => {
    shown.add(path);
    return errors.get(path);
  };

  const setDraft = (next: PlaybookDraft) => {
    setDraftState(next);
    setAnnouncement('');
    dispatch({ type: 'edit' });
    props.onDirtyChange(true);
  };
  const patch = (fields: Partial<PlaybookDraft>) => setDraft({ ...draft, ...fields });
  const rename = (name: string) =>
    patch(idFollowsName ? { name, id: playbookIdFromName(name, props.takenIds) } : { name });
  const changeId = (id: string) => {
    setIdFollowsName(false);
    patch({ id });
  };
  const patchStep = (index: number, fields: Partial<StepDraft>) => {
    if (fields.title !== undefined) {
      const retitled = retitleStep(draft.steps, index, fields.title, followingSteps);
      setFollowingSteps(retitled.following);
      patch({ steps: retitled.steps });
      return;
    }
    const before = draft.steps[index];
    if (fields.id !== undefined && before && followingSteps.has(before.id)) {
      setFollowingSteps(new Set([...followingSteps].filter((id) => id !== before.id)));
    }
    patch({ steps: draft.steps.map((step, at) => (at === index ? { ...step, ...fields } : step)) });
  };
  const patchCheck = (index: number, check: CheckDraft) => patchStep(index, { check });

  const moveStep = (from: number, to: number, focus?: string | number) => {
    const moved = draft.steps[from];
    if (!moved || to < 0 || to >= draft.steps.length) return;
    patch({ steps: moveItem(draft.steps, from, to) });
    setAnnouncement(`Moved “${moved.title || moved.id}” to position ${to + 1} of ${draft.steps.length}.`);
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
    dispatch({ type: 'save' });
    setAnnouncement('');
    try {
      await props.onSave(validation.playbook, props.initial.id);
      props.onDirtyChange(false);
      dispatch({ type: 'saved' });
    } catch (error) {
      dispatch({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const saveControl = saveButton(saveState, { valid: validation.ok, isNew: props.source === 'new' });
  const removeStep = (index: number) => {
    const removed = draft.steps[index];
    if (removed) setFollowingSteps(new Set([...followingSteps].filter((id) => id !== removed.id)));
    patch({ steps: draft.steps.filter((_, at) => at !== index) });
  };
  const addStep = () => {
    const added = newStep(draft.steps);
    setFollowingSteps(new Set([...followingSteps, added.id]));
    patch({ steps: [...draft.steps, added] });
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLInputElement>('li:last-child input[name=title]')?.focus(),
    );
  };
  const goToTryIt = (event: MouseEvent) => {
    event.preventDefault();
    const panel = document.getElementById(TRY_IT_ID);
    panel?.scrollIntoView({ block: 'start' });
    panel?.querySelector<HTMLTextAreaElement>('[data-testid=try-reply]')?.focus({ preventScroll: true });
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
      <div class="editor-form">
        <header class="editor-head">
          <div>
            <h2 ref={headingRef} tabIndex={-1}>
              {draft.name || draft.id}
            </h2>
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
                data-state={saveState.phase}
                disabled={saveControl.disabled}
                onClick={save}
              >
                {saveControl.label}
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
            <a class="try-it-link" href={`#${TRY_IT_ID}`} onClick={goToTryIt}>
              Try it ↓
            </a>
          </div>
        </header>
        <p class="status" role="status" aria-live="polite" data-testid="save-status">
          {!validation.ok && !readOnly
            ? `${errors.size} ${errors.size === 1 ? 'problem' : 'problems'} to fix before saving.`
            : announcement || saveMessage(saveState)}
        </p>

        <PlaybookFields
          draft={draft}
          readOnly={readOnly}
          idEditable={idEditable}
          idFollowsName={idFollowsName && idEditable}
          err={err}
          onName={rename}
          onId={changeId}
          onPatch={patch}
        />

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
                onRemove={() => removeStep(index)}
                idFollowsTitle={followingSteps.has(step.id)}
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
            <button type="button" data-testid="add-step" onClick={addStep}>
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
      </div>

      <TryIt playbook={validation.ok ? validation.playbook : undefined} />
    </section>
  );
}
