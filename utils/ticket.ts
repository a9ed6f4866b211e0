/**
 * What Keel knows of the ticket an agent is replying to. Adapters produce it from the helpdesk's
 * page; the classifier and checker only ever read it. Pure data: safe to send in a message.
 */
export interface TicketContext {
  /** Adapter id, e.g. "zendesk", "demo", "rt". */
  helpdesk: string;
  /** The helpdesk's own ticket id, as a string. */
  ticketId: string;
  subject: string;
  /** The helpdesk's ticket type or category, lower-cased, if it has one. */
  type?: string;
  /** Lower-cased tags. */
  tags: string[];
  requester: {
    name?: string;
    email?: string;
  };
  /** The customer's latest message, plain text. */
  customerMessage: string;
  /** The signed-in agent's display name, when the page shows it. */
  agentName?: string;
}

/** Variables a playbook can use as `{{name}}` in phrases and snippets. */
export type TicketVariables = Record<string, string>;

/**
 * How much of each ticket field Keel reads from the page. The record schema refuses an agent name
 * or ticket id over 200 characters, and a 10 MB customer message cost seconds of checking on the
 * page (issue 14): fields are clipped here, where they come in, for every adapter.
 */
export const TICKET_LIMITS = {
  helpdesk: 100,
  ticketId: 200,
  agentName: 200,
  subject: 1_000,
  type: 100,
  tag: 100,
  tags: 100,
  requesterName: 200,
  requesterEmail: 320,
  customerMessage: 20_000,
} as const;

/** `text` cut to at most `max` UTF-16 units, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A ticket with every field within TICKET_LIMITS. */
export function boundTicket(ticket: TicketContext): TicketContext {
  const bounded: TicketContext = {
    ...ticket,
    helpdesk: clip(ticket.helpdesk, TICKET_LIMITS.helpdesk),
    ticketId: clip(ticket.ticketId, TICKET_LIMITS.ticketId),
    subject: clip(ticket.subject, TICKET_LIMITS.subject),
    tags: ticket.tags.slice(0, TICKET_LIMITS.tags).map((tag) => clip(tag, TICKET_LIMITS.tag)),
    requester: {
      ...(ticket.requester.name === undefined
        ? {}
        : { name: clip(ticket.requester.name, TICKET_LIMITS.requesterName) }),
      ...(ticket.requester.email === undefined
        ? {}
        : { email: clip(ticket.requester.email, TICKET_LIMITS.requesterEmail) }),
    },
    customerMessage: clip(ticket.customerMessage, TICKET_LIMITS.customerMessage),
  };
  if (ticket.type !== undefined) bounded.type = clip(ticket.type, TICKET_LIMITS.type);
  if (ticket.agentName !== undefined) bounded.agentName = clip(ticket.agentName, TICKET_LIMITS.agentName);
  return bounded;
}
