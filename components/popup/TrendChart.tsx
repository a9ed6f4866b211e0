import type { TrendBucket } from './trend';

const WIDTH = 340;
const HEIGHT = 110;
const TOP = 8;
const BOTTOM = 18;
const MAX_BAR_WIDTH = 24;

/**
 * Replies per day/week/month as bars, average adherence as a line (0–100 on the same height).
 * Plain SVG: no chart library in a 380px popup.
 */
export function TrendChart({ buckets }: { buckets: TrendBucket[] }) {
  if (buckets.length === 0) return null;
  const maxCount = Math.max(1, ...buckets.map((b) => b.count));
  const plot = HEIGHT - TOP - BOTTOM;
  const slot = WIDTH / buckets.length;
  // Capped: with one or two buckets ("All" on a new install) an uncapped bar fills the chart.
  const barWidth = Math.max(1, Math.min(slot * 0.7, MAX_BAR_WIDTH));
  const y = (fraction: number) => TOP + plot * (1 - fraction);
  const points = buckets
    .map((b, i) => (b.adherence === null ? null : `${(i + 0.5) * slot},${y(b.adherence / 100)}`))
    .filter((p): p is string => p !== null);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];

  return (
    <svg
      class="trend"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Replies and adherence from ${first?.label} to ${last?.label}`}
      data-testid="trend-chart"
      data-buckets={buckets.length}
    >
      <line class="trend-axis" x1="0" x2={WIDTH} y1={y(0)} y2={y(0)} />
      {buckets.map((b, i) => (
        <rect
          key={b.start}
          class="trend-bar"
          x={i * slot + (slot - barWidth) / 2}
          y={y(b.count / maxCount)}
          width={barWidth}
          height={plot * (b.count / maxCount)}
        >
          <title>
            {b.label}: {b.count} {b.count === 1 ? 'reply' : 'replies'}
            {b.adherence === null ? '' : `, adherence ${b.adherence}%`}
          </title>
        </rect>
      ))}
      {points.length > 1 && <polyline class="trend-line" points={points.join(' ')} />}
      {points.length === 1 && (
        <circle class="trend-dot" r="2.5" cx={points[0]?.split(',')[0]} cy={points[0]?.split(',')[1]} />
      )}
      <text class="trend-label" x="0" y={HEIGHT - 4}>
        {first?.label}
      </text>
      <text class="trend-label" x={WIDTH} y={HEIGHT - 4} text-anchor="end">
        {last?.label}
      </text>
    </svg>
  );
}
