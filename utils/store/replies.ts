import type { IDBPTransaction } from 'idb';
import { toStoreError } from './errors';
import type { KeelDatabase } from './open';
import {
  dayOf,
  dayTotalsOf,
  endOfDay,
  mergeDayTotal,
  mergeRollup,
  missesOf,
  monthOf,
  rollupsOf,
  startOfDay,
  tallyDay,
  tallyRecord,
} from './rollups';
import type { DayTotal, ImportEntry, KeelDB, Rollup } from './schema';
import { settle, Writes } from './transaction';
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

/** The stores a write of records touches; `pending` so a write can settle pending sends in the same transaction. */
export const WRITE_STORES = [
  'replies',
  'rollups',
  'monthly',
  'days',
  'imports',
  'pending',
  'misses',
  'teamQueue',
] as const;
type WriteStores = typeof WRITE_STORES;
export type WriteTransaction = IDBPTransaction<KeelDB, [...WriteStores], 'readwrite'>;

/** Opens the one kind of transaction every record write uses. */
export function writeTransaction(db: KeelDatabase): WriteTransaction {
  return db.transaction([...WRITE_STORES], 'readwrite');
}

/**
 * Runs `work` in one write transaction and resolves its result once the transaction committed.
 * When `work` fails, the transaction is aborted so nothing of it lands (a pending send is never
 * dropped by a write that did not store its record).
 * @throws StoreQuotaError when the browser has no room left.
 */
export async function inWriteTransaction<T>(
  db: KeelDatabase,
  work: (tx: WriteTransaction) => Promise<T>,
): Promise<T> {
  try {
    const tx = writeTransaction(db);
    return await settle(tx, () => work(tx));
  } catch (error) {
    throw toStoreError(error);
  }
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
  return inWriteTransaction(db, (tx) => writeBatchesIn(tx, batches, now));
}

/**
 * The body of `writeBatches`, inside a transaction the caller opened (and may use for more, such as
 * settling pending sends). Resolves once every write was made; the caller awaits `tx.done`.
 */
export async function writeBatchesIn(
  tx: WriteTransaction,
  batches: readonly RecordBatch[],
  now: number,
): Promise<BatchOutcome[]> {
  const replies = tx.objectStore('replies');
  const rollups = tx.objectStore('rollups');
  const monthly = tx.objectStore('monthly');
  const days = tx.objectStore('days');
  const imports = tx.objectStore('imports');
  const misses = tx.objectStore('misses');
  const teamQueue = tx.objectStore('teamQueue');
  const writes = new Writes();
  const outcomes: BatchOutcome[] = [];
  const deltas = new Map<string, Rollup>();
  const monthDeltas = new Map<string, Rollup>();
  const dayDeltas = new Map<string, DayTotal>();
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
      tallyRecord(monthDeltas, record, true);
      tallyDay(dayDeltas, record);
      writes.add(replies.put(record));
      for (const entry of missesOf(record)) writes.add(misses.put(entry));
      // This browser's own records wait for the team store; imported ones are never pushed from here.
      if (record.origin === 'local') writes.add(teamQueue.put({ id: record.id, time: record.time }));
    });
    if (batch.source && hash !== undefined) {
      seen.add(`file:${hash}`);
      writes.add(imports.put({ ...batch.source, importedAt: now, records: added }));
    }
    outcomes.push({ added, duplicates: batch.records.length - added, alreadyImported: false });
  }

  const [storedDaily, storedMonthly, storedDays] = await Promise.all([
    Promise.all([...deltas.keys()].map((key) => rollups.get(key))),
    Promise.all([...monthDeltas.keys()].map((key) => monthly.get(key))),
    Promise.all([...dayDeltas.keys()].map((day) => days.get(day))),
  ]);
  for (const [i, delta] of [...deltas.values()].entries()) {
    writes.add(rollups.put(mergeRollup(storedDaily[i], delta)));
  }
  for (const [i, delta] of [...monthDeltas.values()].entries()) {
    writes.add(monthly.put(mergeRollup(storedMonthly[i], delta)));
  }
  for (const [i, delta] of [...dayDeltas.values()].entries()) {
    writes.add(days.put(mergeDayTotal(storedDays[i], delta)));
  }
  await writes.all();
  return outcomes;
}

/**
 * Stores one sent reply and updates its rollup in the same transaction, and drops the pending copy
 * handed over at the moment of Send, if any. Idempotent by id: a retry of the same send, or its
 * pending copy committed after the grace period, changes nothing. Resolves `true` when the record is new.
 * @throws StoreQuotaError when the browser has no room left.
 */
export async function addReply(
  db: KeelDatabase,
  record: ReplyRecord,
  now: number = Date.now(),
): Promise<boolean> {
  const [outcome] = await inWriteTransaction(db, async (tx) => {
    await tx.objectStore('pending').delete(record.id);
    return writeBatchesIn(tx, [{ records: [record] }], now);
  });
  return (outcome?.added ?? 0) > 0;
}

/** Every stored record, oldest first. */
export function allReplies(db: KeelDatabase): Promise<ReplyRecord[]> {
  return db.getAllFromIndex('replies', 'by-time');
}

