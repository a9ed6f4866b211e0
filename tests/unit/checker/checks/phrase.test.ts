import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

const status = (text: string) =>
  stepResult(text, { check: { kind: 'phrase', any: ["i'll", 'sorry'] } }).status;

describe('phrase: a negation in a condition does not negate the main clause', () => {
  it.each([
    ["If it's not there by Thursday I'll send a replacement.", 'pass'],
    ["Unless it hasn't shipped, I'll refund the postage.", 'pass'],
    ["I'm not sorry.", 'fail'],
    ['Not sorry at all, to be honest.', 'fail'],
  ])('"%s": %s', (text, expected) => {
    expect(status(text)).toBe(expected);
  });
});
