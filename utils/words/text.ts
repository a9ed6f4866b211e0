/**
 * Splits text into words once per check, keeping each word's offsets in the original text. Every
 * check kind reads this one analysis. To stay within a few times the cost of lower-casing the text,
 * the scan allocates no strings: each word gets a hash of its lower-cased, accent-free form, and
 * lookups compare hashes first and characters only on a hit. `word(i)` makes the string on demand.
 */
import {
  asciiMatchesAt,
  asciiWord,
  HASH_MASK,
  HASH_SEED,
  hashWord,
  nonAsciiWordAt,
  normaliseWord,
} from './word-cache';

export { hashWord, normaliseWord } from './word-cache';

/** A clause ends before this word: `, ; : ( ) – —` or anything that is a SENTENCE_BREAK. */
export const CLAUSE_BREAK = 1;
/** A sentence or line ends before this word: `. ! ? …` or a line break (also set on the first word). */
export const SENTENCE_BREAK = 2;
/** The word sits inside a quotation ("…" or “…”) that opens and closes on one line. */
export const QUOTED = 4;
/** The word ends in "n't" (can't, won't, doesn't): a negation. */
export const ENDS_NT = 8;
/** The word has non-ASCII letters: its normalised form differs from plain lower-casing. */
const NON_ASCII = 16;
/** The word starts with a digit (0–9): checks looking for numbers skip the rest without reading the text. */
export const STARTS_WITH_DIGIT = 32;

export interface TextAnalysis {
  /** The text offsets refer to. */
  text: string;
  count: number;
  /** Hash of each word's normalised form (see `hashWord`). Typed arrays may be longer than `count`. */
  hashes: Int32Array;
  /** Hash of the word without a possessive "'s" (customer's → customer), or -1. */
  stemHashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** CLAUSE_BREAK | SENTENCE_BREAK | QUOTED | ENDS_NT | STARTS_WITH_DIGIT bits per word. */
  flags: Uint8Array;
  /**
   * Whether the text has anything that could start quoted history or a signature (`>`, `--`,
   * `__`, `wrote:`, `from:`, `sent from`): when false, `nonReplyRanges` would find nothing.
   */
  mayHaveNonReply: boolean;
  /** The normalised word: lower-cased, accents stripped, ’ folded to '. Made on demand. */
  word(index: number): string;
}

const WORD_CHAR_NON_ASCII = /[\p{L}\p{N}\p{M}]/u;

/** For each ASCII code: its lower-case form when it is a letter or digit, else 0. */
const ASCII_WORD_LOWER = new Uint8Array(128);
for (let code = 48; code <= 57; code++) ASCII_WORD_LOWER[code] = code;
for (let code = 97; code <= 122; code++) ASCII_WORD_LOWER[code] = code;
for (let code = 65; code <= 90; code++) ASCII_WORD_LOWER[code] = code + 32;

function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

const nonAsciiWordCodes = new Map<number, boolean>();

function isWordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiWordCode(code);
  // Latin-1 and Latin Extended letters, without the Unicode lookup: the common case in replies.
  if (code >= 0xc0 && code < 0x250) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0x300 && code < 0x370) return true; // combining accents
  if (code < 0xc0 || (code >= 0x2000 && code < 0x2070))
    return code === 0xaa || code === 0xb5 || code === 0xba;
  // Surrogate pairs (emoji and rarer scripts) separate words.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  let known = nonAsciiWordCodes.get(code);
  if (known === undefined) {
    known = WORD_CHAR_NON_ASCII.test(text.charAt(index));
    nonAsciiWordCodes.set(code, known);
  }
  return known;
}

// Words that, with a colon or each other, may start quoted history: "wrote:", "from:", "sent from".
const WROTE = hashWord('wrote');
const FROM = hashWord('from');
const SENT = hashWord('sent');

function breakFlagFor(code: number): number {
  switch (code) {
    case 46: // .
    case 33: // !
    case 63: // ?
    case 10: // \n
    case 0x2026: // …
      return SENTENCE_BREAK | CLAUSE_BREAK;
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 40: // (
    case 41: // )
    case 0x2013: // –
    case 0x2014: // —
      return CLAUSE_BREAK;
    default:
      return 0;
  }
}

/** Reusable arrays for `analyseText`, so checking on every keystroke allocates almost nothing. */
export interface AnalysisBuffers {
  hashes: Int32Array;
  stemHashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
}

function buffersFor(capacity: number, reuse: AnalysisBuffers | undefined): AnalysisBuffers {
  if (reuse && reuse.hashes.length >= capacity) return reuse;
  const size = Math.max(capacity, reuse ? reuse.hashes.length * 2 : 0);
  const fresh = {
    hashes: new Int32Array(size),
    stemHashes: new Int32Array(size),
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    flags: new Uint8Array(size),
  };
  if (reuse) Object.assign(reuse, fresh);
  return fresh;
}

/** Empty buffers to pass to `analyseText`; an analysis made with them is valid until their next use. */
export function createAnalysisBuffers(): AnalysisBuffers {
  return buffersFor(64, undefined);
}

