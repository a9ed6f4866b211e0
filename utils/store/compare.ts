import type { Summary } from './summary';

export type DeltaMetric = 'total' | 'adherence' | 'full-adherence';

/** One headline figure against the previous period of the same length. */
export interface Delta {
  metric: DeltaMetric;
  /** The change: percentage points for adherence figures, percent for counts; one decimal. */
  value: number;
  unit: 'points' | 'percent';
  current: number;
  previous: number;
  /** A sentence a lead can read aloud. */
  wording: string;
}

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

const NAMES: Record<DeltaMetric, string> = {
  total: 'Replies',
  adherence: 'Average adherence',
  'full-adherence': 'Full adherence',
};

function word(
  metric: DeltaMetric,
  value: number,
  unit: Delta['unit'],
  current: number,
  previous: number,
): string {
  const name = NAMES[metric];
  const show = (n: number) => (unit === 'points' ? `${n.toLocaleString()}%` : n.toLocaleString());
  if (value === 0) return `${name} held steady at ${show(current)}.`;
  const way = value > 0 ? 'rose' : 'fell';
  const size = unit === 'points' ? `${Math.abs(value)} points` : `${Math.abs(value)}%`;
  return `${name} ${way} ${size}, from ${show(previous)} to ${show(current)}.`;
}

/** A change in percent of the previous value; null when there was nothing before. */
export function percentChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return oneDecimal(((current - previous) / previous) * 100);
}

/**
 * The headline figures' changes against the previous period. Adherence figures change in points
 * and only when both periods have replies; the reply count in percent, only when the previous
 * period had some.
 */
export function deltasOf(current: Summary, previous: Summary): Delta[] {
  const deltas: Delta[] = [];
  const count = percentChange(current.total, previous.total);
  if (count !== null) {
    deltas.push({
      metric: 'total',
      value: count,
      unit: 'percent',
      current: current.total,
      previous: previous.total,
      wording: word('total', count, 'percent', current.total, previous.total),
    });
  }
  if (current.total > 0 && previous.total > 0) {
    for (const [metric, now, before] of [
      ['adherence', current.adherence, previous.adherence],
      ['full-adherence', current.fullAdherenceRate, previous.fullAdherenceRate],
    ] as const) {
      const value = oneDecimal(now - before);
      deltas.push({
        metric,
        value,
        unit: 'points',
        current: now,
        previous: before,
        wording: word(metric, value, 'points', now, before),
      });
    }
  }
  return deltas;
}

/** Each agent's adherence change in points (agents with replies in both periods). */
export function agentChanges(current: Summary, previous: Summary): Map<string, number> {
  const before = new Map(previous.byAgent.map((a) => [a.agent, a.adherence]));
  const changes = new Map<string, number>();
  for (const agent of current.byAgent) {
    const was = before.get(agent.agent);
    if (was !== undefined) changes.set(agent.agent, oneDecimal(agent.adherence - was));
  }
  return changes;
}
