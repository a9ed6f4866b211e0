import { describe, expect, it } from 'vitest';
import {
  findInflected,
  inflectedPhrase,
  inflectedText,
  isTopicDenied,
  lemma,
} from '../../../utils/checker/inflect';

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
