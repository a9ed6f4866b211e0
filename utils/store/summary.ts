import type { KeelDatabase } from './open';
import { dayOf, monthOf, overridesOf, startOfDay } from './rollups';
import type { DayTotal, Rollup } from './schema';

export type Period = '7d' | '30d' | '90d' | 'all';
export const PERIODS: readonly Period[] = ['7d', '30d', '90d', 'all'];

export interface PlaybookFigures {
  playbookId: string;
  count: number;
  /** Mean score, 0–100, one decimal. */
  adherence: number;
  /** Share of replies with full adherence, percent, one decimal. */
  fullAdherenceRate: number;
}

export interface AgentFigures {
  agent: string;
  count: number;
  adherence: number;
  fullAdherenceRate: number;
  /** Steps this agent corrected (v9 rollups; absent where the source does not count them). */
  overrides?: number;
}

export interface MissedStep {
  playbookId: string;
  stepId: string;
  misses: number;
  applicable: number;
}

/** A step agents corrected: "done in my own words" (`done`) or "not needed here" (`na`). */
export interface OverriddenStep {
  playbookId: string;
  stepId: string;
  /** `done + na`. */
  overrides: number;
  done: number;
  na: number;
}

export interface DayFigures {
  day: string;
  count: number;
  adherence: number;
}

/** What the popup shows for a period. Built from rollups only. */
export interface Summary {
  /** First day counted (`YYYY-MM-DD`), or null for all time. */
  sinceDay: string | null;
  /** Last day counted (a custom range), or null: up to today. */
  untilDay?: string | null;
  total: number;
  /** Mean score, 0–100, one decimal; 0 when there are no replies. */
  adherence: number;
  /** Percent of replies where every applicable step passed, one decimal. */
  fullAdherenceRate: number;
  /** Most replies first. */
  byPlaybook: PlaybookFigures[];
  /** Most misses first, only steps missed at least once. */
  missedSteps: MissedStep[];
  /** Most replies first. */
  byAgent: AgentFigures[];
  /**
   * Steps overridden at least once, most overrides first (v9 rollups; absent where the source does
   * not count them), so a lead sees which steps of a playbook agents disagree with.
   */
  overriddenSteps?: OverriddenStep[];
  /** Days with replies, oldest first. */
  daily: DayFigures[];
}

/** The first day of `period` ending today (`7d` is today and the six days before), or undefined for all. */
export function sinceDayFor(period: Period, now: number = Date.now()): string | undefined {
  if (period === 'all') return undefined;
  const days = Number.parseInt(period, 10);
  const start = new Date(now);
  start.setDate(start.getDate() - (days - 1));
  return dayOf(start.getTime());
}

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

interface Totals {
  count: number;
  scoreSum: number;
  fullCount: number;
  overrides: number;
}

function add(totals: Map<string, Totals>, key: string, rollup: Rollup): void {
  const sum = totals.get(key) ?? { count: 0, scoreSum: 0, fullCount: 0, overrides: 0 };
  sum.count += rollup.count;
  sum.scoreSum += rollup.scoreSum;
  sum.fullCount += rollup.fullCount;
  totals.set(key, sum);
}

const adherenceOf = (t: Pick<Totals, 'count' | 'scoreSum'>): number =>
  t.count === 0 ? 0 : oneDecimal(t.scoreSum / t.count);
const fullRateOf = (t: Pick<Totals, 'count' | 'fullCount'>): number =>
  t.count === 0 ? 0 : oneDecimal((t.fullCount / t.count) * 100);

/**
 * Folds rollups (daily or monthly, any mix that covers the period once) and per-day totals into a
 * summary. Pure, so the popup's numbers are testable without a database.
 */
