import type { StepCheck } from '../../playbook/schema';
import { matchSpan, matchText } from '../../words/phrases';
import { findOverpromises, promiseWordCounts, type WordRange } from '../promises';
import { isRequested } from '../requests';
import { type CheckContext, type CheckOutcome, type CompiledStep, inSentence, MAX_EVIDENCE } from './context';
import { sortMatches } from './phrase';

/**
 * Fails when any phrase occurs, except negated ("we can't guarantee") or quoted ("you asked
 * whether we "guarantee" it") — those are not promises. With `meaning: 'promise'` a phrase counts
 * only as a promise, and the overpromise concept (promises.ts) counts whatever its wording; with
 * `meaning: 'request'` a phrase counts only where the reply asks for it (requests.ts).
 * Evidence: every offending span.
 */
export function checkForbid(
  context: CheckContext,
  compiled: CompiledStep,
  check: Extract<StepCheck, { kind: 'forbid' }>,
): CheckOutcome {
  const { reply } = context;
  const { counted, negated } = sortMatches(context, compiled);
  let offending: WordRange[] = counted;
  if (check.meaning === 'promise') {
    offending = counted.filter((match) => promiseWordCounts(reply, match.start));
    const seen = new Set(offending.map((match) => match.start));
    for (const found of findOverpromises(reply)) {
      if (!seen.has(found.start) && !offending.some((m) => found.start >= m.start && found.start < m.end))
        offending.push(found);
    }
    offending.sort((a, b) => a.start - b.start);
  } else if (check.meaning === 'request') {
    offending = [...counted, ...negated]
      .filter((match) => isRequested(reply, match.start, match.end))
      .sort((a, b) => a.start - b.start);
  }
  if (offending.length === 0) return { status: 'pass', evidence: [] };
  const found = [...new Set(offending.map((match) => matchText(reply, match)))];
  const quoted = found
    .slice(0, 3)
    .map((text) => `"${text}"`)
    .join(', ');
  const verb = check.meaning === 'request' ? 'Asks for' : 'Contains';
  return {
    status: 'fail',
    reason: `${verb} ${quoted} — ${inSentence(compiled.step.title)}`,
    evidence: offending.slice(0, MAX_EVIDENCE).map((match) => matchSpan(reply, match)),
  };
}
