/**
 * The phrase language of playbooks: words, never regular expressions, so no playbook can make a
 * check slow. Whole words; case- and accent-insensitive; a word ending in `*` matches any word it
 * starts; `{{variable}}` inserts a ticket variable. All of a playbook's fixed phrases share one
 * word trie keyed by word hash, so matching every phrase of every step costs one pass over the
 * reply's words with one integer lookup each.
 */

import { fillTemplate } from './template';
import { analyseText, hashWord, SENTENCE_BREAK, type TextAnalysis, wordEquals, wordStartsWith } from './text';

export { isNegated } from './negation';

import { TrieChildren } from './trie-children';

export interface PhraseWord {
  word: string;
  hash: number;
  prefix: boolean;
}

export interface TrieNode {
  /** The word that leads to this node (checked on a hash hit). */
  word: string;
  exact: TrieChildren | null;
  /** Prefix words, by their first character's code (an array: faster than a Map for these keys). */
  prefixes: (PrefixBucket | undefined)[] | null;
  /** Ids of phrases that end at this node. */
  ends: number[] | null;
}

export interface PhraseMatch {
  phrase: number;
  /** First word index. */
  start: number;
  /** Word index after the last word. */
  end: number;
}

/** Phrases compiled once per playbook; ids are indexes into `sources`. */
export interface PhraseSet {
  sources: string[];
  root: TrieNode;
  /** Phrases with `{{variables}}`: filled and matched per check. */
  dynamic: { id: number; template: string }[];
  /**
   * 1 where some phrase's first word has a hash with these low 16 bits: most words of a reply start
   * no phrase, and this one array read lets them skip the trie entirely.
   */
  firstWordFilter: Uint8Array;
  /**
   * Per lower-case ASCII first character of a root prefix word: 2 when any word starting with it
   * may match (a one-letter or non-ASCII prefix), 1 when `rootPrefixPairs` says by the second.
   */
  rootPrefixCodes: Uint8Array;
  /** 1 at `first * 128 + second` for the first two characters of each root prefix word. */
  rootPrefixPairs: Uint8Array;
}

/**
 * The prefix words of one trie node that share a first character. Indexed by the whole prefix, so
 * adding one is a lookup, not a scan (10,000 prefix keywords compiled in quadratic time, issue 14),
 * and a word with many candidates looks up its own prefixes, one per distinct prefix length.
 */
interface PrefixBucket {
  entries: { prefix: string; node: TrieNode }[];
  byPrefix: Map<string, TrieNode>;
  lengths: Set<number>;
}

/** Up to this many prefixes in a bucket are tried one by one (no string made for the word). */
const SCANNED_PREFIXES = 16;

const FILTER_SIZE = 0x10000;
const FILTER_MASK = 0xffff;

const newNode = (word: string): TrieNode => ({ word, exact: null, prefixes: null, ends: null });

/** Splits a phrase into normalised words; a word directly followed by `*` becomes a prefix. */
export function compilePhraseWords(phrase: string): PhraseWord[] {
  const analysis = analyseText(phrase);
  const words: PhraseWord[] = [];
  for (let i = 0; i < analysis.count; i++) {
    const word = analysis.word(i);
    words.push({ word, hash: hashWord(word), prefix: phrase.charCodeAt(analysis.ends[i] as number) === 42 });
  }
  return words;
}

export class PhraseSetBuilder {
  private readonly set: PhraseSet = {
    sources: [],
    root: newNode(''),
    dynamic: [],
    firstWordFilter: new Uint8Array(FILTER_SIZE),
    rootPrefixCodes: new Uint8Array(128),
    rootPrefixPairs: new Uint8Array(128 * 128),
  };
  private readonly ids = new Map<string, number>();

  /** Adds a phrase (once, however many steps use it) and returns its id. */
  add(phrase: string): number {
    const known = this.ids.get(phrase);
    if (known !== undefined) return known;
    const id = this.set.sources.length;
    this.set.sources.push(phrase);
    this.ids.set(phrase, id);
    if (phrase.includes('{{')) this.set.dynamic.push({ id, template: phrase });
    else insert(this.set.root, compilePhraseWords(phrase), id);
    return id;
  }

