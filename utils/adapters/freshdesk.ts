import { createSiteAdapter, segmentAfter } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/** Freshdesk agent portal (`/a/tickets/{id}`), composer in Froala. */
export const freshdeskSelectors = {
  subject: [{ css: '.ticket-subject-heading', variant: 'Freshdesk ticket header' }],
  ticketNumber: [{ css: '.breadcrumb__item.active', variant: 'Freshdesk breadcrumb' }],
  /** Ticket properties form (assumed: no public source names it). */
  type: [
    {
      css: '[data-test-id="ticket-properties"] [data-field-name="ticket_type"]',
      variant: 'properties form (assumed)',
    },
  ],
  tags: [
    { css: '.ticket-tags li .tag-options', variant: 'Freshdesk tag list' },
    { css: '[data-test-id="ticket-tags"] .tag-item', variant: 'newer tag list (assumed)' },
  ],
  /** The contact card beside the ticket (assumed). */
  requester: [
    {
      css: '[data-test-id="requester-info"] [data-test-id="requester-name"]',
      variant: 'contact card (assumed)',
    },
  ],
  customerMessages: [
    {
      css: '[data-test-id="conversation-content"][data-from="requester"]',
      variant: 'conversation, by requester (assumed attribute)',
    },
    { css: '[data-test-id="ticket-description"]', variant: 'ticket description (first message)' },
  ],
  messages: [{ css: '[data-test-id="conversation-content"]', variant: 'Freshdesk conversation' }],
  composer: [{ css: '.ticket-editor', variant: 'Freshdesk reply editor frame' }],
  editor: [{ css: '.ticket-editor .fr-element.fr-view[contenteditable="true"]', variant: 'Froala composer' }],
  send: [{ css: '.ticket-editor__footer .reply-btn', variant: 'Freshdesk reply footer' }],
} as const satisfies SelectorRegistry;

export const freshdeskAdapter: HelpdeskAdapter = createSiteAdapter({
  id: 'freshdesk',
  name: 'Freshdesk',
  matches: (url) => url.hostname.endsWith('.freshdesk.com') && url.pathname.startsWith('/a/'),
  ticketId: (url) => segmentAfter(url, 'tickets'),
  fields: {
    subject: freshdeskSelectors.subject,
    type: freshdeskSelectors.type,
    tags: freshdeskSelectors.tags,
    requester: freshdeskSelectors.requester,
    customerMessages: freshdeskSelectors.customerMessages,
    messages: freshdeskSelectors.messages,
    editor: freshdeskSelectors.editor,
    detectIn: freshdeskSelectors.composer,
    send: freshdeskSelectors.send,
  },
});
