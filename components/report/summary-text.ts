import { type Delta, deltasOf } from '../../utils/store/compare';
import type { Summary } from '../../utils/store/summary';
import type { Filters } from '../popup/filters';
import type { PlaybookLabels } from '../popup/labels';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-03-20` as `20 Mar 2025`: the same in every locale, as the report's text must be. */
export function formatDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;
}

const PERIOD_WORDS = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', all: 'All time' };

/** What the figures cover, in words: the period with its dates, then the filters in force. */
export function scopeOf(filters: Filters, summary: Summary, today: string, labels: PlaybookLabels): string {
  const custom = Boolean(filters.from && filters.to);
  const first = summary.sinceDay;
  const last = summary.untilDay ?? today;
  const dates = first ? `${formatDay(first)} – ${formatDay(last)}` : '';
  const period = custom ? dates : first ? `${PERIOD_WORDS[filters.period]} (${dates})` : PERIOD_WORDS.all;
  const parts = [period];
  if (filters.agent) parts.push(`agent ${filters.agent}`);
  if (filters.playbookId) parts.push(`playbook ${labels.playbook(filters.playbookId)}`);
  if (filters.helpdesk) parts.push(`helpdesk ${filters.helpdesk}`);
  return parts.join(' · ');
}

const signed = (n: number, unit: string) =>
  `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString()}${unit}`;

/**
 * The report as plain text for a chat channel: what it covers, the headline figures with their
 * changes said aloud, the most-missed steps and every agent's adherence with its change.
 */
export function reportText({
  filters,
  summary,
  previous,
  changes,
  labels,
  today,
}: {
  filters: Filters;
  summary: Summary;
  previous: Summary | null;
  /** Each agent's adherence change in points (agents in both periods). */
  changes: ReadonlyMap<string, number>;
  labels: PlaybookLabels;
  today: string;
}): string {
  const lines = [`Keel team adherence: ${scopeOf(filters, summary, today, labels)}`];
  if (summary.total === 0) {
    lines.push('No replies match these filters.');
    return `${lines.join('\n')}\n`;
  }
  const deltas = new Map<string, Delta>(
    previous ? deltasOf(summary, previous).map((d) => [d.metric, d]) : [],
  );
  const change = (metric: string) => {
    const delta = deltas.get(metric);
    return delta ? ` (${signed(delta.value, delta.unit === 'points' ? ' pts' : '%')})` : '';
  };
  lines.push(
    '',
    `Replies: ${summary.total.toLocaleString()}${change('total')}`,
    `Average adherence: ${summary.adherence}%${change('adherence')}`,
    `Full adherence: ${summary.fullAdherenceRate}%${change('full-adherence')}`,
  );
  if (deltas.size > 0) lines.push('', ...[...deltas.values()].map((d) => d.wording));
  if (summary.missedSteps.length > 0) {
    lines.push('', 'Most-missed steps:');
    summary.missedSteps.slice(0, 5).forEach((step, i) => {
      lines.push(
        `${i + 1}. ${labels.step(step.playbookId, step.stepId)} (${labels.playbook(step.playbookId)}): ` +
          `missed in ${step.misses} of ${step.applicable} replies`,
      );
    });
  }
  if (summary.byAgent.length > 0) {
    lines.push('', previous ? 'Agents (replies, adherence, change):' : 'Agents (replies, adherence):');
    for (const agent of summary.byAgent) {
      const points = changes.get(agent.agent);
      const wording = !previous
        ? ''
        : points === undefined
          ? ', no replies before'
          : `, ${points === 0 ? 'no change' : signed(points, ' pts')}`;
      lines.push(`- ${agent.agent || 'Unknown agent'}: ${agent.count}, ${agent.adherence}%${wording}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
