import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

const passwordCheck = {
  kind: 'forbid' as const,
  meaning: 'request' as const,
  any: ['password*', 'card number', 'long number', 'digits on the back', 'security code'],
};
const status = (text: string) => stepResult(text, { check: passwordCheck }).status;

describe('forbid with meaning "request": asking the customer for sensitive data', () => {
  it.each([
    ['"reply with"', 'Could you reply with the password you are typing in?'],
    ['"send me"', 'Just send me whatever emails and passwords he might have used.'],
    ['"what\'s your password"', "What's your password? I'll check it."],
    ['"tell us"', 'Please tell us your password so we can log in.'],
    ['"confirm" with the secret as its object', 'Please confirm your password in your reply.'],
    ['"I need"', "I'll need your card's security code to find the payment."],
    [
      'a card number described',
      'Could you reply with the long number on the front of your card and the three digits on the back?',
    ],
    ['"share" over a line break', 'Please share your\npassword with me.'],
  ])('fails %s', (_, text) => {
    expect(status(text)).toBe('fail');
  });

  it.each([
    ['an instruction in the product', 'Go to Settings and enter your current password to confirm.'],
    ['"confirm with"', 'Click Change email and confirm with your current password.'],
    ['choosing a new one', 'Click the link in the email we send you and choose a new password.'],
    ['our reset link', "We'll send you a password reset link."],
    ['"we will never ask"', 'We will never ask for your password.'],
    [
      '"never … ask" with the data first',
      'Your password is yours: no one here will ever ask you to send it.',
    ],
    ['"please don\'t send"', "Please don't send the full card number or the security code."],
    ['"never send"', 'Please never send your card number by email.'],
    ['the last four digits', 'Could you confirm the last four digits of the card?'],
    ['a quoted phrase', 'The page says "incorrect password".'],
  ])('passes %s', (_, text) => {
    expect(status(text)).toBe('pass');
  });
});

describe('forbid with meaning "request": a mail address is not a verb', () => {
  it('passes "sign in with your email and the new password"', () => {
    expect(status('4. Sign in with your email and the new password.')).toBe('pass');
  });

  it('fails "email me your password"', () => {
    expect(status('Please email me your password.')).toBe('fail');
  });
});
