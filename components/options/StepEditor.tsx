import type { CheckKind } from '@/utils/playbook/schema';
import type { OverriddenStep } from '@/utils/store/summary';
import { CheckFields } from './CheckFields';
import { CHECK_KIND_LABELS, type CheckDraft, changeCheckKind, type StepDraft } from './draft';
import { Field, parseNumberInput, TextField } from './fields';
import { StepOverrideCount } from './stepOverrides';
import { TicketCriteria } from './TicketCriteria';

const KINDS = Object.keys(CHECK_KIND_LABELS) as CheckKind[];
/** The controls of a step, in tab order: Alt+Arrow moves keep the focus on the same one. */
export const FOCUSABLE = 'input, select, textarea, button, summary';

export interface StepEditorProps {
  step: StepDraft;
  index: number;
  count: number;
  /** How often agents overrode this step (shown beside its title). */
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
  /** Whether the step's id is still made from its title (a new step whose id nobody typed). */
  idFollowsTitle?: boolean;
}

/** One step of the playbook: its head (move, remove) and its fields. */
export function StepEditor(props: StepEditorProps) {
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
        <TextField
          label="Title"
          error={err('title')}
          name="title"
          value={step.title}
          onInput={(title) => props.onPatch({ title })}
        />
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
        <TextField
          label="Guidance for the agent"
          error={err('guidance')}
          wide
          rows={2}
          value={step.guidance ?? ''}
          onInput={(guidance) => props.onPatch({ guidance: guidance || undefined })}
        />
        <TextField
          label="Snippet the agent can insert"
          error={err('snippet')}
          hint="{{customer.firstName}} and other ticket variables are filled in."
          wide
          rows={2}
          value={step.snippet ?? ''}
          onInput={(snippet) => props.onPatch({ snippet: snippet || undefined })}
        />
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
        <TextField
          label="Step id"
          error={err('id')}
          hint={props.idFollowsTitle ? 'Made from the title until you type one.' : undefined}
          name="step-id"
          value={step.id}
          onInput={(id) => props.onPatch({ id })}
        />
        <TextField
          label="Weight"
          error={err('weight')}
          hint="How much it counts in the score."
          type="number"
          min={0}
          max={100}
          step="any"
          value={step.weight ?? 1}
          onInput={(weight) => props.onPatch({ weight: parseNumberInput(weight) })}
        />
      </div>
    </li>
  );
}
