import { type AST, RegExpParser } from '@eslint-community/regexpp';

/**
 * The compiler half of the step-counting matcher (backtrack.ts): a pattern, parsed by regexpp,
 * becomes a flat program of instructions that the matcher interprets with ECMAScript's
 * backtracking semantics. Single-character atoms become native one-character tests (see
 * backtrack.ts for why); everything around them becomes control flow the matcher counts.
 */

export enum Op {
  Char,
  Split,
  Jump,
  Save,
  Clear,
  Start,
  End,
  WordBoundary,
  Look,
  BackRef,
  RepeatInit,
  RepeatLoop,
  RepeatBodyStart,
  RepeatBodyEnd,
  Match,
}

export type Instruction =
  | { op: Op.Char; test: (codePoint: number) => boolean; backward: boolean }
  | { op: Op.Split; first: number; second: number }
  | { op: Op.Jump; to: number }
  | { op: Op.Save; register: number }
  | { op: Op.Clear; from: number; to: number }
  | { op: Op.Start | Op.End; multiline: boolean }
  | { op: Op.WordBoundary; negate: boolean; isWord: (codeUnit: number) => boolean }
  | { op: Op.Look; body: number; negate: boolean }
  | { op: Op.BackRef; groups: number[]; backward: boolean; same: (a: number, b: number) => boolean }
  | { op: Op.RepeatInit; counter: number }
  | {
      op: Op.RepeatLoop;
      counter: number;
      min: number;
      max: number;
      greedy: boolean;
      body: number;
      exit: number;
    }
  | { op: Op.RepeatBodyStart; startRegister: number }
  | { op: Op.RepeatBodyEnd; counter: number; startRegister: number; min: number; loop: number }
  | { op: Op.Match };

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  unicode: boolean;
  unicodeSets: boolean;
}

export const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

/** A one-character predicate backed by the native engine, memoised per code point. */
function nativeAtom(raw: string, flags: string): (codePoint: number) => boolean {
  const regex = new RegExp(`^(?:${raw})$`, flags);
  const latin = new Int8Array(256);
  const rest = new Map<number, boolean>();
  return (codePoint) => {
    if (codePoint < 256) {
      const known = latin[codePoint] as number;
      if (known !== 0) return known === 1;
      const result = regex.test(String.fromCharCode(codePoint));
      latin[codePoint] = result ? 1 : 2;
      return result;
    }
    let result = rest.get(codePoint);
    if (result === undefined) {
      result = regex.test(String.fromCodePoint(codePoint));
      rest.set(codePoint, result);
    }
    return result;
  };
}

function escapeCodePoint(codePoint: number, unicode: boolean): string {
  if (unicode) return `\\u{${codePoint.toString(16)}}`;
  return `\\u${codePoint.toString(16).padStart(4, '0')}`;
}

/** A pattern compiled for the matcher. */
export interface Program {
  instructions: Instruction[];
  /** Capture groups, the whole match (group 0) included. */
  captureCount: number;
  /** Two registers per capture group, then two per quantifier (its counter and where its body began). */
  registerCount: number;
  global: boolean;
  sticky: boolean;
  /** u or v: characters are code points, surrogate pairs read as one. */
  unicode: boolean;
}

/** Parses `source` with `flags` and compiles it; throws on what the matcher does not support. */
export function compile(source: string, flags: string): Program {
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const parsedFlags = parser.parseFlags(flags);
  const pattern = parser.parsePattern(source, 0, source.length, {
    unicode: parsedFlags.unicode,
    unicodeSets: parsedFlags.unicodeSets,
  });
  const groupNumbers = new Map<AST.CapturingGroup, number>();
  let groups = 0;
  const number = (node: AST.Node): void => {
    if (node.type === 'CapturingGroup') groupNumbers.set(node, ++groups);
    for (const child of children(node)) number(child);
  };
  number(pattern);
  const captureCount = groups + 1;
  const compiler = new Compiler(source, groupNumbers, 2 * captureCount);
  const context: Flags = {
    ignoreCase: parsedFlags.ignoreCase,
    multiline: parsedFlags.multiline,
    dotAll: parsedFlags.dotAll,
    unicode: parsedFlags.unicode,
    unicodeSets: parsedFlags.unicodeSets,
  };
  compiler.emit({ op: Op.Save, register: 0 });
  compiler.compileAlternatives(pattern.alternatives, context, false);
  compiler.emit({ op: Op.Save, register: 1 });
  compiler.emit({ op: Op.Match });
  return {
    instructions: compiler.program,
    captureCount,
    registerCount: compiler.registerCount,
    global: parsedFlags.global,
    sticky: parsedFlags.sticky,
    unicode: parsedFlags.unicode || parsedFlags.unicodeSets,
  };
}

/** Emits one pattern's program; quantifiers take their registers after the captures'. */
class Compiler {
  readonly program: Instruction[] = [];

  constructor(
    private readonly source: string,
    private readonly groupNumbers: Map<AST.CapturingGroup, number>,
    public registerCount: number,
  ) {}

  emit(instruction: Instruction): number {
    this.program.push(instruction);
    return this.program.length - 1;
  }

  private atomFlags(context: Flags): string {
    return `${context.ignoreCase ? 'i' : ''}${context.dotAll ? 's' : ''}${context.unicodeSets ? 'v' : context.unicode ? 'u' : ''}`;
  }

