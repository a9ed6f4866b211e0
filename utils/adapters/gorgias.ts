import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/**
 * Gorgias (`{account}.gorgias.com/app/ticket/{id}`, or `/app/views/{view}/{id}` opened from a
 * view). Its composer is a Draft.js editor, found by framework markers (`[data-contents]`).
 * Sources: ines-parreira/prototypes (a copy of Gorgias's helpdesk web app, `src/…`, undated) and
 * LeighAtkins/OpenPaint extensions/gorgias-sofapaint/content-gorgias.js (works on live pages).
 * The subject, requester and tags below are still assumed.
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
  messages: [
    // OpenPaint content-gorgias.js (scoped there to [aria-label="Ticket thread"], as in the app).
    { css: '[class*="MessageBubble--messageBubble"]', variant: 'thread bubbles' },
    { css: '[data-testid="ticket-message"]', variant: 'ticket messages (assumed)' },
  ],
  composer: [{ css: '[data-testid="ticket-reply-editor"]', variant: 'reply area (assumed)' }],
  send: [
    // ReplyArea/TicketSubmitButtons.tsx: "Send" and "Send & Close" (also Ctrl/Cmd+Enter).
    { css: '#submit-button, #submit-and-close-button', variant: 'send buttons' },
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
  // Routes in the app's PanelRoutes.tsx: /app/ticket/:ticketId and /app/views/:viewId/:ticketId.
  ticketId: (url) => /^\/app\/(?:ticket|views\/\w+)\/(\d+)/.exec(url.pathname)?.[1] ?? null,
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
