import { useCallback, useState } from 'preact/hooks';
import type { Download } from '../../utils/messages';
import { dayOf } from '../../utils/store/rollups';
import { PERIODS, type Period } from '../../utils/store/summary';
import type { SummaryMessage, TeamSummarySource } from '../../utils/team/summary';
import { ByAgent, ByPlaybook, MissedSteps } from './Breakdowns';
import { DataActions, type Send } from './DataActions';
import { CompareWording, comparisonOf, HeadlineFigures } from './Figures';
import { FilterBar, type Filters, isCustomRange, NO_FILTERS, PERIOD_LABELS, summaryMessage } from './filters';
import type { PlaybookLabels } from './labels';
import { MissedReplies } from './MissedReplies';
import { OverriddenSteps } from './OverriddenSteps';
import { ReportLinks } from './ReportLinks';
import { useTeamScope } from './ScopeSwitch';
import { TrendChart } from './TrendChart';
import { trendBuckets } from './trend';
import { useSummaryLoad } from './useSummaryLoad';

function EmptyState({ period, filtered }: { period: Period; filtered: boolean }) {
  if (filtered)
    return (
      <section class="card empty" data-testid="empty-state">
        <h2>No replies match these filters</h2>
        <p>Choose another period, agent, playbook or helpdesk.</p>
      </section>
    );
  return (
    <section class="card empty" data-testid="empty-state">
      <h2>
        {period === 'all' ? 'No replies recorded yet' : `No replies in the last ${PERIOD_LABELS[period]}`}
      </h2>
      <p>
        Open a ticket in your helpdesk, write a reply with the Keel sidebar open, and send it. Keel records
        how closely each sent reply followed its playbook — never the reply’s text — and the summary appears
        here.
      </p>
      <p class="muted">Team lead? Ask each agent to export a team file, then import them all below.</p>
    </section>
  );
}

/** The team lead's summary: a period, the headline figures, the trend, breakdowns and team data. */
export function PopupApp({
  send,
  labels,
  now = () => Date.now(),
  save,
  team,
}: {
  send: Send;
  labels: PlaybookLabels;
  now?: () => number;
  /** How to hand an exported file to the user; a browser download by default. */
  save?: (download: Download) => void;
  /** The team store's summaries (the scope switch shows when one is configured). */
  team?: TeamSummarySource;
}) {
  const [filters, setFilters] = useState<Filters>({ period: '30d', ...NO_FILTERS });
  const period = filters.period;
  const custom = isCustomRange(filters);
  const [drill, setDrill] = useState<{ playbookId: string; stepId: string } | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  const teamScope = useTeamScope(team, send);
  const fetchSummary = useCallback(
    async (message: SummaryMessage) => ({ answer: await teamScope.summary(message), extra: null }),
    [teamScope.summary],
  );
  const { load, choices } = useSummaryLoad(fetchSummary, filters, revision);
  const { deltas, changes } = comparisonOf(load.state === 'ready' ? load : null);

  return (
    <main class="popup">
      <header class="header">
        <h1>
          Keel <span>team adherence</span>
        </h1>
        <fieldset class="periods" aria-label="Period">
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={!custom && p === period}
              data-testid="period"
              data-period={p}
              onClick={() => setFilters({ ...filters, period: p, from: '', to: '' })}
            >
              {PERIOD_LABELS[p]}
            </button>
          ))}
        </fieldset>
      </header>
      {teamScope.element}
      <FilterBar filters={filters} choices={choices} labels={labels} onChange={setFilters} />
      <ReportLinks filters={filters} />

      {load.state === 'loading' && (
        <p class="muted" aria-live="polite">
          Loading…
        </p>
      )}
      {load.state === 'error' && (
        <p class={`notice error${load.quota ? ' quota' : ''}`} role="alert" data-testid="summary-error">
          {load.message}
        </p>
      )}
      {load.state === 'ready' && load.summary.total === 0 && (
        <EmptyState
          period={period}
          filtered={custom || Boolean(filters.agent || filters.playbookId || filters.helpdesk)}
        />
      )}
      {load.state === 'ready' && load.summary.total > 0 && (
        <>
          <section class="figures" aria-label="Summary">
            <HeadlineFigures summary={load.summary} deltas={deltas} />
          </section>
          <CompareWording deltas={deltas} filters={filters} muted />
          <section class="card">
            <h2>Trend</h2>
            <TrendChart
              buckets={trendBuckets(
                load.summary.daily,
                load.summary.sinceDay,
                load.summary.untilDay ?? dayOf(now()),
              )}
            />
            <p class="legend muted">
              <span class="key bar" /> replies <span class="key line" /> adherence
            </p>
          </section>
          <ByPlaybook rows={load.summary.byPlaybook} labels={labels} />
          <MissedSteps
            rows={load.summary.missedSteps}
            labels={labels}
            onOpen={(row) => setDrill({ playbookId: row.playbookId, stepId: row.stepId })}
          />
          {drill && (
            <MissedReplies
              send={teamScope.send}
              labels={labels}
              playbookId={drill.playbookId}
              stepId={drill.stepId}
              agent={filters.agent}
              sinceDay={load.summary.sinceDay}
              untilDay={load.summary.untilDay ?? null}
              onClose={() => setDrill(null)}
            />
          )}
          <ByAgent rows={load.summary.byAgent} changes={changes} />
          {load.summary.overriddenSteps && (
            <OverriddenSteps
              rows={load.summary.overriddenSteps}
              agents={load.summary.byAgent}
              labels={labels}
            />
          )}
        </>
      )}
      <DataActions send={send} query={summaryMessage(filters)} onChanged={refresh} save={save} />
    </main>
  );
}
