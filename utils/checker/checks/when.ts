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
const compiledKeywords = new WeakMap<string[], ReturnType<typeof inflectedPhrase>[]>();
/** Answers for the ticket being typed against, per keyword list: asked again on every keystroke. */
let answers = new WeakMap<string[], boolean>();

/**
 * Whether the customer names one of `keywords` in any inflection ("broke" for "broken", over a
 * wrapped line) and does not deny it ("no problem at all", "no problem if it takes a day").
 */
function customerMentions(ticket: TicketContext, keywords: string[]): boolean {
  if (ticket.subject !== lastSubject || ticket.customerMessage !== lastMessage || !lastTicket) {
    lastSubject = ticket.subject;
    lastMessage = ticket.customerMessage;
    lastTicket = inflectedText(`${ticket.subject}\n${ticket.customerMessage}`);
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
    findInflected(analysed, phrase).some((m) => !isTopicDenied(analysed, m.start)),
  );
  answers.set(keywords, mentioned);
  return mentioned;
}

/**
 * Whether a step applies to this ticket. The lists are alternatives: the ticket's type is one of
 * `types`, OR it has one of `tags`, OR its subject or the customer's message contains one of
 * `keywords` (phrase rules: whole words, `*` prefixes, in any inflection; negation is ignored,
 * since a customer who writes "it doesn't work" still had something go wrong, but a word the
 * customer denies — "no problem at all" — is not mentioned). A `when` with no entries always holds.
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
