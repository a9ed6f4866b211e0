/** The part of an idb transaction that `settle` needs. */
interface Settleable {
  abort(): void;
  done: Promise<void>;
}

/**
 * Runs `work` in `tx` and resolves its result once `tx` committed. When `work` fails, `tx` is
 * aborted so nothing of it lands, and `work`'s own error is thrown. The AbortError that follows
 * (from `tx.done`, or from writes still in flight) is handled here, so it never surfaces as an
 * unhandled rejection (issue 14).
 */
export async function settle<T>(tx: Settleable, work: () => Promise<T>): Promise<T> {
  const done = tx.done;
  done.catch(() => undefined);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
  await done;
  return result;
}

/** Aborts a transaction that may already have finished or aborted. */
export function abortQuietly(tx: Pick<Settleable, 'abort'>): void {
  try {
    tx.abort();
  } catch {
    // Already over: nothing of it to undo.
  }
}

/**
 * Collects write requests made inside a transaction. Each is handled as it is added, so a write
 * that fails after an earlier await threw is not an unhandled rejection; `all()` still rejects.
 */
export class Writes {
  private readonly pending: Promise<unknown>[] = [];

  add(write: Promise<unknown>): void {
    write.catch(() => undefined);
    this.pending.push(write);
  }

  get count(): number {
    return this.pending.length;
  }

  all(): Promise<unknown[]> {
    return Promise.all(this.pending);
  }
}
