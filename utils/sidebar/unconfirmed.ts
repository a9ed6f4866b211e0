import type { ReplyProof, Verdict } from '../adapters/custom-evidence';
import type { Failure } from '../messages';
import type { ReplyRecord } from '../store/types';
import type { RecordOutcome } from './record';
import { SettleList, type SettleState } from './settle-list';

/**
 * Sends on a custom site that count on positive evidence only (utils/adapters/custom-evidence.ts)
 * and were left without it: the page went away first (a form post, a closed tab), or showed
 * neither outcome. The next sidebar on the site judges each send of its own ticket from what the
 * page shows (the reply in the conversation: record it; the draft still in the editor: the page
 * refused it, discard it), and asks the agent "record or discard" about the rest. Nothing is
 * stored silently; nothing the agent sent is dropped without them.
 */

export interface UnconfirmedSend {
  record: ReplyRecord;
  since: number;
  proof: ReplyProof;
}

export type UnconfirmedState = SettleState<UnconfirmedSend>;

export interface UnconfirmedDeps {
  /** The site's adapter id (`custom:{id}`). */
  helpdesk: string;
  list: (helpdesk: string) => Promise<{ ok: true; sends: UnconfirmedSend[] } | Failure>;
  /** Stores the record (and settles its pending copy). */
  record: (record: ReplyRecord) => Promise<RecordOutcome>;
  /** Drops the pending copy. */
  discard: (id: string) => Promise<RecordOutcome>;
  /** What the page shows of a send of the open ticket. */
  judge: (proof: ReplyProof) => Verdict;
  /** The open ticket's id, or null. */
  ticketId: () => string | null;
  now: () => number;
  signal: AbortSignal;
}

/**
 * A send younger than this may still be settled by the page it was made on (its own window is
 * 8 s): another tab's sidebar leaves it alone until then.
 */
export const IN_FLIGHT_MS = 10_000;

export class UnconfirmedSends extends SettleList<UnconfirmedSend> {
  private recheck: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: UnconfirmedDeps) {
    super((send, keep) => (keep ? deps.record(send.record) : deps.discard(send.record.id)));
    deps.signal.addEventListener('abort', () => this.clearRecheck(), { once: true });
  }

  /** Reads the site's waiting sends, settles those the page shows the outcome of, lists the rest. */
  async refresh(): Promise<void> {
    const { deps } = this;
    if (deps.signal.aborted) return;
    const answer = await deps.list(deps.helpdesk);
    if (deps.signal.aborted) return;
    if (!answer.ok) {
      this.state.update((current) => ({ ...current, error: answer.error }));
      return;
    }
    const waiting: UnconfirmedSend[] = [];
    let soonest: number | null = null;
    const ticketId = deps.ticketId();
    // The same reply sent again on the same ticket: the earlier send was refused (a refused post
    // and its corrected resend show the reply once; it confirms the resend only).
    const newest = new Map<string, UnconfirmedSend>();
    for (const send of answer.sends) {
      if (send.record.ticketId !== ticketId) continue;
      const key = `${send.proof.hash}:${send.proof.words}`;
      const seen = newest.get(key);
      if (!seen || seen.since <= send.since) newest.set(key, send);
    }
    for (const send of answer.sends) {
      const ofThisTicket = send.record.ticketId === ticketId;
      const superseded =
        ofThisTicket && newest.get(`${send.proof.hash}:${send.proof.words}`)?.record.id !== send.record.id;
      const age = deps.now() - send.since;
      if (age < IN_FLIGHT_MS && !superseded) {
        soonest = Math.min(soonest ?? IN_FLIGHT_MS, IN_FLIGHT_MS - age);
        continue;
      }
      const verdict = superseded ? 'refused' : ofThisTicket ? deps.judge(send.proof) : 'unknown';
      const outcome =
        verdict === 'sent'
          ? await deps.record(send.record)
          : verdict === 'refused'
            ? await deps.discard(send.record.id)
            : null;
      if (outcome === null) waiting.push(send);
      else if (!outcome.ok) {
        waiting.push(send);
        this.state.update((current) => ({ ...current, error: outcome.error }));
      }
    }
    this.state.update((current) => ({ ...current, sends: waiting }));
    this.clearRecheck();
    if (soonest !== null && !deps.signal.aborted) {
      this.recheck = setTimeout(() => void this.refresh(), soonest + 100);
    }
  }

  private clearRecheck(): void {
    if (this.recheck !== null) clearTimeout(this.recheck);
    this.recheck = null;
  }
}
