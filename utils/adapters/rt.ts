import type { TicketContext } from '../ticket';
import { trimLineEnds } from '../trim';
import { editorText, type InsertPosition, insertIntoEditor } from './editing';
import { anyOf } from './generic';
import { queryAllFirst, queryFirst, type SelectorRegistry, textOf } from './selectors';
import { watchAgentInput } from './trust';
import type { AdapterStatus, HelpdeskAdapter, ReplyMode, SentReply } from './types';

/**
 * Request Tracker 5 (Best Practical), as Debian 12 ships it (5.0.3), checked against the real one
 * (tests/rt, tests/e2e/rt.e2e.ts). RT renders pages on the server: the reply page
 * (`/Ticket/Update.html?Action=Respond&id=…`) holds the ticket id, subject, queue and the editor,
 * but neither the requester nor the customer's message. Those come from two same-origin requests
 * made with the agent's own session (see `readTicket`).
 *
 * The editor is CKEditor 4 in a same-origin iframe; the adapter, running in the top frame, reads and
 * writes the iframe's `<body contenteditable>` directly. Sending posts the form and the page unloads,
 * so a send is reported at the moment the form really submits (see `observeSend`).
 */
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

const PAGE_PATHS = ['/Ticket/Update.html', '/Ticket/Display.html'];
const HEADER_TICKET = /#(\d+):\s*(.*)$/s;
/** A signature starts at a line "-- " (RFC 3676); RT puts the agent's signature that way. */
const SIGNATURE_LINE = /^-- ?$/m;

/** GET a same-origin resource with the agent's session: the body of a 2xx answer, else null. */
export type FetchText = (url: string, accept: 'json' | 'html') => Promise<string | null>;

const FETCH_TIMEOUT_MS = 3000;

async function fetchTextSameOrigin(url: string, accept: 'json' | 'html'): Promise<string | null> {
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: accept === 'json' ? 'application/json' : 'text/html' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) return null;
    const type = response.headers.get('content-type') ?? '';
    if (accept === 'json' ? !type.includes('json') : !type.includes('html')) return null;
    return await response.text();
  } catch {
    return null;
  }
}

/** RT's web path ("/rt" on Debian's default), read from where the page itself lives. */
export function rtBasePath(url: URL): string {
  const at = url.pathname.indexOf('/Ticket/');
  return at >= 0 ? url.pathname.slice(0, at) : '';
}

/** "María García <maria@example.com>" → name and email (RT shows users that way). */
export function parseRtUser(text: string): { name?: string; email?: string } {
  // "Name <email>" read with indexes: the pattern it replaces backtracked cubically (issue 14).
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('<');
  const email = open >= 0 && trimmed.endsWith('>') ? trimmed.slice(open + 1, -1) : '';
  const at = email.indexOf('@', 1);
  if (at > 0 && at < email.length - 1 && !/[<>\s]/.test(email)) {
    const name = trimmed.slice(0, open).trimEnd();
    return { name: name.replace(/^"|"$/g, '') || undefined, email };
  }
  if (/^[^\s@]+@[^\s@]+$/.test(text.trim())) return { email: text.trim() };
  return { name: text.trim() || undefined };
}

