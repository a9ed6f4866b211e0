import { createSiteAdapter, segmentAfter } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/**
 * Gorgias (`{account}.gorgias.com/app/ticket/{id}`). Its composer is found by framework markers
 * (Draft.js keeps `[data-contents]`); the ticket fields below are assumed.
 */
export const gorgiasSelectors = {
  subject: [
    { css: '[data-testid="ticket-subject"]', variant: 'ticket header (assumed)' },
    { css: 'input[name="subject"]', variant: 'subject input (assumed)' },
  ],
  requester: [{ css: '[data-testid="customer-name"]', variant: 'customer panel (assumed)' }],
  tags: [{ css: '[data-testid="ticket-tags"] [data-testid="tag"]', variant: 'ticket tags (assumed)' }],
  customerMessages: [
    {
      css: '[data-testid="ticket-message"][data-from-agent="false"] [data-testid="message-body"]',
      variant: 'customer messages (assumed)',
    },
  ],
  messages: [{ css: '[data-testid="ticket-message"]', variant: 'ticket messages (assumed)' }],
  composer: [{ css: '[data-testid="ticket-reply-editor"]', variant: 'reply area (assumed)' }],
  send: [
    {
      css: '[data-testid="ticket-reply-editor"] button[type="submit"]',
      variant: 'reply area send (assumed)',
    },
  ],
} as const satisfies SelectorRegistry;

export const gorgiasAdapter: HelpdeskAdapter = createSiteAdapter({
  id: 'gorgias',
  name: 'Gorgias',
  matches: (url) => url.hostname.endsWith('.gorgias.com') && url.pathname.startsWith('/app/'),
  ticketId: (url) => segmentAfter(url, 'ticket'),
  fields: {
    subject: gorgiasSelectors.subject,
    tags: gorgiasSelectors.tags,
    requester: gorgiasSelectors.requester,
    customerMessages: gorgiasSelectors.customerMessages,
    messages: gorgiasSelectors.messages,
    detectIn: gorgiasSelectors.composer,
    send: gorgiasSelectors.send,
  },
  subjectRequired: false,
});
