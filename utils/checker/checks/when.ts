import type { StepWhen } from '../../playbook/schema';
import type { TicketContext } from '../../ticket';
import type { PhraseMatch } from '../phrases';

/**
 * Whether a step applies to this ticket. The lists are alternatives: the ticket's type is one of
 * `types`, OR it has one of `tags`, OR its subject or the customer's message contains one of
 * `keywords` (phrase rules: whole words, `*` prefixes; negation is ignored, since a customer who
 * writes "it doesn't work" still had something go wrong). A `when` with no entries always holds.
 * Returns undefined when the step applies, else why it does not.
 */
export function whyNotApplicable(
  when: StepWhen | undefined,
  ticket: TicketContext,
  keywordIds: number[],
  ticketMatches: (PhraseMatch[] | undefined)[],
): string | undefined {
  if (!when) return undefined;
  const { types, tags, keywords } = when;
  if (types.length === 0 && tags.length === 0 && keywords.length === 0) return undefined;
  const type = ticket.type?.toLowerCase();
  if (type !== undefined && types.includes(type)) return undefined;
  if (tags.length > 0 && ticket.tags.some((tag) => tags.includes(tag.toLowerCase()))) return undefined;
  if (keywordIds.length > 0) {
    for (const id of keywordIds) if ((ticketMatches[id]?.length ?? 0) > 0) return undefined;
  }
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
