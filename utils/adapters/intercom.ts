import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import { fieldsOf, idInPath } from './site-fields';
import type { HelpdeskAdapter } from './types';

/** Issue 19's review of public 2025–2026 extensions on the Intercom inbox (Inbox 2). */
const REVIEW = 'issue 19 review of public Intercom inbox extensions, 2025–2026';
/** Facts from public userscripts collected in shared/helpdesks.md (pre-2022 inbox and composer). */
const HELPDESKS_MD = 'shared/helpdesks.md (public userscripts)';

/** The inbox's hosts: the US region and the EU and Australian ones. */
export const INTERCOM_HOSTS = ['app.intercom.com', 'app.eu.intercom.com', 'app.au.intercom.com'] as const;

/** Intercom inbox (`{host}/a/inbox/{workspace}/inbox/conversation/{id}`), ProseMirror composer. */
export const intercomSelectors = {
  subject: [
    { css: '[data-inbox-conversation-header-title]', variant: 'Inbox 2 header title', source: REVIEW },
    { css: '[data-conversation-title]', variant: 'conversation header (assumed)', assumed: true },
  ],
  requester: [{ css: '[data-conversation-user-name]', variant: 'user card (assumed)', assumed: true }],
  tags: [{ css: '[data-conversation-tags] .tag', variant: 'conversation tags (assumed)', assumed: true }],
  customerMessages: [
    { css: '.inbox2__user-email-part', variant: 'Inbox 2 user parts', source: REVIEW },
    { css: '.conversation__text:not(.o__note)', variant: 'pre-2022 reply parts', source: HELPDESKS_MD },
  ],
  messages: [
    {
      css: '[data-intercom-target="conversation-stream-content-part"]',
      variant: 'Inbox 2 stream parts',
      source: REVIEW,
    },
    { css: '.conversation__text:not(.o__note)', variant: 'pre-2022 replies', source: HELPDESKS_MD },
  ],
  /** Notes in the stream: not the customer's words. */
  notes: [{ css: '.inbox2__note-part', variant: 'Inbox 2 note parts', source: REVIEW }],
  composer: [
    { css: '[data-conversation-reply-composer]', variant: 'reply composer frame', source: HELPDESKS_MD },
  ],
  editor: [
    {
      css: '.embercom-prosemirror-composer-editor[contenteditable="true"]',
      variant: 'Embercom ProseMirror composer',
      source: HELPDESKS_MD,
    },
    {
      css: '[data-conversation-reply-composer] .ProseMirror[contenteditable="true"]',
      variant: 'ProseMirror inside the reply composer',
      source: HELPDESKS_MD,
    },
  ],
  /** The composer on its Note tab. */
  noteMode: [
    {
      css: '[data-conversation-reply-composer][data-composer-mode="note"]',
      variant: 'composer in note mode (assumed)',
      assumed: true,
    },
  ],
  send: [
    {
      css: '[data-conversation-reply-composer] [data-test-composer-send]',
      variant: 'composer send (assumed)',
      assumed: true,
    },
  ],
} as const satisfies SelectorRegistry;

export const intercomAdapter: HelpdeskAdapter = createSiteAdapter(
  {
    id: 'intercom',
    name: 'Intercom',
    matches: (url) =>
      (INTERCOM_HOSTS as readonly string[]).includes(url.hostname) && url.pathname.startsWith('/a/'),
    ticketId: idInPath(/\/conversation\/(\d+)/),
    fields: fieldsOf(intercomSelectors),
    subjectRequired: false,
  },
  intercomSelectors,
);
