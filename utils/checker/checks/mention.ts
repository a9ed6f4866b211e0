import type { StepCheck } from '../../playbook/schema';
import { compilePhraseWords, findWords, matchSpan } from '../phrases';
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
  const wanted = compilePhraseWords(value).map((entry) => ({ ...entry, prefix: false }));
  if (wanted.length === 0) return { status: 'na', reason: `Cannot check ${what}`, evidence: [] };
  const found = findWords(context.reply, wanted)[0];
  if (found) return { status: 'pass', evidence: [matchSpan(context.reply, found)] };
  return { status: 'fail', reason: `Does not mention ${what} (${value})`, evidence: [] };
}
