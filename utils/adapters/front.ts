import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/**
 * Front (`app.frontapp.com/open/{id}`). Public extensions show styled-components classes whose
 * component prefix stays while the hash changes; the rest is assumed, the editor is found by
 * framework markers, and a user can correct the site in options.
 */
export const frontSelectors = {
  subject: [
    // From a public "Link to Central" extension's content script for app.frontapp.com, "Front's
    // actual DOM as of Feb 2026" (its repository was not named by the code index we searched).
    { css: '[data-searchable-subject="true"] span', variant: 'header 2026' },
    { css: '[data-testid="conversation-subject"]', variant: 'conversation header (assumed)' },
    { css: 'main h1', variant: 'first heading of the conversation' },
  ],
  requester: [{ css: '[data-testid="contact-name"]', variant: 'contact card (assumed)' }],
  tags: [{ css: '[data-testid="conversation-tag"]', variant: 'tag chips (assumed)' }],
  customerMessages: [
    {
      css: '[data-testid="message"][data-inbound="true"] [data-testid="message-body"]',
      variant: 'inbound messages (assumed)',
    },
  ],
  messages: [
    // Same script (Feb 2026); clockify/browser-extension src/integrations/front.js (commit 15f3e47)
    // reads the same styled-components family (messageViewerRecipient__…, conversationSubjectWrapper__…).
    { css: '[class*="messageViewerBase__StyledMessageDiv"]', variant: 'viewers 2026' },
    { css: '[data-testid="message"]', variant: 'conversation messages (assumed)' },
  ],
  composer: [{ css: '[data-testid="composer"]', variant: 'reply composer (assumed)' }],
  send: [
    { css: '[data-testid="composer"] button[data-testid="send-button"]', variant: 'composer send (assumed)' },
  ],
} as const satisfies SelectorRegistry;

export const frontAdapter: HelpdeskAdapter = createSiteAdapter({
  id: 'front',
  name: 'Front',
  matches: (url) => url.hostname === 'app.frontapp.com',
  ticketId: (url) => /\/(?:open|conversations?)\/([\w-]+)/.exec(url.pathname)?.[1] ?? null,
  fields: {
    subject: frontSelectors.subject,
    tags: frontSelectors.tags,
    requester: frontSelectors.requester,
    customerMessages: frontSelectors.customerMessages,
    messages: frontSelectors.messages,
    detectIn: frontSelectors.composer,
    send: frontSelectors.send,
  },
  subjectRequired: false,
});
