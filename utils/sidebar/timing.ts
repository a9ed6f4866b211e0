/**
 * Debounce tied to an AbortSignal: once the signal aborts (ticket change, content script
 * invalidated by an extension update), no scheduled call runs.
 */
export function debounce(run: () => void, waitMs: number, signal: AbortSignal): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = 0;
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
    if (!signal.aborted) run();
  };
  return () => {
    if (signal.aborted) return;
    dueAt = Date.now() + waitMs;
    if (timer === undefined) timer = setTimeout(fire, waitMs);
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
