import { check } from 'recheck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchPatternToRegExp } from '../../../utils/adapters/custom';
import { type Attack, fromRecheck, HOSTILE, pumped, structuralAttacks } from './attacks';
import { CountingRegExp, StepBudgetExceeded } from './backtrack';
import { type CheckedPattern, checkedPatterns } from './patterns';
import { reviewOf } from './undecided';

/**
 * The second layer of the ReDoS check (the first, redos.test.ts, is recheck's static verdict):
 * every pattern Keel ships is run by a step-counting backtracking matcher (backtrack.ts, checked
 * against native RegExp in backtrack.test.ts) on adversarial inputs at n and 4n characters, and
 * must stay linear: the steps at 4n at most GROWTH_LIMIT times those at n (linear is 4,
 * quadratic 16), and at most STEPS_PER_CHARACTER per character. Steps, not milliseconds: the
 * verdict does not depend on how busy the machine is.
 *
 * The inputs: the structural pumps of each pattern (attacks.ts: each repetition fed a long run
 * of what it matches, then a character that makes the match fail), and issue 14's hostile texts
 * ("order" + a run of spaces, runs of spaces and newlines, repeated words, `*a*a*a*b` URLs);
 * for the patterns recheck's automaton cannot decide (undecided.ts), also the attack strings its
 * fuzzer proposes (it reports bounded windows such as `{2,40}` as polynomial at its small sizes;
 * the counts here say whether they grow at 1,000 → 4,000 characters).
 */

const SIZE = 1_000;
/**
 * Linear is 4 (quadratic 16). A bounded window of w characters costs least near the end of the
 * input, which lifts a linear pattern's ratio towards (4n − w) / (n − w): 4.3 for the `.{0,200}`
 * of placeholders.ts. A window wider than about 250 would need a larger SIZE.
 */
const GROWTH_LIMIT = 5;
/**
 * Generous: the widest bounded windows (`.{0,300}` in reply.ts, `.{0,200}` in placeholders.ts)
 * cost a few hundred steps per start index; a polynomial pattern passes this at 4,000 characters
 * long before it would block a tab.
 */
const STEPS_PER_CHARACTER = 2_000;

interface Measured {
  pattern: CheckedPattern;
  attack: Attack;
  steps: number;
  stepsAt4n: number;
  growth: number;
}

const figures = {
  patterns: 0,
  inputs: 0,
  worst: undefined as Measured | undefined,
  stepsPerCharacter: 0,
  undecided: 0,
  undecidedWorst: 0,
  fuzzed: 0,
};

const patterns = checkedPatterns();

/** recheck's fuzzer's attack strings for each undecided pattern, by `/source/flags`. */
const fuzzed = new Map<string, Attack[]>();

beforeAll(async () => {
  await Promise.all(
    patterns
      .filter((pattern) => reviewOf(pattern))
      .map(async (pattern) => {
        const result = await check(pattern.source, pattern.flags, {
          checker: 'fuzz',
          timeout: 10_000,
          randomSeed: 1,
        });
        const attacks = result.status === 'vulnerable' ? [fromRecheck(result.attack)] : [];
        fuzzed.set(`/${pattern.source}/${pattern.flags}`, attacks);
        figures.fuzzed += attacks.length;
      }),
  );
  // About 10 s with recheck's native build (the checks run side by side); its pure JavaScript
  // fallback runs them one by one.
}, 120_000);

afterAll(() => {
  const worst = figures.worst;
  console.log(
    `[redos-steps] ${figures.patterns} patterns, ${figures.inputs} adversarial inputs at ${SIZE} and ${4 * SIZE} characters, worst growth ratio ${worst ? worst.growth.toFixed(2) : '-'}` +
      (worst
        ? ` (/${worst.pattern.source}/${worst.pattern.flags}, ${worst.pattern.where[0]}; input ${worst.attack.name}; ${worst.steps} → ${worst.stepsAt4n} steps)`
        : '') +
      `, at most ${Math.ceil(figures.stepsPerCharacter)} steps per character; the ${figures.undecided} patterns recheck's automaton cannot decide: worst growth ${figures.undecidedWorst.toFixed(2)}, ${figures.fuzzed} attack strings from recheck's fuzzer included`,
  );
});

/** Steps for one input, or Infinity past the budget (a super-linear pattern stops there, not after minutes). */
function stepsFor(regex: CountingRegExp, input: string): number {
  try {
    return regex.scan(input, STEPS_PER_CHARACTER * input.length).steps;
  } catch (error) {
    if (error instanceof StepBudgetExceeded) return Number.POSITIVE_INFINITY;
    throw error;
  }
}

