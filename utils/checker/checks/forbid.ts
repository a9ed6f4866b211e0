import type { StepCheck } from '../../playbook/schema';
import { matchSpan, matchText } from '../phrases';
import { type CheckContext, type CheckOutcome, type CompiledStep, inSentence, MAX_EVIDENCE } from './context';
import { sortMatches } from './phrase';

/**
 * Fails when any phrase occurs, except negated ("we can't guarantee") or quoted ("you asked
 * whether we "guarantee" it") — those are not promises. Evidence: every offending span.
 */
export function checkForbid(
  context: CheckContext,
  compiled: CompiledStep,
  _check: Extract<StepCheck, { kind: 'forbid' }>,
): CheckOutcome {
  const { counted } = sortMatches(context, compiled);
  const first = counted[0];
  if (!first) return { status: 'pass', evidence: [] };
  const found = [...new Set(counted.map((match) => matchText(context.reply, match)))];
  const quoted = found
    .slice(0, 3)
    .map((text) => `"${text}"`)
    .join(', ');
  return {
    status: 'fail',
    reason: `Contains ${quoted} — ${inSentence(compiled.step.title)}`,
    evidence: counted.slice(0, MAX_EVIDENCE).map((match) => matchSpan(context.reply, match)),
  };
}
