/**
 * Clause-scoped negation: a negation word anywhere earlier in the same clause reaches the words
 * after it — "we can't really say for certain that it will be guaranteed", "we will never ask
 * you to send your password", "without any guarantee", "no one will ask for it", "none of our
 * staff will ask". A clause ends at `, ; : ( ) – —`, a sentence end or a linking word ("but",
 * "so", "because", "although"), where a new statement starts.
 */
import { CLAUSE_BREAK, ENDS_NT, hashWord, type TextAnalysis } from './text';

/** Negators a phrase match looks for in the few words before it (`isNegated`). */
const NEARBY_NEGATORS = [
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  'dont',
  'wont',
  'nor',
  'neither',
  'unable',
  'nothing',
];
/** Negators anywhere earlier in the clause: the nearby ones and words that negate from further off. */
const NEGATORS: ReadonlySet<string> = new Set([
  ...NEARBY_NEGATORS,
  'none',
  'nobody',
  'without',
  'hardly',
  'impossible',
]);

/** Words that start a new statement within a sentence. */
const CLAUSE_LINKS: ReadonlySet<string> = new Set([
  'but',
  'so',
  'because',
  'although',
  'though',
  'however',
  'whereas',
  'while',
  'otherwise',
  'instead',
  'if',
  'once',
  'until',
  'unless',
]);

/** Negation words that do not negate: "no doubt", "without fail", "not only". */
function isFixedExpression(analysis: TextAnalysis, index: number): boolean {
  const word = analysis.word(index);
  const next = analysis.word(index + 1);
  if (word === 'no' && (next === 'doubt' || next === 'question' || next === 'worries' || next === 'problem'))
    return true;
  if (word === 'without' && (next === 'fail' || next === 'doubt' || next === 'delay')) return true;
  if (word === 'without' && next === 'a' && analysis.word(index + 2) === 'doubt') return true;
  return word === 'not' && next === 'only';
}

export function isNegationWord(analysis: TextAnalysis, index: number): boolean {
  if (((analysis.flags[index] as number) & ENDS_NT) !== 0) return true;
  const word = analysis.word(index);
  if (word === 'one' && analysis.word(index - 1) === 'no') return true; // "no one"
  if (word === 'than' && analysis.word(index - 1) === 'rather') return true; // "rather than something we can promise"
  return NEGATORS.has(word) && !isFixedExpression(analysis, index);
}

/**
 * Whether a clause ends before word `index`. A wrapped line (one line break, no punctuation, the
 * next line going on in lower case) does not end one.
 */
export function breaksBefore(analysis: TextAnalysis, index: number): boolean {
  if (((analysis.flags[index] as number) & CLAUSE_BREAK) === 0) return false;
  if (index === 0) return true;
  const gap = analysis.text.slice(analysis.ends[index - 1], analysis.starts[index]);
  if (!/^[ \t]*\n[ \t]*$/.test(gap)) return true;
  const code = analysis.text.charCodeAt(analysis.starts[index] as number);
  return !(code >= 97 && code <= 122);
}

/** Word index where the clause holding word `index` starts. */
export function clauseStart(analysis: TextAnalysis, index: number): number {
  let k = index;
  while (k > 0) {
    if (breaksBefore(analysis, k)) return k;
    if (k < index && CLAUSE_LINKS.has(analysis.word(k))) return k + 1;
    k--;
  }
  return 0;
}

/** Word index after the clause holding word `index`. */
export function clauseEnd(analysis: TextAnalysis, index: number): number {
  let k = index + 1;
  while (k < analysis.count) {
    if (breaksBefore(analysis, k)) return k;
    if (CLAUSE_LINKS.has(analysis.word(k))) return k;
    k++;
  }
  return analysis.count;
}

/** A negation word between the start of the clause and word `index`. */
export function negatedInClause(analysis: TextAnalysis, index: number): boolean {
  const from = clauseStart(analysis, index);
  for (let k = index - 1; k >= from; k--) if (isNegationWord(analysis, k)) return true;
  return false;
}

const NEGATOR_HASHES = new Set(NEARBY_NEGATORS.map(hashWord));
/** 1 where a negator's hash has these low 16 bits: most words skip the Set lookup. */
const NEGATOR_FILTER = new Uint8Array(0x10000);
for (const hash of NEGATOR_HASHES) NEGATOR_FILTER[hash & 0xffff] = 1;
const ENOUGH = hashWord('enough');

/** How many words before a match a negation still applies to ("can't really fully guarantee"). */
const NEGATION_WINDOW = 4;

/** A negation word shortly before the match, in the same clause: "we can't guarantee", "not sorry". */
export function isNegated(analysis: TextAnalysis, start: number, end: number): boolean {
  const { hashes, flags } = analysis;
  // "I can't apologise enough" is an apology, not a refusal to make one.
  if (hashes[end] === ENOUGH && flags[end] === 0 && analysis.word(end) === 'enough') return false;
  for (let k = start - 1; k >= 0 && k >= start - NEGATION_WINDOW; k--) {
    if (((flags[k + 1] as number) & CLAUSE_BREAK) !== 0) return false;
    if (((flags[k] as number) & ENDS_NT) !== 0) return !inCondition(analysis, k, start);
    const hash = hashes[k] as number;
    if (NEGATOR_FILTER[hash & 0xffff] === 1 && NEGATOR_HASHES.has(hash) && isNegatorWord(analysis.word(k)))
      return !inCondition(analysis, k, start);
  }
  return false;
}

const CONDITIONS = new Set(['if', 'unless', 'when', 'once'].map(hashWord));

/** "If it's not there by Thursday I'll send another": the negation belongs to the condition. */
function inCondition(analysis: TextAnalysis, negation: number, start: number): boolean {
  for (let k = negation - 1; k >= 0 && k >= start - NEGATION_WINDOW - 2; k--) {
    if (CONDITIONS.has(analysis.hashes[k] as number)) return true;
    if (((analysis.flags[k + 1] as number) & CLAUSE_BREAK) !== 0) return false;
  }
  return false;
}

function isNegatorWord(word: string): boolean {
  return NEARBY_NEGATORS.includes(word);
}
