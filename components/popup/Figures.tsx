import { agentChanges, type Delta, type DeltaMetric, deltasOf } from '../../utils/store/compare';
import type { Summary } from '../../utils/store/summary';
import { type Filters, isCustomRange, PERIOD_LABELS } from './filters';

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
/** The headline figures: hook, the summary's value, unit and label, and the change that goes with it. */
const HEADLINES: readonly {
  testId: string;
  metric: DeltaMetric;
  value: (s: Summary) => number;
  unit?: string;
  label: string;
}[] = [
  { testId: 'total-replies', metric: 'total', value: (s) => s.total, label: 'replies' },
  {
    testId: 'adherence',
    metric: 'adherence',
    value: (s) => s.adherence,
    unit: '%',
    label: 'average adherence',
  },
  {
    testId: 'full-adherence',
    metric: 'full-adherence',
    value: (s) => s.fullAdherenceRate,
    unit: '%',
    label: 'full adherence',
  },
];

export function HeadlineFigures({
  summary,
  deltas,
}: {
  summary: Summary;
  deltas: ReadonlyMap<DeltaMetric, Delta>;
}) {
  return (
    <>
      {HEADLINES.map(({ testId, metric, value, unit, label }) => (
        <Figure
          key={testId}
          testId={testId}
          value={value(summary)}
          unit={unit}
          label={label}
          delta={deltas.get(metric)}
        />
      ))}
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

/** The headline changes and each agent's change in adherence on the previous period (none without one). */
export function comparisonOf(shown: { summary: Summary; previous: Summary | null } | null) {
  const previous = shown?.previous;
  return {
    deltas: new Map<DeltaMetric, Delta>(
      shown && previous ? deltasOf(shown.summary, previous).map((d) => [d.metric, d]) : [],
    ),
    changes: shown && previous ? agentChanges(shown.summary, previous) : new Map<string, number>(),
  };
}

/** The changes in words, after the figures (nothing without a previous period to compare with). */
export function CompareWording({
  deltas,
  filters,
  muted = false,
}: {
  deltas: ReadonlyMap<DeltaMetric, Delta>;
  filters: Filters;
  muted?: boolean;
}) {
  if (deltas.size === 0) return null;
  return (
    <p class={muted ? 'compare muted' : 'compare'} data-testid="compare-wording">
      Compared with the previous{' '}
      {isCustomRange(filters) ? 'period of the same length' : PERIOD_LABELS[filters.period]}:{' '}
      {[...deltas.values()].map((d) => d.wording).join(' ')}
    </p>
  );
}
