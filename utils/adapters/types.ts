import type { TicketContext } from '../ticket';
import type { ReplyProof } from './custom-evidence';
import type { InsertPosition } from './editing';
import type { SendGate } from './send';

/** How well an adapter's selectors fit the page right now (the `adapter-status` test hook). */
export type AdapterState = 'ok' | 'outdated' | 'no-editor';

export interface AdapterStatus {
  state: AdapterState;
  /** What could not be found, in words, e.g. "reply editor (composer)". Empty when ok. */
  missing: string[];
}

/**
 * A reply the agent is sending, reported at the moment of intent (before the page can lose it).
 * `confirmed` resolves true once the page shows the send went through, false when the page
 * refused it while still open. It never resolves when the page or the ticket went away first:
 * the background then commits the pending record after a grace period (utils/store/pending.ts).
 * A send with a `proof` (custom sites) counts only on positive evidence: it is never committed by
 * the grace period, `confirmed` resolves null when the page showed neither outcome, and the
 * next sidebar on the site judges it or asks the agent (utils/sidebar/unconfirmed.ts).
 */
export interface SentReply {
  text: string;
  confirmed: Promise<boolean | null>;
  proof?: ReplyProof;
}

/**
 * The only code that knows a helpdesk's DOM. One implementation per helpdesk under utils/adapters/.
 * Every method is called with the live document; none keeps references across tickets.
 */
export interface HelpdeskAdapter {
  /** Adapter id, stored with every record ("zendesk", "demo", …). */
  id: string;
  /** Human name for messages ("Zendesk"). */
  name: string;
  /** Whether this adapter handles the page at this URL (and document, for marker checks). */
  matches(url: URL, doc: Document): boolean;
  /** The active ticket's id, or null when the page shows no ticket. Cheap: called on every page mutation batch. */
  activeTicketId(url: URL, doc: Document): string | null;
  /** Reads the active ticket. Returns null and a status naming what is missing when a required field is not found. */
  readTicket(doc: Document): Promise<{ ticket: TicketContext | null; status: AdapterStatus }>;
  /** The reply editor of the active ticket, or null. */
  findEditor(doc: Document): HTMLElement | null;
  /** The draft's plain text: no quoted history, no signature when the adapter can tell. */
  readDraft(editor: HTMLElement): string;
  /**
   * Inserts text the way the editor's framework notices: at the start (greetings), the end
   * (sign-offs) or the agent's caret. The caller reads the draft back to verify.
   */
  insertText(editor: HTMLElement, text: string, position?: InsertPosition): void;
  /** Whether the composer is on a public reply (true) or an internal note (false). */
  isPublicReply(doc: Document): boolean;
  /**
   * Calls `onSend` once per send the agent starts, at the intent (synchronously, in the event that
   * starts it), with `confirmed` settling when the page shows the outcome. A send the gate stopped
   * is not reported. Listeners must be registered with the given AbortSignal so they go away with
   * the ticket or the content script. `gate` is part of the contract: every adapter asks it at
   * the intent, before the page sees the send, and a false stops the send (preventDefault and
   * stopImmediatePropagation in the capture phase) and reports nothing. Callers without a gate pass
   * `() => true`. Each adapter has a unit test proving it (tests/unit/adapters/*).
   */
  observeSend(doc: Document, signal: AbortSignal, onSend: (reply: SentReply) => void, gate: SendGate): void;
}
