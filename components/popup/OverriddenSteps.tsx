import type { AgentFigures, OverriddenStep } from '../../utils/store/summary';
import type { PlaybookLabels } from './labels';

/** Steps shown per playbook: the ones agents override most, enough to see what to fix. */
const STEPS_PER_PLAYBOOK = 5;

/** Overridden steps grouped by playbook, playbooks with the most overrides first. */
export function byPlaybook(
  rows: readonly OverriddenStep[],
): { playbookId: string; steps: OverriddenStep[] }[] {
  const groups = new Map<string, { playbookId: string; steps: OverriddenStep[]; total: number }>();
  for (const row of rows) {
    const group = groups.get(row.playbookId) ?? { playbookId: row.playbookId, steps: [], total: 0 };
    group.steps.push(row);
    group.total += row.overrides;
    groups.set(row.playbookId, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.total - a.total || a.playbookId.localeCompare(b.playbookId))
    .map(({ playbookId, steps }) => ({
      playbookId,
      steps: [...steps].sort((a, b) => b.overrides - a.overrides || a.stepId.localeCompare(b.stepId)),
    }));
}

function kinds(row: OverriddenStep): string {
  const parts: string[] = [];
  if (row.done > 0) parts.push(`${row.done} “done in my own words”`);
  if (row.na > 0) parts.push(`${row.na} “not needed here”`);
  return parts.join(', ');
}

/**
 * Where agents disagree with the checker: per playbook, the steps they override most ("done in my
 * own words" usually means the step's phrases miss how agents say it; "not needed here", that its
 * `when` is too broad), and how often each agent overrides. From the summary's rollups.
 */
export function OverriddenSteps({
  rows,
  agents,
  labels,
}: {
  rows: readonly OverriddenStep[];
  agents: readonly AgentFigures[];
  labels: PlaybookLabels;
}) {
  const groups = byPlaybook(rows);
  const overriding = agents
    .filter((agent) => (agent.overrides ?? 0) > 0)
    .sort((a, b) => (b.overrides ?? 0) - (a.overrides ?? 0) || a.agent.localeCompare(b.agent));
  return (
    <section class="card" data-testid="overrides">
      <h2>Most-overridden steps</h2>
      {groups.length === 0 ? (
        <p class="muted">No agent overrode a step in this period.</p>
      ) : (
        <>
          {groups.map((group) => (
            <div key={group.playbookId} data-testid="overrides-playbook" data-playbook-id={group.playbookId}>
              <h3 class="rows-title">{labels.playbook(group.playbookId)}</h3>
              <ul class="rows">
                {group.steps.slice(0, STEPS_PER_PLAYBOOK).map((row) => (
                  <li
                    key={row.stepId}
                    class="row overridden"
                    data-testid="overridden-step"
                    data-playbook-id={row.playbookId}
                    data-step-id={row.stepId}
                    data-overrides={row.overrides}
                    data-done={row.done}
                    data-na={row.na}
                  >
                    <span class="row-name">{labels.step(row.playbookId, row.stepId)}</span>
                    <span class="row-value" title={kinds(row)}>
                      {row.overrides}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <h3 class="rows-title">By agent</h3>
          <ul class="rows" data-testid="agent-overrides">
            {overriding.map((agent) => (
              <li
                key={agent.agent}
                class="row overridden"
                data-agent={agent.agent}
                data-overrides={agent.overrides}
                data-count={agent.count}
              >
                <span class="row-name">{agent.agent || <em>Unknown agent</em>}</span>
                <span class="row-value" title={`${agent.overrides} overrides in ${agent.count} replies`}>
                  {agent.overrides}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
