import type { StepStatus } from '@/utils/checker/types';
import { type MessageKey, t } from '@/utils/i18n';
import type { PlaybookStep } from '@/utils/playbook/schema';

const STATUS_LABEL: Record<StepStatus, MessageKey> = {
  pass: 'stepPass',
  fail: 'stepFail',
  na: 'stepNa',
  pending: 'stepPending',
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
      <span class="step__icon" role="img" aria-label={t(STATUS_LABEL[status])}>
        {STATUS_ICON[status]}
      </span>
      <div class="step__body">
        <div class="step__title">
          {step.title}
          {step.severity === 'critical' && <span class="tag tag--critical">{t('severityCritical')}</span>}
          {step.severity === 'recommended' && <span class="tag">{t('severityRecommended')}</span>}
        </div>
        {step.guidance && status !== 'pass' && <p class="step__guidance">{step.guidance}</p>}
        {(status === 'fail' || status === 'na') && reason && (
          <p class={status === 'fail' ? 'step__reason' : 'step__guidance'}>{reason}</p>
        )}
        {canInsert && (status === 'fail' || status === 'pending') && (
          <button
            type="button"
            class="button button--small"
            data-testid="insert-snippet"
            data-step-id={step.id}
            onClick={onInsert}
            aria-label={t('insertSnippetFor', step.title)}
          >
            {t('insertSnippet')}
          </button>
        )}
      </div>
    </li>
  );
}
