import type { TicketContext } from '../ticket';
import { trimChars } from '../trim';
import {
  findInflected,
  type InflectedPhrase,
  type InflectedText,
  inflectedPhrase,
  inflectedText,
  isTopicDenied,
} from '../words/inflect';
import type { Playbook } from './schema';

export interface PlaybookPick {
  playbook: Playbook;
  /**
   * The evidence was weak (one keyword alone) or tied with another playbook: the sidebar says
   * "best guess" and the record notes a low-confidence pick.
   */
  lowConfidence?: boolean;
  /** Why this playbook: `type "refund"`, `tag "refund"`, `keyword "money back" in the customer's message`. */
  reason: string;
}

/**
 * How much each kind of evidence counts. A playbook's evidence adds up, so a refund ticket that
 * Zendesk typed "Incident" but tagged and titled "refund" stays a refund (tag + keyword = type),
 * while a bug report typed "bug" is not pulled away by one word like "broken" in the message.
 */
const TYPE_MATCH = 3;
const TAG_MATCH = 2;
const KEYWORD_MATCH = 1;
/** A keyword's points: its length in words, up to this ("how can i" 3, "money back" 2, "invoice" 1). */
const PHRASE_POINTS_CAP = 3;
const SUBJECT_FACTOR = 2;
/**
 * The customer's words add at most as much as a tag: plenty of them outweigh a stale tag on
 * strength (the tie-break), never a type a playbook names.
 */
const KEYWORD_CAP = 2;
/**
 * What the customer asks for ("I'd like my money back for the annual plan", "please cancel it")
 * adds as much as a type: it outweighs a topic word under a tag ("billing" + "plan").
 */
const REQUEST_CAP = 3;

interface Candidate {
  playbook: Playbook;
  specificity: number;
  /** Keyword hits, to break ties of equal specificity by strength of evidence. */
  hits: number;
  reason: string;
}

/**
 * Tags as teams write them: `refund_request`, `Shipping-Delay`, `ORDER/STATUS` and `order status`
 * are all `refund-request`, `shipping-delay`, `order-status`.
 */
export function normaliseTag(tag: string): string {
  return trimChars(tag.toLowerCase().replace(/[\s_\-/]+/g, '-'), '-');
}

/** A ticket tag matches a playbook tag when equal or when it starts with it (`refund-request` ~ `refund`). */
function tagMatches(ticketTag: string, playbookTag: string): boolean {
  return ticketTag === playbookTag || ticketTag.startsWith(`${playbookTag}-`);
}

const keywordPhrases = new WeakMap<Playbook, InflectedPhrase[]>();
function phrasesOf(playbook: Playbook): InflectedPhrase[] {
  let phrases = keywordPhrases.get(playbook);
  if (!phrases) {
    phrases = playbook.match.keywords.map(inflectedPhrase);
    keywordPhrases.set(playbook, phrases);
  }
  return phrases;
}

interface TicketTexts {
  subject: InflectedText;
  message: InflectedText;
}

/** Words of "I don't want a refund", "not asking for a refund", "I do not need to cancel". */
const SETTING_ASIDE = new Set(['want', 'need', 'asking', 'looking', 'about', 'after', 'wanting']);
const NEGATING = new Set(["don't", 'dont', 'not', "didn't", "doesn't", "isn't"]);
const TROUBLE = new Set(['problem', 'problems', 'issue', 'issues', 'complaint', 'complaints', 'complaining']);
/** Words that may stand between the setting-aside and the topic: "a", "any", "to", "with the". */
const FILLER = new Set([
  'a',
  'an',
  'any',
  'the',
  'my',
  'our',
  'to',
  'for',
  'with',
  'about',
  'regarding',
  'really',
]);

/**
 * The customer setting a topic aside: "I don't want a refund, I just want to know where it is",
 * "I don't want to cancel", "no problem with the delivery, but …". The topic is not what the
 * ticket is about, and a tag an automation put on it from that word does not count either.
 */
