import { browser } from 'wxt/browser';
import type { ReplyRecord } from '../store/types';
import type { RecordOutcome } from './record';
import { SettleList } from './settle-list';

/**
 * Sends Keel could not record: shown to the agent in the sidebar ("Not recorded"), who records
 * or discards each (components/sidebar/Unrecorded.tsx). A lost record is a bug (DESIGN.md); a
 * send Keel cannot record on its own must at least be in front of the agent. Issue 14 named three
 * ways: the extension was updated before the send's message left the page, the background was
 * unreachable for longer than the retries (about 8 s), and the page confirmed the send only after
 * its window (8 s). Custom sites use it for sends with no evidence (issue 15).
 *
 * Entries live in browser.storage.local (no service worker needed). A content script whose
 * extension was updated can no longer reach that: it leaves the entry in the tab's
 * sessionStorage, and the sidebar injected after the update adopts it.
 *
 * Recording one sends `reply.sent` with the record's own id, so recording twice, or recording a
 * send whose pending copy the background already stored, adds nothing: never a duplicate.
 */

/** Why a send is not recorded (shown to the agent). */
export type UnrecordedReason =
  | 'extension-updated'
  | 'unreachable'
  | 'unconfirmed'
  | 'no-evidence'
  | 'refused';

export interface UnrecordedSend {
  record: ReplyRecord;
  reason: UnrecordedReason;
  /** When Keel gave up (epoch ms). */
  at: number;
}

export const UNRECORDED_KEY = 'unrecordedSends';
/** The tab's hand-over after an update (sessionStorage: per tab and origin). */
export const UNRECORDED_SESSION_KEY = 'keel.unrecordedSends';
/** The newest sends kept: far more than an agent leaves unresolved, small enough for storage.local. */
export const MAX_UNRECORDED = 500;

async function readStored(): Promise<UnrecordedSend[]> {
  const stored = (await browser.storage.local.get(UNRECORDED_KEY))[UNRECORDED_KEY];
  return Array.isArray(stored) ? (stored as UnrecordedSend[]).filter(isEntry) : [];
}

function isEntry(value: unknown): value is UnrecordedSend {
  if (typeof value !== 'object' || value === null) return false;
  const { record, reason, at } = value as Partial<UnrecordedSend>;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof reason === 'string' &&
    typeof at === 'number'
  );
}

function merged(list: UnrecordedSend[], added: UnrecordedSend[]): UnrecordedSend[] {
  const byId = new Map(list.map((entry) => [entry.record.id, entry]));
  for (const entry of added) byId.set(entry.record.id, entry);
  return [...byId.values()].sort((a, b) => a.at - b.at).slice(-MAX_UNRECORDED);
}

// Not named `storage`: WXT's import scanner would add its storage library (16 KB) to the page.
function readSession(tabStorage: Storage | undefined): UnrecordedSend[] {
  try {
    const parsed: unknown = JSON.parse(tabStorage?.getItem(UNRECORDED_SESSION_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/**
 * Puts a send on the "not recorded" list. Never throws: with the extension context gone it falls
 * back to the tab's sessionStorage; where even that fails there is nothing left to try.
 */
export async function keepUnrecorded(
  entry: UnrecordedSend,
  session: Storage | undefined = globalThis.sessionStorage,
): Promise<void> {
  try {
    await browser.storage.local.set({ [UNRECORDED_KEY]: merged(await readStored(), [entry]) });
  } catch {
    try {
      session?.setItem(UNRECORDED_SESSION_KEY, JSON.stringify(merged(readSession(session), [entry])));
    } catch {
      // Private mode with storage off: the sidebar's own error message is all that is left.
    }
  }
}

/** The "not recorded" list, oldest first, with any hand-over from before an update adopted. */
export async function listUnrecorded(
  session: Storage | undefined = globalThis.sessionStorage,
): Promise<UnrecordedSend[]> {
  const handedOver = readSession(session);
  const stored = await readStored();
  if (handedOver.length === 0) return stored;
  const list = merged(stored, handedOver);
  await browser.storage.local.set({ [UNRECORDED_KEY]: list });
  session?.removeItem(UNRECORDED_SESSION_KEY);
  return list;
}

/** Drops one send from the list (recorded, or discarded by the agent). */
export async function forgetUnrecorded(id: string): Promise<void> {
  const list = await readStored();
  await browser.storage.local.set({ [UNRECORDED_KEY]: list.filter((entry) => entry.record.id !== id) });
}

/** Calls `callback` when the list changes in any tab. Returns the unsubscribe. */
export function watchUnrecorded(callback: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && UNRECORDED_KEY in changes) callback();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/**
 * The "not recorded" list as the sidebar shows it: read now and again whenever any tab changes it,
 * until `signal` aborts. Recording goes through `record` (a `reply.sent` with the record's own id);
 * a recorded or discarded send leaves the stored list.
 */
export class UnrecordedList extends SettleList<UnrecordedSend> {
  constructor(record: (entry: UnrecordedSend) => Promise<RecordOutcome>) {
    super(async (entry, keep) => {
      if (keep) {
        const outcome = await record(entry);
        if (!outcome.ok) return outcome;
      }
      await forgetUnrecorded(entry.record.id);
      return { ok: true };
    });
  }

  private reload: (() => void) | null = null;

  watch(signal: AbortSignal): void {
    // Only the newest read counts, and none lands during a decision (which ends with a read of its
    // own): an older read may have begun before a send left the list.
    let reads = 0;
    const load = () => {
      const read = ++reads;
      void listUnrecorded()
        .then((sends) => {
          if (signal.aborted || read !== reads || this.state.get().busy) return;
          this.state.update((current) => ({ ...current, sends }));
        })
        .catch(() => undefined);
    };
    this.reload = load;
    load();
    signal.addEventListener('abort', watchUnrecorded(load), { once: true });
    signal.addEventListener('abort', () => (this.reload = null), { once: true });
  }

  override async decide(id: string, keep: boolean): Promise<void> {
    await super.decide(id, keep);
    this.reload?.();
  }
}
