import { describe, expect, it } from 'vitest';
import type { StepCheckInput } from '../../../utils/playbook/schema';
import { evidenceText, stepResult } from './helpers';

type Row = [description: string, text: string, status: 'pass' | 'fail' | 'na'];

function table(
  check: StepCheckInput | Record<string, unknown>,
  rows: Row[],
  extra: Record<string, unknown> = {},
) {
  it.each(rows)('%s', (_, text, status) => {
    const result = stepResult(text, { check: check as StepCheckInput, ...extra });
    expect(result.status, result.reason).toBe(status);
  });
}

describe('greeting check (with the customer name)', () => {
  table({ kind: 'greeting', useName: true }, [
    ['passes "Hi María,"', 'Hi María,\n\nThanks for writing.', 'pass'],
    ['passes the name without its accent', 'Hi Maria, thanks for writing.', 'pass'],
    ['passes the name in capitals', 'HELLO MARIA! Thanks for writing.', 'pass'],
    ['passes "Dear Ms. García" across the title\'s full stop', 'Dear Ms. García,\n\nThank you.', 'pass'],
    ['passes a greeting after an emoji', '👋 Hi Maria! Thanks.', 'pass'],
    ['passes the bare name as the first line', 'María,\n\nyour refund is on its way.', 'pass'],
    ['passes "Good morning María"', 'Good morning María, thanks.', 'pass'],
    ['fails a greeting without the name', 'Hi there,\n\nThanks for writing.', 'fail'],
    ['fails the name only later in the reply', 'Hello,\n\nMaria, your refund is on its way.', 'fail'],
    ['fails a greeting in the middle of the reply', 'Your refund is on its way. Hi Maria!', 'fail'],
    ['fails an empty reply', '', 'fail'],
    ['fails a name that only shares a prefix ("Mariana")', 'Hi Mariana, thanks.', 'fail'],
  ]);

  it('says whose name is missing', () => {
    const result = stepResult('Thanks for writing.', { check: { kind: 'greeting', useName: true } });
    expect(result.reason).toBe("No greeting with the customer's name (María) at the start");
    const unnamed = stepResult('Hello,\n\nThanks.', { check: { kind: 'greeting', useName: true } });
    expect(unnamed.reason).toBe("The greeting does not use the customer's name (María)");
  });

  it('checks only the greeting when the ticket has no customer name, and says so', () => {
    const result = stepResult(
      'Hi there, thanks.',
      { check: { kind: 'greeting', useName: true } },
      { requester: {} },
    );
    expect(result.status).toBe('pass');
    expect(result.reason).toMatch(/name is unknown/);
  });

  it('points its evidence at the greeting word and the name', () => {
    const text = 'Hi María,\n\nThanks.';
    expect(evidenceText(text, stepResult(text, { check: { kind: 'greeting', useName: true } }))).toEqual([
      'Hi',
      'María',
    ]);
  });
});

describe('greeting check (any greeting)', () => {
  table({ kind: 'greeting' }, [
    ['passes "Hello there"', 'Hello there, thanks for writing.', 'pass'],
    ['passes a custom greeting word', 'Ahoy María!', 'fail'],
    ['fails "Thanks for writing" as a greeting', 'Thanks for writing.', 'fail'],
  ]);
  it("accepts the playbook's own greeting words", () => {
    expect(stepResult('Ahoy María!', { check: { kind: 'greeting', words: ['ahoy'] } }).status).toBe('pass');
  });
});

describe('closing check', () => {
  table({ kind: 'closing' }, [
    ['passes "Best regards," and a name', 'Your refund is done.\n\nBest regards,\nAlex', 'pass'],
    ['passes "Cheers!"', 'Done!\n\nCheers!\nAlex', 'pass'],
    ['passes "…, and have a great day"', 'All sorted, and have a great day!', 'pass'],
    ['fails "best" inside a sentence', 'We will do our best to ship it quickly', 'fail'],
    [
      'fails a sign-off only in the quoted history',
      'Done.\n\nOn Monday, Maria wrote:\n> Thanks\n> Best, Maria',
      'fail',
    ],
    ['fails a sign-off only in the signature', 'Done.\n-- \nBest regards, Acme Support', 'fail'],
    [
      'fails a "thanks" far from the end',
      `Thanks for writing. ${'We looked into it carefully. '.repeat(10)}`,
      'fail',
    ],
    ['fails an empty reply', '', 'fail'],
  ]);
});

