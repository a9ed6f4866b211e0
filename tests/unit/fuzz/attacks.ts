import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { children } from './backtrack-compile';

/**
 * Adversarial inputs for a regular expression, built from its structure: for each repetition, a
 * string it matches repeated to the wanted size and followed by a character that forces the
 * match to fail, so a backtracking engine retries every way of splitting the run (the shape of
 * every polynomial or exponential ReDoS); plus the hostile texts issue 14 names.
 */
export interface Attack {
  /** How the input is made, for the report: `prefix + pump×k + suffix`, the strings JSON-quoted. */
  name: string;
  /** The input at about `size` characters (never shorter). */
  build(size: number): string;
}

/** Characters tried as members of a class, common ones first (ASCII, whitespace, punctuation, beyond). */
const CANDIDATES = [
  'a',
  'e',
  'z',
  'A',
  'X',
  '0',
  '7',
  ' ',
  '\t',
  '\n',
  '\r',
  '.',
  ',',
  '-',
  '_',
  '/',
  ':',
  ';',
  '#',
  '@',
  '"',
  "'",
  '<',
  '>',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '|',
  '*',
  '&',
  '%',
  '$',
  '+',
  '=',
  '?',
  '!',
  '`',
  '\\',
  '\u00a0',
  'é',
  'ß',
  '\u0301',
  '\u2019',
  '…',
  '—',
  'я',
  '中',
  '\u2028',
  '😀',
];

/** A character that almost no pattern accepts where it expects more of a run: forces failure. */
const BREAKER = '\u0000';

/** The hostile texts of issue 14, tried on every pattern. */
export const HOSTILE: Attack[] = [
  pumped('', ' ', ''),
  pumped('', '\n', ''),
  pumped('', ' \n', ''),
  pumped('', '\t \r\n', BREAKER),
  pumped('order', ' ', ''),
  pumped('order', ' ', BREAKER),
  pumped('order', '\n', 'x'),
  pumped('', 'order ', ''),
  pumped('', 'order #', ''),
  pumped('', 'word ', BREAKER),
  pumped('', 'Thanks, ', ''),
  pumped('', 'On Monday wrote ', ''),
  pumped('', 'a', BREAKER),
  pumped('', '1', BREAKER),
  pumped('', '<a ', ''),
  pumped('', '{{a ', ''),
  pumped('', '*a', 'b'),
  pumped('https://desk.acme.test/', 'a', BREAKER),
  pumped('https://desk.acme.test/', '*a', 'b'),
];

/** `prefix`, then `pump` repeated up to `size` characters, then `suffix`. */
export function pumped(prefix: string, pump: string, suffix: string): Attack {
  return {
    name: `${JSON.stringify(prefix)} + ${JSON.stringify(pump)}×k + ${JSON.stringify(suffix)}`,
    build(size) {
      const count = Math.max(1, Math.ceil((size - prefix.length - suffix.length) / pump.length));
      return prefix + pump.repeat(count) + suffix;
    },
  };
}

/** `unit` (a prefix and one pump) repeated up to `size` characters, then `suffix`: many starts. */
function repeatedUnit(unit: string, suffix: string): Attack {
  return {
    name: `(${JSON.stringify(unit)})×k + ${JSON.stringify(suffix)}`,
    build(size) {
      return unit.repeat(Math.max(1, Math.ceil((size - suffix.length) / unit.length))) + suffix;
    },
  };
}

