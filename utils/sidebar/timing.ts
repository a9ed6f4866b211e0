export interface TypingHandlers {
  /** The first keystroke after a pause. */
  onStart?: () => void;
  /**
   * A keystroke `maxWaitMs` or more after the burst began or after the last long run: called from
   * that keystroke, so whatever it changes can be painted in the keystroke's own frame.
   */
  onLongRun?: () => void;
  /** Keystrokes stopped for `pauseMs`. */
  onPause: () => void;
}

/**
 * Follows an agent's typing, given a call per keystroke, with no timer work per keystroke: a call
 * only notes the time (and, in a long burst, calls `onLongRun`). One timer, armed by the first
 * keystroke after a pause, looks again every so often until the keys stop: at most twice per
 * `pauseMs`, so the pause is seen between `pauseMs` and 1.5 × `pauseMs` after the last key. (A
 * timer re-armed for the exact rest woke Keel's script between nearly every two keys; moving a
 * timer on every key measured the same as this.) The long run is a keystroke's business, not the
 * timer's: work the timer started got a frame of its own, one more frame for the page to paint.
 * Everything stops once `signal` aborts.
 */
export function followTyping(
  handlers: TypingHandlers,
  pauseMs: number,
  signal: AbortSignal,
  maxWaitMs = Number.POSITIVE_INFINITY,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKeyAt = 0;
  let lastRunAt = 0;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const look = (): void => {
    timer = undefined;
    if (signal.aborted) return;
    const now = Date.now();
    if (now - lastKeyAt >= pauseMs) {
      handlers.onPause();
      return;
    }
    timer = setTimeout(look, Math.max(lastKeyAt + pauseMs - now, pauseMs / 2));
  };
  return () => {
    if (signal.aborted) return;
    lastKeyAt = Date.now();
    if (timer === undefined) {
      lastRunAt = lastKeyAt;
      handlers.onStart?.();
      timer = setTimeout(look, pauseMs);
    } else if (lastKeyAt - lastRunAt >= maxWaitMs) {
      lastRunAt = lastKeyAt;
      handlers.onLongRun?.();
    }
  };
}

/**
 * Throttle tied to an AbortSignal: runs at most once per `intervalMs`, always once more after the
 * last call so the final state is seen.
 */
export function throttle(run: () => void, intervalMs: number, signal: AbortSignal): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return () => {
    if (signal.aborted || timer !== undefined) return;
    const wait = Math.max(0, last + intervalMs - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      last = Date.now();
      if (!signal.aborted) run();
    }, wait);
  };
}
