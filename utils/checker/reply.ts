import type { Span } from './types';

const QUOTE_LINE = /^[ \t]*>/;
const SIGNATURE_DELIMITER = /^[ \t]*--[ \t]*$/;
const ON_WROTE = /^[ \t]*on\b.{0,300}\bwrote:[ \t]*$/i;
const ON_START = /^[ \t]*on\b/i;
const WROTE_END = /\bwrote:[ \t]*$/i;
const ORIGINAL_MESSAGE =
  /^[ \t]*(?:-{3,}[ \t]*(?:original message|forwarded message)[ \t]*-{3,}|_{10,}[ \t]*$)/i;
const OUTLOOK_FROM = /^[ \t]*from:[ \t]*\S/i;
const OUTLOOK_HEADER = /^[ \t]*(?:sent|date|to|subject):/i;
/** Quote headers of mail clients in other languages: "Am … schrieb …:", "Le … a écrit :", "El … escribió:". */
const LOCALIZED_WROTE =
  /^[ \t]*(?:am|le|el|il|op|den|em|w dniu)\b.{0,300}\b(?:schrieb|a écrit|escribió|ha scritto|schreef|skrev|escreveu|napisał)\b.{0,200}:[ \t]*$/i;
/** Outlook's header in other languages: "Von: …" followed by "Gesendet:" / "Envoyé :" / "Enviado:". */
const LOCALIZED_FROM = /^[ \t]*(?:von|de|da|van|från|fra|od):[ \t]*\S/i;
const LOCALIZED_HEADER =
  /^[ \t]*(?:gesendet|envoyé|enviado|inviato|verzonden|skickat|sendt|wysłano|datum|date|an|à|para|a|aan|till|til|do)[ \t]*:/i;
/**
 * A sign-off on a line of its own ("Best regards," "Cheers" "Thanks,"): what follows it is the
 * name and signature block (title, phone, website, opening hours, disclaimer), not the reply.
 */
const VALEDICTION_LINE =
  /^[ \t]*(?:(?:(?:best|kind|warm|warmest|many|with)[ \t]+)?(?:regards|wishes|thanks)|best|cheers|thanks|thank you|sincerely|yours(?: sincerely| truly)?|warmly|all the best|take care|talk soon|speak soon|mit freundlichen grüßen|viele grüße|cordialement|saludos)[ \t]*(?:[,.!][ \t]*)?$/i;
const MOBILE_SIGNATURE = /^[ \t]*sent from my [\w -]{2,40}[ \t]*$/i;

/**
 * The parts of `text` that are not the agent's own words: quoted lines ("> …"), an "On … wrote:"
 * line and all that follows, an Outlook "-----Original Message-----" / "From: … Sent: …" header and
 * all that follows, and the signature (a "-- " line and all that follows). Sorted, not overlapping.
 */
export function nonReplyRanges(text: string): Span[] {
  const ranges: Span[] = [];
  let lineStart = 0;
  let wordsBefore = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const nextStart = lineEnd + 1;
    if (startsTheRest(text, line, nextStart)) {
      ranges.push({ start: lineStart, end: text.length });
      break;
    }
    // After a sign-off line (in a reply with some words before it), the rest is signature, up to
    // quoted history, which the loop still finds.
    if (wordsBefore >= 5 && line.length <= 40 && VALEDICTION_LINE.test(line)) {
      const rest = signatureEnd(text, nextStart);
      if (rest > nextStart) ranges.push({ start: nextStart, end: rest });
      if (rest >= text.length) break;
      lineStart = rest;
      continue;
    }
    // Only whether five words came before matters: stop counting once they have.
    if (wordsBefore < 5 && !QUOTE_LINE.test(line)) wordsBefore += wordsUpTo(line, 5 - wordsBefore);
    if (QUOTE_LINE.test(line)) {
      const last = ranges[ranges.length - 1];
      if (last && last.end >= lineStart - 1) last.end = lineEnd;
      else ranges.push({ start: lineStart, end: lineEnd });
    }
    if (lineEnd === text.length) break;
    lineStart = nextStart;
  }
  // The agent's words end where the last range to the text's end (a quote, a signature) begins.
  const tail = ranges[ranges.length - 1];
  const limit = tail && tail.end >= text.length ? tail.start : text.length;
  const covered = ranges.some((range) => range.start < limit && range.end >= limit - 1 && range !== tail);
  if (!covered) {
    const signature = undelimitedSignature(text, limit);
    if (signature && (!tail || signature.end <= tail.start || tail.end < signature.start)) {
      if (tail && tail.end >= text.length) ranges.splice(ranges.length - 1, 0, signature);
      else ranges.push(signature);
    }
  }
  return ranges;
}

/** Lines a signature block has after the name: title, company, phone, website, opening hours. */
const SIGNATURE_DETAIL_LINES = 4;
const SIGNATURE_LINE_CHARS = 100;
const WEB_ADDRESS = /https?:\/\/|www\.|@|\.(?:com|org|net|io|co|example|help|de|fr|uk)\b/i;
const SEPARATOR = /\s[·|•]\s/;
const WEEKDAY_RANGE = /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\s?[–-]/i;
/** Words of a job title or team: "Customer Care", "Head of Support", "Partnerships, Sunny Side". */
const TITLE_WORDS = new Set(
  `support customer customers care success team manager specialist agent lead head director
  engineer operations billing partnerships service services representative advisor desk sales
  ltd inc gmbh llc`.split(/\s+/),
);
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'da', 'del', 'di', 'of', 'and', 'the', '&']);