/**
 * Splits `text` into words. Offsets are UTF-16 indexes into `text`. With `reuse`, the analysis
 * borrows those arrays: it is valid only until the next analysis made with the same buffers.
 */
export function analyseText(input: string, reuse?: AnalysisBuffers): TextAnalysis {
  // A rope (text built by concatenation: htmlToText, a test's reply) read one character at a time
  // ran this scan at half speed in about one process in four, depending on which code first met
  // it. `toWellFormed` returns its flat contents (no copy without lone surrogates; a lone
  // surrogate becomes U+FFFD, one code unit for one, so offsets stay). Chrome 111, Firefox 119.
  const text = input.toWellFormed();
  const length = text.length;
  // A word takes at least one character and one separator, so this many slots always suffice
  // (one more for the zeroed slot after the last word).
  const { hashes, stemHashes, starts, ends, flags } = buffersFor((length >> 1) + 2, reuse);
  let count = 0;
  let pendingFlags = SENTENCE_BREAK | CLAUSE_BREAK;
  let quoteOpenWord = -1;
  let mayHaveNonReply = false;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    let lower = code < 128 ? (ASCII_WORD_LOWER[code] as number) : isWordCharAt(text, i) ? code : 0;
    if (lower === 0) {
      if (code === 32) {
        i++; // a space, the commonest character between words, only ends the word
        continue;
      }
      if (code === 34 || code === 0x201c || code === 0x201d) {
        // A straight quote opens when no quotation is open; curly quotes say which they are.
        if (quoteOpenWord === -1 && code !== 0x201d) quoteOpenWord = count;
        else if (quoteOpenWord !== -1 && code !== 0x201c) {
          for (let w = quoteOpenWord; w < count; w++) flags[w] = (flags[w] as number) | QUOTED;
          quoteOpenWord = -1;
        }
      } else if (code < 128 || code >= 0x2013) {
        const flag = breakFlagFor(code);
        if (flag !== 0) {
          pendingFlags |= flag;
          if (code === 10) quoteOpenWord = -1;
          // "wrote:" / "from:" right after the word.
          if (code === 58 && count > 0 && ends[count - 1] === i) {
            const previous = hashes[count - 1] as number;
            if (previous === WROTE || previous === FROM) mayHaveNonReply = true;
          }
        } else if (code === 62 || ((code === 45 || code === 95) && text.charCodeAt(i + 1) === code)) {
          mayHaveNonReply = true; // ">", "--", "__"
        }
      }
      i++;
      continue;
    }
    const start = i;
    let wordFlags =
      code < 128 ? (code <= 57 ? pendingFlags | STARTS_WITH_DIGIT : pendingFlags) : pendingFlags | NON_ASCII;
    let hash = HASH_SEED;
    let stemHash = -1;
    while (true) {
      hash = Math.imul(hash ^ lower, 0x01000193) & HASH_MASK;
      i++;
      if (i >= length) break;
      code = text.charCodeAt(i);
      if (code < 128) {
        lower = ASCII_WORD_LOWER[code] as number;
        if (lower !== 0) continue;
      } else if (isWordCharAt(text, i)) {
        wordFlags |= NON_ASCII;
        lower = code;
        continue;
      }
      // An apostrophe between letters stays inside the word: can't, we'll, customer's.
      if ((code === 39 || code === 0x2019) && i + 1 < length && isWordCharAt(text, i + 1)) {
        const next = text.charCodeAt(i + 1) | 32;
        const afterNext = i + 2 < length ? text.charCodeAt(i + 2) : 32;
        if (next === 115 && (afterNext >= 128 ? !isWordCharAt(text, i + 2) : !isAsciiWordCode(afterNext))) {
          stemHash = hash;
        }
        if (next === 116 && (text.charCodeAt(i - 1) | 32) === 110) wordFlags |= ENDS_NT; // n't
        if (code !== 39) wordFlags |= NON_ASCII; // ’ is folded to ' by the normalising path
        lower = 39;
        continue;
      }
      // "100%" is one word, so a playbook can forbid "100%" without forbidding "100".
      if (code === 37) {
        hash = Math.imul(hash ^ code, 0x01000193) & HASH_MASK;
        i++;
      }
      break;
    }
    if ((wordFlags & ENDS_NT) !== 0 && (text.charCodeAt(i - 1) | 32) !== 116) wordFlags &= ~ENDS_NT;
    if ((wordFlags & NON_ASCII) !== 0) {
      const known = nonAsciiWordAt(text, start, i, hash);
      hash = known.hash;
      stemHash = known.stemHash;
    }
    if (hash === FROM && count > 0 && hashes[count - 1] === SENT) mayHaveNonReply = true;
    hashes[count] = hash;
    stemHashes[count] = stemHash;
    starts[count] = start;
    ends[count] = i;
    flags[count] = wordFlags;
    count++;
    pendingFlags = 0;
  }
  // Reused buffers hold old words past the end: the slot after the last word reads as nothing.
  hashes[count] = 0;
  stemHashes[count] = -1;
  flags[count] = 0;
  return finishAnalysis(text, count, hashes, stemHashes, starts, ends, flags, mayHaveNonReply);
}