interface Requestor {
  userId?: string;
  name?: string;
  email?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOr = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Plain text of a history message: `<br>` and blocks become line breaks (parsed pages have no layout). */
function messageText(body: Element): string {
  const clone = body.cloneNode(true) as Element;
  for (const br of Array.from(clone.querySelectorAll('br'))) br.replaceWith('\n');
  for (const block of Array.from(clone.querySelectorAll('div, p, pre, li'))) block.append('\n');
  return trimLineEnds((clone.textContent ?? '').replace(/\u00a0/g, ' '))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The customer's latest message in a ticket history: the newest message transaction written by a
 * requestor; when none is (an agent opened the ticket for them), the newest one not by the agent.
 */
export function latestCustomerMessage(
  history: ParentNode,
  requestorIds: readonly string[],
  agentUserId: string | undefined,
): string {
  const messages = queryAllFirst(history, rtSelectors.messageTransactions)
    .map((transaction) => ({
      id: Number(transaction.dataset.transactionId),
      author: queryFirst(transaction, rtSelectors.transactionAuthor)?.element.dataset.userId,
      body: queryFirst(transaction, rtSelectors.transactionBody)?.element,
    }))
    .filter((message) => message.body)
    // Users may show history newest first; transaction ids always grow.
    .sort((a, b) => a.id - b.id);
  const fromRequestor = messages.filter((m) => m.author && requestorIds.includes(m.author)).at(-1);
  const notByAgent = messages.filter((m) => m.author !== agentUserId).at(-1);
  const chosen = fromRequestor ?? notByAgent;
  return chosen?.body ? messageText(chosen.body) : '';
}

const isTextarea = (element: HTMLElement): element is HTMLTextAreaElement => element.tagName === 'TEXTAREA';

/**
 * A plain-text draft without RT's quote ("On …, X wrote:" then "> " lines) and the signature.
 */
function plainDraftText(value: string): string {
  const lines = value.replace(/\r\n/g, '\n').split('\n');
  const kept = lines.filter((line, i) => {
    if (/^\s*>/.test(line)) return false;
    const next = lines.slice(i + 1).find((l) => l.trim() !== '');
    return !(/wrote:\s*$/.test(line) && next !== undefined && /^\s*>/.test(next));
  });
  let text = kept.join('\n');
  const signature = SIGNATURE_LINE.exec(text);
  if (signature) text = text.slice(0, signature.index);
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** The editor's own text without RT's quoted message and the agent's signature. */
function draftText(editor: HTMLElement): string {
  if (isTextarea(editor)) return plainDraftText(editor.value);
  // RT fills an empty CKEditor with its placeholder text and marks the body `.placeholder`.
  if (editor.classList.contains('placeholder')) return '';
  let text = editorText(editor);
  const quotes = queryAllFirst(editor, rtEditorSelectors.quote).filter(
    (quote, _i, all) => !all.some((other) => other !== quote && other.contains(quote)),
  );
  for (const quote of quotes) {
    const quoted = editorText(quote).trim();
    if (quoted) text = text.replace(quoted, '');
  }
  const signature = SIGNATURE_LINE.exec(text);
  if (signature) text = text.slice(0, signature.index);
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** CKEditor's editable body, or the plain textarea when rich text is off. */
function findRtEditor(doc: Document): HTMLElement | null {
  const frame = queryFirst<HTMLIFrameElement>(doc, rtSelectors.editorFrame)?.element;
  const frameDoc = frame?.contentDocument;
  if (frameDoc) {
    const body = queryFirst(frameDoc, rtEditorSelectors.editorBody)?.element;
    if (body) return body;
  }
  const textarea = queryFirst<HTMLTextAreaElement>(doc, rtSelectors.textarea)?.element;
  // CKEditor hides the textarea it replaced; a hidden one is not the editor.
  if (!textarea || textarea.style.display === 'none' || textarea.hidden) return null;
  return textarea;
}

/** Reply (`response`) or comment (`private`), from the type select or the page's action. */
function rtReplyMode(doc: Document): ReplyMode {
  const select = queryFirst<HTMLSelectElement>(doc, rtSelectors.updateType)?.element;
  if (select) return select.value === 'private' ? 'note' : 'public';
  const action = queryFirst<HTMLInputElement>(doc, rtSelectors.action)?.element.value;
  return action === 'Comment' ? 'note' : 'public';
}

/**
 * Places the caret where a snippet belongs: "end" goes before a quoted message, so a sign-off
 * lands above the quote rather than under it. Other positions follow editing.ts.
 */
function insertRt(editor: HTMLElement, text: string, position: InsertPosition = 'caret'): boolean {
  if (editor.classList.contains('placeholder')) {
    // Focus clears RT's placeholder; without it the snippet would be appended to "Type your message here".
    editor.focus();
  }
  const quote = queryAllFirst(editor, rtEditorSelectors.quote)[0];
  if (position === 'end' && quote && editor.contains(quote)) {
    const doc = editor.ownerDocument;
    const range = doc.createRange();
    range.setStartBefore(quote);
    range.collapse(true);
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return insertIntoEditor(editor, text, 'caret');
  }
  return insertIntoEditor(editor, text, position);
}

export interface RtOptions {
  /** Replaced in tests; the default calls `fetch` with the agent's session and a short timeout. */
  fetchText?: FetchText;
}

export function createRtAdapter(options: RtOptions = {}): HelpdeskAdapter {
  const fetchText = options.fetchText ?? fetchTextSameOrigin;

  const activeTicketId = (url: URL, doc: Document): string | null => {
    const field = queryFirst<HTMLInputElement>(doc, rtSelectors.ticketIdField)?.element.value;
    if (field && /^\d+$/.test(field)) return field;
    const fromUrl = url.searchParams.get('id');
    return fromUrl && /^\d+$/.test(fromUrl) ? fromUrl : null;
  };

  /**
   * Requestors through RT's REST 2.0 API (on by default in RT 5; the browser session is accepted):
   * two small JSON answers, about 0.1 s each. When REST 2.0 is off, the ticket's Display page,
   * which is slower (about 0.6 s) but always there.
   */
  const readRequestors = async (base: string, id: string, doc: Document): Promise<Requestor[]> => {
    const onPage = queryAllFirst(doc, rtSelectors.requestors);
    if (onPage.length > 0) return onPage.map(requestorFromElement);
    const ticket = parseJson(await fetchText(`${base}/REST/2.0/ticket/${id}`, 'json'));
    if (isRecord(ticket) && Array.isArray(ticket.Requestor)) {
      const users = await Promise.all(
        ticket.Requestor.filter(isRecord).map(async (ref) => {
          const name = stringOr(ref.id);
          if (!name) return null;
          const user = parseJson(
            await fetchText(`${base}/REST/2.0/user/${encodeURIComponent(name)}`, 'json'),
          );
          if (!isRecord(user)) return { email: name.includes('@') ? name : undefined, name };
          const self = Array.isArray(user._hyperlinks)
            ? user._hyperlinks.filter(isRecord).find((link) => link.ref === 'self')
            : undefined;
          return {
            userId: stringOr(self?.id),
            name: stringOr(user.RealName) ?? stringOr(user.Name),
            email: stringOr(user.EmailAddress),
          } satisfies Requestor;
        }),
      );
      return users.filter((user): user is NonNullable<typeof user> => user !== null);
    }
    const display = await fetchText(`${base}/Ticket/Display.html?id=${id}`, 'html');
    if (!display) return [];
    const page = new DOMParser().parseFromString(display, 'text/html');
    return queryAllFirst(page, rtSelectors.requestors).map(requestorFromElement);
  };

  const readHistory = async (base: string, id: string, doc: Document): Promise<ParentNode | null> => {
    // The Display page loads its history after the page; use it once it is there.
    if (queryAllFirst(doc, rtSelectors.messageTransactions).length > 0) return doc;
    const html = await fetchText(`${base}/Helpers/TicketHistory?id=${id}`, 'html');
    return html ? new DOMParser().parseFromString(html, 'text/html') : null;
  };

  const adapter: HelpdeskAdapter = {
    id: 'rt',
    name: 'Request Tracker',
    selectors: rtSelectors,

    matches(url, doc) {
      return (
        PAGE_PATHS.some((path) => url.pathname.includes(path)) && queryFirst(doc, rtSelectors.marker) !== null
      );
    },

    activeTicketId,

    /**
     * Id, subject and queue from the page; requester and the customer's latest message from RT
     * with the agent's session: REST 2.0 for the requestors, `/Helpers/TicketHistory?id=` (the
     * HTML fragment RT's own Display page loads) for the messages, fetched in parallel.
     */
    async readTicket(doc) {
      const url = new URL(doc.location?.href ?? 'about:blank');
      const id = activeTicketId(url, doc);
      const header = textOf(queryFirst(doc, rtSelectors.header)?.element);
      const fromHeader = HEADER_TICKET.exec(header);
      const subject =
        fromHeader?.[2]?.trim() ||
        (queryFirst<HTMLInputElement>(doc, rtSelectors.updateSubject)?.element.value.trim() ?? '');
      const missing: string[] = [];
      if (!id) missing.push('ticket id (hidden field "id" or ?id= in the URL)');
      if (!fromHeader && !subject) missing.push('ticket subject (page header)');
      if (!id || (!fromHeader && !subject)) {
        const status: AdapterStatus = { state: 'outdated', missing };
        return { ticket: null, status };
      }
      const base = `${url.origin}${rtBasePath(url)}`;
      const agentUserName = textOf(queryFirst(doc, rtSelectors.currentUser)?.element) || undefined;
      const agentUserId = queryFirst(doc, rtSelectors.currentUserLink)
        ?.element.getAttribute('href')
        ?.match(/[?&;]id=(\d+)/)?.[1];
      const [requestors, history] = await Promise.all([
        readRequestors(base, id, doc).catch(() => []),
        readHistory(base, id, doc).catch(() => null),
      ]);
      const requestorIds = requestors
        .map((r) => r.userId)
        .filter((userId): userId is string => Boolean(userId));
      const first = requestors[0];
      const queue = textOf(queryFirst(doc, rtSelectors.queue)?.element);
      const ticket: TicketContext = {
        helpdesk: 'rt',
        ticketId: id,
        subject,
        // RT has no ticket type; the queue is the nearest thing a team sorts work by.
        tags: queue ? [`queue:${queue.toLowerCase()}`] : [],
        requester: { name: first?.name, email: first?.email },
        customerMessage: history ? latestCustomerMessage(history, requestorIds, agentUserId) : '',
        agentName: agentRealName(doc, agentUserName) ?? agentUserName,
      };
      const status: AdapterStatus = findRtEditor(doc)
        ? { state: 'ok', missing: [] }
        : { state: 'no-editor', missing: ['reply editor (CKEditor or textarea#UpdateContent)'] };
      return { ticket, status };
    },

    findEditor: findRtEditor,

    readDraft: draftText,

    insertText: insertRt,

    replyMode: rtReplyMode,

    readComposer(url, doc) {
      const editor = findRtEditor(doc);
      return {
        ticketId: activeTicketId(url, doc),
        editor,
        draft: editor ? draftText(editor) : '',
        mode: rtReplyMode(doc),
      };
    },

    /**
     * RT sends by posting the form; the page then unloads, so there is no later moment to confirm
     * in. The draft is read in the capture phase (before anything can change it); the decision is
     * taken in a bubbling listener on the window, which runs after the page's own submit handlers:
     * if none of them cancelled the submit, the browser is posting the reply, and `onSend` is
     * called right then, synchronously, while the page (and the content script) still live, with
     * `confirmed` already true: there is no later moment.
     * Confirmation here means "the form was submitted", not "RT stored it": RT can still refuse
     * on the server (a custom field that fails validation), which Keel cannot see.
     * The send gate is asked in the capture phase; when it says no the submit is cancelled before
     * RT's handlers or the browser see it, and nothing is reported.
     */
    observeSend(doc, signal, onSend, gate) {
      const win = doc.defaultView;
      if (!win) return;
      const formSelector = anyOf(rtSelectors.updateForm);
      const sendSelector = anyOf(rtSelectors.send);
      let sent = false;
      const fromAgent = watchAgentInput(win, signal);
      doc.addEventListener(
        'submit',
        (event) => {
          const form = event.target instanceof Element ? event.target : null;
          if (sent || !form?.matches(formSelector) || !fromAgent(event)) return;
          // "Add More Files" and the article picker resubmit the page without sending anything.
          const submitter = (event as SubmitEvent).submitter;
          if (submitter && !submitter.matches(sendSelector)) return;
          const editor = findRtEditor(doc);
          const text = editor ? draftText(editor) : '';
          if (!text.trim() || rtReplyMode(doc) === 'note') return;
          // The send gate: asked in the capture phase, before RT's own submit handlers run.
          if (!gate()) {
            event.preventDefault();
            event.stopImmediatePropagation();
            return;
          }
          const reply: SentReply = { text, confirmed: Promise.resolve(true) };
          let decided = false;
          const decide = (): void => {
            if (decided) return;
            decided = true;
            if (event.defaultPrevented || sent || signal.aborted) return;
            sent = true;
            onSend(reply);
          };
          win.addEventListener('submit', (late) => late === event && decide(), { once: true, signal });
          // A page handler that stops propagation hides the submit from the window: decide next task.
          win.setTimeout(decide, 0);
        },
        { capture: true, signal },
      );
    },
  };
  return adapter;
}

function requestorFromElement(element: HTMLElement): Requestor {
  return { userId: element.dataset.userId, ...parseRtUser(textOf(element)) };
}

/** "agent (Sam Rivera)" in the owner select gives the signed-in agent's real name. */
function agentRealName(doc: Document, userName: string | undefined): string | undefined {
  if (!userName) return undefined;
  for (const option of queryAllFirst(doc, rtSelectors.ownerOptions)) {
    // "user (Real Name)", read with indexes (the pattern it replaces backtracked quadratically).
    const text = textOf(option);
    const open = text.indexOf(' (');
    if (open > 0 && text.endsWith(')') && text.length > open + 3 && text.slice(0, open) === userName) {
      return text.slice(open + 2, -1);
    }
  }
  return undefined;
}

export const rtAdapter: HelpdeskAdapter = createRtAdapter();
