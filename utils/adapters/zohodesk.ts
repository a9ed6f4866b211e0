import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import { fieldsOf, idInPath } from './site-fields';
import type { HelpdeskAdapter } from './types';

/** clockify/browser-extension src/integrations/zohodesk.js (commit 0c3a79d, 2025), the zd_v2 view. */
const CLOCKIFY = 'clockify/browser-extension src/integrations/zohodesk.js (0c3a79d, 2025)';
/** Issue 19's review of public 2025–2026 code on Zoho Desk. */
const REVIEW = 'issue 19 review of public Zoho Desk integrations, 2025–2026';

/**
 * Zoho Desk's regional hosts (its data centres): `desk.zoho.com`, `.eu`, `.in`, `.com.au`,
 * `.jp`, `.ca`, `.sa`.
 */
export const ZOHODESK_HOSTS = [
  'desk.zoho.com',
  'desk.zoho.eu',
  'desk.zoho.in',
  'desk.zoho.com.au',
  'desk.zoho.jp',
  'desk.zoho.ca',
  'desk.zoho.sa',
] as const;

/**
 * Zoho Desk (`{host}/agent/{portal}/{dept}/tickets/details/{id}`). Its same-origin API
 * (`/supportapi/zd/{portal}/api/v1`) needs an org id header we cannot learn from the page
 * reliably, so this adapter reads the DOM. The subject and the thread are seen in public code;
 * the other fields are assumed, the editor generic. Nothing public scopes lookups to the active
 * ticket, so the whole page is read.
 */
export const zohodeskSelectors = {
  subject: [
    { css: '[data-id="caseSubjectText"]', variant: 'zd_v2', source: CLOCKIFY },
    { css: '[data-id="ticketSubject"]', variant: 'ticket detail header (assumed)', assumed: true },
  ],
  requester: [{ css: '[data-id="contactName"]', variant: 'contact panel (assumed)', assumed: true }],
  type: [{ css: '[data-id="classification"]', variant: 'classification field (assumed)', assumed: true }],
  tags: [{ css: '[data-id="ticketTags"] [data-id="tag"]', variant: 'ticket tags (assumed)', assumed: true }],
  customerMessages: [
    {
      css: '[data-id="thread"][data-direction="in"] [data-id="threadContent"]',
      variant: 'incoming threads (direction attribute assumed)',
      assumed: true,
    },
  ],
  messages: [{ css: '[data-id="threadContent"]', variant: 'thread contents', source: REVIEW }],
  composer: [{ css: '[data-id="replyEditor"]', variant: 'reply editor frame (assumed)', assumed: true }],
  /** Reply and Comment (Zoho's internal note) are separate actions. */
  replyAction: [{ css: '[data-id="replyButton"]', variant: 'Reply action (assumed)', assumed: true }],
  noteAction: [{ css: '[data-id="commentButton"]', variant: 'Comment action (assumed)', assumed: true }],
  send: [
    { css: '[data-id="replyEditor"] [data-id="sendButton"]', variant: 'reply send (assumed)', assumed: true },
  ],
} as const satisfies SelectorRegistry;

export const zohodeskAdapter: HelpdeskAdapter = createSiteAdapter(
  {
    id: 'zohodesk',
    name: 'Zoho Desk',
    matches: (url) =>
      (ZOHODESK_HOSTS as readonly string[]).includes(url.hostname) && url.pathname.startsWith('/agent/'),
    ticketId: idInPath(/\/tickets\/details\/(\d+)/),
    fields: fieldsOf(zohodeskSelectors),
    subjectRequired: false,
  },
  zohodeskSelectors,
);
