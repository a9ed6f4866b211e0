/**
 * Overpromise as a concept: certainty about an outcome we do not control (a carrier's delivery,
 * a bank's timing, a fix's release, that a problem never comes back), however it is worded —
 * "I guarantee", "it's guaranteed", "you have my word", "rest assured", "I can assure you",
 * "it will definitely / 100% / for sure / without fail arrive", "your bank will process it
 * instantly", "this won't ever happen again". Left alone: hedges and negations in the clause
 * ("we can't guarantee", "without any guarantee", "I can't say for sure"), a policy's name ("our
 * money-back guarantee", "the Lifetime Guarantee", "Delivery Promise"), an amount ("100% of the
 * fee"), certainty about what we do ourselves ("I'll definitely call you").
 */
import { clauseEnd, clauseStart, negatedInClause } from '../words/negation';
import { CLAUSE_BREAK, hashWord, QUOTED, SENTENCE_BREAK, type TextAnalysis } from '../words/text';

export interface WordRange {
  start: number;
  end: number;
}

const DETERMINERS: ReadonlySet<string> = new Set([
  'our',
  'the',
  'a',
  'an',
  'this',
  'that',
  'its',
  'their',
  'your',
  'any',
  'every',
  'each',
  'no',
]);
const FIRST_PERSON: ReadonlySet<string> = new Set([
  'i',
  'we',
  "i'll",
  "we'll",
  "i'm",
  "we're",
  "i've",
  "we've",
  "i'd",
  "we'd",
]);
const HEDGES: ReadonlySet<string> = new Set([
  'if',
  'whether',
  'hopefully',
  'hope',
  'might',
  'may',
  'should',
  'could',
  'probably',
  'likely',
  'usually',
  'normally',
  'typically',
  'expect',
  'estimate',
  'aim',
  'aiming',
  'try',
  'trying',
]);
const CERTAINTY: ReadonlySet<string> = new Set([
  'definitely',
  'certainly',
  'surely',
  'absolutely',
  'undoubtedly',
  'guaranteed',
  '100%',
]);
/** Speed words that become promises about someone else's system: "your bank will process it instantly". */
const SPEED: ReadonlySet<string> = new Set(['instantly', 'immediately']);
/** Parties whose timing we do not control. */
const OUTSIDE_PARTIES: ReadonlySet<string> = new Set([
  'bank',
  'banks',
  'carrier',
  'carriers',
  'courier',
  'couriers',
  'post',
  'postman',
  'paypal',
  'stripe',
  'klarna',
  'apple',
  'google',
  'issuer',
  'provider',
  'dhl',
  'ups',
  'fedex',
  'dpd',
  'gls',
  'usps',
  'evri',
  'hermes',
  'mail',
  'they',
]);
/** Verbs of a problem coming back: "this will never happen again", "you won't see this error again". */
const RECURRENCE: ReadonlySet<string> = new Set([
  'happen',
  'happens',
  'occur',
  'recur',
  'see',
  'experience',
  'face',
  'encounter',
  'get',
  'lock',
  'break',
  'fail',
  'crash',
  'go',
  'lose',
  'late',
  'delayed',
  'arise',
  'repeat',
  'run',
]);

const OUR_ACTIONS: ReadonlySet<string> = new Set([
  'charged',
  'billed',
  'charge',
  'bill',
  'need',
  'have',
  'ask',
  'asked',
  'pay',
]);

function word(reply: TextAnalysis, index: number): string {
  return index >= 0 && index < reply.count ? reply.word(index) : '';
}

function isModal(reply: TextAnalysis, index: number): boolean {
  const w = word(reply, index);
  return (
    w === 'will' ||
    w === 'shall' ||
    w === "won't" ||
    w === 'wont' ||
    w.endsWith("'ll") ||
    (w === 'going' && word(reply, index + 1) === 'to')
  );
}

function hedged(reply: TextAnalysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (HEDGES.has(word(reply, k))) return true;
  return false;
}

/** Capitalised in the middle of a sentence: part of a name ("our Lifetime Guarantee"). */
function isTitleCase(reply: TextAnalysis, index: number): boolean {
  if (((reply.flags[index] as number) & SENTENCE_BREAK) !== 0) return false;
  const code = reply.text.charCodeAt(reply.starts[index] as number);
  return code >= 65 && code <= 90 && word(reply, index - 1) !== 'i';
}

/** Words that cannot modify a noun: a verb phrase is being built ("we can guarantee"). */
const NOT_MODIFIERS: ReadonlySet<string> = new Set([
  ...FIRST_PERSON,
  'can',
  'will',
  'would',
  'could',
  'to',
  'do',
  'does',
  'did',
  'you',
  'it',
  'they',
  'and',
  'or',
  'is',
  'are',
  'was',
]);
const MODIFIERS_BEFORE_NOUN = 3;

