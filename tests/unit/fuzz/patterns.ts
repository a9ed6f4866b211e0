import { matchPatternToRegExp } from '../../../utils/adapters/custom';
import { findRegexes } from './regexes';

/** A pattern the ReDoS suites check, with where it comes from. */
export interface CheckedPattern {
  source: string;
  flags: string;
  /** `file:line` of each literal with this source and flags, or the match pattern it was built from. */
  where: string[];
}

/**
 * Match patterns a user can save for a custom site (`utils/adapters/custom.ts` builds a RegExp
 * from them at run time), hostile ones included: several `*` in the path backtrack
 * polynomially if each becomes `.*`.
 */
export const HOSTILE_MATCH_PATTERNS = [
  'https://*.acme.test/*',
  '*://*/*',
  'https://desk.acme.test/tickets/*',
  'https://desk.acme.test/*a*a*a*b',
  '*://*.acme.test/*/*/*/*/x',
  'http://*/**********b',
];

/** Patterns once per distinct source and flags: one used in several places is checked once. */
class PatternSet {
  private readonly bySource = new Map<string, CheckedPattern>();

  add(source: string, flags: string, where: string): void {
    const key = `/${source}/${flags}`;
    const known = this.bySource.get(key);
    if (known) known.where.push(where);
    else this.bySource.set(key, { source, flags, where: [where] });
  }

  get patterns(): CheckedPattern[] {
    return [...this.bySource.values()];
  }
}

/** Every regular expression literal Keel ships, once per distinct source and flags. */
export function literalPatterns(): CheckedPattern[] {
  const set = new PatternSet();
  for (const found of findRegexes().literals)
    set.add(found.source, found.flags, `${found.file}:${found.line}`);
  return set.patterns;
}

/** Every literal, plus the expressions built at run time from the match patterns above. */
export function checkedPatterns(): CheckedPattern[] {
  const set = new PatternSet();
  for (const pattern of literalPatterns()) {
    for (const where of pattern.where) set.add(pattern.source, pattern.flags, where);
  }
  for (const pattern of HOSTILE_MATCH_PATTERNS) {
    const regex = matchPatternToRegExp(pattern);
    set.add(
      regex.source,
      regex.flags,
      `utils/adapters/custom.ts matchPatternToRegExp(${JSON.stringify(pattern)})`,
    );
  }
  return set.patterns;
}
