import type { StepCheck } from '../../playbook/schema';
import { compilePhraseWords } from '../phrases';
import type { CheckContext, CheckOutcome } from './context';

const VARIABLE_NAMES: Record<string, string> = {
  'customer.firstName': "the customer's first name",
  'customer.lastName': "the customer's last name",
  'customer.name': "the customer's name",
  'customer.email': "the customer's email address",
  'ticket.id': 'the ticket number',
  'order.number': 'the order number',
  'agent.firstName': 'your first name',
  'agent.name': 'your name',
};

export function describeVariable(variable: string): string {
  return VARIABLE_NAMES[variable] ?? variable;
}

/** Passes when the reply contains the variable's value as whole words; `na` when the ticket has none. */
export function checkMention(
  context: CheckContext,
  check: Extract<StepCheck, { kind: 'mention' }>,
): CheckOutcome {
  const what = describeVariable(check.variable);
  const value = context.variables[check.variable];
  if (!value)
    return { status: 'na', reason: `This ticket has no ${what.replace(/^(the|your) /, '')}`, evidence: [] };
  const wanted = compilePhraseWords(value).map((entry) => entry.word);
  const { words, starts, ends } = context.reply;
  const first = wanted[0];
  if (first === undefined) return { status: 'na', reason: `Cannot check ${what}`, evidence: [] };
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (words[i] !== first) continue;
    let same = true;
    for (let k = 1; k < wanted.length && same; k++) same = words[i + k] === wanted[k];
    if (same) {
      return {
        status: 'pass',
        evidence: [{ start: starts[i] as number, end: ends[i + wanted.length - 1] as number }],
      };
    }
  }
  return { status: 'fail', reason: `Does not mention ${what} (${value})`, evidence: [] };
}
