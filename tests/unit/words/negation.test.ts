import { describe, expect, it } from 'vitest';
import { negatedInClause } from '../../../utils/words/negation';
import { analyseText } from '../../../utils/words/text';

const negated = (text: string, word: string) => {
  const analysis = analyseText(text);
  let index = -1;
  for (let i = 0; i < analysis.count; i++) if (analysis.word(i) === word) index = i;
  return negatedInClause(analysis, index);
};

describe('clause-scoped negation', () => {
  it.each([
    ["I can't really say for certain that it will be guaranteed", 'guaranteed', true],
    ['We will never ask you to send your password', 'password', true],
    ['We offer it without any guarantee', 'guarantee', true],
    ['No one will ask for your password', 'password', true],
    ['None of our staff will ask for it', 'ask', true],
    ['Nobody can promise that', 'promise', true],
    ["It doesn't matter, we guarantee it", 'guarantee', false],
    ["I can't refund it but I guarantee a replacement", 'guarantee', false],
    ['We cannot change the date; it is guaranteed', 'guaranteed', false],
    ['It will arrive tomorrow without fail', 'arrive', false],
    ['No doubt it will be guaranteed', 'guaranteed', false],
    ["It won't\nhappen", 'happen', true],
  ])('"%s": "%s" negated is %s', (text, word, expected) => {
    expect(negated(text, word)).toBe(expected);
  });
});
