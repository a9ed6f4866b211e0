import { describe, expect, it } from 'vitest';
import { findOrderNumber } from '../../../utils/checker/variables';
import { fillTemplate } from '../../../utils/words/template';

describe('issue 14: a customer can freeze the agent tab', () => {
  it('finds no order number in "order" followed by 50,000 spaces without backtracking', () => {
    // The old pattern was cubic here (3,000 spaces blocked the page 18 s); the new one is bounded
    // per "order", so this finishes far inside the test's timeout.
    const text = `order${' '.repeat(50_000)}x`;
    expect(findOrderNumber({ subject: '', customerMessage: text })).toBe('');
    const many = 'order   \t  '.repeat(20_000);
    expect(findOrderNumber({ subject: many, customerMessage: many })).toBe('');
  });

  it('still finds the order numbers it found before', () => {
    for (const [text, order] of [
      ['my order #A1234 is late', 'A1234'],
      ['Order number: 123456', '123456'],
      ['order 55-1234 never came', '55-1234'],
      ['order no. 998877', '998877'],
      ['re: #77881 please', '77881'],
    ] as const) {
      expect(findOrderNumber({ subject: '', customerMessage: text })).toBe(order);
    }
  });
});

describe('issue 14: {{constructor}} in a snippet inserts JavaScript source', () => {
  it('leaves {{constructor}} and {{toString}} as written, and uses their fallback', () => {
    expect(fillTemplate('Hi {{constructor}} {{toString}}', {})).toBe('Hi {{constructor}} {{toString}}');
    expect(fillTemplate('Hi {{constructor|there}}', {})).toBe('Hi there');
    expect(fillTemplate('Hi {{hasOwnProperty}}', {}, { missing: 'empty' })).toBe('Hi ');
  });
});
