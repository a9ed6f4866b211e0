/**
 * Reading time in a reply, for the expectation check: the word tables (units, weekdays, months,
 * leads) and the reader that says where a duration ("within 2 business days") or a point in time
 * ("by Friday", "before the end of next week", "on 12/03") starts, given the word that ends or
 * names it. Whether it is a commitment (tense, hedges, negation) is expectation.ts's to decide.
 */
import { CLAUSE_BREAK, hashWord, SENTENCE_BREAK, type TextAnalysis } from '../../words/text';

const UNITS = new Set([
  'minute',
  'minutes',
  'min',
  'mins',
  'hour',
  'hours',
  'hr',
  'hrs',
  'h',
  'day',
  'days',
  'week',
  'weeks',
  'wk',
  'wks',
  'month',
  'months',
  'fortnight',
  'fortnights',
]);
const UNIT_MODIFIERS = new Set(['business', 'working', 'calendar', 'full', 'more', 'extra', 'additional']);
const COMPACT_DURATION = /^\d+(?:h|hrs?|hours?|d|days?|mins?|wks?)$/;
const NUMBER_WORDS = new Set([
  'a',
  'an',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'fourteen',
  'fifteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'ninety',
]);
const DURATION_LEADS = new Set([
  'within',
  'in',
  'under',
  'inside',
  'next',
  'takes',
  'take',
  'taking',
  'allow',
  'than',
  'to',
  'about',
  'around',
  'approximately',
  'roughly',
  'max',
  'maximum',
]);
/*
 * A validity period ("the link is valid for 24 hours", "works for 60 minutes") says how long
 * something lasts, not when we deliver: "for" is never a lead.
 */
const PERIOD_LEADS = new Set(['for', 'over', 'during', 'throughout']);
/** What a duration can be the service level of: "48-hour delivery", "24-hour turnaround". */
const SERVICE_NOUNS = new Set([
  'delivery',
  'shipping',
  'dispatch',
  'turnaround',
  'response',
  'replacement',
  'service',
]);
const AFTER_DURATION_NOT_PROMISE = new Set(['ago', 'late', 'since', 'old', 'overdue', 'delay', 'delayed']);
export const POINT_LEADS = new Set([
  'by',
  'on',
  'before',
  'until',
  'till',
  'than',
  'around',
  'this',
  'next',
  'coming',
]);
const WEEKDAYS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
]);
const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const RELATIVE_DAYS = new Set(['today', 'tomorrow', 'tonight']);
const DAY_PARTS = new Set(['morning', 'afternoon', 'evening']);
const END_OF = new Set(['day', 'week', 'month', 'business', 'today', 'tomorrow']);
const DEADLINE_SHORTHAND = new Set(['eod', 'eow', 'cob', 'noon', 'midday', 'midnight']);
const CLOCK = /^\d{1,2}(?:am|pm)$/;
const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;
/** Words that make a following "today"/"tomorrow" a commitment: "it will ship today". */
const FUTURE_MARKERS =
  /^(?:will|shall|going|expect\w*|should|arriv\w*|ship\w*|deliver\w*|dispatch\w*|send|hear|receive|process\w*|refund\w*|credit\w*|post\w*|reach|resolv\w*|fix\w*|back|updat\w*|\w+'ll)$/;

// Hoisted: a regular expression literal makes a new RegExp object each time it is evaluated.
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
const ONE_OR_TWO_DIGITS = /^\d{1,2}$/;
const TWO_DIGITS = /^\d{2}$/;
const UP_TO_FOUR_DIGITS = /^\d{1,4}$/;
const ORDINAL_END = /\d(?:st|nd|rd|th)$/;

const isNumber = (word: string | undefined) =>
  word !== undefined && (DECIMAL.test(word) || NUMBER_WORDS.has(word));

const isDayOfMonth = (word: string | undefined) => {
  const match = word === undefined ? null : DAY_OF_MONTH.exec(word);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 31;
};

/** If a duration ends at word `i` (its unit), the word index where the commitment starts. */
export function durationStartingBefore(reply: TextAnalysis, i: number): number | undefined {
  const word = at(reply, i) as string;
  let j: number;
  if (COMPACT_DURATION.test(word)) j = i;
  else if (UNITS.has(word)) {
    j = i - 1;
    if (UNIT_MODIFIERS.has(at(reply, j) as string)) j--;
    if (at(reply, j) === 'of' && at(reply, j - 1) === 'couple') j--;
    else if (at(reply, j) === 'the' && at(reply, j - 1) === 'within' && word.endsWith('r')) return j - 1; // within the hour
    // "in the next hour", "within the next day".
    if (
      at(reply, j) === 'next' &&
      at(reply, j - 1) === 'the' &&
      DURATION_LEADS.has(at(reply, j - 2) as string)
    )
      return j - 2;
    if (!isNumber(at(reply, j)) && at(reply, j) !== 'couple') return undefined;
    if (at(reply, j) === 'couple' && at(reply, j - 1) === 'a') j--;
    // Ranges and compound numbers: "2-3", "2 to 3", "2 or 3", "twenty four".
    while (j > 0) {
      if (isNumber(at(reply, j - 1)) && at(reply, j - 1) !== 'a') j--;
      else if ((at(reply, j - 1) === 'to' || at(reply, j - 1) === 'or') && isNumber(at(reply, j - 2))) j -= 2;
      else break;
    }
  } else return undefined;
  // "5 days late", "two weeks ago" — in the same clause ("… 5 days. Since you …" is a new one).
  const nextInClause = i + 1 < reply.count && ((reply.flags[i + 1] as number) & CLAUSE_BREAK) === 0;
  if (nextInClause && AFTER_DURATION_NOT_PROMISE.has(at(reply, i + 1) as string)) return undefined;
  // A service level: "by tracked 48-hour delivery", "a 24-hour turnaround".
  if (nextInClause && SERVICE_NOUNS.has(at(reply, i + 1) as string) && isNumber(at(reply, j))) return j;
  // A duration standing as its own clause in a terse reply: "refund approved, 5–10 business days."
  const endsSentence = i + 1 >= reply.count || ((reply.flags[i + 1] as number) & SENTENCE_BREAK) !== 0;
  if (j > 0 && ((reply.flags[j] as number) & CLAUSE_BREAK) !== 0 && endsSentence && isNumber(at(reply, j)))
    return j;
  const lead = at(reply, j - 1);
  // "for the next three months", "over the next year": a period, not a deadline.
  if (lead === 'next' && at(reply, j - 2) === 'the' && PERIOD_LEADS.has(at(reply, j - 3) as string))
    return undefined;
  if (lead !== undefined && DURATION_LEADS.has(lead)) return j - 1;
  if (lead === 'the' && DURATION_LEADS.has(at(reply, j - 2) as string)) return j - 2;
  return undefined;
}

function futureMarkerBefore(reply: TextAnalysis, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
    if (FUTURE_MARKERS.test(reply.word(k))) return true;
    if (((reply.flags[k] as number) & SENTENCE_BREAK) !== 0) return false;
  }
  return false;
}

