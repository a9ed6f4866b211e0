import type { TicketContext } from '../ticket';
import { editorText, type InsertPosition, insertIntoEditor, placeCaret } from './editing';
import { queryAllFirst, queryFirst, type SelectorFallback, textOf } from './selectors';
import { watchSends } from './send';
import type { AdapterStatus, HelpdeskAdapter, ReplyMode, TicketField } from './types';

/**
 * What the helpdesks we know little about have in common: a rich-text editor from one of a few
 * frameworks. Rich editors first; a bare textarea only when it is the page's only one, because a
 * guess that lands in a search box would check the wrong text (fail closed instead).
 */
export const genericEditorSelectors = [
  {
    css: '.ProseMirror[contenteditable="true"]',
    variant: 'ProseMirror (Intercom, Front, Tiptap)',
    source: 'prosemirror-view: the editable carries class ProseMirror (npm prosemirror-view 1.42)',
  },
  {
    css: '.ck-editor__editable[contenteditable="true"]',
    variant: 'CKEditor 5',
    source: 'CKEditor 5 documentation: the editing root carries ck-editor__editable',
  },
  {
    css: '.ql-editor[contenteditable="true"]',
    variant: 'Quill',
    source: 'Quill documentation: the editor root carries ql-editor',
  },
  {
    css: '.public-DraftEditor-content[contenteditable="true"]',
    variant: 'Draft.js (holds [data-contents])',
    source: 'draft-js DraftEditor.react.js: the editable carries public-DraftEditor-content',
  },
  {
    // Slate marks its editable; Help Scout's composer is one (issue 19's review, 2025–2026).
    css: '[data-slate-editor="true"][contenteditable="true"]',
    variant: 'Slate',
    source: 'slate-react Editable: data-slate-editor="true" on the editable (npm slate-react)',
  },
  {
    css: '[data-lexical-editor="true"][contenteditable="true"]',
    variant: 'Lexical',
    source: 'lexical: the root element gets data-lexical-editor="true" (npm lexical)',
  },
  {
    css: '.fr-element[contenteditable="true"]',
    variant: 'Froala',
    source: 'Froala documentation: the editable is .fr-element.fr-view',
  },
  {
    css: '.redactor-editor[contenteditable="true"], .redactor_editor',
    variant: 'Redactor',
    source: 'Redactor documentation (redactor-editor; Redactor 1 used redactor_editor)',
  },
] as const satisfies readonly SelectorFallback[];

/** Text fields of a form that are plausibly a reply box: visible, editable, not a search. */
const TEXTAREA_CSS = 'textarea:not([readonly]):not([disabled]):not([type="search"]):not([hidden])';

/**
 * The reply editor inside `root` found by framework markers alone, or null when there is none or
 * the guess would be ambiguous. Draft.js marks its content with `[data-contents]` inside the
 * editable; that editable is the one to use.
 */
export function detectEditor(root: ParentNode): { element: HTMLElement; variant: string } | null {
  const rich = queryFirst(root, genericEditorSelectors);
  if (rich) return rich;
  const draft = root
    .querySelector('[data-contents="true"]')
    ?.closest<HTMLElement>('[contenteditable="true"]');
  if (draft) return { element: draft, variant: 'Draft.js ([data-contents])' };
  const textareas = root.querySelectorAll<HTMLTextAreaElement>(TEXTAREA_CSS);
  if (textareas.length === 1 && textareas[0]) return { element: textareas[0], variant: 'single textarea' };
  return null;
}

/** Joins fallbacks into one selector list, for `closest` checks of send buttons. */
export function anyOf(fallbacks: readonly SelectorFallback[]): string {
  return fallbacks.map((fallback) => fallback.css).join(', ');
}

/**
 * Text of a field that may be an input (subject boxes are often inputs or textareas). By tag
 * name, not `instanceof`: elements from another frame have their own classes.
 */
