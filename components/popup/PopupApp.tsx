import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Download, KeelMessage } from '../../utils/messages';
import { agentChanges, type Delta, type DeltaMetric, deltasOf } from '../../utils/store/compare';
import { dayOf } from '../../utils/store/rollups';
import { type FilterChoices, PERIODS, type Period, type Summary } from '../../utils/store/summary';
import type { TeamSummarySource } from '../../utils/team/summary';
import type { Filters } from '../report/report-url';
import { ByAgent, ByPlaybook, MissedSteps } from './Breakdowns';
import { DataActions, type Send } from './DataActions';
import type { PlaybookLabels } from './labels';
import { MissedReplies } from './MissedReplies';
import { OverriddenSteps } from './OverriddenSteps';
import { ReportLinks } from './ReportLinks';
import { useTeamScope } from './ScopeSwitch';
import { TrendChart } from './TrendChart';
import { trendBuckets } from './trend';

export const PERIOD_LABELS: Record<Period, string> = {
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  all: 'All',
};

type Load =
  | { state: 'loading' }
  | { state: 'ready'; summary: Summary; previous: Summary | null; choices: FilterChoices }
  | { state: 'error'; message: string; quota: boolean };

function DeltaBadge({ delta }: { delta: Delta }) {
  const sign = delta.value > 0 ? '+' : delta.value < 0 ? '−' : '±';
  const trend = delta.value > 0 ? 'up' : delta.value < 0 ? 'down' : 'flat';
  return (
    <span
      class={`delta ${trend}`}
      data-testid="delta"
      data-metric={delta.metric}
      data-value={delta.value}
      data-unit={delta.unit}
      title={delta.wording}
    >
      <span aria-hidden="true">
        {sign}
        {Math.abs(delta.value).toLocaleString()}
        {delta.unit === 'points' ? ' pts' : '%'}
      </span>
      <span class="visually-hidden">{delta.wording}</span>
    </span>
  );
}

/** The three headline figures with their change on the previous period (popup and report). */
export function HeadlineFigures({
  summary,
  deltas,
}: {
  summary: Summary;
  deltas: ReadonlyMap<DeltaMetric, Delta>;
}) {
  return (
    <>
      <Figure testId="total-replies" value={summary.total} label="replies" delta={deltas.get('total')} />
      <Figure
        testId="adherence"
        value={summary.adherence}
        unit="%"
        label="average adherence"
        delta={deltas.get('adherence')}
      />
      <Figure
        testId="full-adherence"
        value={summary.fullAdherenceRate}
        unit="%"
        label="full adherence"
        delta={deltas.get('full-adherence')}
      />
    </>
  );
}

export function Figure({
  testId,
  value,
  label,
  unit,
  delta,
}: {
  testId: string;
  value: number;
  label: string;
  unit?: string;
  delta?: Delta;
}) {
  return (
    <div class="figure" data-testid={testId} data-value={value}>
      <span class="figure-value">
        {value.toLocaleString()}
        {unit}
      </span>
      <span class="figure-label">{label}</span>
      {delta && <DeltaBadge delta={delta} />}
    </div>
  );
}

const NO_FILTERS: Omit<Filters, 'period'> = { from: '', to: '', agent: '', playbookId: '', helpdesk: '' };

/** The summary message for filters (empty ones left out). */
export function summaryMessage(filters: Filters): KeelMessage & { type: 'stats.summary' } {
  const message: KeelMessage & { type: 'stats.summary' } = { type: 'stats.summary', period: filters.period };
  if (filters.from && filters.to) {
    message.from = filters.from;
    message.to = filters.to;
  }
  if (filters.agent) message.agent = filters.agent;
  if (filters.playbookId) message.playbookId = filters.playbookId;
  if (filters.helpdesk) message.helpdesk = filters.helpdesk;
  return message;
}

function FilterSelect({
  testId,
  label,
  value,
  options,
  name,
  onChange,
}: {
  testId: string;
  label: string;
  value: string;
  options: string[];
  name: (id: string) => string;
  onChange: (value: string) => void;
}) {
  // A chosen value stays listed even when the period has no reply of it.
  const values = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label class="filter">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
      >
        <option value="">All</option>
        {values.map((id) => (
          <option key={id} value={id}>
            {name(id)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterBar({
  filters,
  choices,
  labels,
  onChange,
}: {
  filters: Filters;
  choices: FilterChoices | null;
  labels: PlaybookLabels;
  onChange: (filters: Filters) => void;
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <section class="filters" aria-label="Filters">
      <div class="range">
        <DateFilter
          testId="period-from"
          label="From"
          value={filters.from}
          onChange={(from) => set({ from })}
        />
        <DateFilter testId="period-to" label="To" value={filters.to} onChange={(to) => set({ to })} />
      </div>
      <FilterSelect
        testId="filter-agent"
        label="Agent"
        value={filters.agent}
        options={choices?.agents ?? []}
        name={(id) => id || 'Unknown agent'}
        onChange={(agent) => set({ agent })}
      />
      <FilterSelect
        testId="filter-playbook"
        label="Playbook"
        value={filters.playbookId}
        options={choices?.playbooks ?? []}
        name={(id) => labels.playbook(id)}
        onChange={(playbookId) => set({ playbookId })}
      />
      <FilterSelect
        testId="filter-helpdesk"
        label="Helpdesk"
        value={filters.helpdesk}
        options={choices?.helpdesks ?? []}
        name={(id) => id || 'Unknown'}
        onChange={(helpdesk) => set({ helpdesk })}
      />
    </section>
  );
}

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
  const [choices, setChoices] = useState<FilterChoices | null>(null);
  const period = filters.period;
  const custom = Boolean(filters.from && filters.to);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [drill, setDrill] = useState<{ playbookId: string; stepId: string } | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  const teamScope = useTeamScope(team, send);

  useEffect(() => {
    let current = true;
    teamScope
      .summary(summaryMessage(filters))
      .then((answer) => {
        if (!current) return;
        if (answer.ok) setChoices(answer.choices);
        setLoad(
          answer.ok
            ? { state: 'ready', summary: answer.summary, previous: answer.previous, choices: answer.choices }
            : { state: 'error', message: answer.error, quota: answer.quota === true },
        );
      })
      .catch((error: unknown) => {
        if (current)
          setLoad({
            state: 'error',
            message: error instanceof Error ? error.message : String(error),
            quota: false,
          });
      });
    return () => {
      current = false;
    };
    // revision: reload after an import, restore or clear.
  }, [teamScope.summary, filters, revision]);

  const deltas = new Map<DeltaMetric, Delta>(
    load.state === 'ready' && load.previous
      ? deltasOf(load.summary, load.previous).map((d) => [d.metric, d])
      : [],
  );
  const changes =
    load.state === 'ready' && load.previous
      ? agentChanges(load.summary, load.previous)
      : new Map<string, number>();

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
          {deltas.size > 0 && (
            <p class="compare muted" data-testid="compare-wording">
              Compared with the previous {custom ? 'period of the same length' : PERIOD_LABELS[period]}:{' '}
              {[...deltas.values()].map((d) => d.wording).join(' ')}
            </p>
          )}
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

/** One end of the custom range: a labelled date input whose value is `YYYY-MM-DD` or empty. */
function DateFilter({
  testId,
  label,
  value,
  onChange,
}: {
  testId: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label class="filter">
      <span>{label}</span>
      <input
        type="date"
        data-testid={testId}
        value={value}
        onChange={(event) => onChange((event.target as HTMLInputElement).value)}
      />
    </label>
  );
}
