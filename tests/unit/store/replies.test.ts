import { describe, expect, it, vi } from 'vitest';
import { StoreQuotaError } from '../../../utils/store/errors';
import type { KeelDatabase } from '../../../utils/store/open';
import { addReply, pruneBefore } from '../../../utils/store/replies';
import { dayOf, dayTotalsOf, rollupsOf } from '../../../utils/store/rollups';
import { sinceDayFor, summarize, summarizeRollups } from '../../../utils/store/summary';
import { makeRecord } from './fixtures';
import { freshDbPerTest } from './fresh-db';

let db: KeelDatabase;
freshDbPerTest((opened) => {
  db = opened;
});

const day = (d: number, hour = 12) => new Date(2025, 2, d, hour).getTime();

describe('addReply', () => {
  it('stores the record and its rollup together', async () => {
    const record = makeRecord({ score: 75, fullAdherence: false, steps: [{ id: 'greet', status: 'fail' }] });
    expect(await addReply(db, record)).toBe(true);
    expect(await db.get('replies', record.id)).toEqual(record);
    const [rollup] = await db.getAll('rollups');
    expect(rollup).toMatchObject({
      key: `${dayOf(record.time)}|refund|Ana|demo`,
      count: 1,
      scoreSum: 75,
      fullCount: 0,
      steps: { greet: { applicable: 1, misses: 1 } },
    });
  });

  it('changes nothing when the same id is written again (a retried send)', async () => {
    const record = makeRecord();
    await addReply(db, record);
    const rollupsBefore = await db.getAll('rollups');
    expect(await addReply(db, { ...record, score: 0 })).toBe(false);
    expect(await db.get('replies', record.id)).toEqual(record);
    expect(await db.getAll('rollups')).toEqual(rollupsBefore);
  });

  it('records a concurrent double send exactly once', async () => {
    const record = makeRecord();
    const results = await Promise.all([addReply(db, record), addReply(db, record)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await summarize(db)).total).toBe(1);
  });

  it('surfaces a full disk as StoreQuotaError and stores nothing', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(addReply(db, makeRecord())).rejects.toBeInstanceOf(StoreQuotaError);
    vi.restoreAllMocks();
    expect(await db.count('replies')).toBe(0);
    expect(await db.count('rollups')).toBe(0);
  });
});

describe('summarize', () => {
  it('reports totals, adherence, full adherence, playbooks, missed steps, agents and days from rollups', async () => {
    await addReply(db, makeRecord({ time: day(1), agent: 'Ana', score: 100 }));
    await addReply(
      db,
      makeRecord({
        time: day(1),
        agent: 'Ben',
        score: 50,
        fullAdherence: false,
        steps: [
          { id: 'greet', status: 'fail' },
          { id: 'apologise', status: 'fail' },
        ],
      }),
    );
    await addReply(
      db,
      makeRecord({
        time: day(2),
        agent: 'Ana',
        playbookId: 'shipping',
        score: 60,
        fullAdherence: false,
        steps: [{ id: 'greet', status: 'fail' }],
      }),
    );

    const summary = await summarize(db);
    expect(summary.total).toBe(3);
    expect(summary.adherence).toBe(70);
    expect(summary.fullAdherenceRate).toBe(33.3);
    expect(summary.byPlaybook).toEqual([
      { playbookId: 'refund', count: 2, adherence: 75, fullAdherenceRate: 50 },
      { playbookId: 'shipping', count: 1, adherence: 60, fullAdherenceRate: 0 },
    ]);
    expect(summary.missedSteps).toEqual([
      { playbookId: 'refund', stepId: 'apologise', misses: 1, applicable: 1 },
      { playbookId: 'shipping', stepId: 'greet', misses: 1, applicable: 1 },
      { playbookId: 'refund', stepId: 'greet', misses: 1, applicable: 2 },
    ]);
    expect(summary.byAgent.map((a) => [a.agent, a.count, a.adherence])).toEqual([
      ['Ana', 2, 80],
      ['Ben', 1, 50],
    ]);
    expect(summary.daily).toEqual([
      { day: dayOf(day(1)), count: 2, adherence: 75 },
      { day: dayOf(day(2)), count: 1, adherence: 60 },
    ]);
  });

  it('counts only days from sinceDay on', async () => {
    await addReply(db, makeRecord({ time: day(1) }));
    await addReply(db, makeRecord({ time: day(9) }));
    await addReply(db, makeRecord({ time: day(10) }));
    const summary = await summarize(db, { sinceDay: sinceDayFor('7d', day(15)) });
    expect(summary.total).toBe(2);
    expect(summary.sinceDay).toBe(dayOf(day(9)));
  });

  it('gives the same figures from monthly rollups as from every record', async () => {
    const records = Array.from({ length: 60 }, (_, i) =>
      makeRecord({
        time: new Date(2025, 0, 5 + i * 2, 9).getTime(),
        agent: i % 3 === 0 ? 'Ana' : 'Ben',
        playbookId: i % 2 === 0 ? 'refund' : 'shipping',
        score: (i * 37) % 101,
        fullAdherence: i % 4 === 0,
        steps: [{ id: 'greet', status: i % 5 === 0 ? 'fail' : 'pass' }],
      }),
    );
    for (const record of records) await addReply(db, record);
    const sinceDay = '2025-02-10';
    const inPeriod = records.filter((r) => dayOf(r.time) >= sinceDay);
    const expected = summarizeRollups(
      [...rollupsOf(inPeriod).values()],
      [...dayTotalsOf(inPeriod).values()],
      sinceDay,
    );
    expect(await summarize(db, { sinceDay })).toEqual(expected);
    expect(await summarize(db)).toEqual(
      summarizeRollups([...rollupsOf(records).values()], [...dayTotalsOf(records).values()]),
    );
  });

  it('is all zeros on an empty database', async () => {
    expect(await summarize(db)).toMatchObject({ total: 0, adherence: 0, fullAdherenceRate: 0, daily: [] });
  });
});

describe('pruneBefore (retention)', () => {
  it('deletes older records and rebuilds the rollups of the days they touched', async () => {
    const old = makeRecord({ time: day(1, 8), score: 0, fullAdherence: false });
    const sameDayKept = makeRecord({ time: day(1, 18), score: 100 });
    const newer = makeRecord({ time: day(5), score: 90 });
    for (const record of [old, sameDayKept, newer]) await addReply(db, record);

    expect(await pruneBefore(db, day(1, 12))).toBe(1);
    expect(await db.get('replies', old.id)).toBeUndefined();
    expect(await db.count('replies')).toBe(2);
    const rollups = (await db.getAll('rollups')).sort((a, b) => a.key.localeCompare(b.key));
    expect(rollups).toEqual(
      [...rollupsOf([sameDayKept, newer]).values()].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(await db.getAll('monthly')).toEqual([...rollupsOf([sameDayKept, newer], true).values()]);
    expect(await db.getAll('days')).toEqual([...dayTotalsOf([sameDayKept, newer]).values()]);
  });

  it('drops a day’s rollup when no record of that day remains', async () => {
    await addReply(db, makeRecord({ time: day(1) }));
    await addReply(db, makeRecord({ time: day(3) }));
    await pruneBefore(db, day(2));
    expect((await db.getAll('rollups')).map((r) => r.day)).toEqual([dayOf(day(3))]);
    expect((await summarize(db)).total).toBe(1);
  });
});
