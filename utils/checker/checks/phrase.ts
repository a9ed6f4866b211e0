import type { StepCheck } from '../../playbook/schema';
import { isNegated, matchSpan, matchText, type PhraseMatch } from '../../words/phrases';
import { QUOTED } from '../../words/text';
import { restatement } from '../restatement';
import { type CheckContext, type CheckOutcome, type CompiledStep, inSentence, MAX_EVIDENCE } from './context';

/** Words from the start (or end) of the reply that count as its opening (or closing). */
export const REGION_WORDS = 40;

export interface SortedMatches {
  /** Matches that count: not negated, not inside a quotation. */
  counted: PhraseMatch[];
  /** Matches that a negation cancelled ("not sorry"). */
  negated: PhraseMatch[];
}

const byStart = (a: PhraseMatch, b: PhraseMatch) => a.start - b.start;

/** The step's phrase matches within word range [from, to), split into counted and negated. */
export function sortMatches(
  context: CheckContext,
  compiled: CompiledStep,
  from = 0,
  to = Infinity,
): SortedMatches {
  const counted: PhraseMatch[] = [];
  const negated: PhraseMatch[] = [];
  const { reply } = context;
  // Each phrase's matches are already in reply order: only matches of several phrases need a sort.
  let phrasesFound = 0;
  for (const id of compiled.phraseIds) {
    const matches = context.matches[id];
    if (matches === undefined) continue;
    phrasesFound++;
    for (const match of matches) {
      if (match.start < from || match.start >= to) continue;
      if (((reply.flags[match.start] as number) & QUOTED) !== 0) continue;
      if (isNegated(reply, match.start, match.end)) negated.push(match);
      else counted.push(match);
    }
  }
  if (phrasesFound > 1) {
    counted.sort(byStart);
    negated.sort(byStart);
  }
  return { counted, negated };
}

export function checkPhrase(
  context: CheckContext,
  compiled: CompiledStep,
  check: Extract<StepCheck, { kind: 'phrase' }>,
): CheckOutcome {
  const count = context.reply.count;
  const from = check.where === 'closing' ? Math.max(0, count - REGION_WORDS) : 0;
  const to = check.where === 'opening' ? REGION_WORDS : Infinity;
  const { counted, negated } = sortMatches(context, compiled, from, to);
  if (counted.length === 0 && check.restates) {
    const restated = restatement(context);
    if (restated) return { status: 'pass', evidence: [restated] };
  }
  if (counted.length > 0) {
    return {
      status: 'pass',
      evidence: counted.slice(0, MAX_EVIDENCE).map((match) => matchSpan(context.reply, match)),
    };
  }
  const where =
    check.where === 'opening' ? ' in the opening' : check.where === 'closing' ? ' near the end' : '';
  const title = inSentence(compiled.step.title);
  const firstNegated = negated[0];
  if (firstNegated) {
    return {
      status: 'fail',
      reason: `"${negatedText(context, firstNegated)}" is negated, so it does not count — ${title}`,
      evidence: [],
    };
  }
  const example = check.any[0] ?? '';
  return {
    status: 'fail',
    reason: `Not found${where}: ${title} (e.g. "${example.replace(/\*/g, '…')}")`,
    evidence: [],
  };
}

/** The match with the few words before it, so the agent sees the negation: "not sorry". */
function negatedText(context: CheckContext, match: PhraseMatch): string {
  const from = Math.max(0, match.start - 2);
  return matchText(context.reply, { start: from, end: match.end });
}
