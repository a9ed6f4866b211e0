import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendWithRetry } from '../../../utils/messages';
import { makeRecord } from '../store/fixtures';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

/** runtime.sendMessage, typed loosely: the fake's overloads return void. */
function spyOnSend(): MockInstance<(message: unknown) => Promise<unknown>> {
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage') as unknown as MockInstance<
    (message: unknown) => Promise<unknown>
  >;
}

describe('sendWithRetry', () => {
  it('retries while the background cannot be reached, then returns its acknowledgement', async () => {
    const sendMessage = spyOnSend()
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce({ ok: true, added: true });
    const waits: number[] = [];
    const answer = await sendWithRetry(
      { type: 'reply.sent', record: makeRecord() },
      { attempts: 5, delayMs: 100, sleep: async (ms) => void waits.push(ms) },
    );
    expect(answer).toEqual({ ok: true, added: true });
    expect(sendMessage).toHaveBeenCalledTimes(3);
    expect(waits).toEqual([100, 200]);
  });

  it('does not retry a definite refusal such as a full disk', async () => {
    const sendMessage = spyOnSend().mockResolvedValue({ ok: false, quota: true, error: 'no room' });
    const answer = await sendWithRetry(
      { type: 'reply.sent', record: makeRecord() },
      { attempts: 5, delayMs: 1, sleep: async () => {} },
    );
    expect(answer).toEqual({ ok: false, quota: true, error: 'no room' });
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });

  it('gives up after the given attempts with an error that says so', async () => {
    spyOnSend().mockRejectedValue(new Error('worker restarting'));
    const answer = await sendWithRetry(
      { type: 'reply.sent', record: makeRecord() },
      { attempts: 3, delayMs: 1, sleep: async () => {} },
    );
    expect(answer).toEqual({
      ok: false,
      error: 'Keel could not reach its background after 3 tries (worker restarting).',
    });
  });
});
