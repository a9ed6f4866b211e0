import type { TicketContext } from '../ticket';
import type { ReplyProof } from './custom-evidence';
import type { InsertPosition } from './editing';
import type { SelectorRegistry } from './selectors';

/** How well an adapter's selectors fit the page right now (the `adapter-status` test hook). */
export type AdapterState = 'ok' | 'outdated' | 'no-editor';

/** Ticket fields an adapter normally reads from the page (beyond the id and subject it needs). */
export type TicketField = 'requester' | 'customerMessage' | 'tags' | 'type' | 'agent';

export interface AdapterStatus {
  state: AdapterState;
  /** What could not be found, in words, e.g. "reply editor (composer)". Empty when ok. */
  missing: string[];
  /**
   * Page health: fields this adapter normally reads that this page did not show (present only
   * when some are). The ticket is still usable; the checks that need one of them say so instead
   * of failing (utils/sidebar/health.ts).
   */
  unread?: TicketField[];
}

/**
 * Who the composer writes to: the customer (`public`), the team only (`note`: an internal note,
 * neither checked as a reply nor recorded), or `unknown` when the helpdesk has notes but the page
 * shows no marker Keel knows (checked and recorded as a reply: Keel does not guess a note).
 */
export type ReplyMode = 'public' | 'note' | 'unknown';

/**
 * What one check needs of the page, read in one pass so the adapter works out the active ticket
 * (its id, its panel) once per check rather than once per question.
 */
export interface ComposerRead {
  /** The active ticket's id, as `activeTicketId` gives it. */
  ticketId: string | null;
  editor: HTMLElement | null;
  /** `readDraft(editor)`, or '' without an editor. */
  draft: string;
  mode: ReplyMode;
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
 * Asked at a send's intent, before the page sees it: false stops the send (Keel's send gate,
 * on or off by policy). Required of every adapter; `() => true` lets every send through.
 */
export type SendGate = () => boolean;

/**
 * The only code that knows a helpdesk's DOM. One implementation per helpdesk under utils/adapters/.
 * Every method is called with the live document; none keeps references across tickets.
 */
export interface HelpdeskAdapter {
  /** Adapter id, stored with every record ("zendesk", "demo", …). */
  id: string;
  /** Human name for messages ("Zendesk"). */
  name: string;
  /**
   * The adapter's selector registry, for the sidebar's page report (which selectors match how
   * many elements here). `{id}` in a selector stands for the active ticket's id.
   */
  selectors?: SelectorRegistry;
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
   * (sign-offs) or the agent's caret. Returns whether the editor now holds the text (the adapter
   * verifies it, so callers need not read the draft back).
   */
  insertText(editor: HTMLElement, text: string, position?: InsertPosition): boolean;
  /** Whether the composer is on a public reply or an internal note (see `ReplyMode`). */
  replyMode(doc: Document): ReplyMode;
  /**
   * The active ticket's id, editor, draft and reply mode in one pass: what a check reads. Cheap
   * (called on every page mutation batch and typing pause); the ticket is worked out once.
   */
  readComposer(url: URL, doc: Document): ComposerRead;
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
