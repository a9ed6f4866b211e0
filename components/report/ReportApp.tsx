import { useCallback, useState } from 'preact/hooks';
import type { Download } from '../../utils/messages';
import type { AgentTrend } from '../../utils/store/agent-trends';
import { dayOf } from '../../utils/store/rollups';
import { PERIODS, type Period } from '../../utils/store/summary';
import type { SummaryMessage } from '../../utils/team/summary';
import { DataActions, type Send } from '../popup/DataActions';
import { CompareWording, comparisonOf, HeadlineFigures } from '../popup/Figures';
import { FilterBar, type Filters, isCustomRange, PERIOD_LABELS, summaryMessage } from '../popup/filters';
import type { PlaybookLabels } from '../popup/labels';
import { TrendChart } from '../popup/TrendChart';
import { trendBuckets } from '../popup/trend';
import { useSummaryLoad } from '../popup/useSummaryLoad';
import { MissedStepsDetail } from './MissedStepsDetail';
import { reportText, scopeOf } from './summary-text';
import { AgentsTable, PlaybooksTable } from './Tables';

/** Copies text to the clipboard; resolves false when the browser refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
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
  const [copied, setCopied] = useState<{ ok: boolean; text: string } | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  const setFilters = (next: Filters) => {
    setFiltersState(next);
    onFiltersChange?.(next);
  };
  const fetchSummary = useCallback(
    async (query: SummaryMessage) => {
      const [answer, trendAnswer] = await Promise.all([
        send(query),
        send({
          type: 'stats.agentTrends',
          period: query.period,
          ...(query.from && query.to ? { from: query.from, to: query.to } : {}),
          ...(query.playbookId ? { playbookId: query.playbookId } : {}),
          ...(query.helpdesk ? { helpdesk: query.helpdesk } : {}),
        }),
      ]);
      return { answer, extra: trendAnswer.ok ? trendAnswer.agents : ([] as AgentTrend[]) };
    },
    [send],
  );
  const { load, choices } = useSummaryLoad(fetchSummary, filters, revision);

  const today = dayOf(now());
  const ready = load.state === 'ready' ? load : null;
  const custom = isCustomRange(filters);
  const { deltas, changes } = comparisonOf(ready);
  const lastDay = ready?.summary.untilDay ?? today;

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
        <FilterBar filters={filters} choices={choices} labels={labels} onChange={setFilters} />
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
            <CompareWording deltas={deltas} filters={filters} />
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
            <AgentsTable
              summary={ready.summary}
              compared={ready.previous !== null}
              changes={changes}
              trends={ready.extra}
              lastDay={lastDay}
            />
          </section>

          <section class="card" data-testid="report-section" data-section="missed">
            <h2>Most-missed steps</h2>
            <MissedStepsDetail
              send={send}
              rows={ready.summary.missedSteps}
              labels={labels}
              agent={filters.agent}
              sinceDay={ready.summary.sinceDay}
              untilDay={ready.summary.untilDay ?? null}
            />
          </section>

          <section class="card" data-testid="report-section" data-section="playbooks">
            <h2>Playbooks</h2>
            <PlaybooksTable rows={ready.summary.byPlaybook} labels={labels} />
          </section>
        </>
      )}

      <div class="no-print">
        <DataActions send={send} query={summaryMessage(filters)} onChanged={refresh} save={save} />
      </div>
    </main>
  );
}
