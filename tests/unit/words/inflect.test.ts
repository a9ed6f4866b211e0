import { describe, expect, it } from 'vitest';
import { checkReply } from '../../../utils/checker/index';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import {
  findInflected,
  inflectedPhrase,
  inflectedText,
  isTopicDenied,
  lemma,
} from '../../../utils/words/inflect';

const finds = (phrase: string, text: string) =>
  findInflected(inflectedText(text), inflectedPhrase(phrase)).length > 0;

describe('inflection-tolerant phrases', () => {
  it.each([
    ['happen again', 'I hope this never happens again', true],
    ['happen again', 'it happened again today', true],
    ['never turn* up', 'the courier never turned up', true],
    ['send it back', 'I sent it back on Monday', true],
    ['not arrive', 'my order has not arrived', true],
    ['stop working', 'the kettle stopped working', true],
    ['charged twice', 'I was charged\ntwice this month', true],
    ['charged twice', 'I was charged.\nTwice I asked', false],
    ['charged twice', 'I was charged\n\ntwice', false],
    ['money back', 'money, back', true],
    ['refund*', 'the refunds page', true],
    ['broken', 'the zip broke on day one', true],
    ['problem', 'no problem if it takes a day', true],
    ['log in', 'I cannot login', false],
  ])('"%s" in "%s": %s', (phrase, text, expected) => {
    expect(finds(phrase, text)).toBe(expected);
  });

  it.each([
    ['arrived', 'arrives'],
    ['sent', 'send'],
    ['parcels', 'parcel'],
    ['broken', 'break'],
    ['stopped', 'stop'],
  ])('gives %s and %s one lemma', (a, b) => {
    expect(lemma(a)).toBe(lemma(b));
  });
});

describe('a topic word the customer denies', () => {
  const denied = (text: string, word: string) => {
    const analysed = inflectedText(text);
    return isTopicDenied(analysed, analysed.words.indexOf(word));
  };
  it.each([
    ['No problem at all, thanks', 'problem', true],
    ['not a problem', 'problem', true],
    ['nothing is broken', 'broken', true],
    ['I still have not had my refund', 'refund', false],
    ['The screen is broken', 'broken', false],
    ['without a receipt', 'receipt', true],
  ])('"%s" denies "%s": %s', (text, word, expected) => {
    expect(denied(text, word)).toBe(expected);
  });
});

describe("a step's `when` keywords read the customer's words", () => {
  it.each([
    ['the zip broke the first time I wore it', 'applies'],
    ['The button does nothing since Monday', 'applies'],
    ['No problem at all, everything arrived. Just saying thanks!', 'does not apply'],
    ['We need a duplicate copy of the invoice for our records', 'does not apply'],
  ])('"%s": an apology %s', (message, expected) => {
    const billing = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'billing');
    const general = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'general');
    const playbook = message.includes('invoice') ? billing : general;
    if (!playbook) throw new Error('built-in playbook missing');
    const result = checkReply(
      'Hi Sam, thanks for writing.',
      { helpdesk: 'demo', ticketId: '1', subject: '', tags: [], requester: {}, customerMessage: message },
      playbook,
    );
    const apologise = result.steps.find((step) => step.stepId === 'apologise');
    expect(apologise?.status === 'na' ? 'does not apply' : 'applies').toBe(expected);
  });
});
