/** A stored value the page reads once and then follows. */
export interface WatchedSource<T> {
  read(): Promise<T>;
  /** Calls `onChange` with each new value; returns the function that stops watching. */
  watch(onChange: (value: T) => void): () => void;
}

/**
 * Hands `apply` the value of `source` now and after every change, until `signal` aborts. A change
 * seen while the first read is still under way wins over that read: the read may have started
 * before the change, and applying it late would put back what was stored before. (The options
 * page did exactly that: its first read waited for the administrator's policy, which Chromium can
 * take seconds to return, and then dropped the playbooks imported meanwhile from the list.)
 */
export function readAndWatch<T>(
  source: WatchedSource<T>,
  apply: (value: T) => void,
  signal: AbortSignal,
): Promise<void> {
  let changed = false;
  const unwatch = source.watch((value) => {
    changed = true;
    if (!signal.aborted) apply(value);
  });
  signal.addEventListener('abort', unwatch, { once: true });
  return source.read().then((value) => {
    if (!changed && !signal.aborted) apply(value);
  });
}
