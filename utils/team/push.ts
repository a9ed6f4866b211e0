import type { KeelDatabase } from '../store/open';
import { authorizationOf, type TeamConfig } from './config';
import { toTeamDoc } from './doc';
import { markRejected, markSent, nextBatch } from './queue';

/** The connection's state, as the options page's `[data-testid=team-status]` shows it. */
export type TeamState = 'off' | 'ok' | 'offline' | 'unauthorized' | 'forbidden' | 'error';

/** Documents per `_bulk_docs` request. */
export const BATCH_SIZE = 500;

/** What one push run did. */
export interface PushOutcome {
  state: Exclude<TeamState, 'off'>;
  /** Documents the store took now. */
  written: number;
  /** Documents it already had (a conflict: an earlier push got through, its answer did not). */
  already: number;
  /** Documents refused one by one (`forbidden` inside a 201), set aside. */
  rejected: number;
  requests: number;
  /** Request bytes sent. */
  bytes: number;
  /** For the options page, when state is not ok. */
  message?: string;
}

interface BulkResult {
  id?: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

/** The base URL of the team database, escaped. */
export function databaseUrl(config: TeamConfig): string {
  return `${config.url}/${encodeURIComponent(config.database)}`;
}

/**
 * Pushes the queue (entries with record time ≥ `from`) in batches until it is empty or something
 * stops it. Exactly once: `_id` is `reply:<record id>`, so a batch sent again after a lost answer
 * meets a conflict per document, which counts as "already there". A 401 or a 403 on the whole
 * request stops (credentials or membership must change); a network error or 5xx stops for a
 * later retry; a document refused inside a batch is set aside and the rest go on.
 */
export async function pushQueue(
  db: KeelDatabase,
  config: TeamConfig,
  options: { from: number; fetch?: typeof fetch; batchSize?: number },
): Promise<PushOutcome> {
  const doFetch = options.fetch ?? fetch;
  const outcome: PushOutcome = { state: 'ok', written: 0, already: 0, rejected: 0, requests: 0, bytes: 0 };
  const url = `${databaseUrl(config)}/_bulk_docs`;
  for (;;) {
    const batch = await nextBatch(db, options.from, options.batchSize ?? BATCH_SIZE);
    if (batch.length === 0) return outcome;
    // Entries whose record is gone (retention pruned it first) have nothing left to send.
    const gone = batch.filter((item) => item.record === undefined).map((item) => item.entry.id);
    await markSent(db, gone);
    const docs = batch.flatMap((item) => (item.record ? [toTeamDoc(item.record)] : []));
    if (docs.length === 0) continue;
    const body = JSON.stringify({ docs });
    outcome.requests += 1;
    outcome.bytes += body.length;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: authorizationOf(config),
        },
        body,
        credentials: 'omit',
      });
    } catch (error) {
      return {
        ...outcome,
        state: 'offline',
        message: `The team store could not be reached (${String(error)}).`,
      };
    }
    if (response.status === 401) {
      return {
        ...outcome,
        state: 'unauthorized',
        message: 'The team store refused the credentials: enter them again.',
      };
    }
    if (response.status === 403) {
      return { ...outcome, state: 'forbidden', message: 'This user may not write to the team database.' };
    }
    if (response.status >= 500) {
      return {
        ...outcome,
        state: 'error',
        message: `The team store answered ${response.status}; retrying later.`,
      };
    }
    if (!response.ok) {
      return { ...outcome, state: 'error', message: `The team store answered ${response.status}.` };
    }
    let results: BulkResult[];
    try {
      results = (await response.json()) as BulkResult[];
      if (!Array.isArray(results)) throw new Error('not a list');
    } catch {
      return {
        ...outcome,
        state: 'error',
        message: 'The team store answered something that is not CouchDB.',
      };
    }
    // By id, not position: CouchDB answers in request order, pouchdb-server does not (refusals first).
    const byId = new Map(results.flatMap((result) => (result.id === undefined ? [] : [[result.id, result]])));
    const sent: string[] = [];
    const refused = new Map<string, string>();
    let otherError: string | undefined;
    let notMember = false;
    for (const doc of docs) {
      const result = byId.get(doc._id);
      if (!result) {
        otherError ??= `no answer for ${doc._id}`;
      } else if (result.ok === true || (result.error === undefined && result.rev !== undefined)) {
        sent.push(doc.id);
        outcome.written += 1;
      } else if (result.error === 'conflict') {
        sent.push(doc.id);
        outcome.already += 1;
      } else if (result.error === 'forbidden') {
        // validate_doc_update refused this document: set it aside, the rest go on.
        refused.set(doc.id, result.reason ?? result.error);
        outcome.rejected += 1;
      } else if (result.error === 'unauthorized') {
        // Not a member of the database: the user's access, not the document, is wrong; keep it queued.
        notMember = true;
      } else {
        otherError ??= `${result.error ?? 'unknown error'}: ${result.reason ?? ''}`;
      }
    }
    await markSent(db, sent);
    await markRejected(db, refused);
    if (notMember) {
      return { ...outcome, state: 'forbidden', message: 'This user may not write to the team database.' };
    }
    if (otherError !== undefined || sent.length + refused.size === 0) {
      return {
        ...outcome,
        state: 'error',
        message: `The team store refused a batch (${otherError ?? 'no answer'}).`,
      };
    }
  }
}

/** The least time between two retries, and the most: alarms fire at most every 30 s. */
export const RETRY_MIN_MS = 30_000;
export const RETRY_MAX_MS = 15 * 60_000;

/** Delay before retry number `attempt` (0 first): 30 s, 1 min, 2 min, … up to 15 min. */
export function retryDelay(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.max(0, Math.min(attempt, 10)));
}

/** Whether a state retries by itself (alarms); 401/403 wait for the user instead. */
export function retries(state: TeamState): boolean {
  return state === 'offline' || state === 'error';
}

/**
 * "Test connection": reads the team database's info with the credentials, so a wrong password or
 * a missing membership shows even when nothing waits to be pushed.
 */
export async function checkConnection(
  config: TeamConfig,
  doFetch: typeof fetch = fetch,
): Promise<{ state: Exclude<TeamState, 'off'>; message?: string }> {
  let response: Response;
  try {
    response = await doFetch(databaseUrl(config), {
      headers: { Accept: 'application/json', Authorization: authorizationOf(config) },
      credentials: 'omit',
    });
  } catch (error) {
    return { state: 'offline', message: `The team store could not be reached (${String(error)}).` };
  }
  if (response.ok) return { state: 'ok' };
  if (response.status === 401) {
    return { state: 'unauthorized', message: 'The team store refused the credentials: enter them again.' };
  }
  if (response.status === 403) {
    return { state: 'forbidden', message: 'This user is not a member of the team database.' };
  }
  if (response.status === 404) {
    return {
      state: 'error',
      message: 'No such database on the team store: check its name, or run `npm run team:setup`.',
    };
  }
  return { state: 'error', message: `The team store answered ${response.status}.` };
}
