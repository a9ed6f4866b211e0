import { Component } from 'preact';
import { useState } from 'preact/hooks';
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
  /** Inserts the step's snippet; the same function for every step and every render. */
  onInsert: (stepId: string) => void;
  /** The agent's correction of this step's verdict, if any. */
  override?: 'done' | 'na';
  /** Whether the agent may correct this step (a policy can forbid it on critical steps). */
  canOverride: boolean;
  /** Corrects (or, with null, undoes the correction of) a step's verdict; one function for all. */
  onOverride: (stepId: string, kind: 'done' | 'na' | null) => void;
}

/**
 * A step that renders again only when what it shows changed: a check while the agent types
 * usually moves one or two steps, and re-rendering all twelve cost the helpdesk page a frame's
 * worth of work each time.
 */
export class StepRow extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const now = this.props;
    return (Object.keys(next) as (keyof Props)[]).some((key) => now[key] !== next[key]);
  }

  override render() {
    return <StepItem {...this.props} />;
  }
}

/**
 * One playbook step. A miss shows in full: why, the guidance and a one-click fix. A step that
 * passed, does not apply or is still pending is one line (its mark and title), so the agent sees
 * the whole checklist at a glance; "Details" opens the guidance and the correction controls.
 */
export function StepItem({
  step,
  status,
  reason,
  canInsert,
  onInsert,
  override,
  canOverride,
  onOverride,
}: Props) {
  const [open, setOpen] = useState(false);
  const compact = status !== 'fail' && !override;
  const expanded = !compact || open;
  const detailsId = `keel-step-${step.id}`;
  const showInsert = canInsert && (status === 'fail' || status === 'pending');
  const insertButton = (
    <button
      type="button"
      class="button button--small"
      data-testid="insert-snippet"
      data-step-id={step.id}
      onClick={() => onInsert(step.id)}
      aria-label={t('insertSnippetFor', step.title)}
    >
      {t(expanded ? 'insertSnippet' : 'insertSnippetShort')}
    </button>
  );
  return (
    <li
      class={`step step--${status}${override ? ' step--overridden' : ''}${compact ? ' step--compact' : ''}`}
      data-testid="step"
      data-step-id={step.id}
      data-status={status}
      data-override={override}
      data-expanded={expanded}
    >
      <span class="step__icon" role="img" aria-label={t(STATUS_LABEL[status])}>
        {STATUS_ICON[status]}
      </span>
      <div class="step__body">
        <div class="step__title">
          <span class="step__name">
            {step.title}
            {step.severity === 'critical' && <span class="tag tag--critical">{t('severityCritical')}</span>}
            {expanded && step.severity === 'recommended' && (
              <span class="tag">{t('severityRecommended')}</span>
            )}
          </span>
          {compact && !open && showInsert && insertButton}
          {compact && (
            <button
              type="button"
              class="button button--link step__more"
              data-testid="step-details"
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={t('stepDetailsFor', step.title)}
              onClick={() => setOpen(!open)}
            >
              {t(open ? 'stepDetailsHide' : 'stepDetails')}
            </button>
          )}
        </div>
        {expanded && (
          <div id={detailsId}>
            {step.guidance && status !== 'pass' && <p class="step__guidance">{step.guidance}</p>}
            {(status === 'fail' || status === 'na') && reason && (
              <p class={status === 'fail' ? 'step__reason' : 'step__guidance'}>{reason}</p>
            )}
            {showInsert && insertButton}
            {override ? (
              <p class="step__override">
                {t(override === 'done' ? 'overriddenDone' : 'overriddenNa')}{' '}
                <button type="button" class="button button--link" onClick={() => onOverride(step.id, null)}>
                  {t('overrideUndo')}
                </button>
              </p>
            ) : !canOverride ? (
              (status === 'fail' || status === 'pass') && (
                <p class="step__override step__override--locked" data-testid="override-locked">
                  {t('overrideForbidden')}
                </p>
              )
            ) : (
              (status === 'fail' || status === 'pass') && (
                <p class="step__override">
                  {status === 'fail' && (
                    <button
                      type="button"
                      class="button button--link"
                      data-testid="override-done"
                      onClick={() => onOverride(step.id, 'done')}
                    >
                      {t('overrideDone')}
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    class="button button--link"
                    data-testid="override-na"
                    onClick={() => onOverride(step.id, 'na')}
                  >
                    {t('overrideNa')}
                  </button>
                </p>
              )
            )}
          </div>
        )}
      </div>
    </li>
  );
}
