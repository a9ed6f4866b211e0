import type { DayTotal, MissEntry, Rollup, StepTally } from './schema';
import type { ReplyRecord } from './types';

/** The local calendar day of an epoch-millisecond time, `YYYY-MM-DD`. */
export function dayOf(time: number): string {
  const date = new Date(time);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Epoch milliseconds of local midnight starting `day` (`YYYY-MM-DD`). */
export function startOfDay(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).getTime();
}

/** Epoch milliseconds of local midnight ending `day`. */
export function endOfDay(day: string): number {
  const start = new Date(startOfDay(day));
  start.setDate(start.getDate() + 1);
  return start.getTime();
}

/**
 * `${day}|${playbookId}|${agent}|${helpdesk}` (v6 added the helpdesk, for the helpdesk filter).
 * `%` and `|` inside a part are escaped (`%25`, `%7C`) so two different rollups never share a key
 * (issue 14: agent "a|b" on helpdesk "c" was agent "a" on helpdesk "b|c"). Parts without either
 * character keep the key they had before.
 */
export function rollupKey(day: string, playbookId: string, agent: string, helpdesk: string): string {
  return [day, playbookId, agent, helpdesk].map(escapeKeyPart).join('|');
}

function escapeKeyPart(part: string): string {
  return part.replaceAll('%', '%25').replaceAll('|', '%7C');
}

/** The steps of a record, each id once (its first entry): a repeated id is never tallied twice. */
export function distinctSteps(record: ReplyRecord): ReplyRecord['steps'] {
  const seen = new Set<string>();
  return record.steps.filter((step) => !seen.has(step.id) && seen.add(step.id));
}

/**
 * Step ids come from playbooks and team files: `constructor`, `toString` or `__proto__` must be
 * plain keys, never Object.prototype's members (issue 14: one such id blocked all statistics).
 * Reads take only own properties; writes define them, so `__proto__` is a key, not a setter.
 */
export function ownTally(steps: Record<string, StepTally>, id: string): StepTally | undefined {
  return Object.hasOwn(steps, id) ? steps[id] : undefined;
}

export function setTally(steps: Record<string, StepTally>, id: string, tally: StepTally): void {
  Object.defineProperty(steps, id, { value: tally, enumerable: true, writable: true, configurable: true });
}

export function emptyRollup(day: string, playbookId: string, agent: string, helpdesk: string): Rollup {
  return {
    key: rollupKey(day, playbookId, agent, helpdesk),
    day,
    playbookId,
    agent,
    helpdesk,
    count: 0,
    scoreSum: 0,
    fullCount: 0,
    steps: {},
  };
}

/** The month of a day, `YYYY-MM`: monthly rollups use it where daily ones use the day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/**
 * Adds one record to `rollups` (keyed by rollup key), creating its rollup when missing. With
 * `monthly`, the rollup is the record's month's (`day` holds `YYYY-MM`).
 */
export function tallyRecord(rollups: Map<string, Rollup>, record: ReplyRecord, monthly = false): void {
  const day = monthly ? monthOf(dayOf(record.time)) : dayOf(record.time);
  const key = rollupKey(day, record.playbookId, record.agent, record.helpdesk);
  let rollup = rollups.get(key);
  if (!rollup) {
    rollup = emptyRollup(day, record.playbookId, record.agent, record.helpdesk);
    rollups.set(key, rollup);
  }
  rollup.count += 1;
  rollup.scoreSum += record.score;
  if (record.fullAdherence) rollup.fullCount += 1;
  for (const step of distinctSteps(record)) {
    // A step the agent marked "not needed here" is `na`, yet its override still counts (v9).
    if (step.status === 'na' && step.override === undefined) continue;
    const tally = ownTally(rollup.steps, step.id) ?? { applicable: 0, misses: 0 };
    if (step.status !== 'na') tally.applicable += 1;
    if (step.status === 'fail') tally.misses += 1;
    if (step.override !== undefined) {
      tally.overrides ??= { done: 0, na: 0 };
      tally.overrides[step.override] += 1;
    }
    setTally(rollup.steps, step.id, tally);
  }
}

/** The number of overrides a step's tally counts (both kinds). */
export function overridesOf(tally: StepTally): number {
  return tally.overrides ? tally.overrides.done + tally.overrides.na : 0;
}

/** Rollups of a list of records, from nothing (daily, or monthly). */
export function rollupsOf(records: Iterable<ReplyRecord>, monthly = false): Map<string, Rollup> {
  const rollups = new Map<string, Rollup>();
  for (const record of records) tallyRecord(rollups, record, monthly);
  return rollups;
}

/** Adds one record to per-day totals. */
export function tallyDay(days: Map<string, DayTotal>, record: ReplyRecord): void {
  const day = dayOf(record.time);
  const total = days.get(day) ?? { day, count: 0, scoreSum: 0, fullCount: 0 };
  total.count += 1;
  total.scoreSum += record.score;
  if (record.fullAdherence) total.fullCount += 1;
  days.set(day, total);
}

/** Per-day totals of a list of records, from nothing. */
export function dayTotalsOf(records: Iterable<ReplyRecord>): Map<string, DayTotal> {
  const days = new Map<string, DayTotal>();
  for (const record of records) tallyDay(days, record);
  return days;
}

export function mergeDayTotal(stored: DayTotal | undefined, delta: DayTotal): DayTotal {
  if (!stored) return delta;
  return {
    day: stored.day,
    count: stored.count + delta.count,
    scoreSum: stored.scoreSum + delta.scoreSum,
    fullCount: stored.fullCount + delta.fullCount,
  };
}

/** `stored + delta`, as a new rollup (either may be missing a step the other has). */
export function mergeRollup(stored: Rollup | undefined, delta: Rollup): Rollup {
  if (!stored) return delta;
  const steps: Record<string, StepTally> = {};
  for (const [id, tally] of Object.entries(stored.steps)) {
    const copy: StepTally = { ...tally };
    if (tally.overrides) copy.overrides = { ...tally.overrides };
    setTally(steps, id, copy);
  }
  for (const [id, tally] of Object.entries(delta.steps)) {
    const sum = ownTally(steps, id) ?? { applicable: 0, misses: 0 };
    sum.applicable += tally.applicable;
    sum.misses += tally.misses;
    if (tally.overrides) {
      sum.overrides ??= { done: 0, na: 0 };
      sum.overrides.done += tally.overrides.done;
      sum.overrides.na += tally.overrides.na;
    }
    setTally(steps, id, sum);
  }
  return {
    ...stored,
    count: stored.count + delta.count,
    scoreSum: stored.scoreSum + delta.scoreSum,
    fullCount: stored.fullCount + delta.fullCount,
    steps,
  };
}

/** The drill-down entries of a record: one per step it missed (schema v6, store `misses`). */
export function missesOf(record: ReplyRecord): MissEntry[] {
  const entries: MissEntry[] = [];
  for (const step of distinctSteps(record)) {
    if (step.status !== 'fail') continue;
    entries.push({
      id: record.id,
      playbookId: record.playbookId,
      stepId: step.id,
      time: record.time,
      agent: record.agent,
      helpdesk: record.helpdesk,
    });
  }
  return entries;
}
