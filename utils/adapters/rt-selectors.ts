/**
 * Request Tracker's selectors, read off its real pages (rt.ts re-exports them, as every adapter
 * file exports its registry); rt-fetch.ts reads fetched pages with them too.
 */
import type { SelectorRegistry } from './selectors';

/** Request Tracker is free software we run here: every selector was read off its real pages. */
const RT_SOURCE = "Request Tracker 5 from Debian's packages, run here (tests/fixtures/rt*.html captures)";

export const rtSelectors = {
  /** RT's own pages: Mason names the body after the component. */
  marker: [
    { css: 'body[id^="comp-Ticket-"]', variant: 'RT 4.4–5 page body', source: RT_SOURCE },
    { css: '#rt-header-container', variant: 'RT 5 header', source: RT_SOURCE },
  ],
  /** The reply/comment form. */
  updateForm: [{ css: 'form[name="TicketUpdate"]', variant: 'RT 4.4–5 Update.html', source: RT_SOURCE }],
  /** The ticket id on the reply page (hidden field); the Display page has it in the URL. */
  ticketIdField: [
    { css: 'form[name="TicketUpdate"] input[name="id"]', variant: 'RT 4.4–5 Update.html', source: RT_SOURCE },
  ],
  /** "Update ticket #5: Refund for order #A10234" on Update, "#5: Refund…" on Display. */
  header: [{ css: '#header h1', variant: 'RT 4.4–5 page header', source: RT_SOURCE }],
  /** The reply's subject; starts as the ticket's subject, the agent may change it. */
  updateSubject: [{ css: 'input[name="UpdateSubject"]', variant: 'RT 4.4–5 Update.html', source: RT_SOURCE }],
  queue: [
    {
      css: '#ticket-update-metadata .current-value.form-control',
      variant: 'RT 5 Update.html',
      source: RT_SOURCE,
    },
    { css: '.ticket-info-basics .queue .current-value', variant: 'RT 5 Display.html', source: RT_SOURCE },
  ],
  /** Reply to requestors (`response`) or comment (`private`). */
  updateType: [{ css: 'select#UpdateType', variant: 'RT 4.4–5 Update.html', source: RT_SOURCE }],
  /** `Respond` or `Comment`: the page's action when the type select is absent. */
  action: [
    {
      css: 'form[name="TicketUpdate"] input[name="Action"]',
      variant: 'RT 4.4–5 Update.html',
      source: RT_SOURCE,
    },
  ],
  /** CKEditor 4's editing frame, which replaces the textarea once CKEditor has loaded. */
  editorFrame: [
    {
      css: '#cke_UpdateContent iframe.cke_wysiwyg_frame',
      variant: 'RT 5 CKEditor 4 (wysiwyg mode)',
      source: RT_SOURCE,
    },
  ],
  /** The plain textarea: what RT shows when rich text is off (or before CKEditor has loaded). */
  textarea: [
    { css: 'textarea#UpdateContent', variant: 'RT 4.4–5 plain-text message box', source: RT_SOURCE },
  ],
  /** The submit button that sends; "Add More Files" submits the same form without sending. */
  send: [{ css: 'input[name="SubmitTicket"]', variant: 'RT 4.4–5 Update.html', source: RT_SOURCE }],
  /** "Logged in as agent" in the menu bar (the user name, not the real name). */
  currentUser: [{ css: '#preferences .current-user', variant: 'RT 5 menu', source: RT_SOURCE }],
  /** The same menu entry links to the agent's user page, whose id is the agent's user id. */
  currentUserLink: [{ css: 'a#preferences[href*="id="]', variant: 'RT 5 menu', source: RT_SOURCE }],
  /** Options read "agent (Sam Rivera)": the agent's real name, when the page offers it. */
  ownerOptions: [{ css: 'select[name="Owner"] option', variant: 'RT 4.4–5 owner select', source: RT_SOURCE }],
  /** In a Display page or a fetched one: the requestors' user links. */
  requestors: [
    {
      css: '.ticket-info-people .requestors .user[data-user-id]',
      variant: 'RT 5 Display.html people box',
      source: RT_SOURCE,
    },
  ],
  /** History, on the Display page once loaded or fetched from /Helpers/TicketHistory. */
  messageTransactions: [
    {
      css: '.history-container .transaction.message[data-transaction-id]',
      variant: 'RT 5 ticket history',
      source: RT_SOURCE,
    },
  ],
  transactionAuthor: [
    { css: '.metadata .description .user[data-user-id]', variant: 'RT 5 ticket history', source: RT_SOURCE },
  ],
  transactionBody: [{ css: '.messagebody', variant: 'RT 5 ticket history', source: RT_SOURCE }],
} as const satisfies SelectorRegistry;

/**
 * Looked up inside CKEditor's frame document, which scripts write and no page capture holds (so
 * the convention test, which checks `rtSelectors` on the fixtures, leaves these to rt.test.ts).
 */
export const rtEditorSelectors = {
  /** The editable body inside the frame. */
  editorBody: [
    {
      css: 'body.cke_editable[contenteditable="true"]',
      variant: 'CKEditor 4 iframe body',
      source: RT_SOURCE,
    },
  ],
  /** What RT puts around a quoted message in a reply (QuoteTransaction=…): not the agent's text. */
  quote: [
    { css: '.gmail_quote', variant: 'RT 5 quoted reply (gmail_quote wrapper)', source: RT_SOURCE },
    { css: 'blockquote', variant: 'any quoted block', source: RT_SOURCE },
  ],
} as const satisfies SelectorRegistry;