function determinerBeforeModifiers(reply: TextAnalysis, index: number): boolean {
  for (let k = index - 1; k >= 0 && k >= index - 1 - MODIFIERS_BEFORE_NOUN; k--) {
    if (((reply.flags[k + 1] as number) & CLAUSE_BREAK) !== 0) return false;
    const w = word(reply, k);
    if (DETERMINERS.has(w)) return k < index - 1;
    if (NOT_MODIFIERS.has(w) || w.endsWith("'ll")) return false;
  }
  return false;
}

/** "guarantee" / "promise" as the name of a policy or a thing, not a promise being made. */
export function isPolicyNoun(reply: TextAnalysis, index: number): boolean {
  if (isTitleCase(reply, index)) return true;
  const before = word(reply, index - 1);
  if (DETERMINERS.has(before)) return true;
  // "our 2-year product guarantee", "the price-match promise": a determiner before a few modifiers.
  if (determinerBeforeModifiers(reply, index)) return true;
  // "money-back guarantee", "price-match promise", "2-year guarantee".
  const gap = reply.text.slice(reply.ends[index - 1] ?? 0, reply.starts[index]);
  if (index > 0 && gap === ' ' && reply.text.charAt((reply.starts[index - 1] as number) - 1) === '-')
    return true;
  return before === 'year' || before === 'lifetime' || before === 'quality' || before === 'satisfaction';
}

/** "100%" as an amount ("100% of the fee", "a 100% refund"), not "it will 100% arrive". */
function isAmount(reply: TextAnalysis, index: number): boolean {
  const next = word(reply, index + 1);
  if (next === 'guaranteed' || next === 'sure' || next === 'certain') return false;
  return (
    !isModal(reply, index - 1) &&
    !['be', 'is', 'are', 'am', "i'm", "we're", "it's"].includes(word(reply, index - 1))
  );
}

/** Whether the word at `index` makes a promise in the sense of this module. */
export function promiseWordCounts(reply: TextAnalysis, index: number): boolean {
  const w = word(reply, index);
  if (((reply.flags[index] as number) & QUOTED) !== 0) return false;
  if (negatedInClause(reply, index)) return false;
  if (w === '100%') return !isAmount(reply, index);
  if (w.startsWith('guarantee') || w.startsWith('promise')) {
    if (w === 'guaranteed' || w === 'promised') return !isTitleCase(reply, index);
    return !isPolicyNoun(reply, index);
  }
  return true;
}

function certaintyAboutOutcome(reply: TextAnalysis, index: number, outsideOnly: boolean): boolean {
  const from = clauseStart(reply, index);
  const to = clauseEnd(reply, index);
  let modal = -1;
  for (let k = Math.max(from, index - 5); k < Math.min(to, index + 4); k++) {
    if (isModal(reply, k)) {
      modal = k;
      break;
    }
  }
  if (modal === -1 || hedged(reply, from, to) || negatedInClause(reply, index)) return false;
  const modalWord = word(reply, modal);
  const subject = word(reply, modal - 1);
  // Certainty about what we do ourselves ("I'll definitely call you") is a commitment, not an overpromise.
  if (
    FIRST_PERSON.has(modalWord) ||
    FIRST_PERSON.has(subject) ||
    modalWord.startsWith("i'") ||
    modalWord.startsWith("we'")
  )
    return false;
  if (!outsideOnly) return true;
  for (let k = from; k < modal; k++) if (OUTSIDE_PARTIES.has(word(reply, k))) return true;
  return false;
}

const TRIGGER_HASHES: ReadonlySet<number> = new Set(
  [
    'promise',
    'promised',
    'guarantee',
    'guaranteed',
    'guarantees',
    'assure',
    'assured',
    'word',
    'swear',
    'sure',
    'certain',
    'fail',
    'again',
    'ever',
    'worry',
    'worries',
    'problem',
    ...CERTAINTY,
    ...SPEED,
  ].map(hashWord),
);
/** 1 where a trigger's hash has these low 16 bits: one array read skips most words before the Set. */
const TRIGGER_FILTER = new Uint8Array(0x10000);
for (const hash of TRIGGER_HASHES) TRIGGER_FILTER[hash & 0xffff] = 1;

