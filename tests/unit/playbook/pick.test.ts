import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { pickPlaybook } from '../../../utils/playbook/pick';
import { type Playbook, type PlaybookInput, PlaybookSchema } from '../../../utils/playbook/schema';
import type { TicketContext } from '../../../utils/ticket';

const ticket = (overrides: Partial<TicketContext>): TicketContext => ({
  helpdesk: 'demo',
  ticketId: '1',
  subject: '',
  tags: [],
  requester: {},
  customerMessage: '',
  ...overrides,
});

const make = (id: string, match: PlaybookInput['match']): Playbook =>
  v.parse(PlaybookSchema, {
    id,
    name: id,
    match,
    steps: [{ id: 's', title: 'S', check: { kind: 'closing' } }],
  });

describe('pickPlaybook', () => {
  it.each([
    ['type "refund"', ticket({ type: 'refund' }), 'refund', 'type "refund"'],
    ['a tag', ticket({ tags: ['wismo'] }), 'delivery', 'tag "wismo"'],
    [
      'a keyword in the message',
      ticket({ customerMessage: 'Can I get my money back?' }),
      'refund',
      `keyword "money back" in the customer's message`,
    ],
    [
      'a keyword in the subject',
      ticket({ subject: 'Invoice for March' }),
      'billing',
      'keyword "invoice*" in the subject',
    ],
    ['nothing', ticket({ customerMessage: 'Hello there' }), 'general', 'no match: general playbook'],
  ])('picks by %s', (_, input, id, reason) => {
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)).toMatchObject({ playbook: { id }, reason });
  });

  it('weighs the evidence (type over tag over keyword), then its strength, then higher priority, then the library order, and says when the pick is a best guess', () => {
    const low = make('low', { types: ['x'], priority: 1 });
    const high = make('high', { keywords: ['parcel'], priority: 5 });
    expect(pickPlaybook(ticket({ type: 'x', customerMessage: 'my parcel' }), [low, high])?.playbook.id).toBe(
      'low',
    );
    const urgent = make('urgent', { tags: ['x'], priority: 9 });
    const routine = make('routine', { tags: ['x'], priority: 2 });
    expect(pickPlaybook(ticket({ tags: ['x'] }), [routine, urgent])?.playbook.id).toBe('urgent');

    const byTag = make('by-tag', { tags: ['x'] });
    const byType = make('by-type', { types: ['x'] });
    const byKeyword = make('by-keyword', { keywords: ['parcel'] });
    const input = ticket({ type: 'x', tags: ['x'], customerMessage: 'parcel' });
    expect(pickPlaybook(input, [byKeyword, byTag, byType])?.playbook.id).toBe('by-type');

    const b = make('b', { tags: ['x'] });
    const a = make('a', { tags: ['x'] });
    // A full tie keeps the library's order and is flagged as a best guess.
    expect(pickPlaybook(ticket({ tags: ['x'] }), [b, a])).toMatchObject({
      playbook: { id: 'b' },
      lowConfidence: true,
    });
    expect(pickPlaybook(ticket({ tags: ['x'] }), [a, b])).toMatchObject({
      playbook: { id: 'a' },
      lowConfidence: true,
    });
  });

  it.each([
    ['refund_request', 'refund'],
    ['Refund-Request', 'refund'],
    ['SHIPPING/delay', 'delivery'],
  ])('normalises the team tag %s and matches it by prefix (%s)', (tag, expected) => {
    expect(pickPlaybook(ticket({ tags: [tag] }), DEFAULT_PLAYBOOKS)?.playbook.id).toBe(expected);
  });

  it('does not count a negated keyword ("no problem at all") as evidence', () => {
    const input = ticket({
      subject: 'Question',
      customerMessage: 'No problem at all, the app works. How do I export?',
    });
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)?.playbook.id).not.toBe('bug');
  });

  it("ignores a helpdesk's generic type (Zendesk 'incident') that no playbook names", () => {
    const input = ticket({
      type: 'incident',
      customerMessage: 'I was charged twice for my plan this month.',
    });
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)?.playbook.id).toBe('billing');
  });

  it('keeps a bug report on the bug playbook even when the customer mentions logging in', () => {
    const input = ticket({ type: 'bug', customerMessage: 'The app crashes every time I log in.' });
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)).toMatchObject({
      playbook: { id: 'bug' },
      reason: 'type "bug"',
    });
  });

  it('keeps a refund on the refund playbook when Zendesk typed it "Incident" but tags and titles say refund', () => {
    const input = ticket({ type: 'incident', tags: ['refund', 'vip'], subject: 'Refund for order #Z5521' });
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)?.playbook.id).toBe('refund');
  });

  it.each([
    ['delivery', 'The package never turned up and the courier says it was left'],
    ['delivery', "I'm still waiting on my parcel, ordered 9 days ago"],
    ['damaged', 'Three of the plates came chipped and one was smashed'],
    ['refund', 'I would like to send them back and get my money back'],
    ['account', 'I keep getting locked out and the reset email never comes'],
    ['bug', 'Since the update the page does nothing when I click save'],
    ['question', 'Is there a way to export my contacts to a spreadsheet?'],
    ['billing', 'Why was I charged twice? Two payments on my statement'],
  ])('reads the customer\'s paraphrase as %s: "%s"', (expected, message) => {
    expect(pickPlaybook(ticket({ customerMessage: message }), DEFAULT_PLAYBOOKS)?.playbook.id).toBe(expected);
  });

  it("ignores Zendesk's generic 'question' type: a how-to keyword or the words decide", () => {
    const input = ticket({
      type: 'question',
      customerMessage: 'My parcel has not arrived yet, where is it?',
    });
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)?.playbook.id).toBe('delivery');
  });

  it("lets plenty of the customer's words outweigh a stale tag, on strength of evidence", () => {
    const input = ticket({
      tags: ['refund'],
      subject: 'Cannot log in',
      customerMessage: 'That came through, thanks. Now my password is rejected and I am locked out.',
    });
    expect(pickPlaybook(input, DEFAULT_PLAYBOOKS)?.playbook.id).toBe('account');
  });

  it('matches keywords as whole words, not inside other words', () => {
    const refundish = make('refundish', { keywords: ['bill'] });
    expect(pickPlaybook(ticket({ customerMessage: 'Billy here' }), [refundish])?.reason).toBe(
      'no match: first playbook (refundish)',
    );
  });

  it('falls back to the first playbook, and to nothing when the list is empty', () => {
    const only = make('only', { tags: ['nope'] });
    expect(pickPlaybook(ticket({}), [only])?.playbook.id).toBe('only');
    expect(pickPlaybook(ticket({}), [])).toBeNull();
  });
});

