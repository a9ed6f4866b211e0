import { matchPhrases, type PhraseSet, PhraseSetBuilder } from '../checker/phrases';
import { analyseText } from '../checker/text';
import type { TicketContext } from '../ticket';
import type { Playbook } from './schema';

export interface PlaybookPick {
  playbook: Playbook;
  /** Why this playbook: `type "refund"`, `tag "refund"`, `keyword "money back" in the customer's message`. */
  reason: string;
}

/** How specific a match is: a helpdesk's own ticket type beats a tag, a tag beats a keyword. */
const TYPE_MATCH = 3;
const TAG_MATCH = 2;
const KEYWORD_MATCH = 1;

interface Candidate {
  playbook: Playbook;
  specificity: number;
  reason: string;
}

const keywordSets = new WeakMap<Playbook, PhraseSet>();
function keywordSet(playbook: Playbook): PhraseSet {
  let set = keywordSets.get(playbook);
  if (!set) {
    const builder = new PhraseSetBuilder();
    for (const keyword of playbook.match.keywords) builder.add(keyword);
    set = builder.build();
    keywordSets.set(playbook, set);
  }
  return set;
}

function bestMatch(
  playbook: Playbook,
  ticket: TicketContext,
  texts: { subject: ReturnType<typeof analyseText>; message: ReturnType<typeof analyseText> },
): Candidate | undefined {
  const { types, tags, keywords } = playbook.match;
  const type = ticket.type?.toLowerCase();
  if (type && types.includes(type)) return { playbook, specificity: TYPE_MATCH, reason: `type "${type}"` };
  const ticketTags = ticket.tags.map((tag) => tag.toLowerCase());
  const tag = tags.find((candidate) => ticketTags.includes(candidate));
  if (tag !== undefined) return { playbook, specificity: TAG_MATCH, reason: `tag "${tag}"` };
  if (keywords.length === 0) return undefined;
  const set = keywordSet(playbook);
  for (const [where, analysis] of [
    ["the customer's message", texts.message],
    ['the subject', texts.subject],
  ] as const) {
    const matches = matchPhrases(analysis, set, {});
    // The first keyword as the playbook lists it, so the reason is stable.
    const found = keywords.findIndex((_, id) => (matches[id]?.length ?? 0) > 0);
    if (found !== -1) {
      return { playbook, specificity: KEYWORD_MATCH, reason: `keyword "${keywords[found]}" in ${where}` };
    }
  }
  return undefined;
}

/** The id of the fallback playbook every library should have. */
export const GENERAL_PLAYBOOK_ID = 'general';

/**
 * Picks the playbook for a ticket. The more specific match wins (type > tag > keyword); among
 * equally specific matches, higher `match.priority`, then the smaller id. Without any match:
 * the playbook with id `general`, else the first playbook; with no playbooks at all, null.
 * (No built-in fallback here: helpdesk pages get the library from the background, and this
 * module stays free of it.)
 */
export function pickPlaybook(ticket: TicketContext, playbooks: readonly Playbook[]): PlaybookPick | null {
  const texts = { subject: analyseText(ticket.subject), message: analyseText(ticket.customerMessage) };
  let best: Candidate | undefined;
  for (const playbook of playbooks) {
    const candidate = bestMatch(playbook, ticket, texts);
    if (!candidate) continue;
    if (!best || isBetter(candidate, best)) best = candidate;
  }
  if (best) return { playbook: best.playbook, reason: best.reason };
  const general = playbooks.find((playbook) => playbook.id === GENERAL_PLAYBOOK_ID);
  if (general) return { playbook: general, reason: 'no match: general playbook' };
  const first = playbooks[0];
  if (first) return { playbook: first, reason: `no match: first playbook (${first.name})` };
  return null;
}

function isBetter(a: Candidate, b: Candidate): boolean {
  // The helpdesk's own ticket type is what the customer or the agent chose: a keyword in the
  // message ("log in" in a bug report) must not outrank it, whatever its priority.
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  if (a.playbook.match.priority !== b.playbook.match.priority) {
    return a.playbook.match.priority > b.playbook.match.priority;
  }
  return a.playbook.id < b.playbook.id;
}
