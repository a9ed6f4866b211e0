import { type AST, RegExpParser } from '@eslint-community/regexpp';

/**
 * A backtracking regular expression matcher that counts its steps, for the ReDoS suite: the cost
 * of a match as a number (one step per instruction tried, one per backtrack), so "linear" is
 * measured on adversarial input without wall-clock timings, which flake on shared machines.
 *
 * It follows ECMAScript's backtracking semantics (the spec's RepeatMatcher, as V8's irregexp
 * runs it): alternatives in order, greedy and lazy quantifiers with bounds, the empty-iteration
 * check, captures reset on each iteration, lookahead and lookbehind (atomic; lookbehind matched
 * right to left), backreferences, anchors with the m flag, \b, surrogate pairs in u/v mode, and
 * a search that tries each start index in turn (or only lastIndex with y).
 *
 * Single-character atoms (a literal, `.`, \s \w \d, \p{…}, a class) are tested by the engine's
 * own RegExp on one character, so case folding and Unicode properties are exactly the native
 * ones; an atom is one step either way. The control flow around them is interpreted here: that
 * is where backtracking happens. Faithfulness is tested against native RegExp (backtrack.test.ts).
 */

enum Op {
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

type Instruction =
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

/** Thrown when a match passes its step budget: the caller reports the pattern as super-linear. */
export class StepBudgetExceeded extends Error {
  constructor(readonly steps: number) {
    super(`more than ${steps} steps`);
  }
}

export interface CountedMatch {
  /** The match as native `exec` gives it (index, captures), or null. */
  match: { index: number; groups: (string | undefined)[] } | null;
  /** Steps spent on this search. */
  steps: number;
}

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  unicode: boolean;
  unicodeSets: boolean;
}

const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

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

/** A compiled pattern; `exec` and `matchAll` count steps. */
export class CountingRegExp {
  readonly source: string;
  readonly flags: string;
  private readonly program: Instruction[] = [];
  private readonly captureCount: number;
  private registerCount: number;
  private readonly global: boolean;
  private readonly sticky: boolean;
  private readonly unicode: boolean;
  private groupNumbers = new Map<AST.CapturingGroup, number>();

  constructor(source: string, flags = '') {
    this.source = source;
    this.flags = flags;
    const parser = new RegExpParser({ ecmaVersion: 2025 });
    const parsedFlags = parser.parseFlags(flags);
    const pattern = parser.parsePattern(source, 0, source.length, {
      unicode: parsedFlags.unicode,
      unicodeSets: parsedFlags.unicodeSets,
    });
    this.global = parsedFlags.global;
    this.sticky = parsedFlags.sticky;
    this.unicode = parsedFlags.unicode || parsedFlags.unicodeSets;
    let groups = 0;
    const number = (node: AST.Node): void => {
      if (node.type === 'CapturingGroup') this.groupNumbers.set(node, ++groups);
      for (const child of children(node)) number(child);
    };
    number(pattern);
    this.captureCount = groups + 1;
    this.registerCount = 2 * this.captureCount;
    const context: Flags = {
      ignoreCase: parsedFlags.ignoreCase,
      multiline: parsedFlags.multiline,
      dotAll: parsedFlags.dotAll,
      unicode: parsedFlags.unicode,
      unicodeSets: parsedFlags.unicodeSets,
    };
    this.emit({ op: Op.Save, register: 0 });
    this.compileAlternatives(pattern.alternatives, context, false);
    this.emit({ op: Op.Save, register: 1 });
    this.emit({ op: Op.Match });
  }

  /** The first match from `lastIndex` (as `exec` with a fresh or given lastIndex), and its cost. */
  exec(input: string, lastIndex = 0, budget = Number.POSITIVE_INFINITY): CountedMatch {
    const counter = { steps: 0, budget };
    const match = this.search(input, lastIndex, counter);
    return { match, steps: counter.steps };
  }

