import { browser } from 'wxt/browser';
import type { KeelDatabase } from '../store/open';
import { commitOverdue, nextPendingDue, PENDING_GRACE_MS } from '../store/pending';

export const PENDING_ALARM = 'keel.pending';

/**
 * storage.local key that shortens the grace period, for end-to-end tests that close tabs right
 * after Send and must not wait 30 s. Read only by the test build (KEEL_TEST_BUILD=1), only
 * when present; nothing in Keel writes it.
 */
export const TEST_GRACE_KEY = '__keelTestPendingGraceMs';

/** The grace period before an unconfirmed send is stored anyway: PENDING_GRACE_MS unless a test set it. */
export async function readPendingGraceMs(): Promise<number> {
  // Read at call time (not a module constant) so a unit test can play either build.
  if (import.meta.env.KEEL_TEST_BUILD !== 'true') return PENDING_GRACE_MS;
  const stored = (await browser.storage.local.get(TEST_GRACE_KEY))[TEST_GRACE_KEY];
  return typeof stored === 'number' && Number.isFinite(stored) && stored >= 0 ? stored : PENDING_GRACE_MS;
}

/**
 * Makes sure the pending alarm fires at `due` (epoch ms) or earlier. Alarms outlive the service
 * worker, so a send pending when the worker stops is still committed on time.
 */
export async function schedulePendingCommit(due: number): Promise<void> {
  const existing = await browser.alarms.get(PENDING_ALARM);
  if (existing && existing.scheduledTime <= due) return;
  await browser.alarms.create(PENDING_ALARM, { when: due });
}

/**
 * Stores the pending sends whose grace period is over, then schedules the alarm for the next one.
 * Runs when the background starts, when the alarm fires and before a summary or export is read.
 * Resolves the number of records newly stored.
 */
export async function settlePending(db: KeelDatabase, now: number): Promise<number> {
  const graceMs = await readPendingGraceMs();
  const committed = await commitOverdue(db, now, graceMs);
  const due = await nextPendingDue(db, graceMs);
  if (due !== null) await schedulePendingCommit(due);
  return committed;
}