export function valueOrText(element: Element | null | undefined): string {
  const tag = element?.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA') {
    return (element as HTMLInputElement).value.replace(/\s+/g, ' ').trim();
  }
  if (tag === 'SELECT') {
    const select = element as HTMLSelectElement;
    return textOf(select.selectedOptions[0]) || select.value;
  }
  return textOf(element);
}

/** The first path segment of `url` after `marker` ("tickets" in /a/tickets/123), if it looks like an id. */
export function segmentAfter(url: URL, marker: string): string | null {
  const segments = url.pathname.split('/').filter(Boolean);
  const index = segments.indexOf(marker);
  const id = index >= 0 ? segments[index + 1] : undefined;
  return id && /^[\w-]+$/.test(id) ? decodeURIComponent(id) : null;
}

/** Tells editors that sync their selection asynchronously (CKEditor 5) where the caret now is. */
function placeCaretFor(editor: HTMLElement, position: InsertPosition): void {
  placeCaret(editor, position);
  editor.ownerDocument.dispatchEvent(new Event('selectionchange'));
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Insertion for editors that keep a model and re-render from it (CKEditor 5): first the
 * `beforeinput` event they handle for typing, then a synthetic paste, each verified by reading the
 * editor back; the browser's own editing command last. Stops at the first that takes, so the text
 * is never inserted twice. Returns whether the editor now holds the text.
 */
export function insertThroughEditorEvents(
  editor: HTMLElement,
  text: string,
  position: InsertPosition,
): boolean {
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
    return insertIntoEditor(editor, text, position);
  }
  const before = editorText(editor);
  const took = () => {
    const after = editorText(editor);
    return after !== before && normalise(after).includes(normalise(text));
  };
  editor.focus();
  placeCaretFor(editor, position);
  // An editor that cancels the event took the text into its model; React-based ones (Slate)
  // render it after this returns, so its DOM cannot be read back yet.
  const cancelled = !editor.dispatchEvent(
    new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertText', data: text }),
  );
  if (took()) return true;
  if (cancelled) return true;
  if (editorText(editor) !== before) return false; // something changed but not as asked: do not pile on
  const View = editor.ownerDocument.defaultView;
  if (View && typeof View.DataTransfer === 'function' && typeof View.ClipboardEvent === 'function') {
    // Both flavours, as a real copy carries: CKEditor 5 ignores a paste with text/plain alone
    // (a 2025–2026 Zendesk userscript, issue 19), and editors that read only one still find it.
    const data = new View.DataTransfer();
    data.setData('text/plain', text);
    data.setData('text/html', textAsHtml(text));
    placeCaretFor(editor, position);
    const pasted = !editor.dispatchEvent(
      new View.ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }),
    );
    if (took()) return true;
    if (pasted && editorText(editor) === before) return true;
    if (editorText(editor) !== before) return false;
  }
  return insertIntoEditor(editor, text, position);
}

/** Plain text as the HTML a clipboard carries: escaped, one paragraph per line when it has several. */
export function textAsHtml(text: string): string {
  const escapeHtml = (line: string) =>
    line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // One line pastes inline, into the paragraph at the caret.
  if (!text.includes('\n')) return escapeHtml(text);
  return text
    .split('\n')
    .map((line) => `<p>${escapeHtml(line) || '<br>'}</p>`)
    .join('');
}