/** Records sent from `since` (included) to `before` (excluded), epoch ms, either end open; oldest first. */
export function repliesBetween(db: KeelDatabase, since?: number, before?: number): Promise<ReplyRecord[]> {
  const range =
    since === undefined
      ? before === undefined
        ? undefined
        : IDBKeyRange.upperBound(before, true)
      : before === undefined
        ? IDBKeyRange.lowerBound(since)
        : IDBKeyRange.bound(since, before, false, true);
  return db.getAllFromIndex('replies', 'by-time', range);
}

/**
 * Retention: deletes records sent before `time` and rebuilds the rollups of every day they touched
 * from the records that remain, in one transaction. Resolves the number of records deleted.
 */
export async function pruneBefore(db: KeelDatabase, time: number): Promise<number> {
  try {
    const tx = db.transaction(['replies', 'rollups', 'monthly', 'days', 'misses'], 'readwrite');
    return await settle(tx, async () => {
      const byTime = tx.objectStore('replies').index('by-time');
      const missesByTime = tx.objectStore('misses').index('by-time');
      const rollups = tx.objectStore('rollups');
      const monthly = tx.objectStore('monthly');
      const days = tx.objectStore('days');
      const touchedDays = new Set<string>();
      const deletes = new Writes();
      let cursor = await byTime.openCursor(IDBKeyRange.upperBound(time, true));
      while (cursor) {
        touchedDays.add(dayOf(cursor.value.time));
        deletes.add(cursor.delete());
        cursor = await cursor.continue();
      }
      const deletedRecords = deletes.count;
      let missCursor = await missesByTime.openCursor(IDBKeyRange.upperBound(time, true));
      while (missCursor) {
        deletes.add(missCursor.delete());
        missCursor = await missCursor.continue();
      }
      await deletes.all();

      for (const day of touchedDays) {
        const [oldKeys, remaining] = await Promise.all([
          rollups.index('by-day').getAllKeys(day),
          byTime.getAll(IDBKeyRange.bound(startOfDay(day), endOfDay(day), false, true)),
        ]);
        await Promise.all([...oldKeys.map((key) => rollups.delete(key)), days.delete(day)]);
        await Promise.all([
          ...[...rollupsOf(remaining).values()].map((rollup) => rollups.put(rollup)),
          ...[...dayTotalsOf(remaining).values()].map((total) => days.put(total)),
        ]);
      }
      for (const month of new Set([...touchedDays].map(monthOf))) {
        const nextMonth = new Date(startOfDay(`${month}-01`));
        nextMonth.setMonth(nextMonth.getMonth() + 1);
        const [oldKeys, remaining] = await Promise.all([
          monthly.index('by-month').getAllKeys(month),
          byTime.getAll(IDBKeyRange.bound(startOfDay(`${month}-01`), nextMonth.getTime(), false, true)),
        ]);
        await Promise.all(oldKeys.map((key) => monthly.delete(key)));
        await Promise.all([...rollupsOf(remaining, true).values()].map((rollup) => monthly.put(rollup)));
      }
      return deletedRecords;
    });
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Deletes every record, rollup, import hash and pending send. */
export async function clearAll(db: KeelDatabase): Promise<void> {
  const tx = writeTransaction(db);
  await Promise.all([...tx.objectStoreNames].map((name) => tx.objectStore(name).clear()).concat(tx.done));
}

/** One page of the drill-down: the replies that missed a step, newest first. */
export interface MissedPage {
  records: ReplyRecord[];
  /** Pass as `before` for the next page; null on the last one. */
  next: number | null;
}

/**
 * The replies that missed `stepId` of `playbookId` (of one agent, if given) between `since` and
 * `before` (epoch ms, `before` excluded), newest first, `limit` a page. Reads the v6 `misses`
 * store by key range: its cost follows the page, not the number of records.
 */
export async function missedReplies(
  db: KeelDatabase,
  query: { playbookId: string; stepId: string; agent?: string; since?: number; before?: number },
  limit = 25,
): Promise<MissedPage> {
  const since = query.since ?? -Infinity;
  const before = query.before ?? Infinity;
  const tx = db.transaction(['misses', 'replies'], 'readonly');
  const misses = tx.objectStore('misses');
  const cursorSource =
    query.agent === undefined
      ? misses.openCursor(
          IDBKeyRange.bound(
            [query.playbookId, query.stepId, since],
            [query.playbookId, query.stepId, before],
            false,
            true,
          ),
          'prev',
        )
      : misses
          .index('by-agent')
          .openCursor(
            IDBKeyRange.bound(
              [query.agent, query.playbookId, query.stepId, since],
              [query.agent, query.playbookId, query.stepId, before],
              false,
              true,
            ),
            'prev',
          );
  const ids: string[] = [];
  let next: number | null = null;
  let cursor = await cursorSource;
  while (cursor) {
    if (ids.length === limit) {
      next = ids.length > 0 ? cursor.value.time + 1 : null;
      break;
    }
    ids.push(cursor.value.id);
    cursor = await cursor.continue();
  }
  const records = await Promise.all(ids.map((id) => tx.objectStore('replies').get(id)));
  await tx.done;
  const found = records.filter((r): r is ReplyRecord => r !== undefined);
  return { records: found, next: next === null ? null : (found.at(-1)?.time ?? null) };
}
