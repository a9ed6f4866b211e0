import type { TicketContext } from '../ticket';
import { editorText } from './editing';
import { anyOf, insertThroughEditorEvents, valueOrText } from './generic';
import { queryAllFirst, queryFirst, type SelectorFallback, type SelectorRegistry, textOf } from './selectors';
import { watchSends } from './send';
import type { AdapterStatus, HelpdeskAdapter } from './types';

/**
 * Zendesk Agent Workspace. Several tickets stay open as tabs and every tab's panel stays in the
 * DOM, so every lookup below runs inside the active ticket's panel. `{id}` in a selector is the
 * active ticket's id. Zendesk reworked this DOM in 2021, twice in 2023 and in 2024: newest first.
 */
export const zendeskSelectors = {
  /** The tab of the ticket on screen; carries the ticket id. */
  activeTab: [
    {
      css: '[data-test-id="header-tab"][aria-current="page"][data-entity-id]',
      variant: 'Agent Workspace tab bar',
    },
  ],
  /** The active ticket's panel: the scope of every other lookup. */
  panel: [
    { css: '[data-ticket-id="{id}"]', variant: 'Agent Workspace ticket panel' },
    {
      css: 'div[data-side-conversations-anchor-id="{id}"]',
      variant: 'Agent Workspace with side conversations',
    },
    {
      css: '.ticket-panes-grid-layout[data-is-active="true"]',
      variant: 'Agent Workspace grid layout (2023)',
    },
  ],
  subject: [
    { css: 'input[data-test-id="omni-header-subject"]', variant: 'Agent Workspace header (2023+)' },
    { css: 'input[data-test-id="ticket-pane-subject"]', variant: 'older ticket pane' },
  ],
  type: [
    {
      css: '[data-test-id="ticket-fields-type-select"] [data-garden-id="dropdowns.combobox.value"]',
      variant: 'Garden combobox (2024)',
    },
    { css: '[data-test-id="ticket-fields-type-select"]', variant: 'Garden select' },
  ],
  tags: [
    {
      css: 'div[data-test-id="ticket-fields-tags"] [data-test-id="ticket-system-field-tags-item-selected"]',
      variant: 'Agent Workspace tags field',
    },
  ],
  requester: [
    {
      css: '[data-test-id="ticket-system-field-requester-select"] [data-garden-id="dropdowns.combobox.value"]',
      variant: 'Garden combobox (2024)',
    },
    {
      css: '[data-test-id="ticket-system-field-requester-select"]',
      variant: 'Agent Workspace requester field',
    },
    { css: 'span[data-test-id="tabs-nav-item-users"]', variant: 'user tab in the ticket navigation' },
  ],
  conversation: [
    { css: 'div[data-test-id="omni-log-container"]', variant: 'Agent Workspace conversation log' },
  ],
  comment: [{ css: '[data-test-id="omni-log-comment-item"]', variant: 'Agent Workspace conversation log' }],
  commentBody: [
    { css: '[data-test-id="omni-log-message-content"]', variant: 'Agent Workspace conversation log' },
  ],
  /** Who wrote a comment; compared with the requester to find the customer's last message (assumed). */
  commentAuthor: [
    { css: '[data-test-id="omni-log-item-sender"]', variant: 'Agent Workspace log sender (assumed)' },
  ],
  /** The signed-in agent (the API's /users/me answers first when it can; this is assumed). */
  agent: [
    {
      css: '[data-test-id="header-profile-menu-button"][aria-label]',
      variant: 'Agent Workspace profile menu (assumed)',
    },
  ],
  /** The composer's frame; present with any editor, so its presence tells "changed" from "no composer". */
  composer: [{ css: 'div[data-test-id="editor-view"]', variant: 'Agent Workspace composer' }],
  editor: [
    {
      css: 'div[data-test-id="omnicomposer-rich-text-ckeditor"].ck-editor__editable[contenteditable="true"]',
      variant: 'CKEditor 5 composer (2024)',
    },
    {
      css: 'div[data-test-id="omnicomposer-rich-text-ckeditor"] .ck-editor__editable[contenteditable="true"]',
      variant: 'CKEditor 5 composer wrapped (2023)',
    },
    {
      css: 'div[data-test-id="editor-view"] .ck-editor__editable[contenteditable="true"]',
      variant: 'CKEditor 5 inside the editor view',
    },
  ],
  channelSwitcher: [
    {
      css: 'button[data-test-id="omnichannel-channel-switcher-button"][data-channel]',
      variant: 'omnichannel switcher',
    },
  ],
  send: [
    { css: '[data-test-id="submit_button-button"]', variant: 'Submit as … button' },
    { css: '[data-test-id="submit_button-menu-button"]', variant: 'Submit as … status menu' },
    { css: '[data-test-id="omni-save-button"]', variant: 'older save button' },
  ],
} as const satisfies SelectorRegistry;