/** Every attack on a pattern, once per distinct input. */
function attacksOn(pattern: CheckedPattern): Attack[] {
  const byInput = new Map<string, Attack>();
  const fromFuzzer = fuzzed.get(`/${pattern.source}/${pattern.flags}`) ?? [];
  for (const attack of [...HOSTILE, ...structuralAttacks(pattern.source, pattern.flags), ...fromFuzzer]) {
    const input = attack.build(SIZE);
    if (!byInput.has(input)) byInput.set(input, attack);
  }
  return [...byInput.values()];
}

function measure(pattern: CheckedPattern, attacks: Attack[]): Measured[] {
  const regex = new CountingRegExp(pattern.source, pattern.flags);
  return attacks.map((attack) => {
    const steps = stepsFor(regex, attack.build(SIZE));
    const stepsAt4n = Number.isFinite(steps) ? stepsFor(regex, attack.build(4 * SIZE)) : steps;
    const growth = Number.isFinite(steps) ? stepsAt4n / steps : Number.POSITIVE_INFINITY;
    return { pattern, attack, steps, stepsAt4n, growth };
  });
}

describe('ReDoS steps: no pattern backtracks super-linearly on adversarial input', () => {
  it.each(patterns.map((pattern) => [`/${pattern.source}/${pattern.flags}`, pattern] as const))(
    '%s stays linear',
    (_name, pattern) => {
      const measured = measure(pattern, attacksOn(pattern));
      figures.patterns += 1;
      figures.inputs += measured.length;
      if (reviewOf(pattern)) {
        figures.undecided += 1;
        figures.undecidedWorst = Math.max(figures.undecidedWorst, ...measured.map((result) => result.growth));
      }
      for (const result of measured) {
        if (!figures.worst || result.growth > figures.worst.growth) figures.worst = result;
        figures.stepsPerCharacter = Math.max(figures.stepsPerCharacter, result.stepsAt4n / (4 * SIZE));
        const where = `${pattern.where.join(', ')} on ${result.attack.name}: ${result.steps} → ${result.stepsAt4n} steps`;
        expect(result.growth, where).toBeLessThanOrEqual(GROWTH_LIMIT);
        expect(result.stepsAt4n / (4 * SIZE), where).toBeLessThanOrEqual(STEPS_PER_CHARACTER);
      }
    },
    // Under a second each here; room for a machine shared by many jobs (steps, not time, decide).
    30_000,
  );
});

/** Patterns Keel shipped before issue 14's fixes (from the history), each super-linear. */
const FIXED_DEFECTS: [string, CheckedPattern][] = [
  [
    "the order-number pattern ('order' + 3,000 spaces blocked the tab 18 s)",
    {
      source:
        '\\border(?:\\s+(?:number|no\\.?|num|id|ref(?:erence)?))?\\s*[:#]?\\s*#?\\s*([a-z]{0,4}-?\\d[\\w-]{2,24})\\b',
      flags: 'i',
      where: ['utils/checker/variables.ts as of c20ebf6'],
    },
  ],
  [
    'the sign-off line pattern with overlapping blank runs',
    {
      source:
        '^[ \\t]*(?:(?:best|kind|warm|warmest|many|with)?[ \\t]*(?:regards|wishes|thanks)|best|cheers|thanks|thank you|sincerely|yours(?: sincerely| truly)?|warmly|all the best|take care|talk soon|speak soon|mit freundlichen grüßen|viele grüße|cordialement|saludos)[ \\t]*[,.!]?[ \\t]*$',
      flags: 'i',
      where: ['utils/checker/reply.ts before 40721fd'],
    },
  ],
  [
    "a custom site's match pattern with one .* per * ('https://desk.acme.test/*a*a*a*b')",
    {
      source: '^https:\\/\\/desk\\.acme\\.test(?::\\d+)?\\/.*a.*a.*a.*b$',
      flags: '',
      where: ['utils/adapters/custom.ts matchPatternToRegExp before the linear glob'],
    },
  ],
];

describe('ReDoS steps: the count catches the super-linear patterns issue 14 found', () => {
  it.each(FIXED_DEFECTS)(
    '%s is caught as super-linear',
    (_name, pattern) => {
      const measured = measure(pattern, attacksOn(pattern));
      const worst = Math.max(...measured.map((result) => result.growth));
      expect(worst).toBeGreaterThan(GROWTH_LIMIT);
    },
    30_000,
  );

  it("a custom site's match pattern with several * in its path is matched in linear steps ('*a*a*a*b' backtracked polynomially)", () => {
    const regex = matchPatternToRegExp('https://desk.acme.test/*a*a*a*b');
    const pattern = { source: regex.source, flags: regex.flags, where: ['matchPatternToRegExp'] };
    const measured = measure(pattern, [
      pumped('https://desk.acme.test/', 'a', ''),
      pumped('https://desk.acme.test/', '*a', 'b'),
    ]);
    for (const result of measured)
      expect(result.growth, result.attack.name).toBeLessThanOrEqual(GROWTH_LIMIT);
  });
});
