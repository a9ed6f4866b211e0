/**
 * How a sidebar session follows the page: a throttled observer for structure (tickets, panels and
 * editors coming and going), which stands down while the agent types, and checks in the
 * keystroke's own frame during a long burst of typing.
 */
import { followTyping, throttle } from './timing';

/**
 * A pause in typing: the checklist catches up and the page observer comes back. Longer than the
 * gap between an agent's keys (about 150–250 ms at 50–80 words a minute), so a check does not run
 * after every key: at 120 ms it did, and at a human pace that was most of what Keel cost the page
 * per keystroke.
 */
export const TYPING_PAUSE_MS = 250;
/** While an agent types without pausing, the checklist still follows at least this often. */
export const CHECK_MAX_WAIT_MS = 1000;
/** Page mutations are batched; Zendesk-sized pages mutate constantly. */
const PAGE_SCAN_THROTTLE_MS = 250;

export interface PageWatchHandlers {
  /** Something on the page changed (or the agent paused): look at the ticket and the draft again. */
  scan: () => void;
  /** The agent has typed for a while without pausing: check the draft now. */
  checkWhileTyping: () => void;
}

/**
 * Starts watching `doc` until `signal` aborts. Returns what a keystroke in the editor calls (the
 * observer rests, a scan follows the pause).
 */
export function watchPage(doc: Document, signal: AbortSignal, handlers: PageWatchHandlers): () => void {
  const scan = throttle(handlers.scan, PAGE_SCAN_THROTTLE_MS, signal);
  // Typing is followed through input events (below); the page observer only needs structure
  // (tickets, panels and editors coming and going) and the few attributes that switch the
  // active ticket or the reply/note channel. Text and style changes on every keystroke would
  // wake it for nothing. Keel's own nodes live in a shadow root, which this does not see.
  const observer = new MutationObserver(scan);
  const observe = () =>
    observer.observe(doc.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [
        'aria-current',
        'aria-selected',
        'data-is-active',
        'data-ticket-id',
        'data-entity-id',
        'data-channel',
        'contenteditable',
        'hidden',
      ],
    });
  observe();
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  // Helpdesks change their own page as the agent types (a counter, an error line, a draft
  // badge), and each change woke the observer: one more call into Keel per keystroke. The ticket
  // does not change under a typing agent, so the observer stands down while they type and comes
  // back when they pause, with one scan (which checks the draft) for whatever changed meanwhile.
  const noteTyping = followTyping(
    {
      // Drops records not yet delivered: the typing's own. The scan on the pause sees the rest.
      onStart: () => observer.disconnect(),
      onLongRun: () => checkInKeystrokeFrame(doc, signal, handlers.checkWhileTyping),
      onPause: () => {
        observe();
        scan();
      },
    },
    TYPING_PAUSE_MS,
    signal,
    CHECK_MAX_WAIT_MS,
  );
  // SPA helpdesks change tickets through history without reloading.
  doc.defaultView?.addEventListener('popstate', scan, { signal });
  return noteTyping;
}

/**
 * A check while the agent types, run just before the page paints their keystroke, so the
 * checklist's changes share that frame instead of costing one of their own (a whole frame of
 * layout, paint and commit; at an agent's pace Keel's cost per key fell from +13.7% to +11.5%
 * in the page bench). A tab that stops painting runs it on the pause instead.
 */
function checkInKeystrokeFrame(doc: Document, signal: AbortSignal, check: () => void): void {
  const view = doc.defaultView;
  if (!view) {
    check();
    return;
  }
  view.requestAnimationFrame(() => {
    if (!signal.aborted) check();
  });
}
