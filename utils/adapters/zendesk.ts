import type { TicketContext } from '../ticket';
import { editorText } from './editing';
import { anyOf, insertThroughEditorEvents, valueOrText } from './generic';
import { queryAllFirst, queryFirst, type SelectorFallback, type SelectorRegistry, textOf } from './selectors';
import { watchSends } from './send';
import type { AdapterStatus, HelpdeskAdapter, ReplyMode, TicketField } from './types';
import { createZendeskApi, type ZendeskApiOptions } from './zendesk-fetch';

/**
 * Zendesk Agent Workspace. Several tickets stay open as tabs and every tab's panel stays in the
 * DOM, so every lookup below runs inside the active ticket's panel. `{id}` in a selector is the
 * active ticket's id. Zendesk reworked this DOM in 2021, twice in 2023 and in 2024: newest first.
 */
/**
 * Where the Agent Workspace selectors come from: the userscripts and extensions summarised in
 * shared/helpdesks.md (holatuwol/liferay-zendesk-userscript user_script.ts 2024–2025,
 * BagToad/Auto-Hide-Zendesk-Composer), and issue 19's review of public 2025–2026 code.
 */
const ZENDESK_SOURCE =
  'shared/helpdesks.md: public Agent Workspace userscripts, 2024–2025; issue 19 review 2025–2026';
/**
 * A "ZD Workflow Helper" Chrome port (MAIN-world script, 2025–2026, found by meaning in a public
 * code index that did not name its repository): clicks `omnichannel-omnicomposer-send-button`
 * inside the active pane, switches messaging tickets with the channel switcher's
 * `data-channel="native_messaging"`; a chat-timer script beside it counts Enter as a send.
 */
const MESSAGING_SOURCE =
  'ZD Workflow Helper port, workflow-helper MAIN-world script (2025–2026); issue 19 review';

