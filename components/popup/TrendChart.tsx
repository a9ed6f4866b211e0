import type { TrendBucket } from './trend';

const MAX_BAR_WIDTH = 24;

/** A round top for the replies axis, so its middle tick is a whole number: 1, 2, 4, 6, 8 × 10ⁿ. */
export function niceTop(max: number): number {
  if (max <= 1) return 1;
  for (let base = 1; ; base *= 10) {
    for (const m of [2, 4, 6, 8, 10]) if (m * base >= max) return m * base;
  }
}

/** Indexes of the buckets that get an x-axis label: the first, the last, and evenly between. */
function labelled(count: number, wanted: number): number[] {
  if (count <= wanted) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (wanted - 1);
  return [...new Set(Array.from({ length: wanted }, (_, i) => Math.round(i * step)))];
}

/**
 * Replies per day/week/month as bars (left axis, counts) and average adherence as a line (right
 * axis, 0–100%). Plain SVG: no chart library in a 380 px popup. The report draws it larger, with
 * more x labels and gridlines.
 */
export function TrendChart({
  buckets,
  width = 340,
  height = 130,
  xLabels = 2,
}: {
  buckets: TrendBucket[];
  width?: number;
  height?: number;
  /** How many x-axis labels at most (first and last always). */
  xLabels?: number;
}) {
  if (buckets.length === 0) return null;
  const left = 26;
  const right = 32;
  const top = 8;
  const bottom = 18;
  const plotWidth = width - left - right;
  const plot = height - top - bottom;
  const countTop = niceTop(Math.max(...buckets.map((b) => b.count)));
  const slot = plotWidth / buckets.length;
  // Capped: with one or two buckets ("All" on a new install) an uncapped bar fills the chart.
  const barWidth = Math.max(1, Math.min(slot * 0.7, MAX_BAR_WIDTH));
  const y = (fraction: number) => top + plot * (1 - fraction);
  const x = (index: number) => left + (index + 0.5) * slot;
  // The adherence line breaks where a bucket has no reply: a line across it would claim a value.
  const runs: { x: number; y: number }[][] = [];
  buckets.forEach((b, i) => {
    if (b.adherence === null) return;
    const point = { x: x(i), y: y(b.adherence / 100) };
    const run = runs.at(-1);
    if (run && buckets[i - 1]?.adherence !== null && i > 0) run.push(point);
    else runs.push([point]);
  });
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const ticks = countTop === 1 ? [0, 1] : [0, countTop / 2, countTop];

  return (
    <svg
      class="trend"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Replies and adherence from ${first?.label} to ${last?.label}`}
      data-testid="trend-chart"
      data-buckets={buckets.length}
    >
      <g class="trend-y" data-testid="trend-y-axis">
        {[0, 0.5, 1].map((fraction) => (
          <line
            key={fraction}
            class="trend-grid"
            x1={left}
            x2={width - right}
            y1={y(fraction)}
            y2={y(fraction)}
          />
        ))}
        {ticks.map((tick) => (
          <text
            key={`c${tick}`}
            class="trend-label"
            x={left - 4}
            y={y(tick / countTop) + 3}
            text-anchor="end"
          >
            {tick.toLocaleString()}
          </text>
        ))}
        {[0, 50, 100].map((tick) => (
          <text key={`a${tick}`} class="trend-label" x={width - right + 4} y={y(tick / 100) + 3}>
            {tick}%
          </text>
        ))}
      </g>
      <line class="trend-axis" x1={left} x2={width - right} y1={y(0)} y2={y(0)} />
      {buckets.map((b, i) => (
        <rect
          key={b.start}
          class="trend-bar"
          x={x(i) - barWidth / 2}
          y={y(b.count / countTop)}
          width={barWidth}
          height={plot * (b.count / countTop)}
        >
          <title>
            {b.label}: {b.count} {b.count === 1 ? 'reply' : 'replies'}
            {b.adherence === null ? '' : `, adherence ${b.adherence}%`}
          </title>
        </rect>
      ))}
      {runs.map((run) =>
        run.length > 1 ? (
          <polyline key={run[0]?.x} class="trend-line" points={run.map((p) => `${p.x},${p.y}`).join(' ')} />
        ) : (
          <circle key={run[0]?.x} class="trend-dot" r="2.5" cx={run[0]?.x} cy={run[0]?.y} />
        ),
      )}
      {labelled(buckets.length, Math.max(2, xLabels)).map((i, n, all) => (
        <text
          key={`x${i}`}
          class="trend-label"
          x={n === 0 ? left : n === all.length - 1 ? width - right : x(i)}
          y={height - 4}
          text-anchor={n === 0 ? 'start' : n === all.length - 1 ? 'end' : 'middle'}
        >
          {buckets[i]?.label}
        </text>
      ))}
    </svg>
  );
}
