import { trimEndChars, trimLineEnds } from '../../utils/trim';

/**
 * Rich-editor HTML → plain text, with string code only (no DOM, so it runs anywhere and never
 * executes or loads anything). Block elements become line breaks, entities are decoded, and the
 * lines of a <blockquote> (or any element marked `data-keel-quoted`) are prefixed with "> " so the
 * checker leaves quoted history out.
 */

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const SKIP_CONTENT_TAGS = new Set(['script', 'style', 'template', 'head', 'title', 'noscript']);
const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  times: '×',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  ccedil: 'ç',
  ntilde: 'ñ',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  Eacute: 'É',
  aring: 'å',
  oslash: 'ø',
  aelig: 'æ',
  zwj: '',
  zwnj: '',
  shy: '',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, name: string) => {
    if (name.charAt(0) === '#') {
      const code =
        name.charAt(1) === 'x' || name.charAt(1) === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// The lookahead ends the tag name for good: without it, "<A" + 30,000 "-" + '">' backtracked
// quadratically through the name (4 s; issue 14).
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?![a-zA-Z0-9-])((?:[^>"']|"[^"]*"|'[^']*')*)>|<[^>]*>?|[^<]+/g;

const SIGNATURE_CONTAINER = /\b(?:class|id)\s*=\s*["'][^"']*signature/i;
const HREF = /\bhref\s*=\s*["'](https?:\/\/[^"'\s]{1,2000})["']/i;

export function htmlToText(html: string): string {
  let out = '';
  let quoteDepth = 0;
  let preDepth = 0;
  let skipTag: string | undefined;
  let atLineStart = true;
  /** Open elements, so a closing tag (even of a parent, in sloppy HTML) ends the quotation it opened. */
  const open: { name: string; quote: boolean; href?: string }[] = [];
  const newline = () => {
    out = trimEndChars(out, ' \t');
    out += '\n';
    atLineStart = true;
  };
  const emit = (text: string) => {
    for (const piece of text.split('\n')) {
      if (piece !== text.split('\n')[0]) newline();
      if (piece === '') continue;
      let chunk = piece;
      if (atLineStart) {
        if (preDepth === 0) chunk = chunk.replace(/^[ \t]+/, '');
        if (chunk === '') continue;
        if (quoteDepth > 0) out += '> '.repeat(quoteDepth);
        atLineStart = false;
      }
      out += chunk;
    }
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    const [whole, closing, rawName, attributes] = match;
    if (rawName === undefined) {
      if (whole.charAt(0) === '<') continue; // comment or stray markup
      if (skipTag) continue;
      const decoded = decodeEntities(whole);
      emit(preDepth > 0 ? decoded : decoded.replace(/\s+/g, ' '));
      continue;
    }
    const name = rawName.toLowerCase();
    if (skipTag) {
      if (closing && name === skipTag) skipTag = undefined;
      continue;
    }
    if (SKIP_CONTENT_TAGS.has(name)) {
      if (!closing && !whole.endsWith('/>')) skipTag = name;
      continue;
    }
    if (name === 'br') {
      newline();
      continue;
    }
    const isBlock = BLOCK_TAGS.has(name);
    if (closing) {
      const at = open.map((element) => element.name).lastIndexOf(name);
      if (at !== -1) {
        for (const element of open.splice(at)) {
          // The link's target, which the checker's link steps need: "track it <a href=…>here</a>".
          if (element.href && !out.endsWith(element.href)) emit(` (${element.href})`);
          if (!element.quote) continue;
          quoteDepth--;
          if (!atLineStart) newline();
        }
      }
      if (name === 'pre' && preDepth > 0) preDepth--;
      if (isBlock && !atLineStart) newline();
      continue;
    }
    if (isBlock && !atLineStart) newline();
    // A rich editor's signature container ("gmail_signature", "gorgias-signature", id="signature")
    // starts the signature, as a "-- " line does in plain text.
    if (isBlock && quoteDepth === 0 && SIGNATURE_CONTAINER.test(attributes ?? '')) {
      out += '--';
      newline();
    }
    if (name === 'pre') preDepth++;
    if (name === 'li') emit('- ');
    if (!VOID_TAGS.has(name) && !whole.endsWith('/>')) {
      const marked = name === 'blockquote' || /\bdata-keel-quoted\b/i.test(attributes ?? '');
      const href = name === 'a' ? HREF.exec(attributes ?? '')?.[1] : undefined;
      open.push(href ? { name, quote: marked, href: decodeEntities(href) } : { name, quote: marked });
      if (marked) quoteDepth++;
    }
    if (name === 'hr' && !atLineStart) newline();
  }
  return signOffAboveSignature(
    trimLineEnds(out)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  );
}

/** The longest line that can be a sign-off written inside a signature container ("Kind regards,"). */
const SIGN_OFF_MAX_WORDS = 4;

/**
 * Rich editors often put the agent's sign-off inside their signature container
 * (`<div class="signature">Kind regards,<br>Maya<br>…`). The sign-off still closes the reply: a
 * short first line of the container that ends in a comma moves above the container's "--" mark,
 * and only what follows it is signature.
 */
function signOffAboveSignature(text: string): string {
  if (!text.includes('\n--\n')) return text;
  const lines = text.split('\n');
  for (let at = 0; at + 1 < lines.length; at++) {
    const next = lines[at + 1] as string;
    if (lines[at] !== '--' || !next.endsWith(',')) continue;
    if (next.split(' ').filter(Boolean).length > SIGN_OFF_MAX_WORDS) continue;
    lines[at] = next;
    lines[at + 1] = '--';
    at++;
  }
  return lines.join('\n');
}
