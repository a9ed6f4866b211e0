import { compile, type Instruction, LINE_TERMINATORS, Op } from './backtrack-compile';

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
 * The pattern is compiled to a program of instructions in backtrack-compile.ts; this file runs it.
 */

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

/** A compiled pattern; `exec` and `matchAll` count steps. */
export class CountingRegExp {
  readonly source: string;
  readonly flags: string;
  private readonly program: Instruction[];
  private readonly captureCount: number;
  private readonly registerCount: number;
  private readonly global: boolean;
  private readonly sticky: boolean;
  private readonly unicode: boolean;

  constructor(source: string, flags = '') {
    this.source = source;
    this.flags = flags;
    const compiled = compile(source, flags);
    this.program = compiled.instructions;
    this.captureCount = compiled.captureCount;
    this.registerCount = compiled.registerCount;
    this.global = compiled.global;
    this.sticky = compiled.sticky;
    this.unicode = compiled.unicode;
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
}
