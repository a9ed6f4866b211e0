import { normaliseTag } from '../../playbook/pick';
import type { StepWhen } from '../../playbook/schema';
import type { TicketContext } from '../../ticket';
import {
  findInflected,
  type InflectedText,
  inflectedPhrase,
  inflectedText,
  isTopicDenied,
} from '../../words/inflect';
import type { PhraseMatch } from '../../words/phrases';

let lastSubject: string | undefined;
let lastMessage: string | undefined;
let lastTicket: InflectedText | undefined;
/** Word index from which the customer's words still describe a live problem (see `resolvedUntil`). */
let lastResolvedUntil = 0;
const compiledKeywords = new WeakMap<string[], ReturnType<typeof inflectedPhrase>[]>();
/** Answers for the ticket being typed against, per keyword list: asked again on every keystroke. */
let answers = new WeakMap<string[], boolean>();

/**
 * The customer calling the matter closed: "please ignore my email … All sorted", "never mind, it
 * works now". What they wrote before it (the subject included) no longer says something is wrong.
 */
const RESOLUTIONS = [
  'all sorted',
  'sorted now',
  'all good now',
  'please ignore',
  'ignore my',
  'never mind',
  'nevermind',
  'disregard my',
  'disregard this',
  'figured it out',
  'works now',
  'working now',
  'fixed now',
  'resolved now',
  'no longer need',
].map(inflectedPhrase);

function resolvedUntil(text: InflectedText): number {
  let until = 0;
  for (const phrase of RESOLUTIONS) {
    for (const match of findInflected(text, phrase)) until = Math.max(until, match.end);
  }
  return until;
}

/** Past actions of the customer's own: "I picked the wrong colour", "I typed my password wrong". */
const OWN_ACTIONS = new Set(
  'picked chose chosen selected ordered typed entered clicked booked added put bought mistyped misspelled forgot used'.split(
    ' ',
  ),
);
/** Verbs that make the matter ours, or someone else's: "received the wrong", "was sent". */
const NOT_OWN = new Set(
  'received receive got get sent arrived delivered shipped came was were is are charged billed gave'.split(
    ' ',
  ),
);
/** Another subject between "I" and the word: "I ordered a blue one but you sent the wrong one". */
const OTHER_SUBJECTS = new Set(['you', 'we', 'they', 'it', 'he', 'she', 'your', "you've", "we've"]);
/** How far back from the word a slip's "I" may stand, within the sentence. */
const SLIP_WINDOW = 12;

/**
 * The customer's own slip ("I picked the wrong colour", "I placed an order and chose the wrong
 * size", "my mistake"): nothing went wrong on our side, so it does not make an apology due. The
 * nearest verb before the word decides: "I ordered a lamp and received the wrong one" is ours.
 */
function isOwnSlip(text: InflectedText, start: number): boolean {
  const { words, joined } = text;
  if (words[start - 1] === 'my' || (words[start - 1] === 'own' && words[start - 2] === 'my')) return true;
  let acted = false;
  for (let k = start - 1; k >= 0 && k >= start - SLIP_WINDOW; k--) {
    if (!joined[k]) return false;
    const word = words[k] as string;
    if (!acted) {
      if (NOT_OWN.has(word) || OTHER_SUBJECTS.has(word)) return false;
      if (OWN_ACTIONS.has(word)) acted = true;
      continue;
    }
    if (word === 'i' || word === "i've") return true;
    if (OTHER_SUBJECTS.has(word)) return false;
  }
  return false;
}

/**
 * Whether the customer names one of `keywords` in any inflection ("broke" for "broken", over a
 * wrapped line) and does not deny it ("no problem at all", "no problem if it takes a day").
 */
function customerMentions(ticket: TicketContext, keywords: string[]): boolean {
  if (ticket.subject !== lastSubject || ticket.customerMessage !== lastMessage || !lastTicket) {
    lastSubject = ticket.subject;
    lastMessage = ticket.customerMessage;
    lastTicket = inflectedText(`${ticket.subject}\n${ticket.customerMessage}`);
    lastResolvedUntil = resolvedUntil(lastTicket);
    answers = new WeakMap();
  }
  const known = answers.get(keywords);
  if (known !== undefined) return known;
  const analysed = lastTicket;
  let phrases = compiledKeywords.get(keywords);
  if (!phrases) {
    phrases = keywords.map(inflectedPhrase);
    compiledKeywords.set(keywords, phrases);
  }
  const mentioned = phrases.some((phrase) =>
    findInflected(analysed, phrase).some(
      (m) =>
        m.start >= lastResolvedUntil && !isTopicDenied(analysed, m.start) && !isOwnSlip(analysed, m.start),
    ),
  );
  answers.set(keywords, mentioned);
  return mentioned;
}

/**
 * Whether a step applies to this ticket. The lists are alternatives: the ticket's type is one of
 * `types`, OR it has one of `tags`, OR its subject or the customer's message contains one of
 * `keywords` (phrase rules: whole words, `*` prefixes, in any inflection; negation is ignored,
 * since a customer who writes "it doesn't work" still had something go wrong, but a word the
 * customer denies — "no problem at all" — is not mentioned, nor a slip of their own — "I picked the
 * wrong colour" — nor anything before they call the matter closed — "please ignore my email, all
 * sorted"). A `when` with no entries always holds.
 * Returns undefined when the step applies, else why it does not.
 */
export function whyNotApplicable(
  when: StepWhen | undefined,
  ticket: TicketContext,
  keywordIds: number[],
  _ticketMatches: (PhraseMatch[] | undefined)[],
): string | undefined {
  if (!when) return undefined;
  const { types, tags, keywords } = when;
  if (types.length === 0 && tags.length === 0 && keywords.length === 0) return undefined;
  const type = ticket.type?.toLowerCase();
  if (type !== undefined && types.includes(type)) return undefined;
  if (tags.length > 0) {
    const wanted = tags.map(normaliseTag);
    if (ticket.tags.some((tag) => wanted.includes(normaliseTag(tag)))) return undefined;
  }
  if (keywordIds.length > 0 && customerMentions(ticket, keywords)) return undefined;
  const conditions: string[] = [];
  if (types.length > 0) conditions.push(`the ticket type is ${types.join(' or ')}`);
  if (tags.length > 0) conditions.push(`the ticket is tagged ${tags.join(' or ')}`);
  if (keywords.length > 0) {
    const shown = keywords.slice(0, 4).map((keyword) => `"${keyword}"`);
    if (keywords.length > 4) shown.push('…');
    conditions.push(`the customer mentions ${shown.join(', ')}`);
  }
  return `Applies only when ${conditions.join(', or ')}`;
}
