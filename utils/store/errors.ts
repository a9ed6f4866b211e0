/**
 * The browser refused to store more (IndexedDB quota). The UI shows it: a lost record is a bug, and
 * the agent or lead can free space (export, then prune or clear) once they know.
 */
export class StoreQuotaError extends Error {
  override readonly name = 'StoreQuotaError';
  constructor(cause?: unknown) {
    super(
      'The browser has no room left for Keel statistics. Export a backup, then lower the retention or clear old data.',
      { cause },
    );
  }
}

/** A file given to import or restore is not one Keel can take; nothing was changed. */
export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Whether `error` (a request's, or an aborted transaction's) is a quota error. */
export function isQuotaError(error: unknown): boolean {
  if (error instanceof StoreQuotaError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, cause } = error as { name?: unknown; cause?: unknown };
  if (name === 'QuotaExceededError') return true;
  return cause !== undefined && cause !== error && isQuotaError(cause);
}

/** Turns quota errors into StoreQuotaError; anything else passes through unchanged. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreQuotaError) return error;
  return isQuotaError(error) ? new StoreQuotaError(error) : error;
}
