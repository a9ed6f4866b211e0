import type { KeelDatabase } from '../store/open';
import type { TeamQueueEntry } from '../store/schema';
import type { ReplyRecord } from '../store/types';

/**
 * The push queue (IndexedDB store `teamQueue`, v7). New local records are queued in the same
 * transaction that stores them (utils/store/replies.ts); this file reads and settles the queue.
 */

/** Up to `limit` entries waiting (not set aside), oldest first, with time ≥ `from`, and their records. */
export async function nextBatch(
  db: KeelDatabase,
  from: number,
  limit: number,
): Promise<{ entry: TeamQueueEntry; record: ReplyRecord | undefined }[]> {
  const tx = db.transaction(['teamQueue', 'replies'], 'readonly');
  const entries: TeamQueueEntry[] = [];
  let cursor = await tx.objectStore('teamQueue').index('by-time').openCursor(IDBKeyRange.lowerBound(from));
  while (cursor && entries.length < limit) {
    if (cursor.value.rejected === undefined) entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  const replies = tx.objectStore('replies');
  const records = await Promise.all(entries.map((entry) => replies.get(entry.id)));
  await tx.done;
  return entries.map((entry, index) => ({ entry, record: records[index] }));
}

/** Drops the entries the store now holds (written, or already there). */
export async function markSent(db: KeelDatabase, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const tx = db.transaction('teamQueue', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/** Sets entries aside with the store's reason; they are shown and never retried on their own. */
export async function markRejected(db: KeelDatabase, rejected: ReadonlyMap<string, string>): Promise<void> {
  if (rejected.size === 0) return;
  const tx = db.transaction('teamQueue', 'readwrite');
  const writes: Promise<unknown>[] = [];
  for (const [id, reason] of rejected) {
    writes.push(
      tx.store.get(id).then((entry) => (entry ? tx.store.put({ ...entry, rejected: reason }) : undefined)),
    );
  }
  await Promise.all([...writes, tx.done]);
}

/** How many wait (time ≥ `from`, not set aside) and how many were set aside. */
export async function queueCounts(
  db: KeelDatabase,
  from: number,
): Promise<{ pending: number; rejected: number }> {
  const tx = db.transaction('teamQueue', 'readonly');
  let pending = 0;
  let rejected = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (cursor.value.rejected !== undefined) rejected += 1;
    else if (cursor.value.time >= from) pending += 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  return { pending, rejected };
}

/** The entries set aside, for the options page: record id and reason. */
export async function rejectedEntries(db: KeelDatabase): Promise<TeamQueueEntry[]> {
  return (await db.getAll('teamQueue')).filter((entry) => entry.rejected !== undefined);
}

/**
 * "Send history": queues every local record stored before the queue existed (or before the
 * connection) that is not queued yet. The caller then pushes from time 0. Resolves how many were added.
 */
export async function queueHistory(db: KeelDatabase): Promise<number> {
  const tx = db.transaction(['replies', 'teamQueue'], 'readwrite');
  const queue = tx.objectStore('teamQueue');
  let added = 0;
  let cursor = await tx.objectStore('replies').openCursor();
  const writes: Promise<unknown>[] = [];
  while (cursor) {
    const record = cursor.value;
    if (record.origin === 'local') {
      writes.push(queue.put({ id: record.id, time: record.time }));
      added += 1;
    }
    cursor = await cursor.continue();
  }
  await Promise.all([...writes, tx.done]);
  return added;
}
