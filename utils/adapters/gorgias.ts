import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import { fieldsOf, idInPath } from './site-fields';
import type { HelpdeskAdapter } from './types';

/**
 * ines-parreira/prototypes: what appears to be a copy of Gorgias's helpdesk web app (`src/`,
 * commits of 2025), read for issue 19: the reply area is `<form id="ticket-reply-editor">` around a
 * Draft.js editor; ticket routes in PanelRoutes.tsx; message bubbles carry `data-variant`.
 */
const GORGIAS_APP = "ines-parreira/prototypes src/ (copy of Gorgias's web app), 2025; issue 19 review";
/** LeighAtkins/OpenPaint extensions/gorgias-sofapaint/content-gorgias.js (works on live pages, 2025). */
const OPENPAINT = 'LeighAtkins/OpenPaint extensions/gorgias-sofapaint/content-gorgias.js, 2025';

/**
 * Gorgias (`{account}.gorgias.com/app/ticket/{id}`, `/app/views/{view}/{id}`, and since April
 * 2025 behind a flag `/app/tickets/{view}/{id}`). Subject, customer and tags have no test ids in
 * the app (CSS-module classes), so they are found by structure.
 */
export const gorgiasSelectors = {
  subject: [
    {
      // The app's header title is an editable input; the CSS-module class prefix is our guess.
      css: '[class*="TicketHeader"] input[type="text"], [class*="TicketTitle"] input',
      variant: 'header title input (CSS-module class, assumed)',
      assumed: true,
    },
  ],
  requester: [
    // The breadcrumb's link to the customer's page.
    { css: 'a[href^="/app/customer/"]', variant: 'breadcrumb customer link', source: GORGIAS_APP },
  ],
  tags: [{ css: '[class*="TicketTags"] [class*="tag"]', variant: 'ticket tags (assumed)', assumed: true }],
  customerMessages: [
    {
      css: '[aria-label="Ticket thread"] [data-variant="regular"]',
      variant: 'customer bubbles (data-variant="regular")',
      source: GORGIAS_APP,
    },
  ],
  messages: [
    {
      css: '[aria-label="Ticket thread"] [data-variant]',
      variant: 'thread bubbles (data-variant)',
      source: GORGIAS_APP,
    },
    {
      css: '[class*="MessageBubble--messageBubble"]',
      variant: 'thread bubbles (CSS module)',
      source: OPENPAINT,
    },
  ],
  /** The reply form; the Draft.js editor inside is found by its framework's markers. */
  composer: [{ css: 'form#ticket-reply-editor', variant: 'reply form', source: GORGIAS_APP }],
  /** The rich field is marked while the agent writes an internal note. */
  noteMode: [
    {
      css: 'form#ticket-reply-editor .is-internal-note',
      variant: 'internal-note field',
      source: GORGIAS_APP,
    },
  ],
  send: [
    // ReplyArea/TicketSubmitButtons.tsx: "Send" and "Send & Close" (also Ctrl/Cmd+Enter).
    { css: '#submit-button, #submit-and-close-button', variant: 'send buttons', source: GORGIAS_APP },
  ],
} as const satisfies SelectorRegistry;

/** /app/ticket/{id}, /app/views/{view}/{id} and /app/tickets/{view}/{id} (PanelRoutes.tsx, 2025). */
const TICKET_ROUTE = /^\/app\/(?:ticket|views\/\w+|tickets\/\w+)\/(\d+)(?:\/|$)/;

export const gorgiasAdapter: HelpdeskAdapter = createSiteAdapter(
  {
    id: 'gorgias',
    name: 'Gorgias',
    matches: (url) => url.hostname.endsWith('.gorgias.com') && url.pathname.startsWith('/app/'),
    ticketId: idInPath(TICKET_ROUTE),
    fields: fieldsOf(gorgiasSelectors),
    subjectRequired: false,
  },
  gorgiasSelectors,
);