export const zendeskSelectors = {
  /** The tab of the ticket on screen; carries the ticket id. */
  activeTab: [
    {
      css: '[data-test-id="header-tab"][aria-current="page"][data-entity-id]',
      variant: 'Agent Workspace tab bar',
      source: ZENDESK_SOURCE,
    },
  ],
  /** The active ticket's panel: the scope of every other lookup. */
  panel: [
    { css: '[data-ticket-id="{id}"]', variant: 'Agent Workspace ticket panel', source: ZENDESK_SOURCE },
    {
      css: 'div[data-side-conversations-anchor-id="{id}"]',
      variant: 'Agent Workspace with side conversations',
      source: ZENDESK_SOURCE,
    },
    {
      css: '.ticket-panes-grid-layout[data-is-active="true"]',
      variant: 'Agent Workspace grid layout (2023)',
      source: ZENDESK_SOURCE,
    },
  ],
  subject: [
    {
      css: 'input[data-test-id="omni-header-subject"]',
      variant: 'Agent Workspace header (2023+)',
      source: ZENDESK_SOURCE,
    },
    {
      css: 'input[data-test-id="ticket-pane-subject"]',
      variant: 'older ticket pane',
      source: ZENDESK_SOURCE,
    },
  ],
  type: [
    {
      css: '[data-test-id="ticket-fields-type-select"] [data-garden-id="dropdowns.combobox.value"]',
      variant: 'Garden combobox (2024)',
      source: ZENDESK_SOURCE,
    },
    { css: '[data-test-id="ticket-fields-type-select"]', variant: 'Garden select', source: ZENDESK_SOURCE },
  ],
  tags: [
    {
      css: 'div[data-test-id="ticket-fields-tags"] [data-test-id="ticket-system-field-tags-item-selected"]',
      variant: 'Agent Workspace tags field',
      source: ZENDESK_SOURCE,
    },
  ],
  requester: [
    {
      css: '[data-test-id="ticket-system-field-requester-select"] [data-garden-id="dropdowns.combobox.value"]',
      variant: 'Garden combobox (2024)',
      source: ZENDESK_SOURCE,
    },
    {
      css: '[data-test-id="ticket-system-field-requester-select"]',
      variant: 'Agent Workspace requester field',
      source: ZENDESK_SOURCE,
    },
    {
      css: 'span[data-test-id="tabs-nav-item-users"]',
      variant: 'user tab in the ticket navigation',
      source: ZENDESK_SOURCE,
    },
  ],
  conversation: [
    {
      css: 'div[data-test-id="omni-log-container"]',
      variant: 'Agent Workspace conversation log',
      source: ZENDESK_SOURCE,
    },
  ],
  comment: [
    {
      css: '[data-test-id="omni-log-comment-item"]',
      variant: 'Agent Workspace conversation log',
      source: ZENDESK_SOURCE,
    },
  ],
  commentBody: [
    {
      css: '[data-test-id="omni-log-message-content"]',
      variant: 'Agent Workspace conversation log',
      source: ZENDESK_SOURCE,
    },
  ],
  /** Who wrote a comment; compared with the requester to find the customer's last message (assumed). */
  commentAuthor: [
    {
      css: '[data-test-id="omni-log-item-sender"]',
      variant: 'Agent Workspace log sender (assumed)',
      assumed: true,
    },
  ],
  /** The signed-in agent (the API's /users/me answers first when it can; this is assumed). */
  agent: [
    {
      css: '[data-test-id="header-profile-menu-button"][aria-label]',
      variant: 'Agent Workspace profile menu (assumed)',
      assumed: true,
    },
  ],
  /** The composer's frame; present with any editor, so its presence tells "changed" from "no composer". */
  composer: [
    { css: 'div[data-test-id="editor-view"]', variant: 'Agent Workspace composer', source: ZENDESK_SOURCE },
  ],
  editor: [
    {
      css: 'div[data-test-id="omnicomposer-rich-text-ckeditor"].ck-editor__editable[contenteditable="true"]',
      variant: 'CKEditor 5 composer (2024)',
      source: ZENDESK_SOURCE,
    },
    {
      css: 'div[data-test-id="omnicomposer-rich-text-ckeditor"] .ck-editor__editable[contenteditable="true"]',
      variant: 'CKEditor 5 composer wrapped (2023)',
      source: ZENDESK_SOURCE,
    },
    {
      css: 'div[data-test-id="editor-view"] .ck-editor__editable[contenteditable="true"]',
      variant: 'CKEditor 5 inside the editor view',
      source: ZENDESK_SOURCE,
    },
  ],
  /**
   * Messaging (chat) tickets: a plain-text composer with its own send button, where Enter sends.
   * No public code names the composer itself: it is found inside the composer frame as the
   * editable that is not CKEditor.
   */
  messagingEditor: [
    {
      css: 'div[data-test-id="editor-view"] textarea:not([readonly]):not([disabled])',
      variant: 'messaging plain-text composer (assumed)',
      assumed: true,
    },
    {
      css: 'div[data-test-id="editor-view"] [contenteditable="true"]:not(.ck-editor__editable)',
      variant: 'messaging composer as a plain editable (assumed)',
      assumed: true,
    },
  ],
  messagingSend: [
    {
      css: '[data-test-id="omnichannel-omnicomposer-send-button"]',
      variant: 'omnicomposer send (messaging)',
      source: MESSAGING_SOURCE,
    },
  ],
  channelSwitcher: [
    {
      css: 'button[data-test-id="omnichannel-channel-switcher-button"][data-channel]',
      variant: 'omnichannel switcher',
      source: ZENDESK_SOURCE,
    },
  ],
  send: [
    { css: '[data-test-id="submit_button-button"]', variant: 'Submit as … button', source: ZENDESK_SOURCE },
    {
      css: '[data-test-id="submit_button-menu-button"]',
      variant: 'Submit as … status menu',
      source: ZENDESK_SOURCE,
    },
    { css: '[data-test-id="omni-save-button"]', variant: 'older save button', source: ZENDESK_SOURCE },
  ],
} as const satisfies SelectorRegistry;

