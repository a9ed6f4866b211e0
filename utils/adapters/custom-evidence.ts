import { editorText } from './editing';

/**
 * Whether a custom site's send went through, from positive evidence only. A site Keel does not
 * know may refuse a send in any way (a required field left blank, the page re-rendered with an
 * error), so silence proves nothing: the reply must show up where the site shows replies, or the
 * page must go where the site goes after a send. Neither, and the draft is still in the editor:
 * the page refused it. Neither either way: the agent decides ("record or discard").
 */

/**
 * A reply recognisable on a later page without keeping its text: a hash of its first words
 * (lower-cased letters and digits), and how many words were hashed.
 */
export interface ReplyProof {
  hash: string;
  words: number;
}

/** Enough words to tell one reply from another, few enough to survive the page's own formatting. */
const PROOF_WORDS = 12;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** FNV-1a, 32 bits: fast, in every context (no secure context needed, unlike crypto.subtle). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The proof of a reply, or null when it has no words to recognise it by. */
export function replyProof(text: string): ReplyProof | null {
  const words = wordsOf(text).slice(0, PROOF_WORDS);
  return words.length > 0 ? { hash: fnv1a(words.join(' ')), words: words.length } : null;
}

/** Whether `text` contains the reply's first words, in order, anywhere. */
export function textShowsReply(text: string, proof: ReplyProof): boolean {
  const words = wordsOf(text);
  for (let start = 0; start + proof.words <= words.length; start++) {
    if (fnv1a(words.slice(start, start + proof.words).join(' ')) === proof.hash) return true;
  }
  return false;
}

/** The text of `root` without the editor's (the draft is no evidence of its own send). */
export function textOutside(root: Element, editor: Element | null): string {
  if (!editor || !root.contains(editor)) return root.textContent ?? '';
  const parts: string[] = [];
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node === editor ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.nodeValue ?? '');
  }
  return parts.join(' ');
}

/**
 * `*` for any run of characters, the rest literal, matched against the whole URL (no fragment).
 * Matched without a regular expression: `*a*a*a*b` compiled to `.*a.*a.*a.*b` backtracks
 * polynomially on a long URL (issue 14); here each literal piece is found once, left to right.
 */
export function urlGlobMatches(glob: string, url: URL): boolean {
  return globMatches(glob.trim(), `${url.origin}${url.pathname}${url.search}`);
}

function globMatches(glob: string, target: string): boolean {
  const pieces = glob.split('*');
  const first = pieces[0] as string;
  if (pieces.length === 1) return target === first;
  const last = pieces[pieces.length - 1] as string;
  if (!target.startsWith(first) || target.length < first.length + last.length) return false;
  if (!target.endsWith(last)) return false;
  let at = first.length;
  const end = target.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = target.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** Where a site shows that a send went through (the Sites form's "A reply went through when"). */
export interface SentEvidence {
  /** The reply appears in an element this selector matches (the conversation). Absent: anywhere on the page. */
  replyIn?: string;
  /** The page goes to a URL matching this (`*` = anything). */
  urlMatches?: string;
}

export type Verdict = 'sent' | 'refused' | 'unknown';

/**
 * What a page shows of a send with this proof. Sent: the reply is where the site shows replies
 * (outside the editor), or the URL is where the site goes after a send. Refused: neither, and the
 * editor still holds the reply. Unknown: neither either way.
 */
export function judgeSend(
  doc: Document,
  evidence: SentEvidence | undefined,
  proof: ReplyProof,
  editor: HTMLElement | null,
  location: URL,
): Verdict {
  if (evidence?.urlMatches && urlGlobMatches(evidence.urlMatches, location)) return 'sent';
  let places: Element[] = [];
  try {
    places = evidence?.replyIn ? [...doc.querySelectorAll(evidence.replyIn)] : doc.body ? [doc.body] : [];
  } catch {
    places = []; // a selector the page does not accept shows nothing
  }
  if (places.some((place) => textShowsReply(textOutside(place, editor), proof))) return 'sent';
  if (editor && textShowsReply(editorText(editor), proof)) return 'refused';
  return 'unknown';
}
