/**
 * Inflection-tolerant phrases: "happen again" also finds "happens again", "it never turned up"
 * finds "never turn up", "sent it back" finds "send it back", and a phrase may run over a single
 * line break (a wrapped line), never over a sentence's end or a blank line. Used where a phrase
 * names a concept in someone else's words (the customer's message, a promise in a reply), not on
 * the per-keystroke path of plain phrase steps.
 */
import { stem } from './stem';
import { analyseText, type TextAnalysis } from './text';

/** Irregular forms that carry the same meaning as their base verb (or singular noun). */
const IRREGULAR: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  sent: 'send',
  got: 'get',
  gotten: 'get',
  came: 'come',
  took: 'take',
  taken: 'take',
  broke: 'break',
  broken: 'break',
  bought: 'buy',
  paid: 'pay',
  left: 'leave',
  found: 'find',
  gave: 'give',
  given: 'give',
  made: 'make',
  told: 'tell',
  went: 'go',
  gone: 'go',
  saw: 'see',
  seen: 'see',
  had: 'have',
  has: 'have',
  was: 'be',
  were: 'be',
  been: 'be',
  is: 'be',
  are: 'be',
  am: 'be',
  did: 'do',
  does: 'do',
  done: 'do',
  won: 'win',
  kept: 'keep',
  shown: 'show',
  hung: 'hang',
  stuck: 'stick',
  wrote: 'write',
  written: 'write',
  charged: 'charge',
});

/** The form two inflections of one word share: "arrived"/"arrives" → "arriv", "sent" → "send". */
export function lemma(word: string): string {
  const base = IRREGULAR[word];
  return base ?? stem(word);
}

export interface InflectedWord {
  lemma: string;
  /** Written with a trailing `*`: any word starting with `word` matches. */
  prefix: string | undefined;
}

export type InflectedPhrase = InflectedWord[];

/** Compiles a phrase ("never turn* up") once; `*` ends a prefix word as in playbook phrases. */
export function inflectedPhrase(phrase: string): InflectedPhrase {
  const analysis = analyseText(phrase);
  const words: InflectedPhrase = [];
  for (let i = 0; i < analysis.count; i++) {
    const word = analysis.word(i);
    const isPrefix = phrase.charCodeAt(analysis.ends[i] as number) === 42;
    words.push({ lemma: lemma(word), prefix: isPrefix ? word : undefined });
  }
  return words;
}

/** A text's words as lemmas, with where one word may not continue into the next. */
export interface InflectedText {
  analysis: TextAnalysis;
  words: string[];
  lemmas: string[];
  /** `joined[i]`: word i and word i+1 may be read as one phrase (no sentence end between). */
  joined: boolean[];
}

const SENTENCE_END = /[.!?…]|\n[ \t]*\n/;

export function inflectedText(text: string): InflectedText {
  const analysis = analyseText(text);
  const words: string[] = [];
  const lemmas: string[] = [];
  const joined: boolean[] = [];
  for (let i = 0; i < analysis.count; i++) {
    const word = analysis.word(i);
    words.push(word);
    lemmas.push(lemma(word));
    const gap = i + 1 < analysis.count ? text.slice(analysis.ends[i], analysis.starts[i + 1]) : '.';
    joined.push(!SENTENCE_END.test(gap));
  }
  return { analysis, words, lemmas, joined };
}

function wordMatches(text: InflectedText, index: number, wanted: InflectedWord): boolean {
  if (wanted.prefix !== undefined) return (text.words[index] as string).startsWith(wanted.prefix);
  return text.lemmas[index] === wanted.lemma;
}

/** Every occurrence of `phrase` in `text`, as word ranges [start, end). */
export function findInflected(
  text: InflectedText,
  phrase: InflectedPhrase,
): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const first = phrase[0];
  if (!first) return found;
  const count = text.words.length;
  for (let i = 0; i + phrase.length <= count; i++) {
    if (!wordMatches(text, i, first)) continue;
    let k = 1;
    while (
      k < phrase.length &&
      text.joined[i + k - 1] &&
      wordMatches(text, i + k, phrase[k] as InflectedWord)
    )
      k++;
    if (k === phrase.length) found.push({ start: i, end: i + k });
  }
  return found;
}

const DIRECT_NEGATORS = new Set(['no', 'not', 'nothing', 'without', 'never', 'nor', 'zero']);
const ARTICLES = new Set(['a', 'an', 'any', 'the', 'really', 'actually', 'at', 'all']);

/**
 * A topic word denied outright — "no problem", "not a big deal", "nothing is broken" — as opposed
 * to one the customer is still talking about ("I haven't had my refund" is about a refund).
 */
export function isTopicDenied(text: InflectedText, start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - 3; k--) {
    if (!text.joined[k]) return false;
    const word = text.words[k] as string;
    if (DIRECT_NEGATORS.has(word)) return true;
    if (!ARTICLES.has(word) && !(k === start - 1 && (word === 'is' || word === 'was'))) return false;
  }
  return false;
}
