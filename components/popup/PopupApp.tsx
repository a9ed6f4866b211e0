import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Download } from '../../utils/messages';
import { dayOf } from '../../utils/store/rollups';
import { PERIODS, type Period, type Summary } from '../../utils/store/summary';
import { ByAgent, ByPlaybook, MissedSteps } from './Breakdowns';
import { DataActions, type Send } from './DataActions';
import type { PlaybookLabels } from './labels';
import { TrendChart } from './TrendChart';
import { trendBuckets } from './trend';

const PERIOD_LABELS: Record<Period, string> = {
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  all: 'All',
};

type Load =
  | { state: 'loading' }
  | { state: 'ready'; summary: Summary }
  | { state: 'error'; message: string; quota: boolean };

function Figure({
  testId,
  value,
  label,
  unit,
}: {
  testId: string;
  value: number;
  label: string;
  unit?: string;
}) {
  return (
    <div class="figure" data-testid={testId} data-value={value}>
      <span class="figure-value">
        {value.toLocaleString()}
        {unit}
      </span>
      <span class="figure-label">{label}</span>
    </div>
  );
}

function EmptyState({ period }: { period: Period }) {
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
}: {
  send: Send;
  labels: PlaybookLabels;
  now?: () => number;
  /** How to hand an exported file to the user; a browser download by default. */
  save?: (download: Download) => void;
}) {
  const [period, setPeriod] = useState<Period>('30d');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    let current = true;
    send({ type: 'stats.summary', period })
      .then((answer) => {
        if (!current) return;
        setLoad(
          answer.ok
            ? { state: 'ready', summary: answer.summary }
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
  }, [send, period, revision]);

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
              aria-pressed={p === period}
              data-testid="period"
              data-period={p}
              onClick={() => setPeriod(p)}
            >
              {PERIOD_LABELS[p]}
            </button>
          ))}
        </fieldset>
      </header>

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
      {load.state === 'ready' && load.summary.total === 0 && <EmptyState period={period} />}
      {load.state === 'ready' && load.summary.total > 0 && (
        <>
          <section class="figures" aria-label="Summary">
            <Figure testId="total-replies" value={load.summary.total} label="replies" />
            <Figure testId="adherence" value={load.summary.adherence} unit="%" label="average adherence" />
            <Figure
              testId="full-adherence"
              value={load.summary.fullAdherenceRate}
              unit="%"
              label="full adherence"
            />
          </section>
          <section class="card">
            <h2>Trend</h2>
            <TrendChart buckets={trendBuckets(load.summary.daily, load.summary.sinceDay, dayOf(now()))} />
            <p class="legend muted">
              <span class="key bar" /> replies <span class="key line" /> adherence
            </p>
          </section>
          <ByPlaybook rows={load.summary.byPlaybook} labels={labels} />
          <MissedSteps rows={load.summary.missedSteps} labels={labels} />
          <ByAgent rows={load.summary.byAgent} />
        </>
      )}
      <DataActions send={send} period={period} onChanged={refresh} save={save} />
    </main>
  );
}
