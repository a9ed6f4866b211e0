import type { StepCheck } from '../../playbook/schema';
import { matchSpan } from '../../words/phrases';
import { CLAUSE_BREAK, SENTENCE_BREAK, type TextAnalysis, wordsOf } from '../../words/text';
import type { Span } from '../types';
import type { CheckContext, CheckOutcome, CompiledStep } from './context';

export const DEFAULT_GREETING_WORDS = [
  'hi',
  'hello',
  'hey',
  'dear',
  'good morning',
  'good afternoon',
  'good evening',
  'greetings',
  'hiya',
  'howdy',
  'hola',
  'bonjour',
  'hallo',
];

/** A greeting counts when it starts within the first few words ("Oh hi Maria" still greets). */
const GREETING_START_WORDS = 3;
/** How far after the greeting word the name may come: "Hello again, dear Maria". */
const NAME_WINDOW = 6;
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'mx']);

const namesByVariables = new WeakMap<Record<string, string>, string[]>();

/**
 * Normalised first words of the customer's first and last name, and of the name they sign with
 * ("Liz" for Elizabeth), cached per ticket's variables.
 */
export function nameWords(variables: Record<string, string>): string[] {
  const known = namesByVariables.get(variables);
  if (known) return known;
  const names: string[] = [];
  for (const key of ['customer.firstName', 'customer.lastName', 'customer.signedName']) {
    const value = variables[key];
    const first = value ? wordsOf(value)[0] : undefined;
    if (first) names.push(first);
  }
  namesByVariables.set(variables, names);
  return names;
}

/** Where the customer's name appears in the greeting line that starts at word `from`. */
function findNameAfter(reply: TextAnalysis, from: number, names: string[]): Span | undefined {
  const { flags } = reply;
  for (let k = from; k < reply.count && k < from + NAME_WINDOW; k++) {
    const crossesSentence = ((flags[k] as number) & SENTENCE_BREAK) !== 0;
    // "Dear Ms. Garcia": the period after a title does not end the greeting.
    if (crossesSentence && !TITLES.has(reply.word(k - 1))) return undefined;
    if (names.includes(reply.word(k)))
      return { start: reply.starts[k] as number, end: reply.ends[k] as number };
  }
  return undefined;
}

export function checkGreeting(
  context: CheckContext,
  compiled: CompiledStep,
  check: Extract<StepCheck, { kind: 'greeting' }>,
): CheckOutcome {
  const { reply } = context;
  const names = nameWords(context.variables);
  const firstName = context.variables['customer.firstName'] ?? context.variables['customer.lastName'];
  let greeting: { start: number; end: number } | undefined;
  for (const id of compiled.phraseIds) {
    for (const match of context.matches[id] ?? []) {
      if (match.start >= GREETING_START_WORDS) break;
      if (!greeting || match.start < greeting.start) greeting = match;
    }
  }
  const wantsName = check.useName;
  if (!greeting) {
    // "Maria," on its own line greets by name too.
    const first = reply.count > 0 ? reply.word(0) : undefined;
    if (
      first !== undefined &&
      names.includes(first) &&
      (reply.count < 2 || ((reply.flags[1] as number) & CLAUSE_BREAK) !== 0)
    ) {
      return {
        status: 'pass',
        evidence: [{ start: reply.starts[0] as number, end: reply.ends[0] as number }],
      };
    }
    return {
      status: 'fail',
      reason:
        wantsName && firstName
          ? `No greeting with the customer's name (${firstName}) at the start`
          : 'No greeting at the start (e.g. "Hi there,")',
      evidence: [],
    };
  }
  const greetingSpan = matchSpan(reply, greeting);
  if (!wantsName) return { status: 'pass', evidence: [greetingSpan] };
  if (names.length === 0) {
    return {
      status: 'pass',
      reason: "The customer's name is unknown here, so only the greeting was checked",
      evidence: [greetingSpan],
    };
  }
  const nameSpan = findNameAfter(reply, greeting.end, names);
  if (!nameSpan) {
    return {
      status: 'fail',
      reason: `The greeting does not use the customer's name (${firstName})`,
      evidence: [greetingSpan],
    };
  }
  return { status: 'pass', evidence: [greetingSpan, nameSpan] };
}
