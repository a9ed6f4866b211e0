import type { ComponentChildren } from 'preact';
import { useCallback } from 'preact/hooks';
import { isAgentClick } from '@/utils/adapters/trust';
import type { StepStatus } from '@/utils/checker/types';
import { t } from '@/utils/i18n';
import type { SidebarLayoutController } from '@/utils/sidebar/layout';
import type { SendState, SidebarSession } from '@/utils/sidebar/session';
import { PageHealth, PageMenu } from './PageMenu';
import { ResizeHandle } from './ResizeHandle';
import { StepRow } from './StepItem';
import { UnrecordedSends } from './Unrecorded';
import { useObservable } from './useObservable';

const scoreClass = (score: number | null) =>
  score === null ? 'score--none' : score >= 80 ? 'score--good' : score >= 50 ? 'score--fair' : 'score--poor';

/** The agent's checklist, docked to the right of the helpdesk. */
export function Sidebar({
  session,
  layout,
  extra,
}: {
  session: SidebarSession;
  layout: SidebarLayoutController;
  /** Above the checklist: a custom site's sends waiting for the agent's word (custom sites only). */
  extra?: ComponentChildren;
}) {
  const state = useObservable(session.state);
  // One function for every step and render, so a step whose status did not change is not re-rendered.
  const insertSnippet = useCallback((stepId: string) => session.insertSnippet(stepId), [session]);
  const overrideStep = useCallback(
    (stepId: string, kind: 'done' | 'na' | null) => session.overrideStep(stepId, kind),
    [session],
  );
  const { width, collapsed } = useObservable(layout.layout);
  const { status, ticket, playbook, playbooks, result } = state;
  const score = result?.score ?? null;
  const resultByStep = new Map(result?.steps.map((s) => [s.stepId, s]) ?? []);
  const firstCritical = result?.steps.find((s) => s.status === 'fail' && s.severity === 'critical');

  return (
    <aside
      class={`keel ${collapsed ? 'keel--collapsed' : ''}`}
      style={{ '--keel-width': `${width}px` }}
      aria-label={t('sidebarLabel')}
      data-collapsed={collapsed}
    >
      {!collapsed && <ResizeHandle width={width} onResize={(next) => layout.setWidth(next)} />}
      <header class="keel__header">
        <span class="keel__brand">Keel</span>
        <output
          class={`score ${scoreClass(score)}`}
          data-testid="score"
          data-score={score ?? 0}
          aria-label={score === null ? t('scoreNone') : t('scoreValue', score)}
          title={score === null ? t('scoreNone') : t('scoreValue', score)}
        >
          {score === null ? '—' : score}
        </output>
        {!collapsed && <PageMenu session={session} />}
        <button
          type="button"
          class="icon-button"
          data-testid="toggle-sidebar"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('show') : t('hide')}
          title={`${collapsed ? t('show') : t('hide')} (Alt+Shift+K)`}
          onClick={() => layout.toggle()}
        >
          <span aria-hidden="true">{collapsed ? '‹' : '›'}</span>
        </button>
      </header>
      <div class="keel__content" hidden={collapsed}>
        {/* At the top, where the agent looks after Send: the footer is off screen on a long playbook. */}
        <SendStatus send={state.send} />
        {extra}
        <p
          class={`status status--${status.state}`}
          data-testid="adapter-status"
          data-state={status.state}
          role={status.state === 'ok' ? undefined : 'alert'}
          hidden={status.state === 'ok'}
        >
          {status.state === 'outdated'
            ? t('statusOutdated')
            : status.state === 'no-editor'
              ? t('statusNoEditor')
              : ''}
          {status.missing.length > 0 && ` ${t('statusMissing', status.missing.join(', '))}`}
        </p>
        {status.state === 'ok' && <PageHealth unread={status.unread} />}
        {ticket && (
          <p class="ticket">
            {state.adapter.name} · #{ticket.ticketId}
            {ticket.type && <span class="tag">{ticket.type}</span>}
          </p>
        )}
        {playbook && (
          <section class="playbook" aria-labelledby="keel-playbook-name">
            <h2 id="keel-playbook-name" class="playbook__name" data-testid="playbook-name">
              {playbook.name}
            </h2>
            <p class="playbook__reason">
              {state.lowConfidence ? (
                <strong class="playbook__guess" data-testid="best-guess">
                  {t('bestGuess')}{' '}
                </strong>
              ) : null}
              {t('playbookWhy', state.reason)}
            </p>
            <label class="field">
              <span>{t('playbookSelect')}</span>
              <select
                data-testid="playbook-select"
                value={playbook.id}
                onChange={(event) => void session.switchPlaybook(event.currentTarget.value)}
              >
                {playbooks.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            {state.internalNote && (
              <p class="notice" role="status" data-testid="internal-note">
                {t('internalNote')}
              </p>
            )}
            {firstCritical && (
              <p class="critical" role="alert" data-testid="critical-miss">
                {t('criticalMiss', firstCritical.title, firstCritical.reason ?? '')}
              </p>
            )}
            {state.forbidden.length > 0 && (
              <div class="forbidden" data-testid="forbidden-phrases" data-highlighted={state.highlighted}>
                <span>{t('forbiddenTitle')}:</span>
                <ul>
                  {state.forbidden.map((phrase) => (
                    <li key={phrase}>
                      <mark>{phrase}</mark>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <ol class="steps" aria-label={t('stepsLabel')}>
              {playbook.steps.map((step) => {
                const stepResult = resultByStep.get(step.id);
                const stepStatus: StepStatus = stepResult?.status ?? 'pending';
                return (
                  <StepRow
                    key={step.id}
                    step={step}
                    status={stepStatus}
                    reason={stepResult?.reason}
                    canInsert={Boolean(step.snippet) && status.state === 'ok'}
                    onInsert={insertSnippet}
                    override={stepResult?.override}
                    canOverride={session.canOverride(step)}
                    onOverride={overrideStep}
                  />
                );
              })}
            </ol>
          </section>
        )}
        {state.notice && (
          <p class="notice" role="status">
            {state.notice}
          </p>
        )}
        <UnrecordedSends />
        <footer class="keel__footer">
          {ticket && playbook && status.state === 'ok' && (
            <button
              type="button"
              class="button button--quiet"
              data-testid="log-reply"
              onClick={(event) => {
                // The page's script can reach this open shadow root: only the agent's click records.
                if (isAgentClick(event)) void session.logReplyByHand();
              }}
            >
              {t('logReply')}
            </button>
          )}
        </footer>
      </div>
    </aside>
  );
}

function SendStatus({ send }: { send: SendState }) {
  if (send.state === 'idle') return null;
  if (send.state === 'saving')
    return (
      <p role="status" class="send-status">
        {t('recording')}
      </p>
    );
  if (send.state === 'saved')
    return (
      <p role="status" class="send-status saved" data-testid="send-status" data-state="saved">
        {t('recorded', send.score)}
      </p>
    );
  return (
    <p role="alert" class="send-status error" data-testid="send-status" data-state="error">
      {send.message}
    </p>
  );
}