  /**
   * Every match as the page applies the pattern: with g, all of them left to right (as
   * `matchAll`, `replace` and `split` scan); without, the first one. Steps summed.
   */
  scan(
    input: string,
    budget = Number.POSITIVE_INFINITY,
  ): { matches: CountedMatch['match'][]; steps: number } {
    const counter = { steps: 0, budget };
    const matches: CountedMatch['match'][] = [];
    let from = 0;
    for (;;) {
      const match = this.search(input, from, counter);
      if (!match) break;
      matches.push(match);
      if (!this.global) break;
      const text = match.groups[0] as string;
      from = match.index + text.length;
      if (text.length === 0) from = this.advance(input, from);
      if (from > input.length) break;
    }
    return { matches, steps: counter.steps };
  }

  private advance(input: string, index: number): number {
    if (!this.unicode || index + 1 >= input.length) return index + 1;
    const unit = input.charCodeAt(index);
    const next = input.charCodeAt(index + 1);
    return unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
  }

  private search(input: string, from: number, counter: { steps: number; budget: number }) {
    const registers = new Array<number>(this.registerCount);
    for (let start = from; start <= input.length; start = this.advance(input, start)) {
      registers.fill(-1);
      if (this.run(input, 0, start, registers, counter)) {
        const groups: (string | undefined)[] = [];
        for (let group = 0; group < this.captureCount; group++) {
          const begin = registers[2 * group] as number;
          const end = registers[2 * group + 1] as number;
          groups.push(begin < 0 || end < 0 ? undefined : input.slice(begin, end));
        }
        return { index: registers[0] as number, groups };
      }
      if (this.sticky) break;
    }
    return null;
  }

  /** Runs the program from `pc` at `position`; true on Match (registers hold the captures). */
  private run(
    input: string,
    startPc: number,
    startPosition: number,
    registers: number[],
    counter: { steps: number; budget: number },
  ): boolean {
    // The backtrack stack: triples (kind, a, b). Branch: resume at pc a, position b.
    // Restore: register a had value b before a write that is now undone.
    const stack: number[] = [];
    const BRANCH = 0;
    const RESTORE = 1;
    let pc = startPc;
    let position = startPosition;
    const write = (register: number, value: number) => {
      stack.push(RESTORE, register, registers[register] as number);
      registers[register] = value;
    };
    for (;;) {
      counter.steps += 1;
      if (counter.steps > counter.budget) throw new StepBudgetExceeded(counter.budget);
      const instruction = this.program[pc] as Instruction;
      let failed = false;
      switch (instruction.op) {
        case Op.Char: {
          // A read is packed as codePoint * 4 + length (1 or 2 code units); -1 at the edge.
          const read = instruction.backward
            ? this.readBackward(input, position)
            : this.readForward(input, position);
          if (read < 0 || !instruction.test(read >> 2)) failed = true;
          else {
            position += instruction.backward ? -(read & 3) : read & 3;
            pc += 1;
          }
          break;
        }
        case Op.Split:
          stack.push(BRANCH, instruction.second, position);
          pc = instruction.first;
          break;
        case Op.Jump:
          pc = instruction.to;
          break;
        case Op.Save:
          write(instruction.register, position);
          pc += 1;
          break;
        case Op.Clear:
          for (let register = instruction.from; register < instruction.to; register++) {
            if (registers[register] !== -1) write(register, -1);
          }
          pc += 1;
          break;
        case Op.Start:
          if (
            position === 0 ||
            (instruction.multiline && LINE_TERMINATORS.has(input.charCodeAt(position - 1)))
          )
            pc += 1;
          else failed = true;
          break;
        case Op.End:
          if (
            position === input.length ||
            (instruction.multiline && LINE_TERMINATORS.has(input.charCodeAt(position)))
          )
            pc += 1;
          else failed = true;
          break;
        case Op.WordBoundary: {
          const before = position > 0 && instruction.isWord(input.charCodeAt(position - 1));
          const after = position < input.length && instruction.isWord(input.charCodeAt(position));
          if ((before !== after) !== instruction.negate) pc += 1;
          else failed = true;
          break;
        }
        case Op.Look: {
          // Atomic: the body's own backtracking stays inside; only its captures survive.
          const before = registers.slice();
          const matched = this.run(input, instruction.body, position, registers, counter);
          if (matched === instruction.negate) {
            for (let register = 0; register < registers.length; register++)
              registers[register] = before[register] as number;
            failed = true;
          } else {
            for (let register = 0; register < registers.length; register++) {
              if (registers[register] !== before[register]) {
                stack.push(RESTORE, register, before[register] as number);
              }
            }
            pc += 1;
          }
          break;
        }
        case Op.BackRef: {
          let begin = -1;
          let end = -1;
          for (const group of instruction.groups) {
            if ((registers[2 * group] as number) >= 0 && (registers[2 * group + 1] as number) >= 0) {
              begin = registers[2 * group] as number;
              end = registers[2 * group + 1] as number;
            }
          }
          if (begin < 0) {
            pc += 1;
            break;
          }
          const length = end - begin;
          const from = instruction.backward ? position - length : position;
          if (from < 0 || from + length > input.length) {
            failed = true;
            break;
          }
          for (let offset = 0; offset < length; offset++) {
            counter.steps += 1;
            if (!instruction.same(input.charCodeAt(begin + offset), input.charCodeAt(from + offset))) {
              failed = true;
              break;
            }
          }
          if (!failed) {
            position = instruction.backward ? from : from + length;
            pc += 1;
          }
          break;
        }
        case Op.RepeatInit:
          write(instruction.counter, 0);
          pc += 1;
          break;
        case Op.RepeatLoop: {
          const count = registers[instruction.counter] as number;
          if (count < instruction.min) pc = instruction.body;
          else if (count >= instruction.max) pc = instruction.exit;
          else if (instruction.greedy) {
            stack.push(BRANCH, instruction.exit, position);
            pc = instruction.body;
          } else {
            stack.push(BRANCH, instruction.body, position);
            pc = instruction.exit;
          }
          break;
        }
        case Op.RepeatBodyStart:
          write(instruction.startRegister, position);
          pc += 1;
          break;
        case Op.RepeatBodyEnd: {
          const count = registers[instruction.counter] as number;
          // ECMAScript: once the minimum is met, an iteration that matched nothing fails.
          if (count >= instruction.min && position === registers[instruction.startRegister]) failed = true;
          else {
            write(instruction.counter, count + 1);
            pc = instruction.loop;
          }
          break;
        }
        case Op.Match:
          return true;
      }
      if (!failed) continue;
      // Backtrack: undo writes down to the newest branch, resume there.
      for (;;) {
        if (stack.length === 0) return false;
        const b = stack.pop() as number;
        const a = stack.pop() as number;
        const kind = stack.pop() as number;
        if (kind === RESTORE) registers[a] = b;
        else {
          counter.steps += 1;
          pc = a;
          position = b;
          break;
        }
      }
    }
  }