/** A line of a signature block: contact details, a separator, opening hours or a job title. */
function isSignatureDetail(raw: string): boolean {
  const line = raw.trim();
  if (line.length < 2 || line.length > SIGNATURE_LINE_CHARS || /[.?!:]$/.test(line)) return false;
  if (WEB_ADDRESS.test(line) || SEPARATOR.test(line) || WEEKDAY_RANGE.test(line)) return true;
  let digits = 0;
  let letters = 0;
  for (const char of line) {
    if (char >= '0' && char <= '9') digits++;
    // ASCII letters without the Unicode lookup; other ASCII is never a letter.
    else if ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z')) letters++;
    else if (char >= '\u0080' && /\p{L}/u.test(char)) letters++;
  }
  if (digits >= 7 && letters <= 10) return true; // a phone number
  const words = line.split(/[\s,]+/).filter(Boolean);
  // Capitals first: a sentence fails at its first lower-case word, before any word is lower-cased.
  return (
    words.every((word) => /^[\p{Lu}&]/u.test(word) || NAME_PARTICLES.has(word)) &&
    words.some((word) => TITLE_WORDS.has(word.toLowerCase()))
  );
}

/** "Ben Carter", "— Priya", "Mila": capitalised words only, no digits, no sentence. */
function isSignatureName(raw: string): boolean {
  const words = raw
    .trim()
    .replace(/^[—–-]+\s*/, '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 4) return false;
  return words.every((word) => /^\p{Lu}[\p{L}'’.-]*$/u.test(word) || NAME_PARTICLES.has(word));
}

/**
 * A signature block without a "--" line, at the end of the agent's words: a name line followed by
 * one to four detail lines ("Ben Carter / Customer Support · Atelier Bleu / https://… · Mon–Fri").
 * The detail lines are not the reply (their "until 6pm" is no promise, their homepage no help
 * link); the name stays, as the sign-off.
 */
function undelimitedSignature(text: string, limit: number): Span | undefined {
  let end = limit;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  let cursor = end;
  let blockStart = end;
  let details = 0;
  while (details < SIGNATURE_DETAIL_LINES && cursor > 0) {
    const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
    if (!isSignatureDetail(text.slice(lineStart, cursor))) break;
    details++;
    blockStart = lineStart;
    cursor = lineStart - 1;
  }
  if (details === 0 || cursor <= 0) return undefined;
  const nameStart = text.lastIndexOf('\n', cursor - 1) + 1;
  if (!isSignatureName(text.slice(nameStart, cursor))) return undefined;
  return { start: blockStart, end: limit };
}

const WORD_RUN = /\S+/g;

/**
 * How many whitespace-separated words `line` has, counting no further than `limit`: splitting a
 * long first paragraph into all its words cost more than the rest of the masking.
 */
function wordsUpTo(line: string, limit: number): number {
  WORD_RUN.lastIndex = 0;
  let count = 0;
  while (count < limit && WORD_RUN.test(line)) count++;
  return count;
}

/** Where a signature block that starts at `from` ends: at quoted history, or the text's end. */
function signatureEnd(text: string, from: number): number {
  let lineStart = from;
  while (lineStart < text.length) {
    const lineEnd = lineEndAt(text, lineStart);
    const line = text.slice(lineStart, lineEnd);
    if (QUOTE_LINE.test(line) || startsTheRest(text, line, lineEnd + 1)) return lineStart;
    lineStart = lineEnd + 1;
  }
  return text.length;
}

/**
 * The first two characters after a line's leading spaces and tabs, ASCII letters lower-cased: every
 * pattern of `startsTheRest` starts with one of a few pairs, so most lines skip them all. (Without
 * the `u` flag, `i` matches no non-ASCII character to an ASCII one, so this filter is exact.)
 */
function leadOf(line: string): string {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const lower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);
  return String.fromCharCode(lower(line.charCodeAt(i)), lower(line.charCodeAt(i + 1)));
}

/**
 * The pairs quoted history or a signature can start with, from each pattern: "--", "__", "on",
 * "sent from my", Outlook's "from:", and the localized headers' first words (am, le, el, il, op,
 * den, em, w dniu; von, de, da, van, från, fra, od).
 */
const STARTS_THE_REST = new Set([
  '--',
  '__',
  'on',
  'se',
  'fr',
  'am',
  'le',
  'el',
  'il',
  'op',
  'de',
  'em',
  'w ',
  'vo',
  'da',
  'va',
  'od',
]);

function startsTheRest(text: string, line: string, nextStart: number): boolean {
  if (!STARTS_THE_REST.has(leadOf(line))) return false;
  if (SIGNATURE_DELIMITER.test(line) || ON_WROTE.test(line) || ORIGINAL_MESSAGE.test(line)) return true;
  // Every localized "wrote" line ends with a colon: most lines skip the pattern.
  if (line.includes(':') && LOCALIZED_WROTE.test(line)) return true;
  if (MOBILE_SIGNATURE.test(line)) return true;
  const nextLine = nextStart <= text.length ? text.slice(nextStart, lineEndAt(text, nextStart)) : '';
  // Gmail wraps a long "On <date> <name> <address> wrote:" over two lines.
  if (ON_START.test(line) && line.length < 300 && WROTE_END.test(nextLine)) return true;
  // Outlook: "From: …" directly followed by "Sent:" / "Date:" / "To:".
  if (OUTLOOK_FROM.test(line) && OUTLOOK_HEADER.test(nextLine)) return true;
  return LOCALIZED_FROM.test(line) && LOCALIZED_HEADER.test(nextLine);
}

function lineEndAt(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * `text` with each of the sorted `ranges` blanked out (replaced by spaces, line breaks kept), so
 * every offset still refers to the original text.
 */
export function maskRanges(text: string, ranges: readonly Span[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const range of ranges) {
    out += text.slice(cursor, range.start) + text.slice(range.start, range.end).replace(/[^\n]/g, ' ');
    cursor = range.end;
  }
  return out + text.slice(cursor);
}