/** Fills a selector list's `{id}` with the active ticket id (CSS-escaped). */
export function withTicketId(fallbacks: readonly SelectorFallback[], id: string): SelectorFallback[] {
  const escaped = id.replace(/["\\]/g, '\\$&');
  return fallbacks.map((fallback) => ({ ...fallback, css: fallback.css.replaceAll('{id}', escaped) }));
}

const TICKET_PATH = /^\/agent\/tickets\/(\d+)(?:\/|$)/;

export function createZendeskAdapter(options: ZendeskApiOptions = {}): HelpdeskAdapter {
  const { readApiTicket, readAgentName } = createZendeskApi(options);

  const activeTicketId = (url: URL, doc: Document): string | null => {
    const fromUrl = TICKET_PATH.exec(url.pathname)?.[1];
    if (fromUrl) return fromUrl;
    // The URL is the app's own source of truth; the tab bar covers views that route elsewhere.
    const tab = queryFirst(doc, zendeskSelectors.activeTab)?.element;
    return url.pathname.startsWith('/agent') ? (tab?.dataset.entityId ?? null) : null;
  };

  const currentId = (doc: Document): string | null =>
    activeTicketId(new URL(doc.location?.href ?? 'about:blank'), doc);

  /** The active ticket's panel; never another tab's, never the whole document. */
  const panelOf = (doc: Document, id: string | null): HTMLElement | null => {
    if (!id) return null;
    const found = queryFirst(doc, withTicketId(zendeskSelectors.panel, id));
    if (!found) return null;
    // The grid-layout fallback carries no id: trust it only when the tab bar agrees.
    if (found.variant === zendeskSelectors.panel[2].variant) {
      const ownId = found.element.dataset.ticketId ?? found.element.dataset.sideConversationsAnchorId;
      const tabId = queryFirst(doc, zendeskSelectors.activeTab)?.element.dataset.entityId;
      if ((ownId && ownId !== id) || (tabId && tabId !== id)) return null;
    }
    return found.element;
  };

  const channelOf = (panel: HTMLElement | null): string | undefined =>
    (panel && queryFirst(panel, zendeskSelectors.channelSwitcher)?.element.dataset.channel) || undefined;
  /** Messaging channels ("native_messaging", chat): a plain composer where Enter sends. */
  const isMessagingChannel = (channel: string | undefined) => !!channel && /messaging|chat/i.test(channel);
  /**
   * The email composer (CKEditor 5) of a panel; the plain composer only when the channel says
   * messaging, so a redesigned email composer is reported, not guessed at.
   */
  const editorIn = (panel: HTMLElement | null): HTMLElement | null => {
    if (!panel) return null;
    const email = queryFirst(panel, zendeskSelectors.editor)?.element;
    if (email) return email;
    return isMessagingChannel(channelOf(panel))
      ? (queryFirst(panel, zendeskSelectors.messagingEditor)?.element ?? null)
      : null;
  };
  const findEditor = (doc: Document): HTMLElement | null => editorIn(panelOf(doc, currentId(doc)));
  /** Messaging's plain composer sends on Enter; CKEditor's email composer does not. */
  const isMessagingEditor = (editor: HTMLElement): boolean =>
    !editor.matches('.ck-editor__editable') &&
    isMessagingChannel(channelOf(panelOf(editor.ownerDocument, currentId(editor.ownerDocument))));

  const modeIn = (panel: HTMLElement | null): ReplyMode => {
    const channel = channelOf(panel);
    if (!channel) return 'unknown';
    return /internal|note/i.test(channel) ? 'note' : 'public';
  };

  const countComments = (doc: Document, id: string | null): number => {
    const panel = panelOf(doc, id);
    return panel ? queryAllFirst(panel, zendeskSelectors.comment).length : 0;
  };

  const adapter: HelpdeskAdapter = {
    id: 'zendesk',
    name: 'Zendesk',
    selectors: zendeskSelectors,

    matches(url) {
      return (
        url.protocol === 'https:' &&
        url.hostname.endsWith('.zendesk.com') &&
        url.pathname.startsWith('/agent')
      );
    },

    activeTicketId,

    async readTicket(doc) {
      const id = currentId(doc);
      if (!id)
        return { ticket: null, status: { state: 'outdated', missing: ['ticket id (URL or active tab)'] } };
      const panel = panelOf(doc, id);
      if (!panel) return { ticket: null, status: { state: 'outdated', missing: [`panel of ticket ${id}`] } };
      const subject = queryFirst(panel, zendeskSelectors.subject)?.element;
      if (!subject) return { ticket: null, status: { state: 'outdated', missing: ['subject'] } };

      const origin = doc.location?.origin ?? '';
      const [api, apiAgent] = await Promise.all([
        origin.startsWith('https://') ? readApiTicket(origin, id) : Promise.resolve(null),
        origin.startsWith('https://') ? readAgentName(origin) : Promise.resolve(undefined),
      ]);

      const domRequester = valueOrText(queryFirst(panel, zendeskSelectors.requester)?.element);
      const requesterName = api?.requester?.name ?? (domRequester || undefined);
      const comments = queryAllFirst(panel, zendeskSelectors.comment);
      const fromCustomer = comments.filter((comment) => {
        const author = textOf(queryFirst(comment, zendeskSelectors.commentAuthor)?.element);
        return !!requesterName && author === requesterName;
      });
      const lastCustomerComment = fromCustomer.at(-1) ?? comments.at(-1);
      const body =
        lastCustomerComment && queryFirst(lastCustomerComment, zendeskSelectors.commentBody)?.element;
      const domType = valueOrText(queryFirst(panel, zendeskSelectors.type)?.element).toLowerCase();
      const domTags = queryAllFirst(panel, zendeskSelectors.tags).map((tag) => textOf(tag).toLowerCase());
      const domAgent = queryFirst(doc, zendeskSelectors.agent)?.element.getAttribute('aria-label') ?? '';

      const ticket: TicketContext = {
        helpdesk: 'zendesk',
        ticketId: id,
        subject: valueOrText(subject),
        // An untyped ticket shows "-" in the combobox.
        type: api?.type ?? (domType && domType !== '-' ? domType : undefined),
        tags: api ? api.tags : [...new Set(domTags.filter(Boolean))],
        requester: { name: requesterName, email: api?.requester?.email },
        customerMessage: textOf(body ?? lastCustomerComment),
        agentName: apiAgent ?? (domAgent.trim() || undefined),
      };
      const editor = editorIn(panel);
      const composer = queryFirst(panel, zendeskSelectors.composer);
      const unread: TicketField[] = [];
      if (!ticket.requester.name) unread.push('requester');
      if (!ticket.customerMessage) unread.push('customerMessage');
      let status: AdapterStatus = { state: 'ok', missing: [], ...(unread.length > 0 ? { unread } : {}) };
      if (!editor) {
        // A composer without the editor we know means Zendesk changed it: say so, check nothing.
        status = composer
          ? { state: 'outdated', missing: ['reply editor (CKEditor 5 composer)'] }
          : { state: 'no-editor', missing: ['reply editor'] };
      }
      return { ticket, status };
    },

    findEditor,
    readDraft: editorText,

    insertText(editor, text, position = 'caret') {
      return insertThroughEditorEvents(editor, text, position);
    },

    replyMode(doc) {
      return modeIn(panelOf(doc, currentId(doc)));
    },

    readComposer(url, doc) {
      const ticketId = activeTicketId(url, doc);
      const panel = panelOf(doc, ticketId);
      const editor = editorIn(panel);
      return { ticketId, editor, draft: editor ? editorText(editor) : '', mode: modeIn(panel) };
    },

    observeSend(doc, signal, onSend, gate) {
      // The ticket this watch belongs to: a tab switch aborts `signal` and a new watch starts.
      const ticketId = currentId(doc);
      watchSends(
        doc,
        signal,
        {
          sendButtonSelector: anyOf([...zendeskSelectors.send, ...zendeskSelectors.messagingSend]),
          findEditor: () => (currentId(doc) === ticketId ? findEditor(doc) : null),
          readDraft: editorText,
          snapshot: () => countComments(doc, ticketId),
          confirmed: (before, editor) =>
            countComments(doc, ticketId) > before || (editor !== null && editorText(editor).trim() === ''),
          replyMode: () => adapter.replyMode(doc),
          // Messaging tickets send on Enter: the same send, recorded once like a click.
          enterSends: isMessagingEditor,
        },
        onSend,
        gate,
      );
    },
  };
  return adapter;
}

export const zendeskAdapter: HelpdeskAdapter = createZendeskAdapter();
