import { createSiteAdapter, segmentAfter } from './generic';
import type { SelectorRegistry } from './selectors';
import { fieldsOf } from './site-fields';
import type { HelpdeskAdapter } from './types';

/** Issue 19's review of public 2025–2026 extensions and userscripts on *.freshdesk.com/a/tickets. */
const REVIEW = 'issue 19 review of public Freshdesk userscripts and extensions, 2025–2026';
/**
 * Facts from public userscripts collected in shared/helpdesks.md, among them LauraSWP/scripts
 * fd-quicktool.js (2025).
 */
const HELPDESKS_MD = 'shared/helpdesks.md (public userscripts incl. LauraSWP/scripts fd-quicktool.js, 2025)';

/**
 * Freshdesk agent portal (`/a/tickets/{id}`), composer in Froala, mounted after the Reply or
 * Add note click. The requester card is a micro-frontend inside an open shadow root.
 */
export const freshdeskSelectors = {
  subject: [
    { css: '.ticket-subject-heading', variant: 'ticket header', source: HELPDESKS_MD },
    { css: '.sentiment-ticket-heading', variant: 'ticket header with sentiment', source: REVIEW },
  ],
  ticketNumber: [{ css: '.breadcrumb__item.active', variant: 'breadcrumb', source: HELPDESKS_MD }],
  /** Ticket properties form: no public source names it. */
  type: [
    {
      css: '[data-test-id="ticket-properties"] [data-field-name="ticket_type"]',
      variant: 'properties form (assumed)',
      assumed: true,
    },
  ],
  tags: [
    { css: '.ticket-tags li .tag-options', variant: 'tag list', source: HELPDESKS_MD },
    { css: '[data-test-id="ticket-tags"] .tag-item', variant: 'newer tag list (assumed)', assumed: true },
  ],
  requester: [
    {
      // The host is in the review; the name's selector inside its shadow root is our guess.
      shadowHost: 'mfe-application[app-id="fw-unified-mfe--contact-info"]',
      css: '[data-test-id="requester-name"], .contact-name',
      variant: 'contact card micro-frontend, in its shadow root (inner selector assumed)',
      assumed: true,
    },
    {
      css: '[data-test-id="requester-info"] [data-test-id="requester-name"]',
      variant: 'contact card (assumed)',
      assumed: true,
    },
  ],
  customerMessages: [
    {
      css: '[data-test-id="conversation-wrapper"][data-from="requester"]',
      variant: 'conversation, by requester (attribute assumed)',
      assumed: true,
    },
    {
      css: '[data-test-id="ticket-description-wrapper"]',
      variant: 'ticket description (first message), -wrapper naming (assumed)',
      assumed: true,
    },
    { css: '[data-test-id="ticket-description"]', variant: 'older ticket description', source: HELPDESKS_MD },
  ],
  messages: [
    { css: '[data-test-id="conversation-wrapper"]', variant: 'conversation (-wrapper)', source: REVIEW },
    { css: '[data-test-id="conversation-content"]', variant: 'older conversation', source: HELPDESKS_MD },
  ],
  composer: [{ css: '.ticket-editor', variant: 'reply editor frame', source: HELPDESKS_MD }],
  editor: [
    {
      css: '.ticket-editor .fr-element.fr-view[contenteditable="true"]',
      variant: 'Froala composer',
      source: HELPDESKS_MD,
    },
  ],
  /** Reply and Add note are separate actions that mount the same composer. */
  replyAction: [{ css: '[data-test-id="reply-btn"]', variant: 'Reply action (assumed)', assumed: true }],
  noteAction: [{ css: '[data-test-id="add-note-btn"]', variant: 'Add note action (assumed)', assumed: true }],
  send: [{ css: '.ticket-editor__footer .reply-btn', variant: 'reply footer', source: HELPDESKS_MD }],
} as const satisfies SelectorRegistry;

export const freshdeskAdapter: HelpdeskAdapter = createSiteAdapter(
  {
    id: 'freshdesk',
    name: 'Freshdesk',
    matches: (url) => url.hostname.endsWith('.freshdesk.com') && url.pathname.startsWith('/a/'),
    ticketId: (url) => segmentAfter(url, 'tickets'),
    fields: fieldsOf(freshdeskSelectors),
  },
  freshdeskSelectors,
);
