import { describe, expect, it } from 'vitest';
import type { TicketContext } from '../../utils/ticket';

describe('toolchain', () => {
  it('compiles TypeScript and runs under happy-dom with fake IndexedDB', () => {
    const ticket: TicketContext = {
      helpdesk: 'demo',
      ticketId: '1',
      subject: 's',
      tags: [],
      requester: {},
      customerMessage: '',
    };
    expect(ticket.ticketId).toBe('1');
    expect(typeof indexedDB.open).toBe('function');
  });
});
