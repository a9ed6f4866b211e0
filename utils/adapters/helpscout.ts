import { createSiteAdapter, genericEditorSelectors, insertThroughEditorEvents } from './generic';
import type { SelectorRegistry } from './selectors';
import { fieldsOf, idInPath } from './site-fields';
import type { HelpdeskAdapter } from './types';

/** Issue 19's review of public 2025–2026 extensions working on secure.helpscout.net. */
const REVIEW = 'issue 19 review of public Help Scout extensions, 2025–2026';
/** Facts from public userscripts collected in shared/helpdesks.md (2023–2024 UI). */
const HELPDESKS_MD = 'shared/helpdesks.md (public userscripts, 2023–2024)';

/**
 * Help Scout (`secure.helpscout.net/conversation/{id}/{number}`). The composer is Slate
 * (`[data-slate-editor]`), reply and note are separate buttons; the send button has no stable id.
 */
export const helpscoutSelectors = {
  subject: [
    { css: '[aria-label="Conversation Subject"]', variant: 'conversation subject', source: REVIEW },
    { css: '[data-cy="EditableTextarea"]', variant: 'older subject textarea', source: HELPDESKS_MD },
  ],
  number: [{ css: '[data-cy="Text"]', variant: 'conversation number', source: HELPDESKS_MD }],
  /** The customer card's name. */
  requester: [{ css: '[data-cy="CustomerName"]', variant: 'customer sidebar (assumed)', assumed: true }],
  tags: [{ css: '[data-cy="Tag"]', variant: 'conversation tags (assumed)', assumed: true }],
  customerMessages: [
    {
      css: 'ol[aria-label="Thread Items"] > li.is-customer',
      variant: 'customer thread items',
      source: REVIEW,
    },
    { css: 'section.messageBody', variant: 'older threads', source: HELPDESKS_MD },
  ],
  messages: [
    { css: 'ol[aria-label="Thread Items"] > li', variant: 'thread items', source: REVIEW },
    { css: 'section.messageBody', variant: 'older threads', source: HELPDESKS_MD },
  ],
  editor: [
    {
      css: '[data-cy="ConvoEditor"] [data-slate-editor="true"][role="textbox"]',
      variant: 'Slate composer (ConvoEditor)',
      source: REVIEW,
    },
    { css: '[data-slate-editor="true"][role="textbox"]', variant: 'Slate composer', source: REVIEW },
    {
      css: '.redactor_editor[contenteditable="true"]',
      variant: 'older Redactor composer',
      source: HELPDESKS_MD,
    },
    ...genericEditorSelectors.filter((selector) => selector.css.startsWith('.ProseMirror')),
  ],
  replyAction: [{ css: '[data-testid="reply-button"]', variant: 'Reply button', source: REVIEW }],
  noteAction: [{ css: '[data-testid="note-button"]', variant: 'Note button', source: REVIEW }],
  send: [
    // No stable id in public code: the composer's submit button is our guess.
    {
      css: '[data-cy="ConvoEditor"] ~ * button[type="submit"], [data-cy="ConvoEditor"] button[type="submit"]',
      variant: 'composer submit (assumed)',
      assumed: true,
    },
    { css: '#sendBtn', variant: 'older composer send button', source: HELPDESKS_MD },
  ],
} as const satisfies SelectorRegistry;

export const helpscoutAdapter: HelpdeskAdapter = createSiteAdapter(
  {
    id: 'helpscout',
    name: 'Help Scout',
    matches: (url) => url.hostname === 'secure.helpscout.net' && url.pathname.startsWith('/conversation/'),
    ticketId: idInPath(/^\/conversation\/(\d+)/),
    fields: fieldsOf(helpscoutSelectors),
    // Slate keeps its own model: text goes in through the beforeinput it handles (the browser's
    // insertText command changes the DOM behind Slate's back, and Slate's next render drops it).
    insert: insertThroughEditorEvents,
  },
  helpscoutSelectors,
);