  /** The character at `position`, packed as codePoint * 4 + length in code units; -1 past the end. */
  private readForward(input: string, position: number): number {
    if (position >= input.length) return -1;
    const unit = input.charCodeAt(position);
    if (this.unicode && unit >= 0xd800 && unit <= 0xdbff && position + 1 < input.length) {
      const next = input.charCodeAt(position + 1);
      if (next >= 0xdc00 && next <= 0xdfff)
        return ((unit - 0xd800) * 0x400 + next - 0xdc00 + 0x10000) * 4 + 2;
    }
    return unit * 4 + 1;
  }

  /** The character that ends at `position`, packed the same way; -1 before the start. */
  private readBackward(input: string, position: number): number {
    if (position <= 0) return -1;
    const unit = input.charCodeAt(position - 1);
    if (this.unicode && unit >= 0xdc00 && unit <= 0xdfff && position >= 2) {
      const previous = input.charCodeAt(position - 2);
      if (previous >= 0xd800 && previous <= 0xdbff)
        return ((previous - 0xd800) * 0x400 + unit - 0xdc00 + 0x10000) * 4 + 2;
    }
    return unit * 4 + 1;
  }

  private emit(instruction: Instruction): number {
    this.program.push(instruction);
    return this.program.length - 1;
  }

  private atomFlags(context: Flags): string {
    return `${context.ignoreCase ? 'i' : ''}${context.dotAll ? 's' : ''}${context.unicodeSets ? 'v' : context.unicode ? 'u' : ''}`;
  }

  private compileAlternatives(alternatives: AST.Alternative[], context: Flags, backward: boolean): void {
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