export function isSetAside(text: InflectedText, start: number): boolean {
  const { words, joined } = text;
  // "do you ship to Norway?": whether we do it at all, not something about their order.
  if (words[start - 1] === 'you' && words[start - 2] === 'do' && joined[start - 2] && joined[start - 1])
    return true;
  let k = start - 1;
  while (k >= 0 && k >= start - 4 && joined[k] && FILLER.has(words[k] as string)) k--;
  if (k < 0 || k === start - 1 || !joined[k]) return false;
  const word = words[k] as string;
  if (SETTING_ASIDE.has(word)) {
    const before = words[k - 1];
    if (before === 'not' && words[k - 2] === 'do') return joined[k - 2] === true;
    return before !== undefined && NEGATING.has(before) && joined[k - 1] === true;
  }
  return TROUBLE.has(word) && words[k - 1] === 'no' && joined[k - 1] === true;
}

interface KeywordEvidence {
  reason: string;
  hits: number;
  /** A keyword stands in what the customer asks for: "I'd like my money back", "please cancel it". */
  requested: boolean;
}

/** Words that make what follows the customer's request. */
const ASKING = new Set([
  'like',
  'want',
  'wanted',
  'please',
  'need',
  "i'd",
  'can',
  'could',
  'request',
  'requesting',
]);
/** How far before a keyword the request may start, within its clause: "I'd like my money back". */
const ASK_REACH = 3;

/** The customer asks for what the keyword names: "I'd like my money back", "please cancel it". */
function isRequested(text: InflectedText, start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - ASK_REACH; k--) {
    if (!text.joined[k]) return false;
    if (ASKING.has(text.words[k] as string)) return true;
  }
  return false;
}

/**
 * The customer's words as evidence: each distinct keyword found (in any inflection, "never turned
 * up" for "never turn* up") counts once, one found in the subject once more, and a keyword the
 * customer denies ("no problem at all", "nothing is broken") or sets aside ("I don't want a
 * refund") not at all. `setAside`: the customer set the playbook's topic aside and never
 * affirmed it.
 */
function keywordMatch(
  playbook: Playbook,
  texts: TicketTexts,
): { evidence: KeywordEvidence | undefined; setAside: boolean } {
  const { keywords } = playbook.match;
  if (keywords.length === 0) return { evidence: undefined, setAside: false };
  const phrases = phrasesOf(playbook);
  let setAside = false;
  let requested = false;
  const found = (text: InflectedText, id: number) =>
    findInflected(text, phrases[id] as InflectedPhrase).some((match) => {
      if (isTopicDenied(text, match.start)) return false;
      if (isSetAside(text, match.start)) {
        setAside = true;
        return false;
      }
      if (isRequested(text, match.start)) requested = true;
      return true;
    });
  let hits = 0;
  let firstInMessage = -1;
  let firstInSubject = -1;
  for (let id = 0; id < keywords.length; id++) {
    const inSubject = found(texts.subject, id);
    const inMessage = found(texts.message, id);
    // A longer phrase is more specific evidence ("how can i" over "invoice"); the subject names
    // what the ticket is about, so a phrase there counts twice.
    const points = Math.min((phrases[id] as InflectedPhrase).length, PHRASE_POINTS_CAP);
    if (inSubject) hits += SUBJECT_FACTOR * points;
    else if (inMessage) hits += points;
    if (inMessage && firstInMessage === -1) firstInMessage = id;
    if (inSubject && firstInSubject === -1) firstInSubject = id;
  }
  if (hits === 0) return { evidence: undefined, setAside };
  // The first keyword as the playbook lists it, so the reason is stable.
  const reason =
    firstInMessage !== -1
      ? `keyword "${keywords[firstInMessage]}" in the customer's message`
      : `keyword "${keywords[firstInSubject]}" in the subject`;
  return { evidence: { reason, hits, requested }, setAside: false };
}

/**
 * A helpdesk's subject tag, "[Billing #23420]" (Request Tracker's `[rtname #id]`, other desks'
 * `[Support #id]`): the desk's name for the ticket, not the customer's words.
 */
const SUBJECT_TAG_CHARS = 80;