  compileAlternatives(alternatives: AST.Alternative[], context: Flags, backward: boolean): void {
    // a|b|c: Split(a, next); a; Jump(end); next: Split(b, c) ...
    const jumps: number[] = [];
    alternatives.forEach((alternative, index) => {
      const last = index === alternatives.length - 1;
      const split = last ? -1 : this.emit({ op: Op.Split, first: 0, second: 0 });
      if (split >= 0) (this.program[split] as { first: number }).first = this.program.length;
      this.compileAlternative(alternative, context, backward);
      if (!last) {
        jumps.push(this.emit({ op: Op.Jump, to: 0 }));
        (this.program[split] as { second: number }).second = this.program.length;
      }
    });
    for (const jump of jumps) (this.program[jump] as { to: number }).to = this.program.length;
  }

  private compileAlternative(alternative: AST.Alternative, context: Flags, backward: boolean): void {
    const elements = backward ? [...alternative.elements].reverse() : alternative.elements;
    for (const element of elements) this.compileElement(element, context, backward);
  }

  private compileElement(node: AST.Element, context: Flags, backward: boolean): void {
    switch (node.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass':
      case 'ExpressionCharacterClass': {
        if (node.type === 'CharacterSet' && node.kind === 'property' && node.strings) {
          throw new Error(`/${this.source}/: properties of strings are not supported`);
        }
        if (containsStrings(node)) throw new Error(`/${this.source}/: class strings are not supported`);
        if (node.type === 'CharacterSet' && node.kind === 'any' && !context.dotAll) {
          this.emit({ op: Op.Char, test: (codePoint) => !LINE_TERMINATORS.has(codePoint), backward });
        } else this.emit({ op: Op.Char, test: nativeAtom(node.raw, this.atomFlags(context)), backward });
        return;
      }
      case 'Group':
      case 'CapturingGroup': {
        // Node 20 cannot run (?i:…) natively, so the matcher could not be checked against it.
        if (node.type === 'Group' && node.modifiers)
          throw new Error(`/${this.source}/: modifiers are not supported`);
        const group = node.type === 'CapturingGroup' ? (this.groupNumbers.get(node) as number) : 0;
        // Right to left (lookbehind), a group's end is known first.
        if (group) this.emit({ op: Op.Save, register: 2 * group + (backward ? 1 : 0) });
        this.compileAlternatives(node.alternatives, context, backward);
        if (group) this.emit({ op: Op.Save, register: 2 * group + (backward ? 0 : 1) });
        return;
      }
      case 'Assertion': {
        if (node.kind === 'start') this.emit({ op: Op.Start, multiline: context.multiline });
        else if (node.kind === 'end') this.emit({ op: Op.End, multiline: context.multiline });
        else if (node.kind === 'word') {
          const isWord = nativeAtom('\\w', this.atomFlags({ ...context, dotAll: false }));
          this.emit({ op: Op.WordBoundary, negate: node.negate, isWord });
        } else if (node.kind === 'lookahead' || node.kind === 'lookbehind') {
          // The body is compiled out of line, behind a Jump, ending in its own Match.
          const look = this.emit({ op: Op.Look, body: 0, negate: node.negate });
          const jump = this.emit({ op: Op.Jump, to: 0 });
          (this.program[look] as { body: number }).body = this.program.length;
          this.compileAlternatives(node.alternatives, context, node.kind === 'lookbehind');
          this.emit({ op: Op.Match });
          (this.program[jump] as { to: number }).to = this.program.length;
        }
        return;
      }
      case 'Backreference': {
        const resolved = Array.isArray(node.resolved) ? node.resolved : [node.resolved];
        const groups = resolved.map((group) => this.groupNumbers.get(group) as number);
        const flags = this.atomFlags(context);
        const unicode = context.unicode || context.unicodeSets;
        const same = context.ignoreCase
          ? (a: number, b: number) => a === b || nativeAtom(escapeCodePoint(a, unicode), flags)(b)
          : (a: number, b: number) => a === b;
        this.emit({ op: Op.BackRef, groups, backward, same });
        return;
      }
      case 'Quantifier': {
        if (node.max === 0) return;
        const counter = this.registerCount++;
        const startRegister = this.registerCount++;
        const captured = capturingGroupsIn(node.element).map(
          (group) => this.groupNumbers.get(group) as number,
        );
        this.emit({ op: Op.RepeatInit, counter });
        const loop = this.emit({
          op: Op.RepeatLoop,
          counter,
          min: node.min,
          max: node.max,
          greedy: node.greedy,
          body: 0,
          exit: 0,
        });
        (this.program[loop] as { body: number }).body = this.program.length;
        this.emit({ op: Op.RepeatBodyStart, startRegister });
        if (captured.length > 0) {
          const from = 2 * Math.min(...captured);
          const to = 2 * Math.max(...captured) + 2;
          this.emit({ op: Op.Clear, from, to });
        }
        this.compileElement(node.element, context, backward);
        this.emit({ op: Op.RepeatBodyEnd, counter, startRegister, min: node.min, loop });
        (this.program[loop] as { exit: number }).exit = this.program.length;
        return;
      }
    }
  }
}

function containsStrings(node: AST.Node): boolean {
  if (node.type === 'ClassStringDisjunction') return true;
  if (node.type === 'CharacterSet' && node.kind === 'property' && node.strings) return true;
  return children(node).some(containsStrings);
}

function capturingGroupsIn(node: AST.Node): AST.CapturingGroup[] {
  const found: AST.CapturingGroup[] = node.type === 'CapturingGroup' ? [node] : [];
  for (const child of children(node)) found.push(...capturingGroupsIn(child));
  return found;
}

/** The child nodes of an AST node that can hold groups or atoms. */
export function children(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return node.kind === 'lookahead' || node.kind === 'lookbehind' ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    case 'CharacterClass':
      return node.elements;
    case 'ExpressionCharacterClass':
      return [node.expression];
    case 'ClassIntersection':
    case 'ClassSubtraction':
      return [node.left, node.right];
    case 'ClassStringDisjunction':
      return node.alternatives;
    default:
      return [];
  }
}