  build(): PhraseSet {
    const { root, firstWordFilter, rootPrefixCodes, rootPrefixPairs } = this.set;
    firstWordFilter.fill(0);
    for (const hash of root.exact?.hashes() ?? []) firstWordFilter[hash & FILTER_MASK] = 1;
    rootPrefixCodes.fill(0);
    rootPrefixPairs.fill(0);
    (root.prefixes ?? []).forEach((bucket, first) => {
      if (bucket === undefined || first >= 128) return;
      for (const { prefix } of bucket.entries) {
        const second = prefix.charCodeAt(1);
        if (prefix.length < 2 || second >= 128) rootPrefixCodes[first] = 2;
        else {
          rootPrefixCodes[first] = Math.max(rootPrefixCodes[first] as number, 1);
          rootPrefixPairs[first * 128 + second] = 1;
        }
      }
    });
    return this.set;
  }
}

function insert(root: TrieNode, words: PhraseWord[], id: number): void {
  if (words.length === 0) return;
  let node = root;
  for (const { word, hash, prefix } of words) {
    if (prefix) {
      node.prefixes ??= [];
      const first = word.charCodeAt(0);
      let bucket = node.prefixes[first];
      if (!bucket) {
        bucket = { entries: [], byPrefix: new Map(), lengths: new Set() };
        node.prefixes[first] = bucket;
      }
      let next = bucket.byPrefix.get(word);
      if (!next) {
        next = newNode(word);
        bucket.entries.push({ prefix: word, node: next });
        bucket.byPrefix.set(word, next);
        bucket.lengths.add(word.length);
      }
      node = next;
    } else {
      node.exact ??= new TrieChildren();
      let next = node.exact.get(hash);
      // Two different phrase words with one hash: astronomically rare; the word check below
      // keeps it correct (the second word then never matches) rather than silently wrong.
      if (!next) {
        next = newNode(word);
        node.exact.set(hash, next);
      }
      node = next;
    }
  }
  node.ends ??= [];
  node.ends.push(id);
}

/** First code of word `index` in normalised form, for the prefix buckets. */
function firstCode(analysis: TextAnalysis, index: number): number {
  const code = analysis.text.charCodeAt(analysis.starts[index] as number);
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 128) return code;
  return analysis.word(index).charCodeAt(0);
}

type Matches = (PhraseMatch[] | undefined)[];

function record(byPhrase: Matches, node: TrieNode, start: number, end: number): void {
  if (!node.ends) return;
  for (const phrase of node.ends) {
    const match = { phrase, start, end };
    const list = byPhrase[phrase];
    if (list) list.push(match);
    else byPhrase[phrase] = [match];
  }
}

/** Follows the trie from `node` with word `at`; phrases never span a sentence break. */
function walk(analysis: TextAnalysis, byPhrase: Matches, node: TrieNode, start: number, at: number): void {
  if (at >= analysis.count) return;
  if (at > start && ((analysis.flags[at] as number) & SENTENCE_BREAK) !== 0) return;
  if (node.exact) {
    const next = node.exact.get(analysis.hashes[at] as number);
    if (next && wordEquals(analysis, at, next.word)) advance(analysis, byPhrase, next, start, at + 1);
    const stemHash = analysis.stemHashes[at] as number;
    if (stemHash !== -1) followStem(analysis, byPhrase, node.exact.get(stemHash), start, at);
  }
  if (node.prefixes) followPrefixes(analysis, byPhrase, node.prefixes, start, at);
}

/** "customer's" also counts as "customer". */
function followStem(
  analysis: TextAnalysis,
  byPhrase: Matches,
  stem: TrieNode | undefined,
  start: number,
  at: number,
): void {
  if (stem && analysis.word(at) === `${stem.word}'s`) advance(analysis, byPhrase, stem, start, at + 1);
}

function followPrefixes(
  analysis: TextAnalysis,
  byPhrase: Matches,
  prefixes: (PrefixBucket | undefined)[],
  start: number,
  at: number,
): void {
  const bucket = prefixes[firstCode(analysis, at)];
  if (bucket && bucket.entries.length <= SCANNED_PREFIXES) {
    for (const entry of bucket.entries) {
      if (wordStartsWith(analysis, at, entry.prefix)) advance(analysis, byPhrase, entry.node, start, at + 1);
    }
  } else if (bucket) {
    const word = analysis.word(at);
    for (const length of bucket.lengths) {
      const next = length <= word.length ? bucket.byPrefix.get(word.slice(0, length)) : undefined;
      if (next) advance(analysis, byPhrase, next, start, at + 1);
    }
  }
}

function advance(
  analysis: TextAnalysis,
  byPhrase: Matches,
  node: TrieNode,
  start: number,
  end: number,
): void {
  record(byPhrase, node, start, end);
  if (node.exact || node.prefixes) walk(analysis, byPhrase, node, start, end);
}

const filledByVariables = new WeakMap<Record<string, string>, Map<string, PhraseWord[] | null>>();

