import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import { fieldsOf } from './site-fields';
import type { HelpdeskAdapter } from './types';

/**
 * A public "Link to Central" extension's content script for app.frontapp.com, "Front's actual DOM
 * as of Feb 2026" (the code index that found it did not name its repository).
 */
const LINK_TO_CENTRAL = '"Link to Central" extension content script, Feb 2026';
/** clockify/browser-extension src/integrations/front.js (commit 15f3e47, 2025). */
const CLOCKIFY = 'clockify/browser-extension src/integrations/front.js (15f3e47, 2025)';

/**
 * Front (`app.frontapp.com` or a company's `<company>.frontapp.com`; conversations carry a
 * `cnv_…` id in the URL). Styled-components classes keep their component prefix while the hash
 * changes. No public code shows the composer or its send button: those entries are assumed, the
 * editor is found by framework markers, and a user can correct the site in options. Internal
 * comments have their own box, outside the reply composer Keel reads.
 */
export const frontSelectors = {
  subject: [
    { css: '[data-searchable-subject="true"] span', variant: 'header 2026', source: LINK_TO_CENTRAL },
    { css: '[class*="conversationSubjectWrapper"]', variant: 'subject wrapper', source: CLOCKIFY },
    { css: 'main h1', variant: 'first heading of the conversation (assumed)', assumed: true },
  ],
  requester: [
    { css: '[class*="messageViewerRecipient"]', variant: 'message recipient line', source: CLOCKIFY },
    { css: '[data-testid="contact-name"]', variant: 'contact card (assumed)', assumed: true },
  ],
  tags: [{ css: '[data-testid="conversation-tag"]', variant: 'tag chips (assumed)', assumed: true }],
  customerMessages: [
    {
      css: '[class*="messageViewerBase__StyledMessageDiv"][data-inbound="true"]',
      variant: 'inbound viewers (inbound attribute assumed)',
      assumed: true,
    },
  ],
  messages: [
    {
      css: '[class*="messageViewerBase__StyledMessageDiv"]',
      variant: 'viewers 2026',
      source: LINK_TO_CENTRAL,
    },
  ],
  composer: [{ css: '[data-testid="composer"]', variant: 'reply composer (assumed)', assumed: true }],
  send: [
    {
      css: '[data-testid="composer"] button[data-testid="send-button"]',
      variant: 'composer send (assumed)',
      assumed: true,
    },
  ],
} as const satisfies SelectorRegistry;

/** `app.frontapp.com` and company subdomains, e.g. `acme.frontapp.com`. */
const FRONT_HOST = /^(?:[a-z0-9-]+\.)?frontapp\.com$/;
/** A conversation id anywhere in the path (`/open/cnv_…`, `/inboxes/…/cnv_…`), else `/open/{id}`. */
function frontConversationId(url: URL): string | null {
  return (
    /\/(cnv_[a-z0-9]+)(?:\/|$)/i.exec(url.pathname)?.[1] ??
    /\/(?:open|conversations?)\/([\w-]+)/.exec(url.pathname)?.[1] ??
    null
  );
}

export const frontAdapter: HelpdeskAdapter = createSiteAdapter(
  {
    id: 'front',
    name: 'Front',
    matches: (url) => FRONT_HOST.test(url.hostname),
    ticketId: frontConversationId,
    fields: fieldsOf(frontSelectors),
    subjectRequired: false,
  },
  frontSelectors,
);
