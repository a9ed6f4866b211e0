export interface TypingHandlers {
  /** The first keystroke after a pause. */
  onStart?: () => void;
  /** Every `maxWaitMs` while keystrokes keep coming without a pause. */
  onLongRun?: () => void;
  /** Keystrokes stopped for `pauseMs`. */
  onPause: () => void;
}

/**
 * Follows an agent's typing, given a call per keystroke, with no timer work per keystroke: a call
 * only notes the time. One timer, armed by the first keystroke after a pause, looks again every so
 * often until the keys stop: at most twice per `pauseMs`, so the pause is seen between `pauseMs`
 * and 1.5 × `pauseMs` after the last key. (A timer re-armed for the exact rest woke Keel's script
 * between nearly every two keys; moving a timer on every key measured the same as this.)
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
    if (now - lastRunAt >= maxWaitMs) {
      lastRunAt = now;
      handlers.onLongRun?.();
    }
    timer = setTimeout(look, Math.max(lastKeyAt + pauseMs - now, pauseMs / 2));
  };
  return () => {
    if (signal.aborted) return;
    lastKeyAt = Date.now();
    if (timer !== undefined) return;
    lastRunAt = lastKeyAt;
    handlers.onStart?.();
    timer = setTimeout(look, pauseMs);
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