/** If a point in time is named at word `i`, the word index where the commitment starts. */
export function pointStartingAt(reply: TextAnalysis, i: number): number | undefined {
  const { text, starts, ends } = reply;
  const word = at(reply, i) as string;
  const previous = at(reply, i - 1);
  const hasLead = previous !== undefined && POINT_LEADS.has(previous);
  if (WEEKDAYS.has(word)) {
    if (hasLead) return i - 1;
    // "rebooked for Friday", "it's scheduled for Monday".
    return previous === 'for' && futureInClause(reply, i - 1) ? i - 1 : undefined;
  }
  // "in Thursday's release", "with Monday's update".
  if (word.endsWith("'s") && WEEKDAYS.has(word.slice(0, -2)))
    return futureMarkerBefore(reply, i) ? i : undefined;
  if (RELATIVE_DAYS.has(word)) {
    if (previous === 'by' || previous === 'before' || previous === 'until' || previous === 'later')
      return i - 1;
    return futureMarkerBefore(reply, i) ? i : undefined;
  }
  // "before the weekend", "by the weekend".
  if (word === 'weekend' && (previous === 'the' || previous === 'this')) {
    const lead = at(reply, i - 2);
    return lead === 'by' || lead === 'before' || lead === 'until' ? i - 2 : undefined;
  }
  if (DAY_PARTS.has(word) && previous === 'this') return futureMarkerBefore(reply, i - 1) ? i - 1 : undefined;
  if (DEADLINE_SHORTHAND.has(word) || CLOCK.test(word)) {
    return previous === 'by' || previous === 'before' || previous === 'until' ? i - 1 : undefined;
  }
  if (ONE_OR_TWO_DIGITS.test(word) && (at(reply, i + 1) === 'am' || at(reply, i + 1) === 'pm')) {
    return previous === 'by' || previous === 'before' ? i - 1 : undefined;
  }
  // "by end of day", "before the end of the week", "by close of business".
  if ((word === 'end' || word === 'close') && at(reply, i + 1) === 'of') {
    const lead = previous === 'the' ? at(reply, i - 2) : previous;
    let what = at(reply, i + 2) === 'the' ? at(reply, i + 3) : at(reply, i + 2);
    // "by the end of next week", "before the end of this month".
    if (what === 'next' || what === 'this') what = at(reply, i + 3);
    if ((lead === 'by' || lead === 'before' || lead === 'until') && what !== undefined && END_OF.has(what)) {
      return previous === 'the' ? i - 2 : i - 1;
    }
    return undefined;
  }
  // "by March 5", "on 5 March", "by the 5th of March", "before the 12th".
  if (MONTHS.has(word)) {
    const dayAfter = isDayOfMonth(at(reply, i + 1));
    const dayBefore =
      isDayOfMonth(at(reply, i - 1)) || (at(reply, i - 1) === 'of' && isDayOfMonth(at(reply, i - 2)));
    if (!dayAfter && !dayBefore) return undefined;
    if (dayAfter && hasLead && previous !== 'this' && previous !== 'next') return i - 1;
    if (dayBefore) {
      let first = at(reply, i - 1) === 'of' ? i - 2 : i - 1;
      if (at(reply, first - 1) === 'the') first--;
      const lead = at(reply, first - 1);
      if (lead !== undefined && POINT_LEADS.has(lead)) return first - 1;
      // "small orders will move to new boxes from 1 July".
      if ((lead === 'from' || lead === 'starting') && futureInClause(reply, first - 1)) return first - 1;
    }
    return undefined;
  }
  if (isDayOfMonth(word) && ORDINAL_END.test(word) && previous === 'the') {
    const lead = at(reply, i - 2);
    return lead === 'by' || lead === 'on' || lead === 'before' || lead === 'until' ? i - 2 : undefined;
  }
  // Clock times: "by 10:30", "before 17:00".
  if (ONE_OR_TWO_DIGITS.test(word) && (previous === 'by' || previous === 'before' || previous === 'until')) {
    const next = at(reply, i + 1);
    if (
      next !== undefined &&
      TWO_DIGITS.test(next) &&
      text.charAt(ends[i] as number) === ':' &&
      starts[i + 1] === (ends[i] as number) + 1
    )
      return i - 1;
  }
  // Numeric dates: "by 12/03", "on 2026-03-05", "before 05.03." (words joined by one separator).
  if (UP_TO_FOUR_DIGITS.test(word) && hasLead && previous !== 'this' && previous !== 'next') {
    const next = at(reply, i + 1);
    const separator = text.charAt(ends[i] as number);
    if (
      next !== undefined &&
      UP_TO_FOUR_DIGITS.test(next) &&
      (separator === '/' || separator === '-' || separator === '.') &&
      starts[i + 1] === (ends[i] as number) + 1
    ) {
      return i - 1;
    }
  }
  return undefined;
}

