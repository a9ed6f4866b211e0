import type { StepCheck } from '../../playbook/schema';
import { compilePhraseWords, findWords, matchSpan, type PhraseWord } from '../../words/phrases';
import { findOrderReference } from '../variables';
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

const wordsByVariables = new WeakMap<Record<string, string>, Map<string, PhraseWord[]>>();

/** The words of a variable's value, compiled once per ticket. */
function wordsOfValue(variables: Record<string, string>, value: string): PhraseWord[] {
  let byValue = wordsByVariables.get(variables);
  if (!byValue) {
    byValue = new Map();
    wordsByVariables.set(variables, byValue);
  }
  let words = byValue.get(value);
  if (!words) {
    words = compilePhraseWords(value).map((entry) => ({ ...entry, prefix: false }));
    byValue.set(value, words);
  }
  return words;
}

/**
 * Passes when the reply contains the variable's value as whole words; `na` when the ticket has
 * none, unless the agent looked the order up and names it ("refund for order 55-91208").
 */
export function checkMention(
  context: CheckContext,
  check: Extract<StepCheck, { kind: 'mention' }>,
): CheckOutcome {
  const what = describeVariable(check.variable);
  const value = Object.hasOwn(context.variables, check.variable)
    ? context.variables[check.variable]
    : undefined;
  if (!value && check.variable === 'order.number') {
    const named = findOrderReference(context.reply.text);
    if (named) return { status: 'pass', evidence: [named] };
  }
  if (!value)
    return { status: 'na', reason: `This ticket has no ${what.replace(/^(the|your) /, '')}`, evidence: [] };
  const wanted = wordsOfValue(context.variables, value);
  if (wanted.length === 0) return { status: 'na', reason: `Cannot check ${what}`, evidence: [] };
  const found = findWords(context.reply, wanted)[0];
  if (found) return { status: 'pass', evidence: [matchSpan(context.reply, found)] };
  return { status: 'fail', reason: `Does not mention ${what} (${value})`, evidence: [] };
}
