import type { AgentFigures, MissedStep, PlaybookFigures } from '../../utils/store/summary';
import type { PlaybookLabels } from './labels';

function Meter({ value }: { value: number }) {
  return (
    <span class="meter" aria-hidden="true">
      <span class="meter-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
    </span>
  );
}

export function ByPlaybook({ rows, labels }: { rows: PlaybookFigures[]; labels: PlaybookLabels }) {
  return (
    <section class="card">
      <h2>By playbook</h2>
      <ul class="rows" data-testid="by-playbook">
        {rows.map((row) => (
          <li
            key={row.playbookId}
            class="row"
            data-playbook-id={row.playbookId}
            data-count={row.count}
            data-adherence={row.adherence}
          >
            <span class="row-name" title={row.playbookId}>
              {labels.playbook(row.playbookId)}
            </span>
            <span class="row-count">{row.count}</span>
            <Meter value={row.adherence} />
            <span class="row-value">{row.adherence}%</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AgentChange({ change }: { change: number | undefined }) {
  if (change === undefined) return <span class="row-change muted">new</span>;
  const wording = change === 0 ? 'no change' : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)} points`;
  return (
    <span
      class={`row-change ${change > 0 ? 'up' : change < 0 ? 'down' : 'flat'}`}
      data-testid="agent-change"
      data-value={change}
      title={`Adherence ${wording} on the previous period`}
    >
      {change > 0 ? '▲' : change < 0 ? '▼' : '＝'}
      {Math.abs(change)}
    </span>
  );
}

export function MissedSteps({
  rows,
  labels,
  onOpen,
}: {
  rows: MissedStep[];
  labels: PlaybookLabels;
  onOpen?: (row: MissedStep) => void;
}) {
  return (
    <section class="card">
      <h2>Most-missed steps</h2>
      {rows.length === 0 ? (
        <p class="muted">No step was missed in this period.</p>
      ) : (
        <ul class="rows">
          {rows.slice(0, 6).map((row) => (
            <li
              key={`${row.playbookId}/${row.stepId}`}
              class="row missed"
              data-testid="missed-step"
              data-playbook-id={row.playbookId}
              data-step-id={row.stepId}
              data-misses={row.misses}
              data-applicable={row.applicable}
              onClick={() => onOpen?.(row)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onOpen?.(row);
              }}
              title="Show the replies that missed it"
            >
              <span class="row-name">
                {labels.step(row.playbookId, row.stepId)}
                <small>{labels.playbook(row.playbookId)}</small>
              </span>
              <span class="row-value" title={`${row.misses} of ${row.applicable} replies where it applied`}>
                {row.misses}/{row.applicable}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ByAgent({ rows, changes }: { rows: AgentFigures[]; changes?: Map<string, number> }) {
  return (
    <section class="card">
      <h2>By agent</h2>
      <ul class="rows" data-testid="by-agent">
        {rows.map((row) => (
          <li
            key={row.agent}
            class="row"
            data-agent={row.agent}
            data-count={row.count}
            data-adherence={row.adherence}
          >
            <span class="row-name">{row.agent || <em>Unknown agent</em>}</span>
            <span class="row-count">{row.count}</span>
            <Meter value={row.adherence} />
            <span class="row-value">{row.adherence}%</span>
            <AgentChange change={changes?.get(row.agent)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
