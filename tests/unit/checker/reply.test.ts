import { describe, expect, it } from 'vitest';
import { ownWords } from './helpers';

describe('the words the checker reads, without quoted history and signature', () => {
  it.each([
    ['drops quoted lines', 'Thanks!\n> old message\n> more', 'Thanks!'],
    [
      'drops an "On … wrote:" line and everything after',
      'Done.\n\nOn Mon, 3 Mar 2026, Maria <m@x.com> wrote:\nHi',
      'Done.',
    ],
    [
      'drops a wrapped Gmail "On … wrote:"',
      'Done.\nOn Mon, 3 Mar 2026 at 10:00 Maria Garcia <\nmaria@example.com> wrote:\nold',
      'Done.',
    ],
    ['drops the signature after "-- "', 'Done.\n-- \nAlex Kim\nAcme', 'Done.'],
    ['drops the signature after a bare "--"', 'Done.\n--\nAlex', 'Done.'],
    ['drops an Outlook header and what follows', 'Done.\n\nFrom: Maria\nSent: Monday\nSubject: x', 'Done.'],
    ['drops "-----Original Message-----"', 'Done.\n-----Original Message-----\nold', 'Done.'],
    [
      'keeps an em dash and a "from:" inside a sentence',
      'Done — as requested from: the team.',
      'Done — as requested from: the team.',
    ],
    ['keeps a ">" inside a line', 'Go to Settings > Billing.', 'Go to Settings > Billing.'],
    ['returns empty text for an empty reply', '', ''],
  ])('%s', (_, raw, expected) => {
    expect(ownWords(raw)).toBe(expected);
  });
});
