/**
 * A concrete time commitment: a duration with a lead-in ("within 24 hours", "in 2–3 business
 * days", "allow 5 working days") or a point in time ("by Friday", "by March 5", "on 12/03",
 * "by tomorrow", "later today", "it will ship today", "by end of day", "by 5pm"). Vague timing
 * ("soon", "shortly", "a few days", "as soon as possible") is not a commitment.
 * Where a time starts and ends is read by expectation-time.ts; this file decides whether it is a
 * commitment (tense, conditions, negation).
 */
import type { StepCheck } from '../../playbook/schema';
import { isNegated, matchText } from '../../words/phrases';
import { CLAUSE_BREAK, hashWord, QUOTED, STARTS_WITH_DIGIT, type TextAnalysis } from '../../words/text';
import type { CheckContext, CheckOutcome } from './context';
import {
  durationStartingBefore,
  FUTURE_FORMS,
  POINT_LEADS,
  pointStartingAt,
  TRIGGER_FILTER,
  TRIGGERS,
} from './expectation-time';

const POINT_LEAD_HASHES = new Set([...POINT_LEADS].map(hashWord));
const AM = hashWord('am');
const PM = hashWord('pm');

function isAllDigits(reply: TextAnalysis, index: number): boolean {
  const { text } = reply;
  const end = reply.ends[index] as number;
  for (let k = reply.starts[index] as number; k < end; k++) {
    const code = text.charCodeAt(k);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * A bare number ("5", "2026") names a time only after a point lead ("by 12/03") or before am/pm:
 * the common case ("5–10 business days", where the unit is the trigger) skips making any strings.
 * Hash checks only: a collision falls through to the full word checks.
 */
function bareNumberCannotNameTime(reply: TextAnalysis, i: number): boolean {
  if (!isAllDigits(reply, i)) return false;
  const { hashes } = reply;
  if (i > 0 && POINT_LEAD_HASHES.has(hashes[i - 1] as number)) return false;
  const next = i + 1 < reply.count ? (hashes[i + 1] as number) : 0;
  return next !== AM && next !== PM;
}

const PAST_FORMS = new Set([
  'was',
  'were',
  'had',
  'did',
  'sent',
  'got',
  'came',
  'left',
  'took',
  'made',
  'paid',
  'bought',
  'went',
  'gave',
  'told',
  'said',
]);
/**
 * A date governed by a past-tense verb reports an event ("it was delivered on 6 May", "we
 * received it on the 3rd"): not a commitment. A future, modal or conditional word in the clause
 * ("it will be sent by Friday", "we expect it deployed by Wednesday", "if it hasn't moved by
 * Friday") keeps it one.
 */
function governedByPast(reply: TextAnalysis, start: number): boolean {
  let past = false;
  for (let k = start - 1; k >= 0; k--) {
    const word = reply.word(k);
    if (FUTURE_FORMS.has(word) || word.endsWith("'ll")) return false;
    if (!past && (PAST_FORMS.has(word) || (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed'))))
      past = true;
    if (((reply.flags[k] as number) & CLAUSE_BREAK) !== 0) break;
  }
  return past;
}

function conditional(reply: TextAnalysis, start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - 8; k--) {
    const word = reply.word(k);
    if (word === 'if' || word === 'unless') return true;
    if (((reply.flags[k] as number) & CLAUSE_BREAK) !== 0) return false;
  }
  return false;
}

export function findExpectations(reply: TextAnalysis): { start: number; end: number; negated: boolean }[] {
  const found: { start: number; end: number; negated: boolean }[] = [];
  const { flags, hashes, stemHashes, count } = reply;
  for (let i = 0; i < count; i++) {
    // Only units, days, months and numbers can end or name a commitment: skip the rest cheaply.
    const startsWithDigit = ((flags[i] as number) & STARTS_WITH_DIGIT) !== 0;
    const hash = hashes[i] as number;
    const stem = stemHashes[i] as number;
    const possessiveTrigger = stem !== -1 && TRIGGERS.has(stem); // "Thursday's release"
    if (
      !possessiveTrigger &&
      !startsWithDigit &&
      (TRIGGER_FILTER[hash & 0xffff] === 0 || !TRIGGERS.has(hash))
    )
      continue;
    if (startsWithDigit && bareNumberCannotNameTime(reply, i)) continue;
    const duration = durationStartingBefore(reply, i);
    const start = duration ?? pointStartingAt(reply, i);
    if (start === undefined || start < 0) continue;
    if (((flags[start] as number) & QUOTED) !== 0) continue;
    if (duration === undefined && governedByPast(reply, start)) continue;
    // "if it hasn't moved by Friday, I'll send another": a conditional deadline, not a negated one.
    const negated = isNegated(reply, start, i + 1) && !conditional(reply, start);
    found.push({ start, end: i + 1, negated });
  }
  return found;
}

export function checkExpectation(
  context: CheckContext,
  _check: Extract<StepCheck, { kind: 'expectation' }>,
): CheckOutcome {
  const found = findExpectations(context.reply);
  const counted = found.filter((entry) => !entry.negated);
  if (counted.length > 0) {
    return {
      status: 'pass',
      evidence: counted.map((entry) => ({
        start: context.reply.starts[entry.start] as number,
        end: context.reply.ends[entry.end - 1] as number,
      })),
    };
  }
  const negated = found[0];
  if (negated) {
    return {
      status: 'fail',
      reason: `"${matchText(context.reply, { start: Math.max(0, negated.start - 2), end: negated.end })}" is negated — give a time you can commit to`,
      evidence: [],
    };
  }
  return {
    status: 'fail',
    reason: 'No concrete time commitment (e.g. "within 2 business days", "by Friday")',
    evidence: [],
  };
}
