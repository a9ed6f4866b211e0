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
const MOBILE_SIGNATURE = /^[ \t]*sent from my [\w -]{2,40}[ \t]*$/i;

/**
 * The parts of `text` that are not the agent's own words: quoted lines ("> …"), an "On … wrote:"
 * line and all that follows, an Outlook "-----Original Message-----" / "From: … Sent: …" header and
 * all that follows, and the signature (a "-- " line and all that follows). Sorted, not overlapping.
 */
export function nonReplyRanges(text: string): Span[] {
  const ranges: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const nextStart = lineEnd + 1;
    if (startsTheRest(text, line, nextStart)) {
      ranges.push({ start: lineStart, end: text.length });
      break;
    }
    if (QUOTE_LINE.test(line)) {
      const last = ranges[ranges.length - 1];
      if (last && last.end >= lineStart - 1) last.end = lineEnd;
      else ranges.push({ start: lineStart, end: lineEnd });
    }
    if (lineEnd === text.length) break;
    lineStart = nextStart;
  }
  return ranges;
}

function startsTheRest(text: string, line: string, nextStart: number): boolean {
  if (SIGNATURE_DELIMITER.test(line) || ON_WROTE.test(line) || ORIGINAL_MESSAGE.test(line)) return true;
  if (MOBILE_SIGNATURE.test(line)) return true;
  const nextLine = nextStart <= text.length ? text.slice(nextStart, lineEndAt(text, nextStart)) : '';
  // Gmail wraps a long "On <date> <name> <address> wrote:" over two lines.
  if (ON_START.test(line) && line.length < 300 && WROTE_END.test(nextLine)) return true;
  // Outlook: "From: …" directly followed by "Sent:" / "Date:" / "To:".
  return OUTLOOK_FROM.test(line) && OUTLOOK_HEADER.test(nextLine);
}

function lineEndAt(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * `text` with quoted history and the signature blanked out (replaced by spaces, line breaks kept),
 * so every offset still refers to the original text.
 */
export function maskNonReply(text: string): string {
  const ranges = nonReplyRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const range of ranges) {
    out += text.slice(cursor, range.start) + text.slice(range.start, range.end).replace(/[^\n]/g, ' ');
    cursor = range.end;
  }
  return out + text.slice(cursor);
}

/** The agent's own words: `text` without quoted history and signature, trimmed. */
export function extractReplyText(raw: string): string {
  const ranges = nonReplyRanges(raw);
  if (ranges.length === 0) return raw.trim();
  let out = '';
  let cursor = 0;
  for (const range of ranges) {
    out += raw.slice(cursor, range.start);
    cursor = range.end;
  }
  out += raw.slice(cursor);
  return out.replace(/\n{3,}/g, '\n\n').trim();
}
