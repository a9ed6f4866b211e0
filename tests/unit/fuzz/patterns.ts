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

/**
 * Every regular expression Keel ships, once per distinct source and flags (a pattern used in
 * several places is checked once), plus the ones built from the match patterns above.
 */
export function checkedPatterns(): CheckedPattern[] {
  const bySource = new Map<string, CheckedPattern>();
  const add = (source: string, flags: string, where: string) => {
    const key = `/${source}/${flags}`;
    const known = bySource.get(key);
    if (known) known.where.push(where);
    else bySource.set(key, { source, flags, where: [where] });
  };
  for (const found of findRegexes().literals) add(found.source, found.flags, `${found.file}:${found.line}`);
  for (const pattern of HOSTILE_MATCH_PATTERNS) {
    const regex = matchPatternToRegExp(pattern);
    add(
      regex.source,
      regex.flags,
      `utils/adapters/custom.ts matchPatternToRegExp(${JSON.stringify(pattern)})`,
    );
  }
  return [...bySource.values()];
}
