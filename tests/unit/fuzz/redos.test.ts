import { checkSync } from 'recheck';
import { afterAll, describe, expect, it } from 'vitest';
import { matchPatternToRegExp } from '../../../utils/adapters/custom';
import { findRegexes } from './regexes';

/**
 * No regular expression Keel ships may backtrack super-linearly: a customer's text or a page's
 * URL reaches most of them (issue 14 High 1: "order" + 3,000 spaces blocked the tab 18 s).
 * recheck's automaton checker decides it from the pattern's structure (no timing, so the verdict
 * does not depend on how busy the machine is). It runs here in its pure JavaScript build: no
 * JVM, no native binary.
 *
 * Where the automaton checker cannot decide (bounded repetitions such as `.{0,300}` make its
 * automaton too large), the pattern is listed below with why it stays linear; a new undecided
 * pattern fails this suite until someone reviews it.
 */
process.env.RECHECK_SYNC_BACKEND = 'pure';

const UNDECIDED: Record<string, string> = {
  'utils/checker/checks/expectation.ts': 'one word, anchored at both ends: input is a single word',
  'utils/checker/checks/link.ts': 'anchored at a token start, applied to at most 2,048 characters',
  'utils/checker/checks/placeholders.ts': 'every repetition bounded ({0,80}, {1,40}); per line',
  'utils/checker/reply.ts': 'anchored per line, repetitions bounded ({0,300}, {2,40}); lines are short',
  'utils/adapters/strip-evidence.ts':
    'build time only, on our own source (never page text); the string-literal alternatives are disjoint',
};

/** Where Keel builds a RegExp at run time; checked below with hostile patterns. */
const CONSTRUCTED = ['utils/adapters/custom.ts'];

const figures = { patterns: 0, linear: 0, undecided: 0 };

type Verdict = 'safe' | 'vulnerable' | 'undecided';

function verdict(source: string, flags: string): { verdict: Verdict; detail: string } {
  try {
    const result = checkSync(source, flags, { checker: 'automaton', timeout: 30_000 });
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

const { literals, constructed } = findRegexes();

afterAll(() => {
  console.log(
    `[redos] ${figures.patterns} patterns: ${figures.linear} proven linear, ${figures.undecided} undecided by the checker (reviewed, listed in the test), 0 vulnerable`,
  );
});

describe('ReDoS: every regular expression Keel ships is linear', () => {
  it('finds the regular expressions of the source, and only the known places build one at run time', () => {
    expect(literals.length).toBeGreaterThan(50);
    expect([...new Set(constructed.map((place) => place.file))]).toEqual(CONSTRUCTED);
  });

  it.each(literals.map((found) => [`${found.file}:${found.line} /${found.source}/`, found] as const))(
    '%s does not backtrack super-linearly',
    (where, found) => {
      figures.patterns += 1;
      const result = verdict(found.source, found.flags);
      expect(result.verdict, `${where}: ${result.detail}`).not.toBe('vulnerable');
      if (result.verdict === 'safe') figures.linear += 1;
      else {
        figures.undecided += 1;
        expect(
          UNDECIDED[found.file],
          `${where} is undecided (${result.detail}) and not reviewed`,
        ).toBeDefined();
      }
    },
    60_000,
  );

  it.each(['https://*.acme.test/*', '*://*/*', 'https://desk.acme.test/tickets/*'])(
    'the match pattern %s becomes a linear expression',
    (pattern) => {
      const regex = matchPatternToRegExp(pattern);
      figures.patterns += 1;
      const result = verdict(regex.source, regex.flags);
      expect(result.verdict, `${pattern}: ${result.detail}`).toBe('safe');
      figures.linear += 1;
    },
    60_000,
  );
});
