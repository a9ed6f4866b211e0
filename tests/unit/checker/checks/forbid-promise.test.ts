import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

const check = { kind: 'forbid' as const, meaning: 'promise' as const, any: ['guarantee*', '100%'] };
const status = (text: string) => {
  const result = stepResult(text, { check });
  return { status: result.status, reason: result.reason };
};

describe('forbid with meaning "promise": certainty about an outcome we do not control', () => {
  it.each([
    ['a guarantee in the first person', 'I guarantee the courier delivers it tomorrow.'],
    ['a passive guarantee', 'Your replacement is guaranteed to reach you by Monday.'],
    ['a trailing guarantee', 'The bank will have it back with you tomorrow, guaranteed.'],
    ['"you have my word"', 'It will be there on Friday, you have my word.'],
    ['"I give you my word"', 'I give you my word the update fixes it.'],
    ['"rest assured"', 'Rest assured the parcel will be with you on Thursday.'],
    ['"I can assure you"', 'I can assure you it will be fixed by Monday.'],
    ['"I promise"', 'I promise the refund lands before the weekend.'],
    ['"will definitely"', 'The fix will definitely be in the next release.'],
    ['"definitely" about the bank', 'Your bank will definitely show it tomorrow.'],
    ['"will 100%"', 'The courier will 100% deliver inside your slot.'],
    ['"for sure"', 'The carrier will find it for sure.'],
    ['"without fail"', 'It will reach you tomorrow without fail.'],
    ['speed promised for someone else', 'Your bank will process it instantly.'],
    ['a problem never coming back', "This won't ever happen to you again."],
    ['a recurrence promised away', "After the fix you won't see this error again."],
    ['"never … again" over a line break', 'It will never\nhappen again.'],
    [
      'reassurance about a carrier',
      "Don't worry, Evri will get it to you well before Christmas, no problem at all.",
    ],
    ['reassurance about a bank', "Don't worry, your bank will have the money back on your card by Monday."],
  ])('fails %s', (_, text) => {
    expect(status(text).status).toBe('fail');
  });

  it.each([
    ['a hedge', "We can't guarantee the carrier's timing."],
    ['a hedge with "without"', 'We are offering this without any guarantee on timing.'],
    ['no one promising', 'No one can guarantee a release date.'],
    ['a negated promise', "I can't promise a date, but I'll update you on Friday."],
    ['"I can\'t say for sure"', "I can't say for sure whether it will arrive by Friday."],
    ['a policy name', 'This is covered by our money-back guarantee.'],
    ['a policy name in title case', 'Your kettle is covered by the Quality Guarantee.'],
    ['another policy name', 'Under our Delivery Promise policy we refund the shipping.'],
    ['an amount', "You'll get 100% of the fee back."],
    ['a full refund in per cent', 'We refunded 100% of your order.'],
    ['certainty about our own action', "I'll definitely call you tomorrow morning."],
    ['certainty without a future', 'That is definitely possible on your plan.'],
    ['a hedged forecast', 'It should definitely be quicker if the carrier picks it up today.'],
    ['a charge we control', "You won't be charged again after today."],
    ['a hope, not a promise', 'I hope this never happens again.'],
    ['a quoted question', 'You asked whether we "guarantee" next-day delivery.'],
    ['a disclaimer in the signature', 'Done.\n\nBest,\nAlex\nEmails are not guaranteed to be secure.'],
  ])('passes %s', (_, text) => {
    expect(status(text).status).toBe('pass');
  });

  it('names what it found', () => {
    expect(status('It will be with you Friday, you have my word.').reason).toBe(
      'Contains "word" — promise only what we control',
    );
  });
});

describe('forbid with meaning "promise": what is not a promise being made', () => {
  it.each([
    ['a policy named with modifiers', 'It falls under our 2-year product guarantee.'],
    ['"rather than" a promise', "That's their estimate rather than something we can promise."],
    ['reassurance about what we do', "Don't worry, I'll refund it today."],
    ['reassurance with a hedge', "Don't worry, the courier should deliver it by Friday."],
  ])('passes %s', (_, text) => {
    expect(status(text).status).toBe('pass');
  });
});
