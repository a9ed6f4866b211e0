import type { StepStatus } from '@/utils/checker/types';
import type { PlaybookStep } from '@/utils/playbook/schema';

const STATUS_LABEL: Record<StepStatus, string> = {
  pass: 'Done',
  fail: 'Missing',
  na: 'Not needed here',
  pending: 'Not checked yet',
};

const STATUS_ICON: Record<StepStatus, string> = { pass: '✓', fail: '!', na: '–', pending: '○' };

interface Props {
  step: PlaybookStep;
  status: StepStatus;
  reason?: string;
  canInsert: boolean;
  onInsert: () => void;
}

/** One playbook step: its status at a glance, and for a miss, why and a one-click fix. */
export function StepItem({ step, status, reason, canInsert, onInsert }: Props) {
  return (
    <li class={`step step--${status}`} data-testid="step" data-step-id={step.id} data-status={status}>
      <span class="step__icon" role="img" aria-label={STATUS_LABEL[status]}>
        {STATUS_ICON[status]}
      </span>
      <div class="step__body">
        <div class="step__title">
          {step.title}
          {step.severity !== 'required' && <span class={`tag tag--${step.severity}`}>{step.severity}</span>}
        </div>
        {step.guidance && status !== 'pass' && <p class="step__guidance">{step.guidance}</p>}
        {status === 'fail' && reason && <p class="step__reason">{reason}</p>}
        {status === 'na' && reason && <p class="step__guidance">{reason}</p>}
        {canInsert && status !== 'pass' && status !== 'na' && (
          <button
            type="button"
            class="button button--small"
            data-testid="insert-snippet"
            data-step-id={step.id}
            onClick={onInsert}
            aria-label={`Insert snippet for: ${step.title}`}
          >
            Insert snippet
          </button>
        )}
      </div>
    </li>
  );
}
