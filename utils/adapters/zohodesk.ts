import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/**
 * Zoho Desk (`desk.zoho.com/agent/{portal}/{dept}/tickets/details/{id}`, also `.eu`). Its
 * same-origin API (`/supportapi/zd/{portal}/api/v1`) needs an org id header we cannot learn from
 * the page reliably, so this adapter reads the DOM. Only the subject is seen in public code; the
 * other fields are assumed, the editor generic.
 */
export const zohodeskSelectors = {
  subject: [
    // clockify/browser-extension src/integrations/zohodesk.js (commit 0c3a79d), the zd_v2 ticket view.
    { css: '[data-id="caseSubjectText"]', variant: 'zd_v2' },
    { css: '[data-id="ticketSubject"]', variant: 'ticket detail header (assumed)' },
    { css: 'h1', variant: 'first heading' },
  ],
  requester: [{ css: '[data-id="contactName"]', variant: 'contact panel (assumed)' }],
  type: [{ css: '[data-id="classification"]', variant: 'classification field (assumed)' }],
  tags: [{ css: '[data-id="ticketTags"] [data-id="tag"]', variant: 'ticket tags (assumed)' }],
  customerMessages: [
    {
      css: '[data-id="thread"][data-direction="in"] [data-id="threadContent"]',
      variant: 'incoming threads (assumed)',
    },
  ],
  messages: [{ css: '[data-id="thread"]', variant: 'ticket threads (assumed)' }],
  composer: [{ css: '[data-id="replyEditor"]', variant: 'reply editor frame (assumed)' }],
  send: [{ css: '[data-id="replyEditor"] [data-id="sendButton"]', variant: 'reply send (assumed)' }],
} as const satisfies SelectorRegistry;

export const zohodeskAdapter: HelpdeskAdapter = createSiteAdapter({
  id: 'zohodesk',
  name: 'Zoho Desk',
  matches: (url) => /^desk\.zoho\.(com|eu)$/.test(url.hostname) && url.pathname.startsWith('/agent/'),
  ticketId: (url) => /\/tickets\/details\/(\d+)/.exec(url.pathname)?.[1] ?? null,
  fields: {
    subject: zohodeskSelectors.subject,
    type: zohodeskSelectors.type,
    tags: zohodeskSelectors.tags,
    requester: zohodeskSelectors.requester,
    customerMessages: zohodeskSelectors.customerMessages,
    messages: zohodeskSelectors.messages,
    detectIn: zohodeskSelectors.composer,
    send: zohodeskSelectors.send,
  },
  subjectRequired: false,
});
