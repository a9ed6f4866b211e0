export interface IntranetTicket {
  id: number;
  subject: string;
  type: string;
  tags: string[];
  requester: string;
  messages: { author: 'customer' | 'agent' | 'note'; text: string }[];
}

/** The seeded intranet helpdesk on 127.0.0.1 (`port: 0` picks a free port). */
export function startIntranetHelpdesk(options?: { port?: number }): Promise<{
  port: number;
  tickets: Map<number, IntranetTicket>;
  close(): Promise<void>;
}>;
