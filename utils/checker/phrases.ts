/**
 * The phrase language of playbooks: words, never regular expressions, so no playbook can make a
 * check slow. Whole words; case- and accent-insensitive; a word ending in `*` matches any word it
 * starts; `{{variable}}` inserts a ticket variable. All of a playbook's fixed phrases share one
 * word trie, so matching every phrase of every step costs one pass over the reply.
 */

import { analyseText, CLAUSE_BREAK, SENTENCE_BREAK, type TextAnalysis } from './text';
import { fillTemplate } from './variables';

interface PhraseWord {
  word: string;
  prefix: boolean;
}

interface TrieNode {
  exact: Map<string, TrieNode> | null;
  prefixes: { prefix: string; node: TrieNode }[] | null;
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
}

const newNode = (): TrieNode => ({ exact: null, prefixes: null, ends: null });

/** Splits a phrase into words; a word directly followed by `*` becomes a prefix. */
export function compilePhraseWords(phrase: string): PhraseWord[] {
  const analysis = analyseText(phrase);
  return analysis.words.map((word, index) => ({
    word,
    prefix: phrase.charCodeAt(analysis.ends[index] as number) === 42, // "*"
  }));
}

export class PhraseSetBuilder {
  private readonly set: PhraseSet = { sources: [], root: newNode(), dynamic: [] };
  private readonly ids = new Map<string, number>();

  /** Adds a phrase (once, however many steps use it) and returns its id. */
  add(phrase: string): number {
    const known = this.ids.get(phrase);
    if (known !== undefined) return known;
    const id = this.set.sources.length;
    this.set.sources.push(phrase);
    this.ids.set(phrase, id);
    if (phrase.includes('{{')) {
      this.set.dynamic.push({ id, template: phrase });
      return id;
    }
    insert(this.set.root, compilePhraseWords(phrase), id);
    return id;
  }

  build(): PhraseSet {
    return this.set;
  }
}

function insert(root: TrieNode, words: PhraseWord[], id: number): void {
  if (words.length === 0) return;
  let node = root;
  for (const { word, prefix } of words) {
    if (prefix) {
      node.prefixes ??= [];
      let entry = node.prefixes.find((candidate) => candidate.prefix === word);
      if (!entry) {
        entry = { prefix: word, node: newNode() };
        node.prefixes.push(entry);
      }
      node = entry.node;
    } else {
      node.exact ??= new Map();
      let next = node.exact.get(word);
      if (!next) {
        next = newNode();
        node.exact.set(word, next);
      }
      node = next;
    }
  }
  node.ends ??= [];
  node.ends.push(id);
}

/** "customer's" also counts as "customer". */
function possessiveStem(word: string): string | undefined {
  return word.length > 2 && word.endsWith("'s") ? word.slice(0, -2) : undefined;
}

/**
 * Every occurrence of every phrase of `set` in `analysis`, grouped by phrase id. Phrases never
 * span a sentence break.
 */
export function matchPhrases(
  analysis: TextAnalysis,
  set: PhraseSet,
  variables: Record<string, string>,
): (PhraseMatch[] | undefined)[] {
  const byPhrase: (PhraseMatch[] | undefined)[] = new Array(set.sources.length);
  const { words, flags } = analysis;
  const count = words.length;
  const record = (node: TrieNode, start: number, end: number) => {
    if (node.ends) {
      for (const phrase of node.ends) {
        const list = byPhrase[phrase];
        if (list) list.push({ phrase, start, end });
        else byPhrase[phrase] = [{ phrase, start, end }];
      }
    }
  };
  const walk = (node: TrieNode, start: number, at: number) => {
    if (at >= count) return;
    if (at > start && ((flags[at] as number) & SENTENCE_BREAK) !== 0) return;
    const word = words[at] as string;
    if (node.exact) {
      const next = node.exact.get(word);
      if (next) step(next, start, at + 1);
      const stem = possessiveStem(word);
      if (stem !== undefined) {
        const stemNext = node.exact.get(stem);
        if (stemNext) step(stemNext, start, at + 1);
      }
    }
    if (node.prefixes) {
      for (const entry of node.prefixes) if (word.startsWith(entry.prefix)) step(entry.node, start, at + 1);
    }
  };
  const step = (node: TrieNode, start: number, end: number) => {
    record(node, start, end);
    if (node.exact || node.prefixes) walk(node, start, end);
  };
  const root = set.root;
  if (root.exact || root.prefixes) for (let i = 0; i < count; i++) walk(root, i, i);

  for (const { id, template } of set.dynamic) {
    const filled = fillTemplate(template, variables);
    if (filled.includes('{{') || filled.trim() === '') continue;
    const phraseWords = compilePhraseWords(filled);
    if (phraseWords.length === 0) continue;
    for (let i = 0; i + phraseWords.length <= count; i++) {
      if (matchesAt(analysis, phraseWords, i)) {
        const list = byPhrase[id];
        const match = { phrase: id, start: i, end: i + phraseWords.length };
        if (list) list.push(match);
        else byPhrase[id] = [match];
      }
    }
  }
  return byPhrase;
}

function matchesAt(analysis: TextAnalysis, phraseWords: PhraseWord[], at: number): boolean {
  for (let k = 0; k < phraseWords.length; k++) {
    const word = analysis.words[at + k] as string;
    const expected = phraseWords[k] as PhraseWord;
    if (k > 0 && ((analysis.flags[at + k] as number) & SENTENCE_BREAK) !== 0) return false;
    if (
      expected.prefix
        ? !word.startsWith(expected.word)
        : word !== expected.word && possessiveStem(word) !== expected.word
    )
      return false;
  }
  return true;
}

const NEGATORS = new Set([
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
]);

/** How many words before a match a negation still applies to ("can't really fully guarantee"). */
const NEGATION_WINDOW = 4;

/** A negation word shortly before the match, in the same clause: "we can't guarantee", "not sorry". */
export function isNegated(analysis: TextAnalysis, start: number, end: number): boolean {
  const { words, flags } = analysis;
  // "I can't apologise enough" is an apology, not a refusal to make one.
  if (words[end] === 'enough' && (flags[end] as number) === 0) return false;
  for (let k = start - 1; k >= 0 && k >= start - NEGATION_WINDOW; k--) {
    if (((flags[k + 1] as number) & CLAUSE_BREAK) !== 0) return false;
    const word = words[k] as string;
    if (NEGATORS.has(word) || word.endsWith("n't")) return true;
  }
  return false;
}

/** The text a match covers, as the agent wrote it. */
export function matchText(analysis: TextAnalysis, match: { start: number; end: number }): string {
  return analysis.text.slice(analysis.starts[match.start], analysis.ends[match.end - 1]);
}

export function matchSpan(analysis: TextAnalysis, match: { start: number; end: number }) {
  return { start: analysis.starts[match.start] as number, end: analysis.ends[match.end - 1] as number };
}
