import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

const status = (text: string) => stepResult(text, { check: { kind: 'closing' } }).status;

describe("closing: a sign-off found by the shape of the reply's end", () => {
  it.each([
    ['a valediction line and a name', 'Your refund is done.\n\nKind regards,\nAlex'],
    ['an unlisted valediction', 'Enjoy the skillet.\n\nHappy cooking,\nKip'],
    ['a name alone on the last line', "We'll look into it.\n\nAnneke"],
    ['a dashed name', 'Anything else, just reply here!\n— Priya'],
    ['a name after a closing remark', 'New invoices will use USD.\n\nHope that helps!\nLucía'],
    ['a signature block after the name', 'Done.\n\nBest,\nKip\n--\nKip Anders · Customer Care'],
    ['a farewell clause at the very end', 'All sorted, and have a great day!'],
    ["thanks signed with the agent's name", 'We will email you by Friday. Thanks for your patience, Alex'],
    [
      'a name and an undelimited signature block',
      'Just reply here.\n\nBen Carter\nCustomer Support · Atelier Bleu\nhttps://atelierbleu.example/help · Mon-Fri 9h-18h',
    ],
    ['a name and a job title line', 'Reply with your media kit!\n\nLucy\nPartnerships, Sunny Side Swim'],
    ['a name and a phone number', 'Any questions, just reply.\n\nJess Morgan\n+44 20 7946 0018'],
  ])('passes %s', (_, text) => {
    expect(status(text)).toBe('pass');
  });

  it.each([
    [
      'a courtesy at the end of a chat message',
      'Just send me the address and I will check which one works. Thanks!',
    ],
    ['thanks inside a one-line reply', 'Hi Petra, thanks, noted!'],
    ['a last sentence of thanks', 'Known issue, engineering is on it. Thanks for the report.'],
    ['"best" inside a sentence', 'We will do our best to ship it quickly'],
    ['a reply that just stops', 'Your order ships tomorrow by courier.'],
    ['a tracking link after a sentence', 'Your parcel is with DHL, track it here:\nhttps://dhl.example/123'],
  ])('fails %s', (_, text) => {
    expect(status(text)).toBe('fail');
  });
});

describe('an undelimited signature block is not the reply', () => {
  const signed =
    'We have sent the replacement.\n\nBen Carter\nCustomer Support · Atelier Bleu\nhttps://atelierbleu.example · Mon-Fri 9am-6pm';

  it('its homepage does not count as a link', () => {
    expect(stepResult(signed, { check: { kind: 'link' } }).status).toBe('fail');
  });

  it('its opening hours are not a time commitment', () => {
    expect(stepResult(signed, { check: { kind: 'expectation' } }).status).toBe('fail');
  });
});
