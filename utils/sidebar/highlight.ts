import type { Span } from '../checker/types';

/** The name of the CSS custom highlight Keel paints forbidden phrases with. */
export const FORBIDDEN_HIGHLIGHT = 'keel-forbidden';

const normalise = (text: string) => text.replace(/\u00a0/g, ' ');

/** Whether the editor's window can paint highlights without touching the editor's DOM. */
export function canHighlight(win: Window | null | undefined): boolean {
  const css = (win as (Window & typeof globalThis) | null | undefined)?.CSS as object | undefined;
  return Boolean(win && css && 'highlights' in css && 'Highlight' in win);
}

/**
 * Turns spans of the draft (offsets into the text the adapter read) into DOM ranges in the editor.
 * The draft comes from innerText, whose line breaks differ from the text nodes', so each span's
 * phrase is found again in the text nodes: the same occurrence (first, second, …) as in the draft.
 */
export function rangesForSpans(editor: HTMLElement, draft: string, spans: readonly Span[]): Range[] {
  const doc = editor.ownerDocument;
  const walker = doc.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  const nodes: { node: Text; start: number }[] = [];
  let flat = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    nodes.push({ node: text, start: flat.length });
    flat += normalise(text.data);
  }
  const normalisedDraft = normalise(draft);
  const ranges: Range[] = [];
  for (const span of spans) {
    const phrase = normalisedDraft.slice(span.start, span.end);
    if (!phrase) continue;
    let occurrence = 0;
    for (
      let at = normalisedDraft.indexOf(phrase);
      at !== -1 && at < span.start;
      at = normalisedDraft.indexOf(phrase, at + 1)
    ) {
      occurrence++;
    }
    let found = flat.indexOf(phrase);
    for (let k = 0; k < occurrence && found !== -1; k++) found = flat.indexOf(phrase, found + 1);
    if (found === -1) continue;
    const start = locate(nodes, found);
    const end = locate(nodes, found + phrase.length);
    if (!start || !end) continue;
    const range = doc.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    ranges.push(range);
  }
  return ranges;
}

function locate(
  nodes: { node: Text; start: number }[],
  index: number,
): { node: Text; offset: number } | null {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const entry = nodes[i];
    if (entry && entry.start <= index)
      return { node: entry.node, offset: Math.min(index - entry.start, entry.node.length) };
  }
  return null;
}

/**
 * Paints (or clears, with no spans) the forbidden-phrase highlight in the editor's document. The
 * style rule goes into that document once; the text itself is never changed, so rich editors'
 * models are left alone.
 */
export function paintForbidden(editor: HTMLElement | null, draft: string, spans: readonly Span[]): boolean {
  const doc = editor?.ownerDocument;
  const win = doc?.defaultView;
  if (!editor || !doc || !canHighlight(win)) return false;
  const registry = (win as Window & typeof globalThis).CSS.highlights;
  if (spans.length === 0) {
    // Most checks find nothing to paint: leave the registry (and the page's paint) alone.
    if (registry.has(FORBIDDEN_HIGHLIGHT)) registry.delete(FORBIDDEN_HIGHLIGHT);
    return true;
  }
  if (!doc.querySelector('style[data-keel="highlight"]')) {
    const style = doc.createElement('style');
    style.dataset.keel = 'highlight';
    style.textContent = `::highlight(${FORBIDDEN_HIGHLIGHT}) { background-color: rgb(255 90 90 / 30%); text-decoration: underline wavy #c0262d; }`;
    (doc.head ?? doc.documentElement).append(style);
  }
  const HighlightClass = (win as Window & typeof globalThis).Highlight;
  registry.set(FORBIDDEN_HIGHLIGHT, new HighlightClass(...rangesForSpans(editor, draft, spans)));
  return true;
}
