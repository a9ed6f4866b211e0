import { t } from '../i18n';
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
    return { ok: false, error: t('extensionUpdated') };
  }
  if (answer.quota) {
    return { ok: false, error: t('quotaFull', answer.error) };
  }
  return { ok: false, error: answer.error };
}
