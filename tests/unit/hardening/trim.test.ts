import { describe, expect, it } from 'vitest';
import { parseRtUser } from '../../../utils/adapters/rt-fetch';
import { normaliseTag } from '../../../utils/playbook/pick';
import { trimChars, trimEndChars, trimLineEnds } from '../../../utils/trim';

const run = (char: string, length = 200_000) => char.repeat(length);

describe('issue 14: trailing-run patterns backtrack quadratically on page text', () => {
  it.each([
    ['trailing punctuation', trimEndChars('https://x.test/a?!.', '.,;:!?'), 'https://x.test/a'],
    ['no trailing punctuation', trimEndChars(`a${run('!')}b`, '.,;:!?'), `a${run('!')}b`],
    ['dashes at both ends', trimChars('--refund-request--', '-'), 'refund-request'],
    ['only dashes', trimChars(run('-'), '-'), ''],
    ['line ends', trimLineEnds('a \t\nb  \n c'), 'a\nb\n c'],
    ['a long run of tabs with no line end', trimLineEnds(`${run('\t')}x`), `${run('\t')}x`],
  ])('trims %s the way the pattern did, in one pass', (_label, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('reads RT users as before, and a hostile one at once', () => {
    expect(parseRtUser('"María García" <maria@example.com>')).toEqual({
      name: 'María García',
      email: 'maria@example.com',
    });
    expect(parseRtUser('maria@example.com')).toEqual({ email: 'maria@example.com' });
    expect(parseRtUser('Sam')).toEqual({ name: 'Sam' });
    const hostile = `${run('\t', 5_000)}<\u0000${run('@@', 5_000)}\u0000<\u0000@\u0000>`;
    // The same answer the pattern gave, without its cubic backtracking.
    expect(parseRtUser(hostile).email).toBe('\u0000@\u0000');
  });

  it('normalises tags', () => {
    expect(normaliseTag(' Refund_Request ')).toBe('refund-request');
  });
});