function customerSubject(subject: string): string {
  const trimmed = subject.trimStart();
  if (!trimmed.startsWith('[')) return subject;
  const close = trimmed.indexOf(']');
  if (close === -1 || close > SUBJECT_TAG_CHARS) return subject;
  const inside = trimmed.slice(1, close);
  const hash = inside.lastIndexOf('#');
  const id = inside.slice(hash + 1).trim();
  return hash > 0 && id.length > 0 && /^\d+$/.test(id) ? trimmed.slice(close + 1) : subject;
}

/** The evidence for one playbook: its weight, and its strongest piece as the reason. */
function bestMatch(playbook: Playbook, ticket: TicketContext, texts: TicketTexts): Candidate | undefined {
  const { types, tags } = playbook.match;
  const reasons: string[] = [];
  let specificity = 0;
  const type = ticket.type?.toLowerCase();
  if (type && types.includes(type)) {
    specificity += TYPE_MATCH;
    reasons.push(`type "${type}"`);
  }
  const { evidence: keyword, setAside } = keywordMatch(playbook, texts);
  const ticketTags = ticket.tags.map(normaliseTag);
  // "I don't want a refund" under an automation's `refund` tag: the customer's word outranks it.
  const tag = setAside
    ? undefined
    : tags.find((candidate) => {
        const wanted = normaliseTag(candidate);
        return ticketTags.some((ticketTag) => tagMatches(ticketTag, wanted));
      });
  if (tag !== undefined) {
    specificity += TAG_MATCH;
    reasons.push(`tag "${tag}"`);
  }
  if (keyword !== undefined) {
    // A request counts one more than its words, up to a type's weight.
    specificity += keyword.requested
      ? Math.min(keyword.hits + 1, REQUEST_CAP)
      : Math.min(keyword.hits, KEYWORD_CAP);
    reasons.push(keyword.reason);
  }
  const [reason] = reasons;
  return reason === undefined ? undefined : { playbook, specificity, hits: keyword?.hits ?? 0, reason };
}

/** The id of the fallback playbook every library should have. */
export const GENERAL_PLAYBOOK_ID = 'general';

/**
 * Picks the playbook for a ticket. The most evidence wins (type 3, tag 2, keyword 1, added up);
 * at equal evidence, higher `match.priority`, then the smaller id. Without any match:
 * the playbook with id `general`, else the first playbook; with no playbooks at all, null.
 * (No built-in fallback here: helpdesk pages get the library from the background, and this
 * module stays free of it.)
 */
export function pickPlaybook(ticket: TicketContext, playbooks: readonly Playbook[]): PlaybookPick | null {
  const texts = {
    subject: inflectedText(customerSubject(ticket.subject)),
    message: inflectedText(ticket.customerMessage),
  };
  let best: Candidate | undefined;
  let second: Candidate | undefined;
  for (const playbook of playbooks) {
    const candidate = bestMatch(playbook, ticket, texts);
    if (!candidate) continue;
    if (!best || isBetter(candidate, best)) {
      second = best;
      best = candidate;
    } else if (!second || isBetter(candidate, second)) second = candidate;
  }
  if (best) {
    const tied = second !== undefined && second.specificity === best.specificity && second.hits === best.hits;
    const weak = best.specificity <= KEYWORD_MATCH && best.hits <= 1;
    return tied || weak
      ? { playbook: best.playbook, reason: best.reason, lowConfidence: true }
      : { playbook: best.playbook, reason: best.reason };
  }
  const general = playbooks.find((playbook) => playbook.id === GENERAL_PLAYBOOK_ID);
  if (general) return { playbook: general, reason: 'no match: general playbook' };
  const first = playbooks[0];
  if (first) return { playbook: first, reason: `no match: first playbook (${first.name})` };
  return null;
}

function isBetter(a: Candidate, b: Candidate): boolean {
  // Evidence first, then its strength (more distinct keywords); priority only orders playbooks
  // the ticket fits equally well, and a full tie keeps the library's order, never the id's.
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  if (a.hits !== b.hits) return a.hits > b.hits;
  return a.playbook.match.priority > b.playbook.match.priority;
}
