import type { ReplyProof } from '../adapters/custom-evidence';
import { t } from '../i18n';
import { type Failure, type KeelMessage, type KeelResponses, sendWithRetry } from '../messages';
import type { ReplyRecord } from '../store/types';

/** A send's draft, ticket and playbook, for the background to check and hold (`reply.pendingDraft`). */
export type PendingDraft = Omit<Extract<KeelMessage, { type: 'reply.pendingDraft' }>, 'type'>;

/** Whether the background stored a reply, and if not, why (in words for the agent). */
export type RecordOutcome = { ok: true } | { ok: false; error: string };

export type PendingDraftOutcome = { ok: true; record: ReplyRecord } | { ok: false; error: string };

/** About 8 s of tries in all: long enough for a service worker to wake up or restart. */
const RETRY = { attempts: 6, delayMs: 250 } as const;

function outcomeOf(answer: { ok: true } | Failure): RecordOutcome {
  return answer.ok ? { ok: true } : failureOf(answer);
}

function failureOf(answer: Failure): { ok: false; error: string } {
  // An updated or removed extension cannot be reached from this old content script.
  if (/context invalidated/i.test(answer.error)) {
    return { ok: false, error: t('extensionUpdated') };
  }
  if (answer.quota) {
    return { ok: false, error: t('quotaFull', answer.error) };
  }
  return { ok: false, error: answer.error };
}

/**
 * Hands a sent reply's record to the background, retrying while the service worker wakes up or
 * restarts. The record's id was made at send time, so a retry adds nothing, and a pending copy of
 * the same send (see holdPendingReply) is settled by it.
 */
export async function recordReply(record: ReplyRecord): Promise<RecordOutcome> {
  return outcomeOf(await sendWithRetry({ type: 'reply.sent', record }, RETRY));
}

/**
 * Hands a record to the background at the moment the agent pressed Send, before the page confirms
 * it: if the tab closes right after Send, the background stores it after a grace period. Call it
 * synchronously in the send's event: the message leaves before this function first awaits.
 */
export async function holdPendingReply(record: ReplyRecord, proof?: ReplyProof): Promise<RecordOutcome> {
  const message = proof
    ? { type: 'reply.pending' as const, record, proof }
    : { type: 'reply.pending' as const, record };
  return outcomeOf(await sendWithRetry(message, RETRY));
}

/**
 * Hands a send whose draft has no verdict yet to the background, which checks it and holds the
 * record as pending (holdPendingReply's guarantees, in one message): resolves the record it holds.
 * Call it synchronously in the send's event.
 */
export async function holdPendingDraft(hold: PendingDraft): Promise<PendingDraftOutcome> {
  const answer = await sendWithRetry({ type: 'reply.pendingDraft', ...hold }, RETRY);
  return answer.ok ? { ok: true, record: answer.record } : failureOf(answer);
}

/** Tells the background the page refused a send handed over as pending: it records nothing. */
export async function cancelPendingReply(id: string): Promise<RecordOutcome> {
  return outcomeOf(await sendWithRetry({ type: 'reply.cancel', id }, RETRY));
}

/** A custom site's sends that wait for evidence or the agent's word (utils/sidebar/unconfirmed.ts). */
export async function listUnconfirmedSends(
  helpdesk: string,
): Promise<KeelResponses['reply.unconfirmed'] | Failure> {
  const answer = await sendWithRetry({ type: 'reply.unconfirmed', helpdesk }, RETRY);
  if (answer.ok) return answer;
  const outcome = outcomeOf(answer);
  return { ok: false, error: outcome.ok ? answer.error : outcome.error };
}
