/**
 * Debounce tied to an AbortSignal: once the signal aborts (ticket change, content script
 * invalidated by an extension update), no scheduled call runs. With `maxWaitMs`, calls that keep
 * coming (an agent typing without a pause) still run it at least that often.
 */
export function debounce(
  run: () => void,
  waitMs: number,
  signal: AbortSignal,
  maxWaitMs = Number.POSITIVE_INFINITY,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = 0;
  /** When the first call not yet served came: `maxWaitMs` counts from here. */
  let firstCallAt: number | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  // Called on every keystroke: only move a deadline. One timer stays armed and, if it fires
  // before the deadline (more typing came), re-arms for the rest instead of clearing and
  // re-creating a timer per key.
  const fire = (): void => {
    const early = dueAt - Date.now();
    if (early > 0) {
      timer = setTimeout(fire, early);
      return;
    }
    timer = undefined;
    firstCallAt = undefined;
    if (!signal.aborted) run();
  };
  return () => {
    if (signal.aborted) return;
    const now = Date.now();
    firstCallAt ??= now;
    dueAt = Math.min(now + waitMs, firstCallAt + maxWaitMs);
    if (timer === undefined) timer = setTimeout(fire, dueAt - now);
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