/** Fills a selector list's `{id}` with the active ticket id (CSS-escaped). */
export function withTicketId(fallbacks: readonly SelectorFallback[], id: string): SelectorFallback[] {
  const escaped = id.replace(/["\\]/g, '\\$&');
  return fallbacks.map((fallback) => ({ ...fallback, css: fallback.css.replaceAll('{id}', escaped) }));
}

const TICKET_PATH = /^\/agent\/tickets\/(\d+)(?:\/|$)/;

/** What the same-origin API tells about a ticket, trimmed to what Keel reads. */
export interface ZendeskApiTicket {
  type?: string;
  tags: string[];
  requester?: { name?: string; email?: string };
}

/** GET a same-origin JSON resource with the agent's session; null on any failure or timeout. */
export type FetchJson = (url: string) => Promise<unknown>;

const API_TIMEOUT_MS = 1500;
const API_CACHE_MS = 60_000;

async function fetchJsonSameOrigin(url: string): Promise<unknown> {
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
    return await response.json();
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOr = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined;

export interface ZendeskOptions {
  /** Replaced in tests; the default calls `fetch` with credentials 'same-origin' and a short timeout. */
  fetchJson?: FetchJson;
  /** The API is asked at most once per ticket in this window. */
  cacheMs?: number;
  now?: () => number;
}

export function createZendeskAdapter(options: ZendeskOptions = {}): HelpdeskAdapter {
  const fetchJson = options.fetchJson ?? fetchJsonSameOrigin;
  const cacheMs = options.cacheMs ?? API_CACHE_MS;
  const now = options.now ?? Date.now;
  const apiCache = new Map<string, { at: number; ticket: Promise<ZendeskApiTicket | null> }>();
  let agentName: Promise<string | undefined> | null = null;

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

  const findEditor = (doc: Document): HTMLElement | null => {
    const panel = panelOf(doc, currentId(doc));
    return panel ? (queryFirst(panel, zendeskSelectors.editor)?.element ?? null) : null;
  };

  const readApiTicket = (origin: string, id: string): Promise<ZendeskApiTicket | null> => {
    const cached = apiCache.get(id);
    if (cached && now() - cached.at < cacheMs) return cached.ticket;
    const ticket = (async (): Promise<ZendeskApiTicket | null> => {
      const body = await fetchJson(`${origin}/api/v2/tickets/${id}.json`);
      const raw = isRecord(body) && isRecord(body.ticket) ? body.ticket : null;
      if (!raw) return null;
      const tags = Array.isArray(raw.tags)
        ? raw.tags.filter((tag): tag is string => typeof tag === 'string')
        : [];
      let requester: ZendeskApiTicket['requester'];
      if (typeof raw.requester_id === 'number' || typeof raw.requester_id === 'string') {
        const userBody = await fetchJson(`${origin}/api/v2/users/${raw.requester_id}.json`);
        const user = isRecord(userBody) && isRecord(userBody.user) ? userBody.user : null;
        if (user) requester = { name: stringOr(user.name), email: stringOr(user.email) };
      }
      return { type: stringOr(raw.type)?.toLowerCase(), tags: tags.map((t) => t.toLowerCase()), requester };
    })();
    apiCache.set(id, { at: now(), ticket });
    return ticket;
  };

  const readAgentName = (origin: string): Promise<string | undefined> => {
    agentName ??= (async () => {
      const body = await fetchJson(`${origin}/api/v2/users/me.json`);
      const user = isRecord(body) && isRecord(body.user) ? body.user : null;
      // Anonymous "me" has id null: that is no agent.
      return user && user.id != null ? stringOr(user.name) : undefined;
    })();
    return agentName;
  };

  const countComments = (doc: Document, id: string | null): number => {
    const panel = panelOf(doc, id);
    return panel ? queryAllFirst(panel, zendeskSelectors.comment).length : 0;
  };

  const adapter: HelpdeskAdapter = {
    id: 'zendesk',
    name: 'Zendesk',

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
      const editor = queryFirst(panel, zendeskSelectors.editor);
      const composer = queryFirst(panel, zendeskSelectors.composer);
      let status: AdapterStatus = { state: 'ok', missing: [] };
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
      insertThroughEditorEvents(editor, text, position);
    },

    isPublicReply(doc) {
      const panel = panelOf(doc, currentId(doc));
      const channel = panel && queryFirst(panel, zendeskSelectors.channelSwitcher)?.element.dataset.channel;
      return !(channel && /internal|note/i.test(channel));
    },

    observeSend(doc, signal, onSend, gate) {
      // The ticket this watch belongs to: a tab switch aborts `signal` and a new watch starts.
      const ticketId = currentId(doc);
      watchSends(
        doc,
        signal,
        {
          sendButtonSelector: anyOf(zendeskSelectors.send),
          findEditor: () => (currentId(doc) === ticketId ? findEditor(doc) : null),
          readDraft: editorText,
          snapshot: () => countComments(doc, ticketId),
          confirmed: (before, editor) =>
            countComments(doc, ticketId) > before || (editor !== null && editorText(editor).trim() === ''),
          isPublicReply: () => adapter.isPublicReply(doc),
        },
        onSend,
        gate,
      );
    },
  };
  return adapter;
}

export const zendeskAdapter: HelpdeskAdapter = createZendeskAdapter();
