import { createHash } from 'node:crypto';

/**
 * Patterns recheck's automaton checker cannot decide in 30 s (bounded repetitions such as
 * `.{0,300}` make its automaton too large; it times out or overflows its stack), each reviewed by
 * a person. redos.test.ts does not wait for the automaton on them; redos-steps.test.ts measures
 * them instead, with recheck's fuzzer's attack strings added to the structural pumps.
 *
 * Keyed by the SHA-256 of `/source/flags` (first 12 hex digits): a changed pattern no longer
 * matches its entry, goes through the automaton again and, if still undecided, fails until
 * someone reviews it and updates the digest here (the failure prints it).
 */
export interface ReviewedPattern {
  file: string;
  /** The pattern's first characters, for the reader; the digest is what matches. */
  starts: string;
  digest: string;
  reason: string;
}

export const UNDECIDED: ReviewedPattern[] = [
  {
    file: 'utils/adapters/strip-evidence.ts',
    starts: "(,\\s*source:\\s*(?:[A-Z][A-Z0-9_]*|'(?:[^",
    digest: '5c47d5d66572',
    reason:
      'build time only, on our own source (never page text); the string-literal alternatives are disjoint',
  },
  {
    file: 'utils/checker/checks/expectation-time.ts',
    starts: '^(?:will|shall|going|expect\\w*|should|ar',
    digest: '9447e830cc53',
    reason:
      'one word, anchored at both ends: input is a single word (recheck native decides it linear in ~6 s)',
  },
  {
    file: 'utils/checker/checks/placeholders.ts',
    starts: '\\{\\{[^{}\\n]{0,80}\\}\\}|\\$?\\{[A-Za-z_][\\w ',
    digest: '95eb3b06b634',
    reason: 'every repetition bounded ({0,80}, {1,40}, {1,60}): at most ~80 steps per start index',
  },
  {
    file: 'utils/checker/checks/placeholders.ts',
    starts: '^[ \\t]*(?:>|-{3,}|_{10,}|(?:from|von|de|',
    digest: 'bf54abc12c0f',
    reason: 'per line; the one unbounded-looking window is .{0,200}: at most ~200 steps per start index',
  },
  {
    file: 'utils/checker/reply.ts',
    starts: '^[ \\t]*on\\b.{0,300}\\bwrote:[ \\t]*$',
    digest: 'e43184f2dbde',
    reason: 'anchored per line, window bounded {0,300}; lines are short',
  },
  {
    file: 'utils/checker/reply.ts',
    starts: '^[ \\t]*(?:am|le|el|il|op|den|em|w dniu)\\',
    digest: '25d3cb37eb37',
    reason: 'anchored per line, windows bounded ({0,300}, {0,200})',
  },
  {
    file: 'utils/checker/reply.ts',
    starts: '^[ \\t]*(?:(?:(?:best|kind|warm|warmest|m',
    digest: '94d7b34e7c20',
    reason:
      'anchored per line; blank runs do not overlap since 40721fd (recheck native decides it linear in ~11 s)',
  },
  {
    file: 'utils/checker/reply.ts',
    starts: '^[ \\t]*sent from my [\\w -]{2,40}[ \\t]*$',
    digest: 'b1f0d2e94c58',
    reason: 'anchored per line; [\\w -]{2,40} overlaps the blank run after it only within 40 characters',
  },
];

export function digestOf(source: string, flags: string): string {
  return createHash('sha256').update(`/${source}/${flags}`).digest('hex').slice(0, 12);
}

/** The review of a pattern the automaton cannot decide, if there is one (`where` as `file:line`). */
export function reviewOf(pattern: {
  source: string;
  flags: string;
  where: string[];
}): ReviewedPattern | undefined {
  const digest = digestOf(pattern.source, pattern.flags);
  return UNDECIDED.find(
    (entry) => entry.digest === digest && pattern.where.some((where) => where.startsWith(`${entry.file}:`)),
  );
}
