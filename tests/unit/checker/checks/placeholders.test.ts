import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

const status = (text: string) => stepResult(text, { check: { kind: 'placeholders' } });

describe('placeholders: the formats helpdesks and mail tools leave behind', () => {
  it.each([
    ['Liquid / Handlebars', 'Hi {{ticket.requester.first_name}}, done.'],
    ['single braces', 'Hi {first_name}, done.'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Zoho merge field is the input under test
    ['Zoho merge field', 'Hi ${Contacts.First Name}, done.'],
    ['percent field', 'Your order %ORDER_NUMBER% has shipped.'],
    ['lower-case percent field', 'Hi %firstname%, thanks.'],
    ['Mailchimp merge tag', 'Hi *|FNAME|*, thanks.'],
    ['capitals in brackets', 'Your tracking number is [TRACKING NUMBER].'],
    ['a single capital in brackets', 'It costs [X] per seat.'],
    ['a slot word in brackets', 'Track it here: [tracking link]'],
    ['a longer slot in brackets', 'See the guide: [link to article]'],
    ['an email slot', 'We sent it to [billing email].'],
    ['angle-bracket capitals', 'Dear <CUSTOMER NAME>,'],
    ['XXX', 'Your refund of XXX is on its way.'],
    ['TBD', 'Release date: TBD.'],
    ['a placeholder in the sign-off', 'All sorted for you.\n\nBest,\n{{current_user.firstname}}'],
  ])('finds %s', (_, text) => {
    expect(status(text).status).toBe('fail');
  });

  it.each([
    ['a masked card number', 'Refunded to the card ending XXXX-4417.'],
    ['a masked number after digits', 'Account 4417 XXXX is yours.'],
    ['a numbered link reference', 'See the guide [1].\n\n[1] https://example.com/guide'],
    ['a markdown link label', 'Follow it [here](https://example.com/track).'],
    ['ordinary words in brackets', 'Your parcel (and the spare part) [sent separately] is on its way.'],
    ['a percentage', 'You get 20% off and 10% back.'],
    ['a placeholder only in quoted history', 'All done.\n\nOn Tue, Maria wrote:\n> Hi {first_name}'],
    ['an email address', 'Write to <support@example.com>.'],
  ])('leaves %s alone', (_, text) => {
    expect(status(text).status).toBe('pass');
  });
});

describe('placeholders: template syntax taught on purpose is not left unfilled', () => {
  it.each([
    [
      'typed in a how-to on merge tags',
      'Use a merge tag: click where you want the name and type {{first_name}}.',
    ],
    ['an example in a how-to on merge tags', 'Merge tags fill in names, for example: Hi {{first_name}},'],
    ['quoted in a how-to on merge fields', 'The merge field "%FIRSTNAME%" fills in their name.'],
  ])('passes %s', (_, text) => {
    expect(status(text).status).toBe('pass');
  });

  it.each([
    ['a link slot in a reply not about templates', 'Please use the link {{reset_link}} to reset it.'],
    [
      'an unfilled slot without a teaching word, even on the topic',
      'Hi {{first_name}}, merge tags are on the Pro plan.',
    ],
  ])('fails %s', (_, text) => {
    expect(status(text).status).toBe('fail');
  });
});

describe('mention: an order the agent looked up counts when the ticket named none', () => {
  const mention = (text: string) =>
    stepResult(
      text,
      { check: { kind: 'mention', variable: 'order.number' } },
      { subject: 'Box', customerMessage: 'My box never came.' },
    ).status;

  it('passes when the reply names an order', () => {
    expect(mention('I have refunded order 55-91208 in full.')).toBe('pass');
  });

  it('is not applicable when neither names one', () => {
    expect(mention('I have refunded your box in full.')).toBe('na');
  });
});
