import { browser } from 'wxt/browser';
import type { ReplyRecord } from '../store/types';
import type { RecordOutcome } from './session';

const ATTEMPTS = 6;
const FIRST_DELAY_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hands a sent reply's record to the background, retrying while the service worker wakes up or
 * restarts. The record's id was made at send time, so a retry after a lost answer adds nothing.
 */
export async function recordReply(record: ReplyRecord): Promise<RecordOutcome> {
  let lastError = 'the background did not answer';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const answer = (await browser.runtime.sendMessage({ type: 'reply.sent', record })) as
        | { ok: true }
        | { ok: false; error: string }
        | undefined;
      if (answer?.ok) return { ok: true };
      if (answer && !answer.ok) return { ok: false, error: answer.error };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      // An updated or removed extension cannot be reached from this old content script.
      if (/context invalidated/i.test(lastError)) {
        return {
          ok: false,
          error: 'Keel was updated: reload this tab, then send again to record the reply.',
        };
      }
    }
    await sleep(FIRST_DELAY_MS * 2 ** attempt);
  }
  return {
    ok: false,
    error: `Keel could not record this reply (${lastError}). Use “Record this reply by hand”.`,
  };
}
