import { createSiteAdapter, genericEditorSelectors } from './generic';
import type { SelectorRegistry } from './selectors';
import type { HelpdeskAdapter } from './types';

/** Help Scout (`secure.helpscout.net/conversation/{id}/{number}`). */
export const helpscoutSelectors = {
  subject: [{ css: '[data-cy="EditableTextarea"]', variant: 'conversation subject (textarea)' }],
  number: [{ css: '[data-cy="Text"]', variant: 'conversation number' }],
  /** The customer card's name (assumed). */
  requester: [{ css: '[data-cy="CustomerName"]', variant: 'customer sidebar (assumed)' }],
  tags: [{ css: '[data-cy="Tag"]', variant: 'conversation tags (assumed)' }],
  customerMessages: [
    { css: '.thread.customer section.messageBody', variant: 'customer threads (assumed class)' },
    { css: 'section.messageBody', variant: 'any thread' },
  ],
  messages: [{ css: 'section.messageBody', variant: 'conversation threads' }],
  editor: [
    { css: '.redactor_editor[contenteditable="true"]', variant: 'older Redactor composer' },
    ...genericEditorSelectors.filter((selector) => selector.css.startsWith('.ProseMirror')),
  ],
  send: [{ css: '#sendBtn', variant: 'older composer send button' }],
} as const satisfies SelectorRegistry;

export const helpscoutAdapter: HelpdeskAdapter = createSiteAdapter({
  id: 'helpscout',
  name: 'Help Scout',
  matches: (url) => url.hostname === 'secure.helpscout.net' && url.pathname.startsWith('/conversation/'),
  ticketId: (url) => /^\/conversation\/(\d+)/.exec(url.pathname)?.[1] ?? null,
  fields: {
    subject: helpscoutSelectors.subject,
    tags: helpscoutSelectors.tags,
    requester: helpscoutSelectors.requester,
    customerMessages: helpscoutSelectors.customerMessages,
    messages: helpscoutSelectors.messages,
    editor: helpscoutSelectors.editor,
    send: helpscoutSelectors.send,
  },
});
