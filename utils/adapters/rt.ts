import type { TicketContext } from '../ticket';
import { editorText, type InsertPosition, insertIntoEditor } from './editing';
import { anyOf } from './generic';
import {
  type FetchText,
  fetchTextFromRt,
  latestCustomerMessage,
  readHistory,
  readRequestors,
  rtBasePath,
} from './rt-fetch';
import { rtEditorSelectors, rtSelectors } from './rt-selectors';
import { queryAllFirst, queryFirst, textOf } from './selectors';
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
 * so a send is reported at the moment the form really submits (see `observeSend`). Its selectors
 * are in rt-selectors.ts; what it fetches from RT, and how it reads the answers, in rt-fetch.ts.
 */
// Every adapter file exports its registry (tests/unit/adapters/convention.test.ts).
export { rtEditorSelectors, rtSelectors } from './rt-selectors';

const PAGE_PATHS = ['/Ticket/Update.html', '/Ticket/Display.html'];
const HEADER_TICKET = /#(\d+):\s*(.*)$/s;
/** A signature starts at a line "-- " (RFC 3676); RT puts the agent's signature that way. */
const SIGNATURE_LINE = /^-- ?$/m;

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
  const fetchText = options.fetchText ?? fetchTextFromRt;

  const activeTicketId = (url: URL, doc: Document): string | null => {
    const field = queryFirst<HTMLInputElement>(doc, rtSelectors.ticketIdField)?.element.value;
    if (field && /^\d+$/.test(field)) return field;
    const fromUrl = url.searchParams.get('id');
    return fromUrl && /^\d+$/.test(fromUrl) ? fromUrl : null;
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
        readRequestors(fetchText, base, id, doc).catch(() => []),
        readHistory(fetchText, base, id, doc).catch(() => null),
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
