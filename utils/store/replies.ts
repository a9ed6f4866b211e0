import { toStoreError } from './errors';
import type { KeelDatabase } from './open';
import { dayOf, endOfDay, mergeRollup, rollupsOf, startOfDay, tallyRecord } from './rollups';
import type { ImportEntry, Rollup } from './schema';
import type { ReplyRecord } from './types';

/** Records to write together; with `source`, they come from a team file identified by its hash. */
export interface RecordBatch {
  records: readonly ReplyRecord[];
  source?: Omit<ImportEntry, 'importedAt' | 'records'>;
}

export interface BatchOutcome {
  /** Records newly stored. */
  added: number;
  /** Records skipped because their id was already stored (or repeated in the batch). */
  duplicates: number;
  /** The whole file was skipped: its hash was imported before. */
  alreadyImported: boolean;
}

/**
 * Writes batches of records and their rollups in ONE transaction: either all of it lands or none.
 * Idempotent: a record whose id is stored is skipped, a file whose hash is stored is skipped.
 * Only IndexedDB requests are awaited inside the transaction.
 */
export async function writeBatches(
  db: KeelDatabase,
  batches: readonly RecordBatch[],
  now: number = Date.now(),
): Promise<BatchOutcome[]> {
  try {
    const tx = db.transaction(['replies', 'rollups', 'imports'], 'readwrite');
    const replies = tx.objectStore('replies');
    const rollups = tx.objectStore('rollups');
    const imports = tx.objectStore('imports');
    const writes: Promise<unknown>[] = [];
    const outcomes: BatchOutcome[] = [];
    const deltas = new Map<string, Rollup>();
    const seen = new Set<string>();

    for (const batch of batches) {
      const hash = batch.source?.hash;
      const alreadyImported =
        hash !== undefined && (seen.has(`file:${hash}`) || (await imports.getKey(hash)) !== undefined);
      if (alreadyImported) {
        outcomes.push({ added: 0, duplicates: batch.records.length, alreadyImported: true });
        continue;
      }
      const storedKeys = await Promise.all(batch.records.map((record) => replies.getKey(record.id)));
      let added = 0;
      batch.records.forEach((record, index) => {
        if (storedKeys[index] !== undefined || seen.has(record.id)) return;
        seen.add(record.id);
        added += 1;
        tallyRecord(deltas, record);
        writes.push(replies.put(record));
      });
      if (batch.source && hash !== undefined) {
        seen.add(`file:${hash}`);
        writes.push(imports.put({ ...batch.source, importedAt: now, records: added }));
      }
      outcomes.push({ added, duplicates: batch.records.length - added, alreadyImported: false });
    }

    const keys = [...deltas.keys()];
    const stored = await Promise.all(keys.map((key) => rollups.get(key)));
    keys.forEach((key, index) => {
      const delta = deltas.get(key);
      if (delta) writes.push(rollups.put(mergeRollup(stored[index], delta)));
    });
    await Promise.all([...writes, tx.done]);
    return outcomes;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Stores one sent reply and updates its rollup in the same transaction. Idempotent by id: a retry of
 * the same send changes nothing. Resolves `true` when the record is new.
 * @throws StoreQuotaError when the browser has no room left.
 */
export async function addReply(db: KeelDatabase, record: ReplyRecord): Promise<boolean> {
  const [outcome] = await writeBatches(db, [{ records: [record] }]);
  return (outcome?.added ?? 0) > 0;
}

/** Every stored record, oldest first. */
export function allReplies(db: KeelDatabase): Promise<ReplyRecord[]> {
  return db.getAllFromIndex('replies', 'by-time');
}

/** Records sent at or after `since` (epoch ms), oldest first. */
export function repliesSince(db: KeelDatabase, since: number): Promise<ReplyRecord[]> {
  return db.getAllFromIndex('replies', 'by-time', IDBKeyRange.lowerBound(since));
}

/**
 * Retention: deletes records sent before `time` and rebuilds the rollups of every day they touched
 * from the records that remain, in one transaction. Resolves the number of records deleted.
 */
export async function pruneBefore(db: KeelDatabase, time: number): Promise<number> {
  try {
    const tx = db.transaction(['replies', 'rollups'], 'readwrite');
    const byTime = tx.objectStore('replies').index('by-time');
    const rollups = tx.objectStore('rollups');
    const touchedDays = new Set<string>();
    const deletes: Promise<unknown>[] = [];
    let cursor = await byTime.openCursor(IDBKeyRange.upperBound(time, true));
    while (cursor) {
      touchedDays.add(dayOf(cursor.value.time));
      deletes.push(cursor.delete());
      cursor = await cursor.continue();
    }
    await Promise.all(deletes);

    for (const day of touchedDays) {
      const [oldKeys, remaining] = await Promise.all([
        rollups.index('by-day').getAllKeys(day),
        byTime.getAll(IDBKeyRange.bound(startOfDay(day), endOfDay(day), false, true)),
      ]);
      await Promise.all(oldKeys.map((key) => rollups.delete(key)));
      await Promise.all([...rollupsOf(remaining).values()].map((rollup) => rollups.put(rollup)));
    }
    await tx.done;
    return deletes.length;
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Deletes every record, rollup and import hash. */
export async function clearAll(db: KeelDatabase): Promise<void> {
  const tx = db.transaction(['replies', 'rollups', 'imports'], 'readwrite');
  await Promise.all([
    tx.objectStore('replies').clear(),
    tx.objectStore('rollups').clear(),
    tx.objectStore('imports').clear(),
    tx.done,
  ]);
}
