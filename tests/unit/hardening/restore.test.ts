import { describe, expect, it, vi } from 'vitest';
import { exportBackup, exportTeamFile, importTeamFiles, restoreBackup } from '../../../utils/store/files';
import { type KeelDatabase, openKeelDB } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import { summarize } from '../../../utils/store/summary';
import { freshDbName, makeRecord } from '../store/fixtures';
import { freshDbPerTest } from '../store/fresh-db';

const STORES = [
  'replies',
  'rollups',
  'monthly',
  'days',
  'imports',
  'misses',
  'pending',
  'teamQueue',
] as const;

let db: KeelDatabase;
freshDbPerTest((opened) => {
  db = opened;
});

async function everything(target: KeelDatabase) {
  return Object.fromEntries(
    await Promise.all(STORES.map(async (store) => [store, await target.getAll(store)])),
  );
}

async function teamFileText(agent: string, count: number): Promise<string> {
  const source = await openKeelDB(freshDbName());
  for (let i = 0; i < count; i++) await addReply(source, makeRecord({ agent, score: 10 * i }));
  const text = JSON.stringify(await exportTeamFile(source, agent, '0.1.0'));
  source.close();
  return text;
}

describe('issue 14 High 4: a refused restore wipes the database', () => {
  it.each(['replies', 'rollups', 'monthly', 'days', 'misses'])(
    'leaves every store as it was when a put into %s fails mid-restore',
    async (failingStore) => {
      await addReply(
        db,
        makeRecord({
          agent: 'Ana',
          score: 40,
          fullAdherence: false,
          steps: [{ id: 'greet', status: 'fail' }],
        }),
      );
      await importTeamFiles(db, [{ name: 'ben.json', text: await teamFileText('Ben', 2) }]);
      const backup = JSON.stringify(await exportBackup(db, '0.1.0'));
      await addReply(db, makeRecord({ agent: 'Cleo' }));
      const before = await everything(db);
      const summaryBefore = await summarize(db);

      const put = IDBObjectStore.prototype.put;
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
        if (this.name === failingStore) throw new DOMException('could not be cloned', 'DataCloneError');
        return put.apply(this, args);
      });
      await expect(restoreBackup(db, 'backup.json', backup)).rejects.toThrow('could not be cloned');
      vi.restoreAllMocks();

      expect(await everything(db)).toEqual(before);
      expect(await summarize(db)).toEqual(summaryBefore);
    },
  );

  it('restores a backup whose records carry Object.prototype step ids, and reads work after it', async () => {
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    await addReply(
      db,
      makeRecord({ steps: ids.map((id) => ({ id, status: 'fail' as const })), fullAdherence: false }),
    );
    const backup = JSON.stringify(await exportBackup(db, '0.1.0'));
    expect(await restoreBackup(db, 'backup.json', backup)).toBe(1);
    const summary = await summarize(db);
    expect(summary.missedSteps.map((step) => step.stepId).sort()).toEqual([...ids].sort());
    expect(({} as Record<string, unknown>).applicable).toBeUndefined();
  });
});

describe('issue 14 Low 14: a backup’s list of imported files is trusted', () => {
  it('does not pre-register a file the backup claims was imported', async () => {
    const benText = await teamFileText('Ben', 2);
    const hash = Array.from(
      new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(benText))),
      (byte) => byte.toString(16).padStart(2, '0'),
    ).join('');
    const forged = {
      ...(await exportBackup(db, '0.1.0')),
      imports: [{ hash, name: 'ben.json', agent: 'Ben', importedAt: 1, records: 2 }],
    };
    await restoreBackup(db, 'forged.json', JSON.stringify(forged));
    const [outcome] = await importTeamFiles(db, [{ name: 'ben.json', text: benText }]);
    expect(outcome).toMatchObject({ added: 2, alreadyImported: false });
  });
});

describe('issue 14 Low 13: team files and backups with a UTF-8 BOM are refused as "not JSON"', () => {
  it('imports a team file that starts with a byte order mark', async () => {
    const [outcome] = await importTeamFiles(db, [
      { name: 'ben.json', text: `\uFEFF${await teamFileText('Ben', 1)}` },
    ]);
    expect(outcome).toMatchObject({ added: 1 });
  });

  it('restores a backup that starts with a byte order mark', async () => {
    await addReply(db, makeRecord());
    const backup = `\uFEFF${JSON.stringify(await exportBackup(db, '0.1.0'))}`;
    expect(await restoreBackup(db, 'backup.json', backup)).toBe(1);
  });
});
