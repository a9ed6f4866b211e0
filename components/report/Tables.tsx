import type { AgentTrend } from '../../utils/store/agent-trends';
import type { AgentFigures, PlaybookFigures, Summary } from '../../utils/store/summary';
import type { PlaybookLabels } from '../popup/labels';
import { type TrendBucket, trendBuckets } from '../popup/trend';

/** An agent's adherence over the period as a small line (no axes: the table's columns say the scale). */
function Sparkline({ agent, buckets }: { agent: string; buckets: TrendBucket[] }) {
  const width = 120;
  const height = 28;
  const withData = buckets
    .map((b, i) => ({ i, adherence: b.adherence }))
    .filter((p): p is { i: number; adherence: number } => p.adherence !== null);
  if (withData.length === 0) return <span class="muted">–</span>;
  const x = (i: number) => (buckets.length === 1 ? width / 2 : 2 + (i / (buckets.length - 1)) * (width - 4));
  const y = (adherence: number) => 2 + (1 - adherence / 100) * (height - 4);
  const points = withData.map((p) => `${x(p.i)},${y(p.adherence)}`).join(' ');
  const first = withData[0];
  const last = withData[withData.length - 1];
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${agent || 'Unknown agent'}: adherence ${first?.adherence}% in ${buckets[first?.i ?? 0]?.label}, ${last?.adherence}% in ${buckets[last?.i ?? 0]?.label}`}
      data-testid="agent-trend"
    >
      <line class="spark-base" x1="0" x2={width} y1={y(100)} y2={y(100)} />
      <line class="spark-base" x1="0" x2={width} y1={y(0)} y2={y(0)} />
      {withData.length > 1 ? (
        <polyline class="spark-line" points={points} />
      ) : (
        <circle class="spark-dot" r="2.5" cx={x(first?.i ?? 0)} cy={y(first?.adherence ?? 0)} />
      )}
    </svg>
  );
}

function ChangeCell({ change, compared }: { change: number | undefined; compared: boolean }) {
  if (!compared) return <td class="num muted">–</td>;
  if (change === undefined) return <td class="num muted">new</td>;
  const way = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  return (
    <td class={`num ${way}`} data-testid="agent-change" data-value={change}>
      {change > 0 ? '▲ ' : change < 0 ? '▼ ' : ''}
      {change === 0 ? 'no change' : `${Math.abs(change)} pts`}
      <span class="visually-hidden">{change > 0 ? ' up' : change < 0 ? ' down' : ''}</span>
    </td>
  );
}

/** The figures every row of the report's tables starts with, after its name. */
function FigureHeads() {
  return (
    <>
      <th scope="col" class="num">
        Replies
      </th>
      <th scope="col" class="num">
        Adherence
      </th>
      <th scope="col" class="num">
        Full adherence
      </th>
    </>
  );
}

function FigureCells({ row }: { row: AgentFigures | PlaybookFigures }) {
  return (
    <>
      <td class="num">{row.count.toLocaleString()}</td>
      <td class="num">{row.adherence}%</td>
      <td class="num">{row.fullAdherenceRate}%</td>
    </>
  );
}

/** Every agent with their figures, adherence trend over the days shown and change on the previous period. */
export function AgentsTable({
  summary,
  compared,
  changes,
  trends,
  lastDay,
}: {
  summary: Summary;
  compared: boolean;
  changes: ReadonlyMap<string, number>;
  trends: AgentTrend[];
  lastDay: string;
}) {
  const trendOf = new Map(trends.map((t) => [t.agent, t.daily]));
  return (
    <table class="table" data-testid="report-agents">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <FigureHeads />
          <th scope="col">Trend</th>
          <th scope="col" class="num">
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.byAgent.map((row) => (
          <tr
            key={row.agent}
            data-testid="agent-row"
            data-agent={row.agent}
            data-count={row.count}
            data-adherence={row.adherence}
          >
            <th scope="row">{row.agent || <em>Unknown agent</em>}</th>
            <FigureCells row={row} />
            <td>
              <Sparkline
                agent={row.agent}
                buckets={trendBuckets(trendOf.get(row.agent) ?? [], summary.sinceDay, lastDay)}
              />
            </td>
            <ChangeCell change={changes.get(row.agent)} compared={compared} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PlaybooksTable({ rows, labels }: { rows: PlaybookFigures[]; labels: PlaybookLabels }) {
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">Playbook</th>
          <FigureHeads />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.playbookId} data-playbook-id={row.playbookId}>
            <th scope="row">{labels.playbook(row.playbookId)}</th>
            <FigureCells row={row} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