/**
 * A phrase with `{{variables}}` filled from this ticket's and compiled, once per ticket (the
 * variables object is reused while the ticket stays the same); null when the ticket lacks one.
 */
function filledWords(template: string, variables: Record<string, string>): PhraseWord[] | null {
  let byTemplate = filledByVariables.get(variables);
  if (!byTemplate) {
    byTemplate = new Map();
    filledByVariables.set(variables, byTemplate);
  }
  let words = byTemplate.get(template);
  if (words === undefined) {
    const filled = fillTemplate(template, variables);
    words = filled.includes('{{') ? null : compilePhraseWords(filled);
    byTemplate.set(template, words);
  }
  return words;
}

const asciiLower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * Whether the word at [start, end) may start a root prefix word, read from its first two
 * characters without a call or a string; non-ASCII ones (which normalising may change) say yes.
 */
function mayStartPrefix(text: string, start: number, end: number, set: PhraseSet): boolean {
  const first = text.charCodeAt(start);
  if (first >= 128) return true;
  const byFirst = set.rootPrefixCodes[asciiLower(first)] as number;
  if (byFirst !== 1) return byFirst === 2;
  // Only prefixes of two or more characters start with this one: a shorter word cannot match.
  if (end - start < 2) return false;
  const second = text.charCodeAt(start + 1);
  return second >= 128 || set.rootPrefixPairs[asciiLower(first) * 128 + asciiLower(second)] === 1;
}

/** Every occurrence of every phrase of `set` in `analysis`, grouped by phrase id. */
export function matchPhrases(
  analysis: TextAnalysis,
  set: PhraseSet,
  variables: Record<string, string>,
): Matches {
  const byPhrase: Matches = [];
  const root = set.root;
  if (root.exact || root.prefixes) {
    // The root's step of `walk`, with the filter in front of each lookup: most words start no
    // phrase, and a word that may start one only by its first letter skips the hash lookup.
    const { hashes, stemHashes, count, starts, ends, text } = analysis;
    const filter = set.firstWordFilter;
    const { exact, prefixes } = root;
    for (let i = 0; i < count; i++) {
      const hash = hashes[i] as number;
      if (exact !== null && filter[hash & FILTER_MASK] === 1) {
        const next = exact.get(hash);
        if (next && wordEquals(analysis, i, next.word)) advance(analysis, byPhrase, next, i, i + 1);
      }
      const stem = stemHashes[i] as number;
      if (exact !== null && stem !== -1 && filter[stem & FILTER_MASK] === 1)
        followStem(analysis, byPhrase, exact.get(stem), i, i);
      if (prefixes !== null && mayStartPrefix(text, starts[i] as number, ends[i] as number, set))
        followPrefixes(analysis, byPhrase, prefixes, i, i);
    }
  }
  for (const { id, template } of set.dynamic) {
    const words = filledWords(template, variables);
    // A variable this ticket lacks: the phrase cannot occur.
    if (!words) continue;
    for (const match of findWords(analysis, words)) {
      const list = byPhrase[id];
      const found = { phrase: id, start: match.start, end: match.end };
      if (list) list.push(found);
      else byPhrase[id] = [found];
    }
  }
  return byPhrase;
}

/** Occurrences of a word sequence (a filled phrase, a name, an order number) in `analysis`. */
export function findWords(analysis: TextAnalysis, words: PhraseWord[]): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const first = words[0];
  if (!first) return found;
  const { hashes, stemHashes } = analysis;
  const { hash: firstHash, prefix: firstIsPrefix } = first;
  const last = analysis.count - words.length;
  for (let i = 0; i <= last; i++) {
    if (!firstIsPrefix && hashes[i] !== firstHash && stemHashes[i] !== firstHash) continue;
    let same = true;
    for (let k = 0; k < words.length && same; k++) {
      const expected = words[k] as PhraseWord;
      const at = i + k;
      if (k > 0 && ((analysis.flags[at] as number) & SENTENCE_BREAK) !== 0) same = false;
      else if (expected.prefix) same = wordStartsWith(analysis, at, expected.word);
      else same = wordEquals(analysis, at, expected.word) || analysis.word(at) === `${expected.word}'s`;
    }
    if (same) found.push({ start: i, end: i + words.length });
  }
  return found;
}

/** The text a match covers, as the agent wrote it. */
export function matchText(analysis: TextAnalysis, match: { start: number; end: number }): string {
  return analysis.text.slice(analysis.starts[match.start], analysis.ends[match.end - 1]);
}

export function matchSpan(analysis: TextAnalysis, match: { start: number; end: number }) {
  return { start: analysis.starts[match.start] as number, end: analysis.ends[match.end - 1] as number };
}
