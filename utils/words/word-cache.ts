/**
 * Normalised words and their hashes, and the caches that let a check on every keystroke reuse the
 * strings and hashes of the words it saw on the last one. Used by text.ts's scan.
 */

const COMBINING_MARKS = /\p{M}/gu;
export const HASH_MASK = 0x3fffffff; // stays a small integer in V8
export const HASH_SEED = 0x811c9dc5 & HASH_MASK;

const normalisedCache = new Map<string, string>();

/** Lower-cases, strips accents (NFD, then drops combining marks) and folds ’ to '. */
export function normaliseWord(word: string): string {
  const cached = normalisedCache.get(word);
  if (cached !== undefined) return cached;
  const normalised = word
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/\u2019/g, "'");
  if (normalisedCache.size > 5000) normalisedCache.clear();
  normalisedCache.set(word, normalised);
  return normalised;
}

/** The hash `analyseText` gives a word whose normalised form is `normalised`. */
export function hashWord(normalised: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < normalised.length; i++)
    hash = (Math.imul(hash ^ normalised.charCodeAt(i), 0x01000193) & HASH_MASK) | 0;
  return hash;
}

/** Whether the text at `start` reads `word` (normalised, ASCII) when lower-cased. */
export function asciiMatchesAt(text: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    let code = text.charCodeAt(start + k);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Words made by `word(i)` for ASCII words, by the low bits of their hash. The same words come back
 * on every keystroke; reusing the string (after comparing characters) saves making two per word.
 */
const INTERNED_SLOTS = 0x1000;
const interned: (string | undefined)[] = new Array(INTERNED_SLOTS).fill(undefined);

export function asciiWord(text: string, start: number, end: number, hash: number): string {
  const slot = hash & (INTERNED_SLOTS - 1);
  const known = interned[slot] as string | undefined;
  if (known !== undefined && known.length === end - start && asciiMatchesAt(text, start, known)) return known;
  const word = text.slice(start, end).toLowerCase();
  interned[slot] = word;
  return word;
}

export interface NonAsciiWord {
  raw: string;
  hash: number;
  stemHash: number;
}

/**
 * Hashes of the normalised forms of words with non-ASCII characters (café, María, we’ll), by the
 * low bits of the scan's hash of their characters. The same words come back on every keystroke;
 * comparing the characters costs less than slicing, normalising (a Map lookup) and hashing again.
 */
const NON_ASCII_SLOTS = 0x400;
const nonAsciiWords: (NonAsciiWord | undefined)[] = new Array(NON_ASCII_SLOTS).fill(undefined);

export function nonAsciiWordAt(text: string, start: number, end: number, scanHash: number): NonAsciiWord {
  const slot = scanHash & (NON_ASCII_SLOTS - 1);
  const known = nonAsciiWords[slot];
  if (known !== undefined && known.raw.length === end - start && text.startsWith(known.raw, start))
    return known;
  const raw = text.slice(start, end);
  const normalised = normaliseWord(raw);
  const fresh = {
    raw,
    hash: hashWord(normalised),
    stemHash: normalised.endsWith("'s") ? hashWord(normalised.slice(0, -2)) : -1,
  };
  nonAsciiWords[slot] = fresh;
  return fresh;
}