/** Members of a one-character atom among the candidates (up to `limit`), tested by the native engine. */
function members(node: AST.Node, flags: string, limit: number): string[] {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${node.raw})$`, flags);
  } catch {
    return [];
  }
  const found = CANDIDATES.filter((candidate) => regex.test(candidate)).slice(0, limit);
  for (let codePoint = 0x80; found.length === 0 && codePoint < 0x3000; codePoint++) {
    if (regex.test(String.fromCodePoint(codePoint))) found.push(String.fromCodePoint(codePoint));
  }
  return found;
}

/**
 * Strings the node matches (or nearly: assertions and lookarounds are not satisfied, only
 * skipped), up to `limit` distinct ones: the first of each alternative, several members of a
 * class.
 */
function witnesses(node: AST.Node, flags: string, limit: number): string[] {
  switch (node.type) {
    case 'Character':
      return [String.fromCodePoint(node.value)];
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return members(node, flags, limit);
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup': {
      const out = new Set<string>();
      for (const alternative of node.alternatives) {
        for (const text of witnesses(alternative, flags, limit)) out.add(text);
      }
      return [...out].slice(0, Math.max(limit, 1));
    }
    case 'Alternative': {
      // The first witness of each element, then variants that change one element at a time.
      const each = node.elements.map((element) => witnesses(element, flags, limit));
      const base = each.map((options) => options[0] ?? '');
      const out = new Set([base.join('')]);
      each.forEach((options, index) => {
        for (const option of options.slice(1)) {
          if (out.size >= limit) return;
          out.add([...base.slice(0, index), option, ...base.slice(index + 1)].join(''));
        }
      });
      return [...out];
    }
    case 'Quantifier': {
      const inner = witnesses(node.element, flags, limit);
      const times = Math.max(node.min, 0);
      return inner.map((text) => text.repeat(times));
    }
    case 'Backreference': {
      const group = Array.isArray(node.resolved) ? node.resolved[0] : node.resolved;
      return group ? witnesses(group, flags, 1) : [''];
    }
    default:
      return [''];
  }
}

/** What the pattern must read before `node` is reached: the first witness of everything before it. */
function prefixBefore(node: AST.Node, flags: string): string {
  let prefix = '';
  let current: AST.Node = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === 'Alternative') {
      const index = parent.elements.indexOf(current as AST.Element);
      const before = parent.elements.slice(0, index).map((element) => witnesses(element, flags, 1)[0] ?? '');
      prefix = before.join('') + prefix;
    }
    if (parent.type === 'Pattern') break;
  }
  return prefix;
}

function quantifiersOf(node: AST.Node): AST.Quantifier[] {
  const found: AST.Quantifier[] = node.type === 'Quantifier' ? [node] : [];
  for (const child of children(node)) found.push(...quantifiersOf(child));
  return found;
}

/**
 * The structural pumps of a pattern: for each repetition that can run more than once, each of
 * a few strings one iteration matches, repeated, after the text that reaches the repetition (or
 * none), ending in a breaker; and the unit `prefix + pump` repeated, so every start index pays.
 */
export function structuralAttacks(source: string, flags: string): Attack[] {
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const parsedFlags = parser.parseFlags(flags);
  const pattern = parser.parsePattern(source, 0, source.length, {
    unicode: parsedFlags.unicode,
    unicodeSets: parsedFlags.unicodeSets,
  });
  const atomFlags = flags.replace(/[gymd]/g, '');
  const attacks = new Map<string, Attack>();
  const add = (attack: Attack) => {
    if (!attacks.has(attack.name)) attacks.set(attack.name, attack);
  };
  for (const quantifier of quantifiersOf(pattern)) {
    if (quantifier.max < 2) continue;
    const prefix = prefixBefore(quantifier, atomFlags);
    const pumps = witnesses(quantifier.element, atomFlags, 3).filter((pump) => pump.length > 0);
    for (const pump of pumps) {
      add(pumped(prefix, pump, BREAKER));
      if (prefix) add(pumped('', pump, BREAKER));
      if (prefix) add(repeatedUnit(prefix + pump, BREAKER));
    }
  }
  return [...attacks.values()];
}

/** An attack string recheck's fuzzer reported, as prefix + pumps + suffix. */
export interface RecheckAttack {
  pumps: { prefix: string; pump: string }[];
  suffix: string;
}

/** recheck's attack (its pumps, each repeated in step with the others) at about `size` characters. */
export function fromRecheck(attack: RecheckAttack): Attack {
  const unit = attack.pumps.reduce((total, { prefix, pump }) => total + prefix.length + pump.length, 0);
  return {
    name: `recheck ${JSON.stringify(attack)}`,
    build(size) {
      const times = Math.max(1, Math.ceil((size - attack.suffix.length) / Math.max(1, unit)));
      return attack.pumps.map(({ prefix, pump }) => prefix + pump.repeat(times)).join('') + attack.suffix;
    },
  };
}