describe('the default library', () => {
  it('has the playbooks a support team expects, with the general fallback', () => {
    expect(DEFAULT_PLAYBOOKS.map((playbook) => playbook.id).sort()).toEqual(
      [
        'account',
        'billing',
        'bug',
        'complaint',
        'damaged',
        'delivery',
        'general',
        'question',
        'refund',
      ].sort(),
    );
  });

  it('makes every playbook refuse overpromises and unfilled placeholders as critical steps', () => {
    for (const playbook of DEFAULT_PLAYBOOKS) {
      const critical = playbook.steps
        .filter((step) => step.severity === 'critical')
        .map((step) => step.check.kind);
      expect(critical, playbook.id).toContain('forbid');
      expect(critical, playbook.id).toContain('placeholders');
    }
  });

  it('picks each playbook for a ticket of its own type', () => {
    for (const playbook of DEFAULT_PLAYBOOKS.filter((candidate) => candidate.id !== 'general')) {
      const type = playbook.match.types[0] as string;
      expect(pickPlaybook(ticket({ type }), DEFAULT_PLAYBOOKS)?.playbook.id).toBe(playbook.id);
    }
  });
});

describe('pickPlaybook: what the customer sets aside, and what is not their words', () => {
  const pick = (overrides: Partial<TicketContext>) =>
    pickPlaybook(ticket(overrides), DEFAULT_PLAYBOOKS)?.playbook.id;

  it.each([
    [
      '"I don\'t want a refund" under an automated refund tag',
      {
        tags: ['refund', 'auto-tagged'],
        customerMessage: "I don't want a refund, I just want to know where my parcel is.",
      },
      'delivery',
    ],
    [
      '"I don\'t want to cancel" under a cancel tag',
      {
        tags: ['cancel'],
        customerMessage: "To be clear, I don't want to cancel. Why is this month's invoice higher?",
      },
      'billing',
    ],
    [
      '"no problem with the delivery, but" a double charge',
      { tags: ['delivery'], customerMessage: 'No problem with the delivery. But my card was charged twice.' },
      'billing',
    ],
    [
      "a helpdesk's subject tag naming a queue",
      {
        subject: '[Billing #23420] End of service',
        customerMessage: 'Please cancel the plan, we no longer need it.',
      },
      'complaint',
    ],
  ])('%s', (_, overrides, expected) => {
    expect(pick(overrides)).toBe(expected);
  });

  it.each([
    [
      '"returns" the verb is not a return of goods',
      'Search in the media library returns nothing since Monday.',
      'bug',
    ],
    ['"duplicate" as a how-to is not a fault', "What's the shortcut to duplicate a slide?", 'question'],
    ['a sync that stopped is a fault', 'The calendar stopped syncing yesterday.', 'bug'],
    ['"do you ship to" asks whether we do it at all', 'Hi! do you ship to Norway?', 'general'],
    [
      'thanks and praise are a general message',
      'Just wanted to say thank you to Jonas, who went above and beyond when the courier got lost.',
      'general',
    ],
  ])('word senses: %s', (_, customerMessage, expected) => {
    expect(pick({ customerMessage })).toBe(expected);
  });
});

describe('pickPlaybook: what the customer asks for outweighs a topic word under a tag', () => {
  const pick = (overrides: Partial<TicketContext>) =>
    pickPlaybook(ticket(overrides), DEFAULT_PLAYBOOKS)?.playbook.id;

  it.each([
    [
      "I'd like my money back",
      { tags: ['billing'], customerMessage: "I'd like my money back for the annual plan I bought." },
      'refund',
    ],
    [
      'I want to cancel',
      { customerMessage: 'I got charged for a whole year. I want to cancel this, not happy at all.' },
      'complaint',
    ],
    [
      'a topic word alone stays with the tag',
      { tags: ['billing'], customerMessage: 'Why is my annual plan dearer than the money back offer said?' },
      'billing',
    ],
  ])('%s', (_, overrides, expected) => {
    expect(pick(overrides)).toBe(expected);
  });
});
