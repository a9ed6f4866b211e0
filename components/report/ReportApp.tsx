import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Download } from '../../utils/messages';
import type { AgentTrend } from '../../utils/store/agent-trends';
import { agentChanges, type Delta, type DeltaMetric, deltasOf } from '../../utils/store/compare';
import { dayOf, endOfDay, startOfDay } from '../../utils/store/rollups';
import { type FilterChoices, PERIODS, type Period, type Summary } from '../../utils/store/summary';
import type { ReplyRecord } from '../../utils/store/types';
import { DataActions, type Send } from '../popup/DataActions';
import type { PlaybookLabels } from '../popup/labels';
import { ReplyRow } from '../popup/MissedReplies';
import { FilterBar, HeadlineFigures, PERIOD_LABELS, summaryMessage } from '../popup/PopupApp';
import { TrendChart } from '../popup/TrendChart';
import { type TrendBucket, trendBuckets } from '../popup/trend';
import type { Filters } from './report-url';
import { reportText, scopeOf } from './summary-text';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; summary: Summary; previous: Summary | null; choices: FilterChoices }
  | { state: 'error'; message: string };

/** How many most-missed steps the report details, and how many replies it shows for each. */
const MISSED_SHOWN = 5;
const EXAMPLES_PER_STEP = 5;

