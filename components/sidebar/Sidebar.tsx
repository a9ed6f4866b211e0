import { useState } from 'preact/hooks';
import type { StepStatus } from '@/utils/checker/types';
import type { SidebarSession } from '@/utils/sidebar/session';
import { StepItem } from './StepItem';
import { useObservable } from './useObservable';

const STATUS_TEXT = {
  ok: 'Reading this ticket',
  outdated: 'This helpdesk page changed: Keel cannot read it safely.',
  'no-editor': 'Open the reply editor to start checking.',
} as const;

/** The agent's checklist, docked to the right of the helpdesk. */
export function Sidebar({ session }: { session: SidebarSession }) {
  const state = useObservable(session.state);
  const [collapsed, setCollapsed] = useState(false);
  const { status, ticket, playbook, playbooks, result } = state;
  const score = result?.score ?? null;
  const resultByStep = new Map(result?.steps.map((s) => [s.stepId, s]) ?? []);
  const firstCritical = result?.steps.find((s) => s.status === 'fail' && s.severity === 'critical');

  return (
    <aside class={`keel ${collapsed ? 'keel--collapsed' : ''}`} aria-label="Keel playbook checklist">
      <header class="keel__header">
        <span class="keel__logo" aria-hidden="true">
          ⚓
        </span>
        <span class="keel__brand">Keel</span>
        <output
          class={`score ${score === null ? 'score--none' : score >= 80 ? 'score--good' : score >= 50 ? 'score--fair' : 'score--poor'}`}
          data-testid="score"
          data-score={score ?? 0}
          aria-label={score === null ? 'No score yet' : `Score ${score} of 100`}
        >
          {score === null ? '—' : score}
        </output>
        <button
          type="button"
          class="icon-button"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the Keel checklist' : 'Hide the Keel checklist'}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? '‹' : '›'}
        </button>
      </header>
      <div class="keel__content" hidden={collapsed}>
        <p
          class={`status status--${status.state}`}
          data-testid="adapter-status"
          data-state={status.state}
          role={status.state === 'ok' ? undefined : 'alert'}
          hidden={status.state === 'ok'}
        >
          {STATUS_TEXT[status.state]}
          {status.missing.length > 0 && ` Not found: ${status.missing.join(', ')}.`}
        </p>
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
            <p class="playbook__reason">Why: {state.reason}</p>
            <label class="field">
              <span>Playbook for this ticket</span>
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
            {firstCritical && (
              <p class="critical" role="alert">
                Score is 0: “{firstCritical.title}” is critical. {firstCritical.reason}
              </p>
            )}
            <ol class="steps" aria-label="Playbook steps">
              {playbook.steps.map((step) => {
                const stepResult = resultByStep.get(step.id);
                const stepStatus: StepStatus = stepResult?.status ?? 'pending';
                return (
                  <StepItem
                    key={step.id}
                    step={step}
                    status={stepStatus}
                    reason={stepResult?.reason}
                    canInsert={Boolean(step.snippet) && status.state === 'ok'}
                    onInsert={() => session.insertSnippet(step.id)}
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
        <footer class="keel__footer">
          <SendStatus send={state.send} />
          {ticket && playbook && status.state === 'ok' && (
            <button
              type="button"
              class="button button--quiet"
              data-testid="log-reply"
              onClick={() => void session.logReplyByHand()}
            >
              Record this reply by hand
            </button>
          )}
        </footer>
      </div>
    </aside>
  );
}

function SendStatus({ send }: { send: ReturnType<SidebarSession['state']['get']>['send'] }) {
  if (send.state === 'idle') return null;
  if (send.state === 'saving') return <p role="status">Recording the reply…</p>;
  if (send.state === 'saved')
    return (
      <p role="status" class="saved" data-testid="send-status" data-state="saved">
        Reply recorded: score {send.score}.
      </p>
    );
  return (
    <p role="alert" class="error" data-testid="send-status" data-state="error">
      {send.message}
    </p>
  );
}
