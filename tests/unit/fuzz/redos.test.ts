import { check } from 'recheck';
import { afterAll, describe, expect, it } from 'vitest';
import { matchPatternToRegExp } from '../../../utils/adapters/custom';
import { literalPatterns } from './patterns';
import { findRegexes } from './regexes';
import { digestOf, reviewOf, UNDECIDED } from './undecided';

/**
 * No regular expression Keel ships may backtrack super-linearly: a customer's text or a page's
 * URL reaches most of them (issue 14 High 1: "order" + 3,000 spaces blocked the tab 18 s).
 * Two layers, neither timed (a verdict must not depend on how busy the machine is):
 *
 * 1. Here, recheck's automaton checker decides it from each pattern's structure, once per
 *    distinct pattern. It runs in recheck's native build (the `recheck-linux-x64` binary its
 *    package installs for this platform; no JVM), falling back to its pure JavaScript build
 *    where there is none.
 * 2. redos-steps.test.ts counts the steps of a backtracking matcher (ECMAScript semantics,
 *    checked against native RegExp) on adversarial inputs at 1,000 and 4,000 characters, for
 *    every pattern: growth must stay linear.
 *
 * Where the automaton cannot decide (bounded repetitions such as `.{0,300}` make its automaton
 * too large; it times out after 30 s), the pattern is reviewed in undecided.ts and left to the
 * step counts instead of waiting here; a new undecided pattern fails this suite until someone
 * reviews it.
 */

const figures = { patterns: 0, linear: 0, undecided: 0 };

type Verdict = 'safe' | 'vulnerable' | 'undecided';

async function verdict(source: string, flags: string): Promise<{ verdict: Verdict; detail: string }> {
  try {
    const result = await check(source, flags, { checker: 'automaton', timeout: 30_000 });
    if (result.status === 'safe') return { verdict: 'safe', detail: result.complexity.summary };
    if (result.status === 'vulnerable') {
      return {
        verdict: 'vulnerable',
        detail: `${result.complexity.summary}, attack ${result.attack.pattern}`,
      };
    }
    return { verdict: 'undecided', detail: result.error.kind };
  } catch (error) {
    // recheck's automaton overflows the stack on some large bounded repetitions.
    return { verdict: 'undecided', detail: String(error) };
  }
}

const patterns = literalPatterns();
const reviewed = patterns.filter((pattern) => reviewOf(pattern));
const toDecide = patterns.filter((pattern) => !reviewOf(pattern));

afterAll(() => {
  console.log(
    `[redos] ${figures.patterns} patterns: ${figures.linear} proven linear, ${figures.undecided} undecided by the checker (reviewed, listed in undecided.ts, step-counted), 0 vulnerable`,
  );
});

describe('ReDoS: every regular expression Keel ships is linear', () => {
  it('finds the regular expressions of the source, and only the known places build one at run time', () => {
    const { literals, constructed } = findRegexes();
    expect(literals.length).toBeGreaterThan(50);
    expect([...new Set(constructed.map((place) => place.file))]).toEqual(['utils/adapters/custom.ts']);
  });

  it('each reviewed undecided pattern is still shipped (a stale review is removed)', () => {
    for (const entry of UNDECIDED) {
      expect(
        reviewed.some((pattern) => reviewOf(pattern) === entry),
        `${entry.file} /${entry.starts}…/ (${entry.digest}) is no longer shipped: remove it from undecided.ts`,
      ).toBe(true);
    }
    figures.patterns += reviewed.length;
    figures.undecided += reviewed.length;
  });

  it.each(toDecide.map((pattern) => [`${pattern.where.join(', ')} /${pattern.source}/`, pattern] as const))(
    '%s does not backtrack super-linearly',
    async (where, pattern) => {
      figures.patterns += 1;
      const result = await verdict(pattern.source, pattern.flags);
      expect(result.verdict, `${where}: ${result.detail}`).not.toBe('vulnerable');
      expect(
        result.verdict,
        `${where} is undecided (${result.detail}) and not reviewed: review it, then add it to undecided.ts with digest ${digestOf(pattern.source, pattern.flags)}`,
      ).toBe('safe');
      figures.linear += 1;
    },
    60_000,
  );

  it.each(['https://*.acme.test/*', '*://*/*', 'https://desk.acme.test/tickets/*'])(
    'the match pattern %s becomes a linear expression',
    async (pattern) => {
      const regex = matchPatternToRegExp(pattern);
      figures.patterns += 1;
      const result = await verdict(regex.source, regex.flags);
      expect(result.verdict, `${pattern}: ${result.detail}`).toBe('safe');
      figures.linear += 1;
    },
    60_000,
  );
});
