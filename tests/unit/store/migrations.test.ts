import { describe, expect, it } from 'vitest';
import { DB_VERSION, migrationV7, migrationV9 } from '../../../utils/store/migrations';
import { openKeelDB } from '../../../utils/store/open';
import { dayTotalsOf, rollupsOf } from '../../../utils/store/rollups';
import { summarize } from '../../../utils/store/summary';
import { freshDbName, makeRecord } from './fixtures';

describe('schema migrations', () => {
  it('v1 creates the replies store with indexes by time, playbook, agent and ticket', async () => {
    const db = await openKeelDB(freshDbName(), 1);
    expect([...db.objectStoreNames]).toEqual(['replies']);
    const indexes = [...db.transaction('replies').store.indexNames].sort();
    expect(indexes).toEqual(['by-agent', 'by-playbook', 'by-ticket', 'by-time']);
    db.close();
  });

  it('v1 → v2 keeps every record and backfills rollups from them', async () => {
    const name = freshDbName();
    const records = [
      makeRecord({ agent: 'Ana', score: 50, fullAdherence: false, steps: [{ id: 'greet', status: 'fail' }] }),
      makeRecord({ agent: 'Ana', score: 100 }),
      makeRecord({ agent: 'Ben', playbookId: 'shipping', score: 80 }),
    ];
    const v1 = await openKeelDB(name, 1);
    for (const record of records) await v1.put('replies', record);
    v1.close();

    const v2 = await openKeelDB(name, 2);
    expect(await v2.count('replies')).toBe(records.length);
    for (const record of records) expect(await v2.get('replies', record.id)).toEqual(record);
    const rollups = await v2.getAll('rollups');
    expect(rollups.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...rollupsOf(records).values()].sort((a, b) => a.key.localeCompare(b.key)),
    );
    const ana = rollups.find((rollup) => rollup.agent === 'Ana');
    expect(ana).toMatchObject({ count: 2, scoreSum: 150, fullCount: 1 });
    expect(ana?.steps.greet).toEqual({ applicable: 2, misses: 1 });
    v2.close();
  });

  it('v1 → v2 does nothing on an empty database', async () => {
    const name = freshDbName();
    (await openKeelDB(name, 1)).close();
    const v2 = await openKeelDB(name, 2);
    expect(await v2.count('replies')).toBe(0);
    expect(await v2.count('rollups')).toBe(0);
    v2.close();
  });

  it('v2 → v3 adds the imports store and keeps every record and rollup', async () => {
    const name = freshDbName();
    const records = [makeRecord(), makeRecord({ agent: 'Ben' })];
    const v1 = await openKeelDB(name, 1);
    for (const record of records) await v1.put('replies', record);
    v1.close();
    const v2 = await openKeelDB(name, 2);
    const rollupsBefore = await v2.getAll('rollups');
    v2.close();

    const v3 = await openKeelDB(name, 3);
    expect(v3.objectStoreNames.contains('imports')).toBe(true);
    expect(await v3.getAll('replies')).toEqual([...records].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await v3.getAll('rollups')).toEqual(rollupsBefore);
    v3.close();
  });

  it('v3 → v4 keeps every record and backfills monthly rollups and day totals', async () => {
    const name = freshDbName();
    const records = [
      makeRecord({ time: new Date(2025, 0, 31, 9).getTime(), score: 40, fullAdherence: false }),
      makeRecord({ time: new Date(2025, 1, 1, 9).getTime(), agent: 'Ben' }),
      makeRecord({ time: new Date(2025, 1, 14, 9).getTime() }),
    ];
    const v3 = await openKeelDB(name, 3);
    for (const record of records) await v3.put('replies', record);
    v3.close();

    const v4 = await openKeelDB(name, 4);
    expect(await v4.count('replies')).toBe(records.length);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect((await v4.getAll('monthly')).sort(byKey)).toEqual(
      [...rollupsOf(records, true).values()].sort(byKey),
    );
    expect((await v4.getAll('monthly')).map((r) => r.day).sort()).toEqual(['2025-01', '2025-02', '2025-02']);
    expect(await v4.getAll('days')).toEqual([...dayTotalsOf(records).values()]);
    expect((await summarize(v4)).total).toBe(3);
    v4.close();
  });

  it('v4 → v5 adds an empty pending store and keeps every record, rollup and total', async () => {
    const name = freshDbName();
    const records = [makeRecord(), makeRecord({ agent: 'Ben', score: 60, fullAdherence: false })];
    const v4 = await openKeelDB(name, 4);
    for (const record of records) await v4.put('replies', record);
    v4.close();
    const v4Again = await openKeelDB(name, 4);
    const before = {
      replies: await v4Again.getAll('replies'),
      rollups: await v4Again.getAll('rollups'),
      monthly: await v4Again.getAll('monthly'),
      days: await v4Again.getAll('days'),
    };
    v4Again.close();

    const v5 = await openKeelDB(name, 5);
    expect(v5.objectStoreNames.contains('pending')).toBe(true);
    expect([...v5.transaction('pending').store.indexNames]).toEqual(['by-since']);
    expect(await v5.count('pending')).toBe(0);
    expect(await v5.getAll('replies')).toEqual(before.replies);
    expect(await v5.getAll('rollups')).toEqual(before.rollups);
    expect(await v5.getAll('monthly')).toEqual(before.monthly);
    expect(await v5.getAll('days')).toEqual(before.days);
    v5.close();
  });

  it('v4 → v5 does nothing on an empty database', async () => {
    const name = freshDbName();
    (await openKeelDB(name, 4)).close();
    const v5 = await openKeelDB(name, 5);
    expect(await v5.count('replies')).toBe(0);
    expect(await v5.count('pending')).toBe(0);
    v5.close();
  });

  it('v5 → v6 keeps every record, rebuilds rollups keyed by helpdesk and backfills the misses', async () => {
    const name = freshDbName();
    const records = [
      makeRecord({
        time: new Date(2025, 0, 5, 9).getTime(),
        helpdesk: 'zendesk',
        score: 50,
        fullAdherence: false,
        steps: [{ id: 'greet', status: 'fail' }],
      }),
      makeRecord({ time: new Date(2025, 0, 5, 10).getTime(), helpdesk: 'freshdesk' }),
      makeRecord({
        time: new Date(2025, 0, 6, 9).getTime(),
        agent: 'Ben',
        helpdesk: 'zendesk',
        score: 0,
        fullAdherence: false,
        steps: [
          { id: 'greet', status: 'fail' },
          { id: 'apologise', status: 'fail' },
        ],
      }),
    ];
    const v5 = await openKeelDB(name, 5);
    for (const record of records) await v5.put('replies', record);
    // Rollups as Keel before v6 wrote them: no helpdesk in the key.
    await v5.put('rollups', {
      ...[...rollupsOf(records).values()][0],
      key: '2025-01-05|refund|Ana',
    } as never);
    v5.close();

    const v6 = await openKeelDB(name, 6);
    expect(await v6.count('replies')).toBe(records.length);
    for (const record of records) expect(await v6.get('replies', record.id)).toEqual(record);
    const keys = (await v6.getAllKeys('rollups')).sort();
    expect(keys).toEqual([
      '2025-01-05|refund|Ana|freshdesk',
      '2025-01-05|refund|Ana|zendesk',
      '2025-01-06|refund|Ben|zendesk',
    ]);
    expect((await v6.getAll('monthly')).map((r) => r.key).sort()).toEqual([
      '2025-01|refund|Ana|freshdesk',
      '2025-01|refund|Ana|zendesk',
      '2025-01|refund|Ben|zendesk',
    ]);
    const greet = await v6.getAll(
      'misses',
      IDBKeyRange.bound(['refund', 'greet', -Infinity], ['refund', 'greet', Infinity]),
    );
    expect(greet.map((m) => m.id)).toEqual([records[0]?.id, records[2]?.id]);
    expect(await v6.count('misses')).toBe(3);
    const bens = await v6.getAllFromIndex(
      'misses',
      'by-agent',
      IDBKeyRange.bound(['Ben', 'refund', 'apologise', -Infinity], ['Ben', 'refund', 'apologise', Infinity]),
    );
    expect(bens.map((m) => m.id)).toEqual([records[2]?.id]);
    v6.close();
  });

  it('a fresh install reaches the newest version with all stores', async () => {
    const db = await openKeelDB(freshDbName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'days',
      'imports',
      'misses',
      'monthly',
      'pending',
      'replies',
      'rollups',
      'teamQueue',
    ]);
    db.close();
  });

  it('v5 → v7 keeps every record and adds an empty team queue indexed by record time', async () => {
    const name = freshDbName();
    const records = [makeRecord({ agent: 'Ana' }), makeRecord({ agent: 'Ben', origin: 'import' })];
    const v5 = await openKeelDB(name, 5);
    for (const record of records) await v5.put('replies', record);
    v5.close();

    const v7 = await openKeelDB(name, migrationV7.version);
    expect(v7.version).toBe(7);
    expect(await v7.count('replies')).toBe(records.length);
    expect(await v7.count('teamQueue')).toBe(0);
    expect([...v7.transaction('teamQueue').store.indexNames]).toEqual(['by-time']);
    v7.close();
  });

  it('v7 does nothing on an empty database but add the team queue', async () => {
    const db = await openKeelDB(freshDbName(), 7);
    expect(await db.count('teamQueue')).toBe(0);
    db.close();
  });

  it('v7 → v9 counts the overrides of records already stored in their daily and monthly rollups, and keeps every record', async () => {
    const name = freshDbName();
    const march = new Date(2025, 2, 10, 12).getTime();
    const records = [
      makeRecord({
        time: march,
        steps: [
          { id: 'greet', status: 'pass', override: 'done' },
          { id: 'apologise', status: 'na', override: 'na' },
        ],
      }),
      makeRecord({ time: march, steps: [{ id: 'greet', status: 'fail' }], score: 0, fullAdherence: false }),
      makeRecord({ time: new Date(2025, 2, 12, 9).getTime(), agent: 'Ben' }),
      makeRecord({ time: new Date(2025, 3, 1, 9).getTime() }),
    ];
    const v7 = await openKeelDB(name, 7);
    for (const record of records) await v7.put('replies', record);
    // Rollups as Keel before v9 wrote them: overrides not counted; "not needed here" not even listed.
    const before = (r: (typeof records)[number]) => ({
      ...r,
      steps: r.steps.map(({ id, status }) => ({ id, status })),
    });
    for (const rollup of rollupsOf(records.map(before)).values()) await v7.put('rollups', rollup);
    for (const rollup of rollupsOf(records.map(before), true).values()) await v7.put('monthly', rollup);
    const untouched = await v7.get('rollups', '2025-03-12|refund|Ben|demo');
    v7.close();

    const v9 = await openKeelDB(name, migrationV9.version);
    expect(v9.version).toBe(9);
    expect(await v9.count('replies')).toBe(records.length);
    for (const record of records) expect(await v9.get('replies', record.id)).toEqual(record);
    const daily = await v9.get('rollups', '2025-03-10|refund|Ana|demo');
    expect(daily?.count).toBe(2);
    expect(daily?.steps.greet).toEqual({ applicable: 2, misses: 1, overrides: { done: 1, na: 0 } });
    expect(daily?.steps.apologise).toEqual({ applicable: 0, misses: 0, overrides: { done: 0, na: 1 } });
    expect((await v9.get('monthly', '2025-03|refund|Ana|demo'))?.steps.greet?.overrides).toEqual({
      done: 1,
      na: 0,
    });
    expect(await v9.get('rollups', '2025-03-12|refund|Ben|demo')).toEqual(untouched);
    expect((await v9.getAll('rollups')).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...rollupsOf(records).values()].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect((await v9.getAll('monthly')).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...rollupsOf(records, true).values()].sort((a, b) => a.key.localeCompare(b.key)),
    );
    v9.close();
  });

  it('v9 writes nothing on a database whose records have no override', async () => {
    const name = freshDbName();
    const records = [makeRecord(), makeRecord({ agent: 'Ben' })];
    const v7 = await openKeelDB(name, 7);
    for (const record of records) await v7.put('replies', record);
    v7.close();
    const v9 = await openKeelDB(name, 9);
    expect(await v9.count('replies')).toBe(2);
    expect(await v9.count('rollups')).toBe(0);
    v9.close();
  });
});
