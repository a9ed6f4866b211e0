import type { StepCheck } from '../../playbook/schema';
import type { CheckContext, CheckOutcome } from './context';

const plural = (count: number) => `${count} word${count === 1 ? '' : 's'}`;

/** Counts the agent's own words (no quoted history, no signature). */
export function checkLength(
  context: CheckContext,
  check: Extract<StepCheck, { kind: 'length' }>,
): CheckOutcome {
  const count = context.reply.count;
  if (check.min !== undefined && count < check.min) {
    return { status: 'fail', reason: `${plural(count)} — write at least ${check.min}`, evidence: [] };
  }
  if (check.max !== undefined && count > check.max) {
    return { status: 'fail', reason: `${plural(count)} — keep it under ${check.max + 1}`, evidence: [] };
  }
  return { status: 'pass', evidence: [] };
}
