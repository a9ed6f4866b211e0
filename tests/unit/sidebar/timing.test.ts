import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followTyping, throttle } from '@/utils/sidebar/timing';

describe('followTyping', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Keys every `gapMs` for `keys` keys, then `afterMs` of quiet; what ran, and when. */
  function type(keys: number, gapMs: number, afterMs: number, maxWaitMs?: number) {
    const events: string[] = [];
    const at = () => Date.now() - started;
    const started = Date.now();
    const note = followTyping(
      {
        onStart: () => events.push(`start@${at()}`),
        onLongRun: () => events.push(`run@${at()}`),
        onPause: () => events.push(`pause@${at()}`),
      },
      100,
      new AbortController().signal,
      maxWaitMs,
    );
    for (let i = 0; i < keys; i++) {
      note();
      vi.advanceTimersByTime(gapMs);
    }
    vi.advanceTimersByTime(afterMs);
    return events;
  }

  it.each<[string, number, number, number, number | undefined, string[]]>([
    ['one key: a start, then the pause', 1, 0, 200, undefined, ['start@0', 'pause@100']],
    // Keys 40 ms apart: the last at 360, its pause seen 100–150 ms later.
    ['a burst: one start, one pause after the last key', 10, 40, 200, undefined, ['start@0', 'pause@470']],
    [
      'a long burst with a longest wait: runs while the keys keep coming',
      30,
      40,
      200,
      400,
      // At the keys 400 ms apart, from the keystroke itself; the last key at 1160.
      ['start@0', 'run@400', 'run@800', 'pause@1270'],
    ],
    [
      'keys slower than the pause: each is its own burst',
      3,
      150,
      0,
      undefined,
      ['start@0', 'pause@100', 'start@150', 'pause@250', 'start@300', 'pause@400'],
    ],
  ])('%s', (_label, keys, gapMs, afterMs, maxWaitMs, expected) => {
    expect(type(keys, gapMs, afterMs, maxWaitMs)).toEqual(expected);
  });

  it('sets no timer per keystroke, and looks at most twice per pause while keys keep coming', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearTimeoutSpy = vi.spyOn(globalThis, 'clearTimeout');
    const note = followTyping({ onPause: () => {} }, 100, new AbortController().signal);
    for (let i = 0; i < 50; i++) {
      note();
      vi.advanceTimersByTime(20); // 1,000 ms of keys, 50 of them
    }
    expect(setTimeoutSpy.mock.calls.length).toBeLessThanOrEqual(1000 / 50 + 1);
    expect(clearTimeoutSpy).not.toHaveBeenCalled();
  });

  it('runs nothing once its signal aborts', () => {
    const onPause = vi.fn();
    const abort = new AbortController();
    const note = followTyping({ onPause }, 100, abort.signal);
    note();
    abort.abort();
    vi.advanceTimersByTime(500);
    note();
    vi.advanceTimersByTime(500);
    expect(onPause).not.toHaveBeenCalled();
  });
});

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at most once per interval and once more after the last call', () => {
    const run = vi.fn();
    const scan = throttle(run, 250, new AbortController().signal);
    scan();
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) {
      scan();
      vi.advanceTimersByTime(20);
    }
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
