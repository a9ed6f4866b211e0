import type { KeelDatabase } from './open';
import type { Rollup } from './schema';
import {
  type DayFigures,
  dayTotalsOfRollups,
  matchesFilters,
  type SummaryQuery,
  summarizeRollups,
} from './summary';

/** One agent's replies and adherence per day of a period (days with replies, oldest first). */
export interface AgentTrend {
  agent: string;
  daily: DayFigures[];
}

/**
 * Each agent's daily figures for a period and filters (the agent filter is ignored: the report's
 * table lists every agent). Reads the period's daily rollups once by the `by-day` index, never
 * records: its cost follows days × playbooks × agents × helpdesks.
 */
export async function agentTrends(db: KeelDatabase, query: SummaryQuery): Promise<AgentTrend[]> {
  const lower = query.sinceDay ?? '';
  const range =
    query.untilDay === undefined
      ? IDBKeyRange.lowerBound(lower)
      : IDBKeyRange.bound(lower, query.untilDay, false, false);
  const byAgent = new Map<string, Rollup[]>();
  for (const rollup of await db.getAllFromIndex('rollups', 'by-day', range)) {
    if (!matchesFilters(rollup, { playbookId: query.playbookId, helpdesk: query.helpdesk })) continue;
    const rows = byAgent.get(rollup.agent) ?? [];
    rows.push(rollup);
    byAgent.set(rollup.agent, rows);
  }
  return [...byAgent]
    .map(([agent, rollups]) => ({ agent, daily: summarizeRollups([], dayTotalsOfRollups(rollups)).daily }))
    .sort((a, b) => a.agent.localeCompare(b.agent));
}
