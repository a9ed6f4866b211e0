import { sendWithRetry } from '../messages';
import type { ReplyRecord } from '../store/types';
import type { RecordOutcome } from './session';

/**
 * Hands a sent reply's record to the background, retrying while the service worker wakes up or
 * restarts (about 8 s in all). The record's id was made at send time, so a retry adds nothing.
 */
export async function recordReply(record: ReplyRecord): Promise<RecordOutcome> {
  const answer = await sendWithRetry({ type: 'reply.sent', record }, { attempts: 6, delayMs: 250 });
  if (answer.ok) return { ok: true };
  // An updated or removed extension cannot be reached from this old content script.
  if (/context invalidated/i.test(answer.error)) {
    return { ok: false, error: 'Keel was updated: reload this tab, then use “Record this reply by hand”.' };
  }
  if (answer.quota) {
    return { ok: false, error: `${answer.error} Free some disk space or export and clear old statistics.` };
  }
  return { ok: false, error: answer.error };
}
