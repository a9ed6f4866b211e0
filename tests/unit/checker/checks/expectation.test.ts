import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

const status = (text: string) => stepResult(text, { check: { kind: 'expectation' } }).status;

describe('expectation: a commitment read from the clause it stands in', () => {
  it.each([
    [
      'a duration followed by a new sentence that starts with "since"',
      'It will show within 5 business days. Since you have two cards, tell me which.',
    ],
    ['a terse duration as its own clause', '$24 refund approved to your card, 5-10 business days.'],
    ['a service level', "I'll send a replacement by tracked 48-hour delivery."],
    ['a date after "planned"', 'A corrected template is planned for the release on 10 December.'],
    ['a weekday after "rebooked for"', 'Your table was rebooked for Friday between 8am and 12pm.'],
  ])('counts %s', (_, text) => {
    expect(status(text)).toBe('pass');
  });

  it.each([
    ['a delay in the same clause', 'It arrived 5 days late.'],
    ['a duration inside a sentence about the past', 'We waited, 3 days, then it came.'],
    ['thanks for a weekday', 'Thanks for Friday.'],
    ['a past closure', 'We were closed for Monday.'],
  ])('does not count %s', (_, text) => {
    expect(status(text)).toBe('fail');
  });
});
