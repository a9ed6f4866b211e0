import { describe, expect, it, vi } from 'vitest';
import type { ReplyProof, Verdict } from '@/utils/adapters/custom-evidence';
import { IN_FLIGHT_MS, type UnconfirmedSend, UnconfirmedSends } from '@/utils/sidebar/unconfirmed';
import { makeRecord } from '../store/fixtures';

// Issue 15, deliverable 8: a custom-site send with no evidence either way stays pending; the next
// sidebar on the site settles what its page shows and asks the agent about the rest.

const NOW = 1_000_000;
const proof: ReplyProof = { hash: 'abcd0123', words: 12 };
const waiting = (ticketId: string, age = IN_FLIGHT_MS + 1): UnconfirmedSend => ({
  record: makeRecord({ helpdesk: 'custom:corp', ticketId }),
  since: NOW - age,
  proof,
});

function controllerFor(sends: UnconfirmedSend[], verdict: Verdict, ticketId: string | null = '7') {
  const record = vi.fn(async () => ({ ok: true as const }));
  const discard = vi.fn(async () => ({ ok: true as const }));
  const abort = new AbortController();
  const controller = new UnconfirmedSends({
    helpdesk: 'custom:corp',
    list: async () => ({ ok: true, sends }),
    record,
    discard,
    judge: () => verdict,
    ticketId: () => ticketId,
    now: () => NOW,
    signal: abort.signal,
  });
  return { controller, record, discard, abort };
}

describe('sends waiting for evidence', () => {
  it('records a send of the open ticket once its reply shows in the conversation', async () => {
    const send = waiting('7');
    const { controller, record, discard } = controllerFor([send], 'sent');
    await controller.refresh();
    expect(record).toHaveBeenCalledWith(send.record);
    expect(discard).not.toHaveBeenCalled();
    expect(controller.state.get().sends).toEqual([]);
  });

  it('discards a send the page refused: the draft is back in the editor and the reply nowhere', async () => {
    const send = waiting('7');
    const { controller, record, discard } = controllerFor([send], 'refused');
    await controller.refresh();
    expect(discard).toHaveBeenCalledWith(send.record.id);
    expect(record).not.toHaveBeenCalled();
  });

  it('asks the agent about a send with no evidence either way, or of another ticket, and stores nothing by itself', async () => {
    const here = waiting('7');
    const elsewhere = waiting('8');
    const { controller, record, discard } = controllerFor([here, elsewhere], 'unknown');
    await controller.refresh();
    expect(controller.state.get().sends.map((s) => s.record.ticketId)).toEqual(['7', '8']);
    expect(record).not.toHaveBeenCalled();
    expect(discard).not.toHaveBeenCalled();
    await controller.decide(here.record.id, true);
    await controller.decide(elsewhere.record.id, false);
    expect(record).toHaveBeenCalledWith(here.record);
    expect(discard).toHaveBeenCalledWith(elsewhere.record.id);
    expect(controller.state.get().sends).toEqual([]);
  });

  it('leaves a send its own page may still settle alone, and looks again once it is due', async () => {
    vi.useFakeTimers();
    try {
      const young = waiting('7', 1_000);
      const { controller, record, abort } = controllerFor([young], 'sent');
      await controller.refresh();
      expect(record).not.toHaveBeenCalled();
      expect(controller.state.get().sends).toEqual([]);
      abort.abort(); // the page went away: no timer is left behind
      await vi.advanceTimersByTimeAsync(IN_FLIGHT_MS);
      expect(record).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the send and says why when the background refuses the decision', async () => {
    const send = waiting('7');
    const { controller, record } = controllerFor([send], 'unknown');
    record.mockResolvedValueOnce({ ok: false, error: 'disk full' } as never);
    await controller.refresh();
    await controller.decide(send.record.id, true);
    expect(controller.state.get()).toMatchObject({ sends: [send], error: 'disk full' });
  });
});

describe('a refused post and its corrected resend (regression: the reply counted twice)', () => {
  it('confirms the resend only: the earlier send of the same reply on the same ticket is discarded', async () => {
    const refused = waiting('7', IN_FLIGHT_MS + 5_000);
    const resent = { ...waiting('7'), since: NOW - IN_FLIGHT_MS - 1 };
    const { controller, record, discard } = controllerFor([refused, resent], 'sent');
    await controller.refresh();
    expect(discard).toHaveBeenCalledWith(refused.record.id);
    expect(record).toHaveBeenCalledTimes(1);
    expect(record).toHaveBeenCalledWith(resent.record);
  });
});