/** Hashes of the words that can end or name a time (units, days, months…), and a filter over their low bits. */
export const TRIGGER_FILTER = new Uint8Array(0x10000);
export const TRIGGERS = new Set(
  [
    ...UNITS,
    ...WEEKDAYS,
    ...MONTHS,
    ...RELATIVE_DAYS,
    ...DAY_PARTS,
    ...DEADLINE_SHORTHAND,
    'weekend',
    'end',
    'close',
  ].map(hashWord),
);
for (const hash of TRIGGERS) TRIGGER_FILTER[hash & 0xffff] = 1;

/** Word `index`, or undefined outside the text. */
function at(reply: TextAnalysis, index: number): string | undefined {
  return index >= 0 && index < reply.count ? reply.word(index) : undefined;
}

/** Future, modal and conditional words: a time in their clause is still to come. */
export const FUTURE_FORMS = new Set([
  'if',
  'unless',
  'once',
  "hasn't",
  "haven't",
  'will',
  'shall',
  'going',
  'should',
  'can',
  'could',
  'would',
  'expect',
  'expected',
  'expects',
  'aim',
  'plan',
  'scheduled',
  'rescheduled',
  'planned',
  'booked',
  'rebooked',
  'slated',
  'due',
  'please',
]);

/** A future or modal word earlier in the clause: "small orders will move to new boxes from 1 July". */
function futureInClause(reply: TextAnalysis, start: number): boolean {
  for (let k = start - 1; k >= 0; k--) {
    const word = reply.word(k);
    if (FUTURE_FORMS.has(word) || word.endsWith("'ll")) return true;
    if (((reply.flags[k] as number) & CLAUSE_BREAK) !== 0) return false;
  }
  return false;
}
