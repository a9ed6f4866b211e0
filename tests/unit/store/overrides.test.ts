import { describe, expect, it } from 'vitest';
import { openKeelDB } from '../../../utils/store/open';
import { addReply, pruneBefore } from '../../../utils/store/replies';
import { rollupsOf } from '../../../utils/store/rollups';
import { summarize, summarizeQuery } from '../../../utils/store/summary';
import type { ReplyRecord } from '../../../utils/store/types';
import { freshDbName, makeRecord } from './fixtures';

const at = (day: number) => new Date(2025, 2, day, 10).getTime();

/** A record whose steps carry the agent's corrections. */
function corrected(
  agent: string,
  day: number,
  steps: ReplyRecord['steps'],
  fields: Partial<ReplyRecord> = {},
): ReplyRecord {
  return makeRecord({ agent, time: at(day), steps, format: 2, ...fields });
}

describe('overrides in the rollups', () => {
  it('counts each kind per step; a "not needed here" step is counted as overridden, not as applicable', () => {
    const records = [
      corrected('Ana', 10, [
        { id: 'greet', status: 'pass', override: 'done' },
        { id: 'apologise', status: 'na', override: 'na' },
      ]),
      corrected('Ana', 10, [
        { id: 'greet', status: 'fail' },
        { id: 'apologise', status: 'na' },
      ]),
    ];
    const [rollup] = [...rollupsOf(records).values()];
    expect(rollup?.steps.greet).toEqual({ applicable: 2, misses: 1, overrides: { done: 1, na: 0 } });
    expect(rollup?.steps.apologise).toEqual({ applicable: 0, misses: 0, overrides: { done: 0, na: 1 } });
  });

  it('a step id such as __proto__ is a plain key of the override tally too', () => {
    const [rollup] = [
      ...rollupsOf([corrected('Ana', 10, [{ id: '__proto__', status: 'pass', override: 'done' }])]).values(),
    ];
    expect(Object.getPrototypeOf(rollup?.steps)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rollup?.steps, '__proto__')?.value).toEqual({
      applicable: 1,
      misses: 0,
      overrides: { done: 1, na: 0 },
    });
  });

  it('the summary lists overridden steps per playbook, most first, and overrides per agent, following the filters', async () => {
    const db = await openKeelDB(freshDbName());
    await addReply(
      db,
      corrected('Ana', 10, [
        { id: 'greet', status: 'pass', override: 'done' },
        { id: 'apologise', status: 'na', override: 'na' },
      ]),
    );
    await addReply(db, corrected('Ana', 11, [{ id: 'apologise', status: 'na', override: 'na' }]));
    await addReply(
      db,
      corrected('Ben', 11, [{ id: 'track', status: 'pass', override: 'done' }], { playbookId: 'shipping' }),
    );
    await addReply(db, corrected('Ben', 12, [{ id: 'greet', status: 'pass' }]));

    const all = await summarizeQuery(db, { sinceDay: '2025-03-01' });
    expect(all.overriddenSteps).toEqual([
      { playbookId: 'refund', stepId: 'apologise', overrides: 2, done: 0, na: 2 },
      { playbookId: 'refund', stepId: 'greet', overrides: 1, done: 1, na: 0 },
      { playbookId: 'shipping', stepId: 'track', overrides: 1, done: 1, na: 0 },
    ]);
    expect(all.byAgent.map((a) => [a.agent, a.overrides])).toEqual([
      ['Ana', 3],
      ['Ben', 1],
    ]);

    const ben = await summarizeQuery(db, { sinceDay: '2025-03-01', agent: 'Ben' });
    expect(ben.overriddenSteps?.map((s) => s.stepId)).toEqual(['track']);
    const refund = await summarizeQuery(db, { playbookId: 'refund' });
    expect(refund.overriddenSteps?.map((s) => s.stepId)).toEqual(['apologise', 'greet']);
    const day11 = await summarizeQuery(db, { sinceDay: '2025-03-11', untilDay: '2025-03-11' });
    expect(day11.overriddenSteps?.map((s) => [s.stepId, s.overrides])).toEqual([
      ['apologise', 1],
      ['track', 1],
    ]);
    // Unfiltered, from monthly rollups: the same figures.
    expect((await summarize(db)).overriddenSteps).toEqual(all.overriddenSteps);
    db.close();
  });

  it('retention drops the overrides of the records it deletes', async () => {
    const db = await openKeelDB(freshDbName());
    await addReply(db, corrected('Ana', 10, [{ id: 'greet', status: 'pass', override: 'done' }]));
    await addReply(db, corrected('Ana', 12, [{ id: 'greet', status: 'pass', override: 'done' }]));
    await pruneBefore(db, at(11));
    expect((await summarize(db)).overriddenSteps).toEqual([
      { playbookId: 'refund', stepId: 'greet', overrides: 1, done: 1, na: 0 },
    ]);
    db.close();
  });
});

describe('summary periods', () => {
  it('a period starting on the 1st of a month is summarised (it threw DataError: an empty key range of edge days)', async () => {
    const db = await openKeelDB(freshDbName());
    await addReply(db, makeRecord({ time: at(10) }));
    await expect(summarize(db, { sinceDay: '2025-03-01' })).resolves.toMatchObject({ total: 1 });
    db.close();
  });
});
