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
