import type { StepCheck } from '../../playbook/schema';
import { isNegated, matchSpan } from '../phrases';
import { CLAUSE_BREAK } from '../text';
import type { CheckContext, CheckOutcome, CompiledStep } from './context';

export const DEFAULT_CLOSING_WORDS = [
  'best',
  'best regards',
  'kind regards',
  'warm regards',
  'warmest regards',
  'regards',
  'warmly',
  'cheers',
  'thanks',
  'thank you',
  'many thanks',
  'with thanks',
  'thanks again',
  'sincerely',
  'yours sincerely',
  'all the best',
  'best wishes',
  'take care',
  'talk soon',
  'speak soon',
  'have a great day',
  'have a good day',
  'have a nice day',
  'have a wonderful day',
  'have a great weekend',
  'have a lovely day',
  'enjoy your day',
];

/** The sign-off must start within the reply's last words. */
const CLOSING_WORDS = 15;

export function checkClosing(
  context: CheckContext,
  compiled: CompiledStep,
  _check: Extract<StepCheck, { kind: 'closing' }>,
): CheckOutcome {
  const { reply } = context;
  const from = Math.max(0, reply.count - CLOSING_WORDS);
  let found: { start: number; end: number } | undefined;
  for (const id of compiled.phraseIds) {
    for (const match of context.matches[id] ?? []) {
      if (match.start < from) continue;
      // "Best," and "…, and have a great day" sign off; "our best option" does not.
      const startsClause = ((reply.flags[match.start] as number) & CLAUSE_BREAK) !== 0;
      const afterAnd = match.start > 0 && reply.word(match.start - 1) === 'and';
      if (!startsClause && !afterAnd) continue;
      if (isNegated(reply, match.start, match.end)) continue;
      if (!found || match.start > found.start) found = match;
    }
  }
  if (!found) {
    return { status: 'fail', reason: 'No sign-off at the end (e.g. "Best regards,")', evidence: [] };
  }
  return { status: 'pass', evidence: [matchSpan(reply, found)] };
}
