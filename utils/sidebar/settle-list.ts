import type { ReplyRecord } from '../store/types';
import { type Observable, observable } from './observable';
import type { RecordOutcome } from './record';

/** What the agent settles: a send, by its record's id. */
export interface SendToSettle {
  record: ReplyRecord;
}

export interface SettleState<Send extends SendToSettle> {
  /** Sends waiting for the agent's word, oldest first. */
  sends: Send[];
  /** What went wrong the last time, in words, or null. */
  error: string | null;
  /** A decision is under way: the list takes no other until it is done. */
  busy: boolean;
}

/**
 * Sends Keel could not settle alone, each left to the agent: record it or discard it. Two lists
 * are one of these: the sends Keel could not record (unrecorded.ts) and a custom site's sends
 * without evidence either way (unconfirmed.ts); components/sidebar/SettleList.tsx shows either.
 */
export class SettleList<Send extends SendToSettle> {
  readonly state: Observable<SettleState<Send>> = observable<SettleState<Send>>({
    sends: [],
    error: null,
    busy: false,
  });

  /** `settle` records (`keep`) or discards one send; a refusal leaves it listed with the error. */
  constructor(private readonly settle: (send: Send, keep: boolean) => Promise<RecordOutcome>) {}

  /** The agent's word on one send: record it (`true`) or discard it. */
  async decide(id: string, keep: boolean): Promise<void> {
    const { sends, busy } = this.state.get();
    const send = sends.find((candidate) => candidate.record.id === id);
    if (!send || busy) return;
    this.state.update((current) => ({ ...current, busy: true }));
    try {
      const outcome = await this.settle(send, keep);
      // The list and the end of the decision in one update: the next click finds it ready.
      this.state.update((current) =>
        outcome.ok
          ? {
              sends: current.sends.filter((candidate) => candidate.record.id !== id),
              error: null,
              busy: false,
            }
          : { ...current, error: outcome.error, busy: false },
      );
    } finally {
      if (this.state.get().busy) this.state.update((current) => ({ ...current, busy: false }));
    }
  }
}