describe('phrase check', () => {
  table({ kind: 'phrase', any: ['sorry', 'apologi*'] }, [
    ['passes "sorry"', "I'm so sorry about that.", 'pass'],
    ['passes a prefix: "apologise"', 'We apologise for the trouble.', 'pass'],
    ['passes a prefix: "Apologies"', 'Apologies for the wait!', 'pass'],
    ['passes after punctuation and emoji', 'Oh no 😞, SORRY!!!', 'pass'],
    ['passes "can\'t apologise enough" (not a refusal)', "I can't apologise enough.", 'pass'],
    ['passes when a negation belongs to an earlier clause', "It didn't arrive, and I'm sorry.", 'pass'],
    ['fails "not sorry"', "I'm not sorry about this.", 'fail'],
    ['fails "never apologize"', 'We never apologize for policy.', 'fail'],
    ['fails a word that only contains the phrase ("sorryish")', 'A sorryish state of affairs.', 'fail'],
    ['fails the phrase inside a quotation', 'You wrote "sorry" in your message.', 'fail'],
    ['fails the phrase only in quoted history', 'Done.\n> sorry for the long email', 'fail'],
    ['fails an empty reply', '', 'fail'],
  ]);

  it('explains a negated match in words', () => {
    const result = stepResult("I'm not sorry.", {
      title: 'Apologise for the trouble',
      check: { kind: 'phrase', any: ['sorry'] },
    });
    expect(result.reason).toBe(
      `"I'm not sorry" is negated, so it does not count — apologise for the trouble`,
    );
  });

  it('matches accented phrases and text either way', () => {
    expect(stepResult('Merci, à bientôt', { check: { kind: 'phrase', any: ['a bientot'] } }).status).toBe(
      'pass',
    );
    expect(stepResult('See you at the cafe', { check: { kind: 'phrase', any: ['café'] } }).status).toBe(
      'pass',
    );
    expect(stepResult('Grüße aus München', { check: { kind: 'phrase', any: ['munchen'] } }).status).toBe(
      'pass',
    );
  });

  it('matches a multi-word phrase across line-wrapping whitespace but not across sentences', () => {
    expect(stepResult('Let me\n  know', { check: { kind: 'phrase', any: ['let me know'] } }).status).toBe(
      'fail',
    );
    expect(stepResult('Let me  know', { check: { kind: 'phrase', any: ['let me know'] } }).status).toBe(
      'pass',
    );
    expect(stepResult('Let me. Know', { check: { kind: 'phrase', any: ['let me know'] } }).status).toBe(
      'fail',
    );
  });

  it('fills {{variables}} from the ticket', () => {
    const check: StepCheckInput = { kind: 'phrase', any: ['order {{order.number}}'] };
    expect(stepResult('About order A1234: done.', { check }).status).toBe('pass');
    expect(stepResult('About order #A1234: done.', { check }).status).toBe('pass');
    expect(stepResult('About order B999: done.', { check }).status).toBe('fail');
  });

  it('counts possessives: "customer\'s" matches "customer"', () => {
    expect(stepResult("The customer's order", { check: { kind: 'phrase', any: ['customer'] } }).status).toBe(
      'pass',
    );
  });

  it('looks only at the opening or the closing when asked', () => {
    const long = `Thanks for writing. ${'We checked everything twice. '.repeat(12)}Bye.`;
    expect(stepResult(long, { check: { kind: 'phrase', any: ['thanks'], where: 'opening' } }).status).toBe(
      'pass',
    );
    expect(stepResult(long, { check: { kind: 'phrase', any: ['thanks'], where: 'closing' } }).status).toBe(
      'fail',
    );
  });

  it('stays fast and correct on a very long reply', () => {
    const text = `${'word '.repeat(50_000)}sorry`;
    const started = performance.now();
    expect(stepResult(text, { check: { kind: 'phrase', any: ['sorry'] } }).status).toBe('pass');
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('forbid check', () => {
  table({ kind: 'forbid', any: ['guarantee*', '100%', 'never happen again'] }, [
    ['fails "I guarantee"', 'I guarantee it arrives tomorrow.', 'fail'],
    ['fails "guaranteed" through the prefix', 'Delivery is guaranteed.', 'fail'],
    ['fails "100%"', "We're 100% sure.", 'fail'],
    ['fails "This will never happen again"', 'This will never happen again.', 'fail'],
    ['fails in capitals', 'WE GUARANTEE IT!', 'fail'],
    ['passes "we can\'t guarantee"', "We can't guarantee a date.", 'pass'],
    ['passes "we cannot guarantee"', 'We cannot guarantee a date.', 'pass'],
    ['passes "we\'re not able to guarantee"… within the window', "We're not able to guarantee it.", 'pass'],
    ['passes with curly apostrophes: "can’t guarantee"', 'We can’t guarantee it.', 'pass'],
    ['passes "100" without a percent sign', 'We shipped 100 orders.', 'pass'],
    ['passes a quoted customer request', 'You asked whether we "guarantee" delivery.', 'pass'],
    [
      'passes a forbidden word only in the quoted history',
      'All done.\n\nOn Tue, Maria wrote:\n> I want a guarantee',
      'pass',
    ],
    [
      'passes a forbidden word only in the signature',
      'All done.\n-- \nAcme: satisfaction guaranteed',
      'pass',
    ],
    ['passes an empty reply', '', 'pass'],
  ]);

  it('says what it found and why it matters, with spans to highlight', () => {
    const text = 'Sure! I guarantee it. 100% guaranteed.';
    const result = stepResult(text, { check: { kind: 'forbid', any: ['guarantee*', '100%'] } });
    expect(result.reason).toBe('Contains "guarantee", "100%", "guaranteed" — promise only what we control');
    expect(evidenceText(text, result)).toEqual(['guarantee', '100%', 'guaranteed']);
  });

  it('maps spans back to the original text when a signature is stripped', () => {
    const text = 'I guarantee it.\n-- \nAlex';
    const result = stepResult(text, { check: { kind: 'forbid', any: ['guarantee'] } });
    expect(evidenceText(text, result)).toEqual(['guarantee']);
  });
});

describe('mention check', () => {
  table({ kind: 'mention', variable: 'order.number' }, [
    ['passes the order number', 'Your order A1234 is refunded.', 'pass'],
    ['passes it with "#" and in lower case', 'Order #a1234 is refunded.', 'pass'],
    ['fails another number', 'Your order A12345 is refunded.', 'fail'],
  ]);

  it('is not applicable when the ticket has no order number, and says so', () => {
    const result = stepResult(
      'Done.',
      { check: { kind: 'mention', variable: 'order.number' } },
      {
        subject: 'Question',
        customerMessage: 'Hello',
      },
    );
    expect(result.status).toBe('na');
    expect(result.reason).toBe('This ticket has no order number');
  });

  it('passes the ticket id and the customer name', () => {
    expect(stepResult('Re ticket 4521', { check: { kind: 'mention', variable: 'ticket.id' } }).status).toBe(
      'pass',
    );
    expect(
      stepResult('Thanks Maria', { check: { kind: 'mention', variable: 'customer.firstName' } }).status,
    ).toBe('pass');
  });
});

describe('expectation check', () => {
  table({ kind: 'expectation' }, [
    ['passes "within 24 hours"', "You'll hear from us within 24 hours.", 'pass'],
    ['passes "in 2–3 business days"', 'It arrives in 2–3 business days.', 'pass'],
    ['passes "in 2-3 business days"', 'It arrives in 2-3 business days.', 'pass'],
    ['passes "within the next 48h"', 'Expect it within the next 48h.', 'pass'],
    ['passes "by Friday"', 'I will send it by Friday.', 'pass'],
    ['passes "by March 5"', 'It will be there by March 5.', 'pass'],
    ['passes "by the 5th of March"', 'It will be there by the 5th of March.', 'pass'],
    ['passes "by tomorrow"', 'You will have it by tomorrow.', 'pass'],
    ['passes "it will ship today"', 'Good news: it will ship today.', 'pass'],
    ['passes "later today"', "I'll write again later today.", 'pass'],
    ['passes "by end of day"', "I'll confirm by end of day.", 'pass'],
    ['passes "by 5pm"', "I'll confirm by 5pm.", 'pass'],
    ['passes a numeric date: "by 12/03"', "We'll refund you by 12/03.", 'pass'],
    ['passes "a couple of days" with a lead', 'It takes a couple of days.', 'pass'],
    ['fails a validity period: "valid for 24 hours"', 'The link is valid for 24 hours.', 'fail'],
    ['fails a past date: "it was delivered on 6 May"', 'It was delivered on 6 May.', 'fail'],
    ['fails a period: "for the next three months"', 'You get 50% off for the next three months.', 'fail'],
    ['passes "within a fortnight"', 'It will reach you within a fortnight.', 'pass'],
    ['passes "in the next hour"', "I'll call you in the next hour.", 'pass'],
    ['passes "by the end of next week"', 'It will be fixed by the end of next week.', 'pass'],
    ['passes "before the weekend"', 'The refund will land before the weekend.', 'pass'],
    [
      'passes a passive future: "will be sent by Friday"',
      'The report will be sent to you by Friday 14 March.',
      'pass',
    ],
    ['passes a conditional deadline', "If it hasn't moved by Friday, I'll send a new one.", 'pass'],
    ['passes "in Thursday\'s release"', "The fix will ship in Thursday's release.", 'pass'],
    ['passes a clock time: "by 10:30"', "I'll email you again by 10:30.", 'pass'],
    ['fails "soon"', "We'll get back to you soon.", 'fail'],
    ['fails "as soon as possible"', "We'll fix it as soon as possible.", 'fail'],
    ['fails "a few days"', 'It takes a few days.', 'fail'],
    ['fails a past duration: "3 days ago"', 'You wrote to us 3 days ago.', 'fail'],
    ['fails "waiting for 3 days"', "Sorry you've been waiting for 3 days.", 'fail'],
    ['fails "thanks for contacting us today"', 'Thanks for contacting us today.', 'fail'],
    ['fails a negated commitment', "I can't promise it by Friday.", 'fail'],
    ['fails "May" as a verb', 'It may take a while.', 'fail'],
    ['fails an empty reply', '', 'fail'],
  ]);
});

describe('link check', () => {
  table({ kind: 'link' }, [
    ['passes an https link', 'See https://help.example.com/refunds.', 'pass'],
    ['passes a www link', 'See www.example.com for more.', 'pass'],
    ['passes a bare host with a path', 'See help.example.com/refunds for more.', 'pass'],
    ['fails a plain domain-like abbreviation', 'Details, e.g. the date, i.e. Friday.', 'fail'],
    ['fails a fraction', 'It is 1/2 done.', 'fail'],
    ['fails a link only in the quoted history', 'Done.\n> https://example.com/x', 'fail'],
  ]);

  it('counts only listed hosts (and their subdomains) when hosts are given', () => {
    const check: StepCheckInput = { kind: 'link', hosts: ['example.com'] };
    expect(stepResult('https://help.example.com/a', { check }).status).toBe('pass');
    expect(stepResult('https://example.com.evil.io/a', { check }).status).toBe('fail');
    expect(stepResult('https://notexample.com/a', { check }).reason).toBe(
      'Links go to notexample.com, not example.com',
    );
  });

  it('leaves the full stop after a link out of its span', () => {
    const text = 'See https://example.com/a.';
    expect(evidenceText(text, stepResult(text, { check: { kind: 'link' } }))).toEqual([
      'https://example.com/a',
    ]);
  });
});

describe('length check', () => {
  table({ kind: 'length', min: 3, max: 6 }, [
    ['passes within bounds', 'One two three four.', 'pass'],
    ['fails too short', 'One two.', 'fail'],
    ['fails too long', 'One two three four five six seven.', 'fail'],
    ['counts a contraction as one word', "We'll can't won't.", 'pass'],
    ['ignores emoji and punctuation', '👍 … one — two !!! three', 'pass'],
    ['does not count the signature', 'One two three.\n-- \nAlex Kim, Acme Support, Berlin, Germany', 'pass'],
  ]);

  it('says how many words there are and what is expected', () => {
    expect(stepResult('One two.', { check: { kind: 'length', min: 3 } }).reason).toBe(
      '2 words — write at least 3',
    );
  });
});

describe('placeholders check', () => {
  table({ kind: 'placeholders' }, [
    ['fails "{{customer.firstName}}"', 'Hi {{customer.firstName}},', 'fail'],
    ['fails "[NAME]"', 'Hi [NAME],', 'fail'],
    ['fails "[Customer name]"', 'Hi [Customer name],', 'fail'],
    ['fails "[insert date]"', 'It ships on [insert date].', 'fail'],
    ['fails "XXX"', 'Your code is XXX.', 'fail'],
    ['fails "TBD"', 'Ships on TBD.', 'fail'],
    ['passes ordinary brackets', 'Your order (see [1]) [sic] is fine.', 'pass'],
    ['passes "Xxx" in a word', 'The Xxxtra plan is fine.', 'pass'],
    ['passes a filled reply', 'Hi Maria, all done.', 'pass'],
    ['passes a placeholder only in the quoted history', 'Done.\n> Hi [NAME]', 'pass'],
  ]);
});

describe('when conditions', () => {
  const check: StepCheckInput = { kind: 'phrase', any: ['sorry'] };
  it('makes a step not applicable when the customer mentions none of the keywords', () => {
    const result = stepResult('All good!', { check, when: { keywords: ['late', 'missing'] } });
    expect(result.status).toBe('na');
    expect(result.reason).toBe('Applies only when the customer mentions "late", "missing"');
  });
  it('applies the step when the customer message has a keyword', () => {
    expect(stepResult('All good!', { check, when: { keywords: ['broken'] } }).status).toBe('fail');
  });
  it('applies the step on a matching ticket type or tag', () => {
    expect(stepResult('All good!', { check, when: { types: ['refund'] } }).status).toBe('fail');
    expect(stepResult('All good!', { check, when: { tags: ['refund'] } }).status).toBe('fail');
    expect(stepResult('All good!', { check, when: { types: ['billing'], tags: ['vip'] } }).status).toBe('na');
  });
  it('reads keywords in the subject too, accent- and case-insensitively', () => {
    const result = stepResult('All good!', { check, when: { keywords: ['a1234'] } });
    expect(result.status).toBe('fail');
  });
});