/** Copies text to the clipboard; resolves false when the browser refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

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

/** The replies behind one most-missed step: the newest few, each linking to its ticket. */
function MissedExamples({
  send,
  playbookId,
  stepId,
  agent,
  sinceDay,
  untilDay,
  misses,
}: {
  send: Send;
  playbookId: string;
  stepId: string;
  agent: string;
  sinceDay: string | null;
  untilDay: string | null;
  misses: number;
}) {
  const [records, setRecords] = useState<ReplyRecord[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    send({
      type: 'stats.missed',
      playbookId,
      stepId,
      limit: EXAMPLES_PER_STEP,
      ...(agent ? { agent } : {}),
      ...(sinceDay ? { since: startOfDay(sinceDay) } : {}),
      ...(untilDay ? { before: endOfDay(untilDay) } : {}),
    })
      .then((answer) => {
        if (!current) return;
        if (answer.ok) setRecords(answer.records);
        else setError(answer.error);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [send, playbookId, stepId, agent, sinceDay, untilDay]);
  if (error) return <p class="notice error">{error}</p>;
  if (records === null) return <p class="muted">Loading examples…</p>;
  return (
    <>
      <ul class="rows examples">
        {records.map((record) => (
          <ReplyRow key={record.id} record={record} />
        ))}
      </ul>
      {misses > records.length && (
        <p class="muted more">
          and {misses - records.length} more (the popup lists them all; the steps CSV has every one)
        </p>
      )}
    </>
  );
}

/**
 * The full report for a team lead: the popup's figures for the same filters, larger charts with
 * axes, every agent with a trend and change, the most-missed steps with example replies, a plain
 * text summary to copy, and team import and export (which a Firefox popup cannot host).
 */
export function ReportApp({
  send,
  labels,
  initialFilters,
  onFiltersChange,
  now = () => Date.now(),
  save,
  copy = copyText,
}: {
  send: Send;
  labels: PlaybookLabels;
  initialFilters: Filters;
  /** Told of every filter change (the page keeps its URL in step, so a reload or a link shows the same). */
  onFiltersChange?: (filters: Filters) => void;
  now?: () => number;
  save?: (download: Download) => void;
  copy?: (text: string) => Promise<boolean>;
}) {
  const [filters, setFiltersState] = useState<Filters>(initialFilters);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [trends, setTrends] = useState<AgentTrend[]>([]);
  const [copied, setCopied] = useState<{ ok: boolean; text: string } | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  const setFilters = (next: Filters) => {
    setFiltersState(next);
    onFiltersChange?.(next);
  };

  useEffect(() => {
    let current = true;
    const query = summaryMessage(filters);
    Promise.all([
      send(query),
      send({
        type: 'stats.agentTrends',
        period: query.period,
        ...(query.from && query.to ? { from: query.from, to: query.to } : {}),
        ...(query.playbookId ? { playbookId: query.playbookId } : {}),
        ...(query.helpdesk ? { helpdesk: query.helpdesk } : {}),
      }),
    ])
      .then(([answer, trendAnswer]) => {
        if (!current) return;
        setTrends(trendAnswer.ok ? trendAnswer.agents : []);
        setLoad(
          answer.ok
            ? { state: 'ready', summary: answer.summary, previous: answer.previous, choices: answer.choices }
            : { state: 'error', message: answer.error },
        );
      })
      .catch((error: unknown) => {
        if (current)
          setLoad({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [send, filters, revision]);

  const today = dayOf(now());
  const ready = load.state === 'ready' ? load : null;
  const custom = Boolean(filters.from && filters.to);
  const deltas = new Map<DeltaMetric, Delta>(
    ready?.previous ? deltasOf(ready.summary, ready.previous).map((d) => [d.metric, d]) : [],
  );
  const changes = ready?.previous ? agentChanges(ready.summary, ready.previous) : new Map<string, number>();
  const lastDay = ready?.summary.untilDay ?? today;
  const trendOf = new Map(trends.map((t) => [t.agent, t.daily]));

  async function copySummary() {
    if (!ready) return;
    const text = reportText({
      filters,
      summary: ready.summary,
      previous: ready.previous,
      changes,
      labels,
      today,
    });
    const ok = await copy(text);
    setCopied({ ok, text });
  }

  return (
    <main class="report">
      <header class="report-header">
        <h1>Keel team adherence report</h1>
        <p class="scope" data-testid="report-scope">
          {ready ? scopeOf(filters, ready.summary, today, labels) : 'Loading…'}
        </p>
        <p class="muted made">Made {new Date(now()).toLocaleString()} from this browser’s statistics.</p>
      </header>

      <section class="controls no-print" aria-label="Filters and actions">
        <label class="filter period">
          <span>Period</span>
          <select
            data-testid="report-period"
            value={custom ? '' : filters.period}
            onChange={(event) =>
              setFilters({
                ...filters,
                period: (event.target as HTMLSelectElement).value as Period,
                from: '',
                to: '',
              })
            }
          >
            {custom && <option value="">Custom range</option>}
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <FilterBar filters={filters} choices={ready?.choices ?? null} labels={labels} onChange={setFilters} />
        <div class="buttons">
          <button
            type="button"
            class="primary"
            data-testid="copy-summary"
            disabled={!ready}
            onClick={copySummary}
          >
            Copy summary
          </button>
          <button type="button" data-testid="print-report" onClick={() => window.print()}>
            Print or save as PDF
          </button>
        </div>
        {copied && (
          <p class={`notice ${copied.ok ? 'success' : 'error'}`} role="status" data-testid="copy-notice">
            {copied.ok
              ? 'Summary copied: paste it into your team’s chat.'
              : 'The browser did not allow copying. Select the text below and copy it.'}
          </p>
        )}
        {copied && !copied.ok && (
          <textarea class="copy-fallback" readOnly rows={8} aria-label="Summary text" value={copied.text} />
        )}
      </section>

      {load.state === 'loading' && <p class="muted">Loading…</p>}
      {load.state === 'error' && (
        <p class="notice error" role="alert" data-testid="summary-error">
          {load.message}
        </p>
      )}
      {ready && ready.summary.total === 0 && (
        <section class="card empty" data-testid="empty-state">
          <h2>No replies match these filters</h2>
          <p>Choose another period, agent, playbook or helpdesk, or import the team’s files below.</p>
        </section>
      )}
      {ready && ready.summary.total > 0 && (
        <>
          <section class="card" data-testid="report-section" data-section="summary">
            <h2>Summary</h2>
            <div class="figures">
              <HeadlineFigures summary={ready.summary} deltas={deltas} />
            </div>
            {deltas.size > 0 && (
              <p class="compare" data-testid="compare-wording">
                Compared with the previous{' '}
                {custom ? 'period of the same length' : PERIOD_LABELS[filters.period]}:{' '}
                {[...deltas.values()].map((d) => d.wording).join(' ')}
              </p>
            )}
          </section>

          <section class="card" data-testid="report-section" data-section="trend">
            <h2>Trend</h2>
            <TrendChart
              buckets={trendBuckets(ready.summary.daily, ready.summary.sinceDay, lastDay)}
              width={720}
              height={240}
              xLabels={8}
            />
            <p class="legend muted">
              <span class="key bar" /> replies (left axis) <span class="key line" /> average adherence (right
              axis)
            </p>
          </section>

          <section class="card" data-testid="report-section" data-section="agents">
            <h2>Agents</h2>
            <table class="table" data-testid="report-agents">
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col" class="num">
                    Replies
                  </th>
                  <th scope="col" class="num">
                    Adherence
                  </th>
                  <th scope="col" class="num">
                    Full adherence
                  </th>
                  <th scope="col">Trend</th>
                  <th scope="col" class="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {ready.summary.byAgent.map((row) => (
                  <tr
                    key={row.agent}
                    data-testid="agent-row"
                    data-agent={row.agent}
                    data-count={row.count}
                    data-adherence={row.adherence}
                  >
                    <th scope="row">{row.agent || <em>Unknown agent</em>}</th>
                    <td class="num">{row.count.toLocaleString()}</td>
                    <td class="num">{row.adherence}%</td>
                    <td class="num">{row.fullAdherenceRate}%</td>
                    <td>
                      <Sparkline
                        agent={row.agent}
                        buckets={trendBuckets(trendOf.get(row.agent) ?? [], ready.summary.sinceDay, lastDay)}
                      />
                    </td>
                    <ChangeCell change={changes.get(row.agent)} compared={ready.previous !== null} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="card" data-testid="report-section" data-section="missed">
            <h2>Most-missed steps</h2>
            {ready.summary.missedSteps.length === 0 ? (
              <p class="muted">No step was missed in this period.</p>
            ) : (
              <ol class="missed-list">
                {ready.summary.missedSteps.slice(0, MISSED_SHOWN).map((row) => (
                  <li
                    key={`${row.playbookId}/${row.stepId}`}
                    data-testid="report-missed-step"
                    data-playbook-id={row.playbookId}
                    data-step-id={row.stepId}
                    data-misses={row.misses}
                  >
                    <h3>
                      {labels.step(row.playbookId, row.stepId)}{' '}
                      <small>{labels.playbook(row.playbookId)}</small>
                    </h3>
                    <p class="muted">
                      Missed in {row.misses} of {row.applicable} replies where it applied (
                      {Math.round((row.misses / row.applicable) * 100)}%). Newest:
                    </p>
                    <MissedExamples
                      send={send}
                      playbookId={row.playbookId}
                      stepId={row.stepId}
                      agent={filters.agent}
                      sinceDay={ready.summary.sinceDay}
                      untilDay={ready.summary.untilDay ?? null}
                      misses={row.misses}
                    />
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section class="card" data-testid="report-section" data-section="playbooks">
            <h2>Playbooks</h2>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Playbook</th>
                  <th scope="col" class="num">
                    Replies
                  </th>
                  <th scope="col" class="num">
                    Adherence
                  </th>
                  <th scope="col" class="num">
                    Full adherence
                  </th>
                </tr>
              </thead>
              <tbody>
                {ready.summary.byPlaybook.map((row) => (
                  <tr key={row.playbookId} data-playbook-id={row.playbookId}>
                    <th scope="row">{labels.playbook(row.playbookId)}</th>
                    <td class="num">{row.count.toLocaleString()}</td>
                    <td class="num">{row.adherence}%</td>
                    <td class="num">{row.fullAdherenceRate}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}

      <div class="no-print">
        <DataActions send={send} query={summaryMessage(filters)} onChanged={refresh} save={save} />
      </div>
    </main>
  );
}
