import type { StepCheck } from '../../playbook/schema';
import { isNegated, matchSpan } from '../../words/phrases';
import { CLAUSE_BREAK } from '../../words/text';
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

/**
 * A sign-off is found by the shape of the reply's last line (the signature after it is already
 * blanked): a closing phrase that starts that line ("Best regards,", "Cheers!", "Thanks, Tom"), a
 * short line ending in a comma ("Happy cooking,", "Warm wishes,"), or a name on its own
 * ("Anneke", "— Priya", after "Hope that helps!"). A "thanks" inside the last sentence of a chat
 * message ("… to see which one works. Thanks!") is a courtesy, not a sign-off.
 */
const SIGN_OFF_LINE_WORDS = 6;
const NAME_LINE_WORDS = 3;

export function checkClosing(
  context: CheckContext,
  compiled: CompiledStep,
  _check: Extract<StepCheck, { kind: 'closing' }>,
): CheckOutcome {
  const { reply } = context;
  const last = reply.count - 1;
  if (last >= 0) {
    const { text, starts, ends } = reply;
    const lineStart = text.lastIndexOf('\n', starts[last] as number) + 1;
    let first = last;
    while (first > 0 && (starts[first - 1] as number) >= lineStart) first--;
    const lineEnd = text.indexOf('\n', ends[last] as number);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).trim();
    const words = last - first + 1;
    const whole = {
      start: lineStart + (text.slice(lineStart).length - text.slice(lineStart).trimStart().length),
      end: ends[last] as number,
    };
    if (words <= SIGN_OFF_LINE_WORDS) {
      for (const id of compiled.phraseIds) {
        for (const match of context.matches[id] ?? []) {
          if (match.start === first && !isNegated(reply, match.start, match.end))
            return { status: 'pass', evidence: [matchSpan(reply, match)] };
        }
      }
      if (/,$/.test(line) && first > 0) return { status: 'pass', evidence: [whole] };
    }
    if (words <= NAME_LINE_WORDS && first > 0 && isNameLine(line))
      return { status: 'pass', evidence: [whole] };
    const inline = inlineSignOff(context, compiled, last);
    if (inline) return { status: 'pass', evidence: [inline] };
  }
  return { status: 'fail', reason: 'No sign-off at the end (e.g. "Best regards,")', evidence: [] };
}

/** "Anneke", "— Priya", "Tom B.", "The Glow Co. Team": capitalised words, no sentence. */
function isNameLine(line: string): boolean {
  const name = line.replace(/^[—–-]+\s*/, '');
  if (/[?!:;]$/.test(name) || /\.$/.test(name.replace(/\b[A-Z]\.$/, '').replace(/\bCo\.$/, ''))) return false;
  return name.split(/\s+/).every((word) => /^[\p{Lu}&]/u.test(word));
}

/**
 * A sign-off inside the last line, at its very end: a farewell clause ("…, and have a great day!")
 * or any closing phrase followed by the agent's name ("… Thanks for your patience, Sam").
 */
function inlineSignOff(context: CheckContext, compiled: CompiledStep, last: number) {
  const { reply } = context;
  const startsClause = (index: number) => ((reply.flags[index] as number) & CLAUSE_BREAK) !== 0;
  const agent = context.variables['agent.firstName']?.toLowerCase();
  const signedByName = agent !== undefined && reply.word(last) === agent && startsClause(last);
  let clause = signedByName ? last - 1 : last;
  while (clause > 0 && !startsClause(clause) && reply.word(clause - 1) !== 'and') clause--;
  for (const id of compiled.phraseIds) {
    for (const match of context.matches[id] ?? []) {
      if (match.start !== clause || isNegated(reply, match.start, match.end)) continue;
      const farewell = !/thank|^best$/.test(context.phrases.sources[match.phrase] ?? '');
      if (farewell || signedByName) return matchSpan(reply, match);
    }
  }
  return undefined;
}
