import type { ComponentChildren } from 'preact';
import type { AgentFigures, MissedStep, PlaybookFigures } from '../../utils/store/summary';
import type { PlaybookLabels } from './labels';

function Meter({ value }: { value: number }) {
  return (
    <span class="meter" aria-hidden="true">
      <span class="meter-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
    </span>
  );
}

/** One row of a breakdown: its name, reply count, adherence as a meter and a figure, then `children`. */
function FiguresRow({
  row,
  data,
  name,
  nameTitle,
  children,
}: {
  row: { count: number; adherence: number };
  data: Record<`data-${string}`, string>;
  name: ComponentChildren;
  nameTitle?: string;
  children?: ComponentChildren;
}) {
  return (
    <li class="row" {...data} data-count={row.count} data-adherence={row.adherence}>
      <span class="row-name" title={nameTitle}>
        {name}
      </span>
      <span class="row-count">{row.count}</span>
      <Meter value={row.adherence} />
      <span class="row-value">{row.adherence}%</span>
      {children}
    </li>
  );
}

export function ByPlaybook({ rows, labels }: { rows: PlaybookFigures[]; labels: PlaybookLabels }) {
  return (
    <section class="card">
      <h2>By playbook</h2>
      <ul class="rows" data-testid="by-playbook">
        {rows.map((row) => (
          <FiguresRow
            key={row.playbookId}
            row={row}
            data={{ 'data-playbook-id': row.playbookId }}
            name={labels.playbook(row.playbookId)}
            nameTitle={row.playbookId}
          />
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
          <FiguresRow
            key={row.agent}
            row={row}
            data={{ 'data-agent': row.agent }}
            name={row.agent || <em>Unknown agent</em>}
          >
            <AgentChange change={changes?.get(row.agent)} />
          </FiguresRow>
        ))}
      </ul>
    </section>
  );
}