/** Everything a helpdesk adapter built from selectors needs to know about one helpdesk. */
export interface SiteSpec {
  id: string;
  name: string;
  matches(url: URL, doc: Document): boolean;
  /** The ticket id from the page's URL (or document), null when the page is no ticket. */
  ticketId(url: URL, doc: Document): string | null;
  /** Fields read from the page; the registry object of the adapter supplies each list. */
  fields: {
    /** Scope for every other lookup (the ticket's panel); the whole document when absent. */
    root?: readonly SelectorFallback[];
    /** Absent: the document's title stands in. */
    subject?: readonly SelectorFallback[];
    type?: readonly SelectorFallback[];
    tags?: readonly SelectorFallback[];
    requester?: readonly SelectorFallback[];
    /** The customer's messages; the last one is the message being answered. */
    customerMessages?: readonly SelectorFallback[];
    /** Every message of the conversation, counted to confirm a send. */
    messages?: readonly SelectorFallback[];
    agent?: readonly SelectorFallback[];
    /** The helpdesk's own editor; generic detection runs only when this is absent or `detectIn` says where. */
    editor?: readonly SelectorFallback[];
    /** Where generic editor detection may look when `editor` finds nothing (the composer). */
    detectIn?: readonly SelectorFallback[];
    send?: readonly SelectorFallback[];
    /** Present when the composer is in internal-note mode. */
    noteMode?: readonly SelectorFallback[];
    /** The action that opens or switches the composer to an internal note ("Add note"). */
    noteAction?: readonly SelectorFallback[];
    /** The action that opens or switches the composer to a public reply ("Reply"). */
    replyAction?: readonly SelectorFallback[];
  };
  /**
   * Inserts text into this helpdesk's editor; the browser's editing command by default. Returns
   * whether the editor now holds the text.
   */
  insert?(editor: HTMLElement, text: string, position: InsertPosition): boolean;
  /** Whether generic detection may search the whole scope when `detectIn` is not given. */
  detectAnywhere?: boolean;
  /**
   * Whether a subject selector that finds nothing means the page changed (known selectors) or
   * only that this ticket shows none (assumed ones; the page title stands in).
   */
  subjectRequired?: boolean;
}

/** Lower-cased, de-duplicated tag texts. */
function tagList(elements: Element[]): string[] {
  return [...new Set(elements.map((element) => valueOrText(element).toLowerCase()).filter(Boolean))];
}

/**
 * An adapter built from a `SiteSpec`: the helpdesks whose pages we know by a handful of
 * selectors, and the sites a user configures. Zendesk, with its tabs and API, has its own.
 */
