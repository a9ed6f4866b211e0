import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, throttle } from '@/utils/sidebar/timing';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, the wait after the last call, however many calls came before', () => {
    const run = vi.fn();
    const schedule = debounce(run, 100, new AbortController().signal);
    for (let i = 0; i < 10; i++) {
      schedule();
      vi.advanceTimersByTime(30);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(69);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps a single timer however fast the calls come', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const schedule = debounce(() => undefined, 100, new AbortController().signal);
    for (let i = 0; i < 50; i++) schedule();
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
  });

  it('with a longest wait, runs during calls that never pause, and then once after the last', () => {
    const run = vi.fn();
    const schedule = debounce(run, 100, new AbortController().signal, 400);
    // A call every 50 ms for a second: without the longest wait this would never run.
    for (let i = 0; i < 20; i++) {
      schedule();
      vi.advanceTimersByTime(50);
    }
    expect(run).toHaveBeenCalledTimes(2); // at 400 ms and 800 ms after the first call
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(3); // the pause after the last call
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('counts the longest wait from the first call after a run, not from the very first', () => {
    const run = vi.fn();
    const schedule = debounce(run, 100, new AbortController().signal, 400);
    schedule();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 7; i++) {
      schedule();
      vi.advanceTimersByTime(50);
    }
    expect(run).toHaveBeenCalledTimes(1); // 350 ms into the new burst: neither pause nor longest wait yet
    schedule();
    vi.advanceTimersByTime(50);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs nothing once its signal aborts', () => {
    const run = vi.fn();
    const abort = new AbortController();
    const schedule = debounce(run, 100, abort.signal);
    schedule();
    abort.abort();
    vi.advanceTimersByTime(500);
    schedule();
    vi.advanceTimersByTime(500);
    expect(run).not.toHaveBeenCalled();
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
