import { toStoreError } from './errors';
import type { KeelDatabase } from './open';
import { inWriteTransaction, writeBatchesIn } from './replies';
import type { PendingReply } from './schema';
import type { ReplyRecord } from './types';

/**
 * How long a send handed over at the moment of Send may stay unconfirmed before it is stored
 * anyway. Longer than the page's confirmation window (8 s) plus the content script's retries
 * (about 8 s), so a page that is still open always settles its own send first: a record that is
 * still pending after this was sent from a tab closed (or a ticket left) right after Send.
 */
export const PENDING_GRACE_MS = 30_000;

/**
 * Keeps a send the agent just started, until its page confirms or cancels it. Does nothing when
 * the record is already stored (its confirmation overtook it), so a late arrival never revives it.
 * Resolves `true` when the record is now pending.
 */
export async function addPending(
  db: KeelDatabase,
  record: ReplyRecord,
  now: number,
  proof?: PendingReply['proof'],
): Promise<boolean> {
  return inWriteTransaction(db, async (tx) => {
    if ((await tx.objectStore('replies').getKey(record.id)) !== undefined) return false;
    await tx.objectStore('pending').put(proof ? { record, since: now, proof } : { record, since: now });
    return true;
  });
}

/** Drops a pending send the page refused. Resolves `true` when there was one to drop. */
export async function cancelPending(db: KeelDatabase, id: string): Promise<boolean> {
  try {
    const tx = db.transaction('pending', 'readwrite');
    const [found] = await Promise.all([tx.store.getKey(id), tx.store.delete(id), tx.done]);
    return found !== undefined;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Stores every pending send that arrived at or before `now - graceMs` and drops it from the
 * pending store, in one transaction: nobody confirmed or cancelled it in time, so its tab went
 * away after Send and the send most likely went through. Idempotent with a late confirmation: a
 * record already stored is not counted again. Resolves the number of records newly stored.
 */
export async function commitOverdue(db: KeelDatabase, now: number, graceMs: number): Promise<number> {
  return inWriteTransaction(db, async (tx) => {
    const pending = tx.objectStore('pending');
    // Sends that need evidence wait for a sidebar on their site, however long.
    const overdue = (await pending.index('by-since').getAll(IDBKeyRange.upperBound(now - graceMs))).filter(
      (entry) => !entry.proof,
    );
    if (overdue.length === 0) return 0;
    await Promise.all(overdue.map((entry) => pending.delete(entry.record.id)));
    const [outcome] = await writeBatchesIn(tx, [{ records: overdue.map((entry) => entry.record) }], now);
    return outcome?.added ?? 0;
  });
}

/** When the oldest pending send falls due (epoch ms), or null when nothing is pending. */
export async function nextPendingDue(db: KeelDatabase, graceMs: number): Promise<number | null> {
  let cursor = await db.transaction('pending').store.index('by-since').openCursor();
  while (cursor?.value.proof) cursor = await cursor.continue();
  return cursor ? cursor.value.since + graceMs : null;
}

/**
 * The sends of one helpdesk (a custom site, `custom:{id}`) that wait for evidence or the agent's
 * word, oldest first.
 */
export async function unconfirmedSends(db: KeelDatabase, helpdesk: string): Promise<PendingReply[]> {
  const all = await db.getAllFromIndex('pending', 'by-since');
  return all.filter((entry) => entry.proof && entry.record.helpdesk === helpdesk);
}

/** Every pending send, oldest first (for tests and diagnostics). */
export function allPending(db: KeelDatabase): Promise<{ record: ReplyRecord; since: number }[]> {
  return db.getAllFromIndex('pending', 'by-since');
}
