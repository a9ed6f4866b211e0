import { newRandomId } from '../ids';
/** The page attribute naming the Keel instance that owns this page's sidebar. */
export const INSTANCE_ATTRIBUTE = 'data-keel-instance';

/**
 * Claims the page for this content script instance. Two instances can meet on one page: the
 * background injects Keel into open tabs after an update, while an orphaned old instance, or the
 * manifest's own injection of a tab that was still loading, is already there. The newest claim
 * wins; every older instance sees the attribute change (the DOM is shared between them) and
 * stands down through the returned signal, so one sidebar checks and records, never two.
 */
export function claimPage(doc: Document, signal: AbortSignal, id: string = newRandomId()): AbortSignal {
  const owned = new AbortController();
  const root = doc.documentElement;
  root.setAttribute(INSTANCE_ATTRIBUTE, id);
  const observer = new MutationObserver(() => {
    if (root.getAttribute(INSTANCE_ATTRIBUTE) !== id) owned.abort();
  });
  observer.observe(root, { attributes: true, attributeFilter: [INSTANCE_ATTRIBUTE] });
  owned.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  if (signal.aborted) owned.abort();
  else signal.addEventListener('abort', () => owned.abort(), { once: true });
  return owned.signal;
}
