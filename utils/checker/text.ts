/**
 * Splits text into normalised words once per check, keeping each word's offsets in the original
 * text. Every check kind reads this one analysis, so a check costs one pass over the reply plus a
 * lookup per word.
 */

/** A clause ends before this word: `, ; : ( ) – —` or anything in SENTENCE_BREAK. */
export const CLAUSE_BREAK = 1;
/** A sentence or line ends before this word: `. ! ?` or a line break (also set on the first word). */
export const SENTENCE_BREAK = 2;
/** The word sits inside a quotation ("…" or “…”) that opens and closes on one line. */
export const QUOTED = 4;

export interface TextAnalysis {
  /** The text offsets refer to. */
  text: string;
  /** Lower-cased, accent-free words; apostrophes folded to `'`. */
  words: string[];
  starts: number[];
  ends: number[];
  /** CLAUSE_BREAK | SENTENCE_BREAK | QUOTED bits per word. */
  flags: Uint8Array;
}

const WORD_CHAR_NON_ASCII = /[\p{L}\p{N}\p{M}]/u;
const COMBINING_MARKS = /\p{M}/gu;

function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

function isWordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiWordCode(code);
  // Surrogate pairs (emoji and rarer scripts) separate words.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return WORD_CHAR_NON_ASCII.test(text[index] as string);
}

/** Lower-cases, strips accents (NFD, then drops combining marks) and folds ’ to '. */
export function normaliseWord(word: string, hasNonAscii = true): string {
  const lower = word.toLowerCase();
  if (!hasNonAscii) return lower;
  return lower
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/\u2019/g, "'")
    .normalize('NFC');
}

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

/** Splits `text` into words. Offsets are UTF-16 indexes into `text`. */
export function analyseText(text: string): TextAnalysis {
  const lowered = text.toLowerCase();
  // toLowerCase keeps the length except for a few letters (e.g. "İ"); then lower-case per word.
  const sameLength = lowered.length === text.length;
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const flagList: number[] = [];
  const length = text.length;
  let pendingFlags = SENTENCE_BREAK | CLAUSE_BREAK;
  let quoteOpenWord = -1;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const ascii = code < 128;
    if (ascii ? !isAsciiWordCode(code) : !isWordCharAt(text, i)) {
      if (code === 34 || code === 0x201c || code === 0x201d) {
        // A straight quote opens when no quotation is open; curly quotes say which they are.
        if (quoteOpenWord === -1 && code !== 0x201d) quoteOpenWord = words.length;
        else if (quoteOpenWord !== -1 && code !== 0x201c) {
          for (let w = quoteOpenWord; w < words.length; w++) flagList[w] = (flagList[w] as number) | QUOTED;
          quoteOpenWord = -1;
        }
      } else {
        const flag = breakFlagFor(code);
        if (flag !== 0) {
          pendingFlags |= flag;
          if (code === 10) quoteOpenWord = -1;
        }
      }
      i++;
      continue;
    }
    const start = i;
    let nonAscii = !ascii;
    i++;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c < 128 ? isAsciiWordCode(c) : isWordCharAt(text, i)) {
        if (c >= 128) nonAscii = true;
        i++;
        continue;
      }
      // An apostrophe between letters stays inside the word: can't, we'll, customer's.
      if ((c === 39 || c === 0x2019) && i + 1 < length && isWordCharAt(text, i + 1)) {
        if (c !== 39) nonAscii = true;
        i += 2;
        continue;
      }
      // "100%" is one word, so a playbook can forbid "100%" without forbidding "100".
      if (c === 37) i++;
      break;
    }
    const raw = sameLength ? lowered.slice(start, i) : text.slice(start, i);
    words.push(nonAscii ? normaliseWord(raw) : sameLength ? raw : raw.toLowerCase());
    starts.push(start);
    ends.push(i);
    flagList.push(pendingFlags);
    pendingFlags = 0;
  }
  return { text, words, starts, ends, flags: Uint8Array.from(flagList) };
}

/** Normalised words of a short string (a phrase, a name), without offsets. */
export function wordsOf(text: string): string[] {
  return analyseText(text).words;
}