/** Every overpromise in the reply, as word ranges. */
export function findOverpromises(reply: TextAnalysis): WordRange[] {
  const found: WordRange[] = [];
  const { hashes } = reply;
  for (let i = 0; i < reply.count; i++) {
    // Most words trigger nothing: the filter skips them without a lookup or a string.
    const hash = hashes[i] as number;
    if (TRIGGER_FILTER[hash & 0xffff] === 0 || !TRIGGER_HASHES.has(hash)) continue;
    if (((reply.flags[i] as number) & QUOTED) !== 0) continue;
    const w = reply.word(i);
    let end = -1;
    if (
      w === 'promise' ||
      w === 'promised' ||
      w === 'guarantee' ||
      w === 'guaranteed' ||
      w === 'guarantees'
    ) {
      if (promiseWordCounts(reply, i)) end = i + 1;
    } else if (w === 'assure' || w === 'assured') {
      const before = word(reply, i - 1);
      if (
        (before === 'rest' ||
          before === 'be' ||
          before === 'can' ||
          before === 'i' ||
          before === 'we' ||
          word(reply, i + 1) === 'you') &&
        !negatedInClause(reply, i)
      )
        end = i + 1;
    } else if (w === 'word' && word(reply, i - 1) === 'my') {
      const verb = word(reply, i - 2) === 'you' ? word(reply, i - 3) : word(reply, i - 2);
      if ((verb === 'have' || verb === 'give' || verb === 'take') && !negatedInClause(reply, i)) end = i + 1;
    } else if (w === 'swear' && FIRST_PERSON.has(word(reply, i - 1))) {
      end = i + 1;
    } else if (CERTAINTY.has(w)) {
      if (w !== '100%' || !isAmount(reply, i)) if (certaintyAboutOutcome(reply, i, false)) end = i + 1;
    } else if (
      (w === 'sure' && word(reply, i - 1) === 'for') ||
      (w === 'certain' && word(reply, i - 1) === 'for')
    ) {
      if (certaintyAboutOutcome(reply, i, false)) end = i + 1;
    } else if (w === 'fail' && word(reply, i - 1) === 'without') {
      if (certaintyAboutOutcome(reply, i, false)) end = i + 1;
    } else if (SPEED.has(w)) {
      if (certaintyAboutOutcome(reply, i, true)) end = i + 1;
    } else if (w === 'again' || w === 'ever') {
      if (neverAgain(reply, i)) end = i + 1;
    } else if (isReassurance(reply, i)) {
      if (reassuredOutsideOutcome(reply, i)) end = i + 1;
    }
    if (end !== -1) found.push({ start: i, end });
  }
  return found;
}

/** "this will never happen again", "you won't see this error again", "it won't ever happen". */
function neverAgain(reply: TextAnalysis, index: number): boolean {
  const from = clauseStart(reply, index);
  let negation = -1;
  for (let k = index - 1; k >= from; k--) {
    const w = word(reply, k);
    if (w === 'never' || w === "won't" || w === 'wont' || (w === 'not' && word(reply, k - 1) === 'will')) {
      negation = k;
      break;
    }
  }
  if (negation === -1 || hedged(reply, from, index)) return false;
  // "you won't be charged again", "you won't need to do this again": what we decide, not a forecast.
  for (let k = negation + 1; k < index; k++) if (OUR_ACTIONS.has(word(reply, k))) return false;
  if (word(reply, index) === 'ever' && !RECURRENCE.has(word(reply, index + 1))) return false;
  const last = word(reply, index) === 'ever' ? index + 2 : index;
  for (let k = negation + 1; k < last; k++) if (RECURRENCE.has(word(reply, k))) return true;
  return false;
}

/** "Don't worry", "no worries", "no problem at all": said to make the customer certain. */
function isReassurance(reply: TextAnalysis, index: number): boolean {
  const w = word(reply, index);
  const before = word(reply, index - 1);
  if (w === 'worry')
    return before === "don't" || before === 'dont' || (before === 'to' && word(reply, index - 2) === 'need');
  return before === 'no' && (w === 'worries' || (w === 'problem' && word(reply, index + 1) === 'at'));
}

/**
 * Reassurance attached to what a carrier or bank will do — "Don't worry, Evri will get it to you
 * well before Christmas, no problem at all", "Don't worry, your bank will have the money back by
 * Monday": certainty about an outcome we do not control, without any certainty word. Hedged or
 * negated sentences, and what we do ourselves, stay promises we can keep.
 */
function reassuredOutsideOutcome(reply: TextAnalysis, index: number): boolean {
  let from = index;
  while (from > 0 && ((reply.flags[from] as number) & SENTENCE_BREAK) === 0) from--;
  let to = index + 1;
  while (to < reply.count && ((reply.flags[to] as number) & SENTENCE_BREAK) === 0) to++;
  if (hedged(reply, from, to)) return false;
  for (let k = from; k < to; k++) {
    if (!isModal(reply, k) || negatedInClause(reply, k)) continue;
    const clause = clauseStart(reply, k);
    for (let j = clause; j < k; j++) if (OUTSIDE_PARTIES.has(word(reply, j))) return true;
  }
  return false;
}