export function createSiteAdapter(spec: SiteSpec, selectors?: HelpdeskAdapter['selectors']): HelpdeskAdapter {
  const { fields } = spec;
  const location = (doc: Document) => new URL(doc.location?.href ?? 'about:blank');
  const scope = (doc: Document): ParentNode | null =>
    fields.root ? (queryFirst(doc, fields.root)?.element ?? null) : doc;
  /** The composer mode the agent last chose with the page's own reply/note actions, per page. */
  const chosenMode = new WeakMap<Document, ReplyMode>();

  const editorIn = (root: ParentNode | null): HTMLElement | null => {
    if (!root) return null;
    const own = fields.editor && queryFirst(root, fields.editor);
    if (own) return own.element;
    if (fields.detectIn) {
      const composer = queryFirst(root, fields.detectIn)?.element;
      return composer ? (detectEditor(composer)?.element ?? null) : null;
    }
    return !fields.editor || spec.detectAnywhere ? (detectEditor(root)?.element ?? null) : null;
  };
  const findEditor = (doc: Document): HTMLElement | null => editorIn(scope(doc));

  const modeIn = (root: ParentNode | null, doc: Document): ReplyMode => {
    if (root && fields.noteMode && queryFirst(root, fields.noteMode)) return 'note';
    const chosen = chosenMode.get(doc);
    if (chosen) return chosen;
    // A helpdesk whose notes Keel can tell apart shows a reply unless it says note.
    return fields.noteMode || fields.noteAction ? 'public' : 'unknown';
  };

  const countMessages = (doc: Document): number => {
    const root = scope(doc);
    return root && fields.messages ? queryAllFirst(root, fields.messages).length : 0;
  };

  const adapter: HelpdeskAdapter = {
    id: spec.id,
    name: spec.name,
    ...(selectors ? { selectors } : {}),
    matches: spec.matches,
    activeTicketId: spec.ticketId,

    async readTicket(doc) {
      const missing: string[] = [];
      const ticketId = spec.ticketId(location(doc), doc);
      if (!ticketId) missing.push('ticket id');
      const root = scope(doc);
      if (!root) missing.push('ticket panel');
      const subjectElement = root && fields.subject ? queryFirst(root, fields.subject)?.element : null;
      if (root && fields.subject && !subjectElement && spec.subjectRequired !== false)
        missing.push('subject');
      if (!ticketId || !root || missing.length > 0) {
        return { ticket: null, status: { state: 'outdated', missing } satisfies AdapterStatus };
      }
      const read = (fallbacks?: readonly SelectorFallback[]) =>
        fallbacks ? valueOrText(queryFirst(root, fallbacks)?.element) : '';
      const requester = fields.requester ? queryFirst(root, fields.requester)?.element : undefined;
      const customerMessages = fields.customerMessages ? queryAllFirst(root, fields.customerMessages) : [];
      const agent = fields.agent ? queryFirst(doc, fields.agent)?.element : undefined;
      const ticket: TicketContext = {
        helpdesk: spec.id,
        ticketId,
        subject: subjectElement ? valueOrText(subjectElement) : doc.title.trim(),
        type: read(fields.type).toLowerCase() || undefined,
        tags: fields.tags ? tagList(queryAllFirst(root, fields.tags)) : [],
        requester: {
          name: valueOrText(requester) || undefined,
          email: (requester instanceof HTMLElement && requester.dataset.email) || undefined,
        },
        customerMessage: valueOrText(customerMessages.at(-1)),
        agentName:
          (agent instanceof HTMLElement && (agent.dataset.agentName || valueOrText(agent))) || undefined,
      };
      const editor = editorIn(root);
      // The helpdesk's own editor selector missed while its composer is there: the page changed.
      const composerThere = fields.detectIn ? queryFirst(root, fields.detectIn) !== null : false;
      // Page health: fields every ticket has that this page did not show.
      const unread: TicketField[] = [];
      if (fields.requester && !ticket.requester.name) unread.push('requester');
      if (fields.customerMessages && !ticket.customerMessage) unread.push('customerMessage');
      const status: AdapterStatus = editor
        ? { state: 'ok', missing: [], ...(unread.length > 0 ? { unread } : {}) }
        : composerThere
          ? { state: 'outdated', missing: ['reply editor'] }
          : { state: 'no-editor', missing: ['reply editor'] };
      return { ticket, status };
    },

    findEditor,
    readDraft: editorText,

    // The browser's editing command by default: trusted events that ProseMirror, Slate, Froala,
    // Draft.js and textareas all follow.
    insertText(editor, text, position = 'caret') {
      return (spec.insert ?? insertIntoEditor)(editor, text, position);
    },

    replyMode(doc) {
      return modeIn(scope(doc), doc);
    },

    readComposer(url, doc) {
      const root = scope(doc);
      const editor = editorIn(root);
      return {
        ticketId: spec.ticketId(url, doc),
        editor,
        draft: editor ? editorText(editor) : '',
        mode: modeIn(root, doc),
      };
    },

    observeSend(doc, signal, onSend, gate) {
      const noteAction = fields.noteAction;
      const replyAction = fields.replyAction;
      if (noteAction || replyAction) {
        // The page's own Reply / Add note actions decide what the composer sends next.
        doc.addEventListener(
          'click',
          (event) => {
            const target = event.target instanceof Element ? event.target : null;
            if (!target) return;
            if (noteAction && target.closest(anyOf(noteAction))) chosenMode.set(doc, 'note');
            else if (replyAction && target.closest(anyOf(replyAction))) chosenMode.set(doc, 'public');
          },
          { capture: true, signal },
        );
        signal.addEventListener('abort', () => chosenMode.delete(doc), { once: true });
      }
      watchSends(
        doc,
        signal,
        {
          // A selector that matches nothing when the site has no known send button: Ctrl/Cmd+Enter remains.
          sendButtonSelector: fields.send ? anyOf(fields.send) : 'keel-no-send-button',
          findEditor: () => findEditor(doc),
          readDraft: editorText,
          snapshot: () => countMessages(doc),
          confirmed: (before, editor) =>
            countMessages(doc) > before || (editor !== null && editorText(editor).trim() === ''),
          replyMode: () => adapter.replyMode(doc),
        },
        onSend,
        gate,
      );
    },
  };
  return adapter;
}