export function summarizeRollups(
  rollups: readonly Rollup[],
  dayTotals: readonly DayTotal[],
  sinceDay: string | null = null,
): Summary {
  const overall: Totals = { count: 0, scoreSum: 0, fullCount: 0, overrides: 0 };
  const byPlaybook = new Map<string, Totals>();
  const byAgent = new Map<string, Totals>();
  const steps = new Map<string, MissedStep>();
  const overridden = new Map<string, OverriddenStep>();

  for (const rollup of rollups) {
    overall.count += rollup.count;
    overall.scoreSum += rollup.scoreSum;
    overall.fullCount += rollup.fullCount;
    add(byPlaybook, rollup.playbookId, rollup);
    add(byAgent, rollup.agent, rollup);
    const agentTotals = byAgent.get(rollup.agent) as Totals;
    for (const [stepId, tally] of Object.entries(rollup.steps)) {
      const key = JSON.stringify([rollup.playbookId, stepId]);
      const step = steps.get(key) ?? { playbookId: rollup.playbookId, stepId, misses: 0, applicable: 0 };
      step.misses += tally.misses;
      step.applicable += tally.applicable;
      steps.set(key, step);
      if (tally.overrides) {
        const row = overridden.get(key) ?? {
          playbookId: rollup.playbookId,
          stepId,
          overrides: 0,
          done: 0,
          na: 0,
        };
        row.done += tally.overrides.done;
        row.na += tally.overrides.na;
        row.overrides += overridesOf(tally);
        overridden.set(key, row);
        agentTotals.overrides += overridesOf(tally);
      }
    }
  }

  return {
    sinceDay,
    total: overall.count,
    adherence: adherenceOf(overall),
    fullAdherenceRate: fullRateOf(overall),
    byPlaybook: [...byPlaybook]
      .map(([playbookId, t]) => ({
        playbookId,
        count: t.count,
        adherence: adherenceOf(t),
        fullAdherenceRate: fullRateOf(t),
      }))
      .sort((a, b) => b.count - a.count || a.playbookId.localeCompare(b.playbookId)),
    missedSteps: [...steps.values()]
      .filter((step) => step.misses > 0)
      .sort(
        (a, b) =>
          b.misses - a.misses ||
          b.misses / b.applicable - a.misses / a.applicable ||
          a.stepId.localeCompare(b.stepId) ||
          a.playbookId.localeCompare(b.playbookId),
      ),
    byAgent: [...byAgent]
      .map(([agent, t]) => ({
        agent,
        count: t.count,
        adherence: adherenceOf(t),
        fullAdherenceRate: fullRateOf(t),
        overrides: t.overrides,
      }))
      .sort((a, b) => b.count - a.count || a.agent.localeCompare(b.agent)),
    overriddenSteps: [...overridden.values()]
      .filter((step) => step.overrides > 0)
      .sort(
        (a, b) =>
          b.overrides - a.overrides ||
          a.playbookId.localeCompare(b.playbookId) ||
          a.stepId.localeCompare(b.stepId),
      ),
    daily: dayTotals
      .filter((t) => t.count > 0)
      .map((t) => ({ day: t.day, count: t.count, adherence: adherenceOf(t) }))
      .sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** Filters of the popup and report; absent or '' = all. */
export interface SummaryFilters {
  agent?: string;
  playbookId?: string;
  helpdesk?: string;
}

/** A period (first and last day, inclusive; absent = open) and filters. */
export interface SummaryQuery extends SummaryFilters {
  sinceDay?: string;
  untilDay?: string;
}

const hasFilter = (q: SummaryFilters): boolean => Boolean(q.agent || q.playbookId || q.helpdesk);

/** Whether a rollup (or a record: same fields) passes the filters ('' or absent = any). */
export function matchesFilters(
  rollup: Pick<Rollup, 'agent' | 'playbookId' | 'helpdesk'>,
  q: SummaryFilters,
): boolean {
  return (
    (!q.agent || rollup.agent === q.agent) &&
    (!q.playbookId || rollup.playbookId === q.playbookId) &&
    (!q.helpdesk || rollup.helpdesk === q.helpdesk)
  );
}

/** Per-day totals of daily rollups (what the `days` store holds, but for a filtered subset). */
export function dayTotalsOfRollups(rollups: readonly Rollup[]): DayTotal[] {
  const days = new Map<string, DayTotal>();
  for (const r of rollups) {
    const total = days.get(r.day) ?? { day: r.day, count: 0, scoreSum: 0, fullCount: 0 };
    total.count += r.count;
    total.scoreSum += r.scoreSum;
    total.fullCount += r.fullCount;
    days.set(r.day, total);
  }
  return [...days.values()];
}

/** `day` moved by `n` calendar days (local time), `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const date = new Date(startOfDay(day));
  date.setDate(date.getDate() + n);
  return dayOf(date.getTime());
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / 86_400_000) + 1;
}

/** The values the filters can take: agents, playbooks and helpdesks with at least one reply. */
export interface FilterChoices {
  agents: string[];
  playbooks: string[];
  helpdesks: string[];
}

/** Filter choices from the monthly rollups (months × playbooks × agents × helpdesks rows). */
export async function filterChoices(db: KeelDatabase): Promise<FilterChoices> {
  const monthly = await db.getAll('monthly');
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    agents: sorted(monthly.map((r) => r.agent)),
    playbooks: sorted(monthly.map((r) => r.playbookId)),
    helpdesks: sorted(monthly.map((r) => r.helpdesk ?? '')),
  };
}

/**
 * A summary for any period and filters. Without filters and an end day, the cheap path below
 * (monthly rollups and per-day totals). Otherwise daily rollups of the period, read by the `by-day`
 * index and filtered: days × playbooks × agents × helpdesks rows, never records.
 */
export async function summarizeQuery(db: KeelDatabase, query: SummaryQuery): Promise<Summary> {
  if (!hasFilter(query) && query.untilDay === undefined) {
    return summarize(db, query.sinceDay === undefined ? {} : { sinceDay: query.sinceDay });
  }
  const lower = query.sinceDay ?? '';
  const range =
    query.untilDay === undefined
      ? IDBKeyRange.lowerBound(lower)
      : IDBKeyRange.bound(lower, query.untilDay, false, false);
  const rollups = (await db.getAllFromIndex('rollups', 'by-day', range)).filter((r) =>
    matchesFilters(r, query),
  );
  return {
    ...summarizeRollups(rollups, dayTotalsOfRollups(rollups), query.sinceDay ?? null),
    untilDay: query.untilDay ?? null,
  };
}

function nextMonth(month: string): string {
  const date = new Date(startOfDay(`${month}-01`));
  date.setMonth(date.getMonth() + 1);
  return monthOf(dayOf(date.getTime()));
}

/**
 * The popup's summary from `sinceDay` (inclusive, `YYYY-MM-DD`) on, or of all time. Reads monthly
 * rollups for whole months, daily rollups only for the days before the first whole month, and the
 * per-day totals: its cost follows months × playbooks × agents, not the number of records.
 */
export async function summarize(db: KeelDatabase, options: { sinceDay?: string } = {}): Promise<Summary> {
  const { sinceDay } = options;
  const tx = db.transaction(['rollups', 'monthly', 'days'], 'readonly');
  const monthly = tx.objectStore('monthly');
  const days = tx.objectStore('days');
  if (sinceDay === undefined) {
    const [rollups, totals] = await Promise.all([monthly.getAll(), days.getAll(), tx.done]);
    return summarizeRollups(rollups, totals, null);
  }
  const firstWholeMonth = sinceDay.endsWith('-01') ? monthOf(sinceDay) : nextMonth(monthOf(sinceDay));
  // From the 1st of a month there are no edge days: an empty bound (lower = open upper) throws.
  const edgeEnd = `${firstWholeMonth}-01`;
  const [edgeDays, wholeMonths, totals] = await Promise.all([
    sinceDay < edgeEnd
      ? tx
          .objectStore('rollups')
          .index('by-day')
          .getAll(IDBKeyRange.bound(sinceDay, edgeEnd, false, true))
      : Promise.resolve([]),
    monthly.index('by-month').getAll(IDBKeyRange.lowerBound(firstWholeMonth)),
    days.getAll(IDBKeyRange.lowerBound(sinceDay)),
    tx.done,
  ]);
  return summarizeRollups([...edgeDays, ...wholeMonths], totals, sinceDay);
}
