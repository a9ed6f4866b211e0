import { afterAll, describe, expect, it } from 'vitest';
import { structuralAttacks } from './attacks';
import { CountingRegExp } from './backtrack';
import { checkedPatterns } from './patterns';

/**
 * The step counter of the ReDoS suite (backtrack.ts) is only worth its counts if it matches
 * what the browser matches: here it must give the same matches (index, text, every capture) as
 * native RegExp, on every pattern Keel ships, over random and seeded inputs.
 */

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [...'aAbxz09 \t\n\r.,:;#-_/<>"\'{}()[]|*&%$+=?!@\\éß\u0301\u2019…\u00a0😀', '\u2028'];
const WORDS = [
  'order',
  'wrote:',
  'On',
  'Thanks',
  'regards',
  'http://',
  'www.',
  '{{',
  '}}',
  '--',
  '>',
  'TODO',
  '#12',
];

/** Random inputs from the pattern's own pieces, common words and characters, up to 40 characters. */
function inputsFor(source: string, flags: string, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  // Seeds: the structural attacks at small sizes, so the inputs reach deep into the pattern.
  const seeded = structuralAttacks(source, flags).flatMap((attack) => [attack.build(3), attack.build(12)]);
  const pieces = [...ALPHABET, ...WORDS, ...seeded];
  const inputs = new Set<string>(['', ...seeded]);
  while (inputs.size < 200 + seeded.length) {
    let text = '';
    const length = Math.floor(next() * 12);
    for (let index = 0; index < length; index++) text += pick(pieces);
    inputs.add(text.slice(0, 40 + Math.floor(next() * 40)));
  }
  return [...inputs];
}

function nativeMatches(regex: RegExp, input: string) {
  const toMatch = (match: RegExpExecArray) => ({ index: match.index, groups: [...match] });
  if (regex.global) return [...input.matchAll(regex)].map(toMatch);
  const match = regex.exec(input);
  return match ? [toMatch(match)] : [];
}

const figures = { patterns: 0, inputs: 0, matches: 0 };
afterAll(() => {
  console.log(
    `[backtrack] ${figures.patterns} patterns, ${figures.inputs} inputs: the step counter's matches equal native RegExp's (${figures.matches} matches compared)`,
  );
});

describe('the step-counting matcher matches what native RegExp matches', () => {
  it.each([
    ['alternatives in order', 'a|ab', '', 'xab'],
    ['greedy and lazy bounded repetitions', '(a{1,3}?)(a{2,})', '', 'aaaaa'],
    ['captures reset on each iteration', '(z)((a+)?(b+)?(c))*', '', 'zaacbbbcac'],
    ['lookbehind right to left, with captures', '(?<=(\\d+)(\\d+))$', '', '1053'],
    ['negative lookbehind', '(?<!\\b(?:ticket|case)\\s?)#(\\d+)', 'i', 'ticket #12 and #34'],
    ['backreference into a lookahead', '(?=(a+))a*b\\1', '', 'baaabac'],
    ['backreference to a group of a failed negative lookahead', '(.*?)a(?!(a+)b\\2c)\\2(.*)', '', 'baaabaac'],
    ['empty iteration after the minimum', '(a*?)*', '', 'aa'],
    ['anchors per line with m', '^\\w+$', 'mg', 'ab\ncd'],
    ['surrogate pairs as one character with u', '.', 'gu', '😀x'],
    ['case folding with i and u', '\\w\\b', 'iu', 'ſ K'],
  ])('%s: /%s/%s on %j', (_name, source, flags, input) => {
    const counted = new CountingRegExp(source, flags).scan(input);
    expect(counted.matches).toEqual(nativeMatches(new RegExp(source, flags), input));
    expect(counted.steps).toBeGreaterThan(0);
  });

  it.each(
    checkedPatterns().map(
      (pattern, index) => [`/${pattern.source}/${pattern.flags}`, pattern, index] as const,
    ),
  )(
    '%s gives the native matches over a few hundred random and seeded inputs',
    (_name, pattern, index) => {
      const counting = new CountingRegExp(pattern.source, pattern.flags);
      const native = new RegExp(pattern.source, pattern.flags);
      const inputs = inputsFor(pattern.source, pattern.flags, index + 1);
      for (const input of inputs) {
        const counted = counting.scan(input).matches;
        const expected = nativeMatches(native, input);
        expect(counted, `/${pattern.source}/${pattern.flags} on ${JSON.stringify(input)}`).toEqual(expected);
        figures.matches += expected.length;
      }
      figures.patterns += 1;
      figures.inputs += inputs.length;
    },
    30_000,
  );
});
