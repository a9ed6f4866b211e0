import type { StepCheck } from '../../playbook/schema';
import { nonReplyRanges } from '../reply';
import type { CheckContext, CheckOutcome } from './context';
import { MAX_EVIDENCE } from './context';

/**
 * Template fields left unfilled, in the formats helpdesks and mail tools use: `{{anything}}`
 * (Zendesk, Freshdesk, Gorgias), `{first_name}` and `${Contacts.First Name}` (Zoho, macros),
 * `%FIRSTNAME%` (Help Scout style), `*|FNAME|*` (Mailchimp), `[NAME]`, `[Customer name]`,
 * `[link]`, `[tracking link]`, `<NAME>`, `XXX`, `TBD`, `TODO`. Masked numbers (`XXXX-4417`,
 * `card ending XXXX 4417`) and link references (`[1]`, `[here](https://…)`) are not placeholders.
 */
const PLACEHOLDER =
  /\{\{[^{}\n]{0,80}\}\}|\$?\{[A-Za-z_][\w .-]{0,40}\}|%[A-Za-z_][A-Za-z0-9_.]{1,40}%|\*\|[A-Za-z0-9_:]{1,40}\|\*|\[[^\]\n]{1,60}\](?!\()|<(?:[A-Z][A-Z0-9 _-]{1,40})>|\bX{3,}\b|\bTBD\b|\bTODO\b/g;

/** Words that make a bracketed phrase a slot to fill: "[link to article]", "[billing email]". */
const SLOT_WORD =
  /^(?:insert|add|enter|your|customer|agent|name|first|last|date|time|order|link|url|email|e-mail|address|number|amount|price|tracking|phone|article|code|id|product|item|company|reference|ref|here|x|y|n)$/i;

/** Every placeholder needs one of these; most replies have none, so the pattern never runs. */
const PLACEHOLDER_MARKERS = ['{', '[', '<', '%', '*|', 'XXX', 'TBD', 'TODO'];

function isSlotBracket(value: string): boolean {
  const inner = value.slice(1, -1).trim();
  if (inner === '' || /^\d+$/.test(inner)) return false; // [1]: a link reference
  // [NAME], [ORDER NUMBER], [X]: all capitals.
  if (inner === inner.toUpperCase() && /[A-Z]/.test(inner)) return true;
  const words = inner.split(/[\s_-]+/);
  return words.length <= 5 && words.some((word) => SLOT_WORD.test(word));
}

/** XXXX in "XXXX-4417" or "4417 XXXX" hides digits on purpose. */
function isMaskedNumber(text: string, start: number, end: number): boolean {
  return (
    /^[-\s]?\d/.test(text.slice(end, end + 2)) || /\d[-\s]?$/.test(text.slice(Math.max(0, start - 2), start))
  );
}

export function findPlaceholders(
  text: string,
  from = 0,
  to = text.length,
): { start: number; end: number; text: string }[] {
  const found: { start: number; end: number; text: string }[] = [];
  const scope = from === 0 && to === text.length ? text : text.slice(0, to);
  if (!PLACEHOLDER_MARKERS.some((marker) => scope.includes(marker, from))) return found;
  PLACEHOLDER.lastIndex = from;
  for (let match = PLACEHOLDER.exec(scope); match !== null; match = PLACEHOLDER.exec(scope)) {
    const value = match[0];
    const start = match.index;
    const end = start + value.length;
    if (value.startsWith('[') && !isSlotBracket(value)) continue;
    if (/^X+$/.test(value) && isMaskedNumber(text, start, end)) continue;
    found.push({ start, end, text: value });
  }
  return found;
}

/** A line that starts quoted history: "> …", "On … wrote:", "-----Original Message-----", "From: …". */
const HISTORY_LINE =
  /^[ \t]*(?:>|-{3,}|_{10,}|(?:from|von|de|da|van|från|fra|od)[ \t]*:)|\bwrote:[ \t]*$|\b(?:schrieb|a écrit|escribió|ha scritto|schreef|skrev|escreveu|napisał)\b.{0,200}:[ \t]*$/i;

/**
 * The parts of the text a customer would read as the agent's: the reply and its signature (a
 * `{{agent.name}}` left in the sign-off is as visible as one in the greeting), not quoted history.
 */
function ownedRanges(context: CheckContext): { start: number; end: number }[] {
  const { source } = context;
  if (source === context.reply.text) return [{ start: 0, end: source.length }];
  const owned: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const range of nonReplyRanges(source)) {
    owned.push({ start: cursor, end: range.start });
    cursor = range.end;
    // Signature lines count up to the first line of history.
    let lineStart = range.start;
    while (lineStart < range.end) {
      const newline = source.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline > range.end ? range.end : newline;
      if (HISTORY_LINE.test(source.slice(lineStart, lineEnd))) break;
      lineStart = lineEnd + 1;
    }
    if (lineStart > range.start) owned.push({ start: range.start, end: Math.min(lineStart, range.end) });
  }
  owned.push({ start: cursor, end: source.length });
  return owned;
}

/** The reply or ticket is about template syntax itself: a how-to on merge tags. */
const TEMPLATE_TOPIC = /merge[ -]?(?:tag|field)|placeholder|template (?:tag|variable)|liquid|personali[sz]/i;
/** Words that show a placeholder as something to type: "type {{first_name}}", "for example: Hi {{first_name}}". */
const TEACHING_WORDS = new Set(
  'type typing enter use insert add paste write reads read example e.g like with replace tag syntax code'.split(
    ' ',
  ),
);
const TEACHING_WINDOW = 40;

/**
 * A placeholder shown on purpose, as the answer to a question about template syntax: only in a
 * reply or ticket about merge tags, and only after a word that offers it to type ("type
 * {{first_name}}") or in quotes. A link left as `{{reset_link}}` in any other reply still fails.
 */
function isTaught(source: string, start: number, end: number): boolean {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const before = source.slice(Math.max(lineStart, start - TEACHING_WINDOW), start);
  const quote = before.slice(-1);
  if ((quote === '`' || quote === '"' || quote === '“') && /^[`"”]/.test(source.slice(end, end + 1)))
    return true;
  const words = before
    .toLowerCase()
    .split(/[^a-z.]+/)
    .filter(Boolean);
  return words.some((word) => TEACHING_WORDS.has(word.replace(/\.$/, '')));
}

export function checkPlaceholders(
  context: CheckContext,
  _check: Extract<StepCheck, { kind: 'placeholders' }>,
): CheckOutcome {
  if (!PLACEHOLDER_MARKERS.some((marker) => context.source.includes(marker)))
    return { status: 'pass', evidence: [] };
  let found = ownedRanges(context).flatMap(({ start, end }) => findPlaceholders(context.source, start, end));
  const { ticket } = context;
  if (
    found.length > 0 &&
    (TEMPLATE_TOPIC.test(context.reply.text) ||
      TEMPLATE_TOPIC.test(ticket.subject) ||
      TEMPLATE_TOPIC.test(ticket.customerMessage))
  ) {
    found = found.filter(({ start, end }) => !isTaught(context.source, start, end));
  }
  if (found.length === 0) return { status: 'pass', evidence: [] };
  const names = [...new Set(found.map((placeholder) => placeholder.text))].slice(0, 3).join(', ');
  return {
    status: 'fail',
    reason: `Unfilled placeholder${found.length === 1 ? '' : 's'} left: ${names}`,
    evidence: found.slice(0, MAX_EVIDENCE).map(({ start, end }) => ({ start, end })),
  };
}
