import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ReplyRecordSchema } from '../../../utils/store/validation';
import { boundTicket, clip, TICKET_LIMITS, type TicketContext } from '../../../utils/ticket';
import { makeRecord } from '../store/fixtures';

const huge = (length: number) => 'x'.repeat(length);

describe('issue 14 Low 12: an agent name or ticket id over 200 characters from the page loses the reply', () => {
  it('clips the agent name and ticket id where the ticket is read, so the record passes the schema', () => {
    const ticket: TicketContext = {
      helpdesk: 'zendesk',
      ticketId: huge(5_000),
      subject: 'Hi',
      tags: [],
      requester: {},
      customerMessage: 'Help',
      agentName: huge(5_000),
    };
    const bounded = boundTicket(ticket);
    expect(bounded.ticketId).toHaveLength(TICKET_LIMITS.ticketId);
    expect(bounded.agentName).toHaveLength(TICKET_LIMITS.agentName);
    const record = makeRecord({ ticketId: bounded.ticketId, agent: bounded.agentName ?? '' });
    expect(v.safeParse(ReplyRecordSchema, record).success).toBe(true);
  });
});

describe('issue 14 Low 15: a 10 MB customer message costs seconds on the page', () => {
  it('reads at most TICKET_LIMITS of the customer message, subject and tags', () => {
    const bounded = boundTicket({
      helpdesk: 'rt',
      ticketId: '1',
      subject: huge(100_000),
      tags: Array.from({ length: 10_000 }, () => huge(1_000)),
      requester: { name: huge(1_000), email: huge(1_000) },
      customerMessage: huge(10_000_000),
      type: huge(1_000),
    });
    expect(bounded.customerMessage).toHaveLength(TICKET_LIMITS.customerMessage);
    expect(bounded.subject).toHaveLength(TICKET_LIMITS.subject);
    expect(bounded.tags).toHaveLength(TICKET_LIMITS.tags);
    expect(bounded.tags.every((tag) => tag.length === TICKET_LIMITS.tag)).toBe(true);
    expect(bounded.requester.name).toHaveLength(TICKET_LIMITS.requesterName);
    expect(bounded.type).toHaveLength(TICKET_LIMITS.type);
  });

  it('never cuts a surrogate pair in half', () => {
    expect(clip('ab😀', 3)).toBe('ab');
    expect(clip('ab😀', 4)).toBe('ab😀');
  });
});
