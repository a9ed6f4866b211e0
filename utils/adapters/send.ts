import type { ReplyProof } from './custom-evidence';
import { watchAgentInput } from './trust';
import type { ReplyMode, SendGate, SentReply } from './types';

/**
 * Shared send detection. Helpdesks send through buttons, form submits and Ctrl/Cmd+Enter, and
 * any of them may refuse the send (a validation error). So a send is two moments: the *intent*
 * (caught in the capture phase, before the page's own handlers can clear the editor) and the
 * *confirmation* (the page shows the new message or empties the composer). The send is reported
 * at the intent, once (a double click reports nothing extra), with a promise of its confirmation:
 * an agent who closes the tab right after Send must not lose the record (DESIGN.md: "a lost
 * record is a bug"), so the caller hands the record over before the page can go away.
 */
export interface SendWatch {
  /** Elements whose click means "send" (checked with `closest`). */
  sendButtonSelector: string;
  /** Forms whose submit means "send", if the page uses a form. */
  formSelector?: string;
  /** The editor, for Ctrl/Cmd+Enter and to read the draft at the moment of intent. */
  findEditor(): HTMLElement | null;
  readDraft(editor: HTMLElement): string;
  /** A cheap fingerprint of the conversation (e.g. the number of messages) taken at the intent. */
  snapshot(): number;
  /** Whether the send went through, given the snapshot taken at the intent. */
  confirmed(before: number, editor: HTMLElement | null): boolean;
  /** What a send right now would be (internal notes are not recorded). */
  replyMode(): ReplyMode;
  /**
   * Whether plain Enter sends from this editor (chat composers such as Zendesk messaging), on top
   * of Ctrl/Cmd+Enter, which every composer has.
   */
  enterSends?(editor: HTMLElement): boolean;
  /** How long the page may take to confirm. */
  timeoutMs?: number;
  /**
   * For sites that count a send only on positive evidence (custom sites): called at the intent
   * with the reply's text. `sent` is polled instead of `confirmed`; at the deadline `refused`
   * decides between a refusal (`confirmed` resolves false) and no evidence either way (null: the
   * agent decides). A new send after a second settles the one before: sent if shown, else refused.
   */
  evidence?(text: string): { proof: ReplyProof; sent(): boolean; refused(): boolean } | null;
  /** A send event that sends a private note, not a reply (a separate note button): not reported. */
  isNoteSend?(event: Event): boolean;
  /** Whether the submit of this form is a send (the form around the editor), besides `formSelector`. */
  isSendForm?(form: Element): boolean;
}

/** Within this long, a second intent is the same send (a double click, a click and its submit). */
const SAME_SEND_MS = 1000;

const POLL_MS = 100;

export function watchSends(
  doc: Document,
  signal: AbortSignal,
  watch: SendWatch,
  onSend: (reply: SentReply) => void,
  gate: SendGate,
): void {
  let pending = false;
  const win = doc.defaultView;
  const fromAgent = win ? watchAgentInput(win, signal) : () => true;
  /** The send in flight on an evidence site: settled early when the agent sends again. */
  let inFlight: { at: number; settleNow: () => void } | null = null;

  const onIntent = (event: Event): void => {
    // The page's own script clicking Send is not the agent sending (issue 14): nothing recorded.
    if (signal.aborted || watch.isNoteSend?.(event) || !fromAgent(event)) return;
    if (pending) {
      if (!inFlight || Date.now() - inFlight.at < SAME_SEND_MS) return;
      inFlight.settleNow();
    }
    const editor = watch.findEditor();
    if (!editor) return;
    const text = watch.readDraft(editor);
    // An empty draft is the page's to refuse; nothing to record either way.
    if (!text.trim() || watch.replyMode() === 'note') return;
    if (!gate()) {
      // Capture phase on the document: the page's own handlers have not run yet.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    pending = true;
    const before = watch.snapshot();
    const deadline = Date.now() + (watch.timeoutMs ?? 8000);
    const evidence = watch.evidence?.(text) ?? null;
    let settled = false;
    let resolveConfirmed: (sent: boolean | null) => void = () => {};
    const confirmed = new Promise<boolean | null>((resolve) => {
      resolveConfirmed = resolve;
    });
    const settle = (outcome: boolean | null) => {
      if (settled) return;
      settled = true;
      pending = false;
      inFlight = null;
      resolveConfirmed(outcome);
    };
    if (evidence) inFlight = { at: Date.now(), settleNow: () => settle(evidence.sent()) };
    // Reported before the page's own handlers run: the record leaves while the page surely lives.
    onSend(evidence ? { text, confirmed, proof: evidence.proof } : { text, confirmed });
    const poll = (): void => {
      // Ticket switched or script gone: leave it unsettled; the background commits it after its
      // grace (or, with evidence, the next sidebar on the site judges it).
      if (signal.aborted || settled) return;
      if (evidence ? evidence.sent() : watch.confirmed(before, watch.findEditor())) {
        settle(true);
      } else if (Date.now() > deadline) {
        // The page refused or failed the send; with evidence, only when it shows so.
        settle(evidence && !evidence.refused() ? null : false);
      } else {
        setTimeout(poll, POLL_MS);
      }
    };
    setTimeout(poll, POLL_MS);
  };

  const options = { capture: true, signal } as const;
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(watch.sendButtonSelector)) onIntent(event);
    },
    options,
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      // An IME's Enter confirms a composition; it sends nothing.
      if (event.key !== 'Enter' || event.isComposing) return;
      const withModifier = event.ctrlKey || event.metaKey;
      const plain = !withModifier && !event.shiftKey && !event.altKey;
      if (!withModifier && !plain) return;
      const editor = watch.findEditor();
      const target = event.target instanceof Node ? event.target : null;
      if (!editor || !target || !(editor === target || editor.contains(target))) return;
      if (withModifier || watch.enterSends?.(editor)) onIntent(event);
    },
    options,
  );
  if (watch.formSelector || watch.isSendForm) {
    const { formSelector, isSendForm } = watch;
    doc.addEventListener(
      'submit',
      (event) => {
        const target = event.target instanceof Element ? event.target : null;
        if (target && ((formSelector && target.matches(formSelector)) || isSendForm?.(target)))
          onIntent(event);
      },
      options,
    );
  }
}
