import { createSiteAdapter } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/** Intercom inbox (`app.intercom.com/a/inbox/{workspace}/inbox/conversation/{id}`), ProseMirror composer. */
export const intercomSelectors = {
  /** Conversation title (assumed). */
  subject: [{ css: '[data-conversation-title]', variant: 'conversation header (assumed)' }],
  requester: [{ css: '[data-conversation-user-name]', variant: 'user card (assumed)' }],
  tags: [{ css: '[data-conversation-tags] .tag', variant: 'conversation tags (assumed)' }],
  customerMessages: [
    {
      css: '.conversation__part.o__user .conversation__text:not(.o__note)',
      variant: 'user parts (assumed class)',
    },
    { css: '.conversation__text:not(.o__note)', variant: 'any reply part' },
  ],
  messages: [{ css: '.conversation__text:not(.o__note)', variant: 'replies (notes excluded)' }],
  composer: [{ css: '[data-conversation-reply-composer]', variant: 'reply composer frame' }],
  editor: [
    {
      css: '.embercom-prosemirror-composer-editor[contenteditable="true"]',
      variant: 'Embercom ProseMirror composer',
    },
    {
      css: '[data-conversation-reply-composer] .ProseMirror[contenteditable="true"]',
      variant: 'ProseMirror inside the reply composer',
    },
  ],
  send: [
    {
      css: '[data-conversation-reply-composer] [data-test-composer-send]',
      variant: 'composer send (assumed)',
    },
  ],
} as const satisfies SelectorRegistry;

export const intercomAdapter: HelpdeskAdapter = createSiteAdapter({
  id: 'intercom',
  name: 'Intercom',
  matches: (url) => url.hostname === 'app.intercom.com' && url.pathname.startsWith('/a/'),
  ticketId: (url) => /\/conversation\/(\d+)/.exec(url.pathname)?.[1] ?? null,
  fields: {
    subject: intercomSelectors.subject,
    tags: intercomSelectors.tags,
    requester: intercomSelectors.requester,
    customerMessages: intercomSelectors.customerMessages,
    messages: intercomSelectors.messages,
    editor: intercomSelectors.editor,
    detectIn: intercomSelectors.composer,
    send: intercomSelectors.send,
  },
  subjectRequired: false,
});