/**
 * The analysis `maskedText` would get, made from `analysis` of the unmasked text by dropping the
 * words inside `ranges` instead of scanning again. `maskedText` is the analysed text with the
 * ranges blanked out (`maskRanges`). Exact when every range starts at a line's start and ends at a
 * line's end (as `nonReplyRanges` gives them): a line break then separates the words on either side
 * in both texts, so the words kept have the same break and quotation flags; otherwise this scans
 * `maskedText` again (with `reuse`). Reuses the arrays of `analysis`, which is then no longer valid.
 */
export function withoutWordsIn(
  analysis: TextAnalysis,
  ranges: readonly { start: number; end: number }[],
  maskedText: string,
  reuse?: AnalysisBuffers,
): TextAnalysis {
  const { text, hashes, stemHashes, starts, ends, flags } = analysis;
  for (const range of ranges) {
    const startsLine = range.start === 0 || text.charCodeAt(range.start - 1) === 10;
    const endsLine =
      range.end >= text.length || text.charCodeAt(range.end) === 10 || text.charCodeAt(range.end - 1) === 10;
    if (!startsLine || !endsLine) return analyseText(maskedText, reuse);
  }
  // Words before the first range stay where they are: find the first one inside it by bisection
  // (a signature sits at the end, so most words are never touched).
  const firstStart = ranges.length > 0 ? (ranges[0] as { start: number }).start : text.length;
  let low = 0;
  let high = analysis.count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] as number) < firstStart) low = middle + 1;
    else high = middle;
  }
  let kept = low;
  let rangeIndex = 0;
  for (let i = low; i < analysis.count; i++) {
    const start = starts[i] as number;
    while (rangeIndex < ranges.length && (ranges[rangeIndex] as { end: number }).end <= start) rangeIndex++;
    const range = ranges[rangeIndex];
    if (range && range.start <= start) continue;
    hashes[kept] = hashes[i] as number;
    stemHashes[kept] = stemHashes[i] as number;
    starts[kept] = start;
    ends[kept] = ends[i] as number;
    flags[kept] = flags[i] as number;
    kept++;
  }
  hashes[kept] = 0;
  stemHashes[kept] = -1;
  flags[kept] = 0;
  // `maskRanges` builds the masked text by concatenation: a rope, as `analyseText`'s input can be
  // (see there). `toWellFormed` flattens it once, before the checks' hundreds of reads; the content
  // stays (the ranges end at line breaks, so no surrogate pair is split).
  return finishAnalysis(maskedText.toWellFormed(), kept, hashes, stemHashes, starts, ends, flags, false);
}

// Separate from the scan on purpose: a closure over the scan's variables would move them out of
// registers into a heap context, which made the hot loop several times slower.
function finishAnalysis(
  text: string,
  count: number,
  hashes: Int32Array,
  stemHashes: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
  flags: Uint8Array,
  mayHaveNonReply: boolean,
): TextAnalysis {
  // Sized when the first word is asked for (the analysis of a signed reply is replaced before any
  // is): words are asked for out of order, and a growing sparse array turns slow.
  let made: (string | undefined)[] | undefined;
  return {
    text,
    count,
    hashes,
    stemHashes,
    starts,
    ends,
    flags,
    mayHaveNonReply,
    word(index: number): string {
      made ??= new Array(count);
      const known = made[index];
      if (known !== undefined) return known;
      if (index < 0 || index >= count) return '';
      const start = starts[index] as number;
      const end = ends[index] as number;
      const word =
        ((flags[index] as number) & NON_ASCII) !== 0
          ? normaliseWord(text.slice(start, end))
          : asciiWord(text, start, end, hashes[index] as number);
      made[index] = word;
      return word;
    },
  };
}

/** Whether word `index` equals the normalised `word`, without making a string for ASCII words. */
export function wordEquals(analysis: TextAnalysis, index: number, word: string): boolean {
  if (index < 0 || index >= analysis.count) return false;
  const flags = analysis.flags[index] as number;
  if ((flags & NON_ASCII) !== 0) return analysis.word(index) === word;
  const start = analysis.starts[index] as number;
  if ((analysis.ends[index] as number) - start !== word.length) return false;
  return asciiMatchesAt(analysis.text, start, word);
}

/** Whether word `index` starts with the normalised `prefix`. */
export function wordStartsWith(analysis: TextAnalysis, index: number, prefix: string): boolean {
  if (index < 0 || index >= analysis.count) return false;
  const flags = analysis.flags[index] as number;
  if ((flags & NON_ASCII) !== 0) return analysis.word(index).startsWith(prefix);
  const start = analysis.starts[index] as number;
  if ((analysis.ends[index] as number) - start < prefix.length) return false;
  return asciiMatchesAt(analysis.text, start, prefix);
}

/** Normalised words of a short string (a phrase, a name). */
export function wordsOf(text: string): string[] {
  const analysis = analyseText(text);
  const words: string[] = [];
  for (let i = 0; i < analysis.count; i++) words.push(analysis.word(i));
  return words;
}
