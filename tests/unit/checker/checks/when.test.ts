import { describe, expect, it } from 'vitest';
import { stepResult } from '../helpers';

/** An apology step that applies when the customer says something went wrong. */
const apology = (customerMessage: string, subject = 'Help') =>
  stepResult(
    'Hi María, thanks for writing.',
    {
      when: { keywords: ['wrong', 'missing', 'mistake*', 'broken'] },
      check: { kind: 'phrase', any: ['sorry'] },
    },
    { customerMessage, subject },
  ).status;

describe('when: something went wrong for the customer, told by what they wrote', () => {
  it.each([
    ['our slip', 'You sent me the wrong colour.'],
    ['an item received wrong', 'I ordered a blue lamp and received the wrong one.'],
    ['an item we sent', 'I was sent the wrong size.'],
    ['another subject after "I"', 'I ordered the sage one but you shipped the wrong colour.'],
    ['a problem after the matter was closed', 'Please ignore my last email. Now the lid is broken.'],
  ])('applies on %s', (_, message) => {
    expect(apology(message)).toBe('fail');
  });

  it.each([
    ['the customer picking the wrong one', 'I just placed order #20931 and picked the wrong colour.'],
    ['an adverb before the slip', 'I accidentally typed the wrong address.'],
    ['"my mistake"', 'Sorry, my mistake, the parcel was at my neighbour.'],
    ['"my own mistake"', 'It was my own mistake.'],
  ])('does not apply on %s', (_, message) => {
    expect(apology(message)).toBe('na');
  });

  it.each([
    [
      '"all sorted" after the subject named a problem',
      'Found the receipt in my spam folder. All sorted, thanks!',
    ],
    ['"please ignore" before anything else', 'Please ignore my email, never mind.'],
    ['"works now"', 'The broken login works now after a restart.'],
  ])('does not apply when the customer calls the matter closed: %s', (_, message) => {
    expect(apology(message, 'Re: Missing receipt')).toBe('na');
  });
});

describe('greeting: the name the customer signs with counts as theirs', () => {
  const greet = (reply: string, customerMessage: string) =>
    stepResult(
      reply,
      { check: { kind: 'greeting', useName: true } },
      {
        requester: { name: 'Elizabeth Hart' },
        customerMessage,
      },
    ).status;

  it.each([
    ['a name after the last sentence', 'Hi Liz,', 'How do I change my delivery day? Thanks! Liz'],
    ['a name on the last line', 'Hello Liz!', 'How do I change my delivery day?\n\nCheers,\nLiz Hart'],
    ['the account name still', 'Hi Elizabeth,', 'How do I change my delivery day? Thanks! Liz'],
  ])('passes %s', (_, reply, message) => {
    expect(greet(`${reply}\nHere is how.`, message)).toBe('pass');
  });

  it.each([
    ['a closing word taken for a name', 'Hi Thanks,', 'Where is my order? Thanks'],
    ['a mail client line', 'Hi Sent,', 'Where is my order?\n\nSent from my iPhone'],
    ['a lowercase line', 'Hi many,', 'Where is it?\nmany thanks'],
    ['someone else entirely', 'Hi Liz,', 'Where is my order?'],
  ])('fails %s', (_, reply, message) => {
    expect(greet(`${reply}\nHere is how.`, message)).toBe('fail');
  });
});
