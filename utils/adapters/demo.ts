import type { TicketContext } from '../ticket';
import { editorText, insertIntoEditor } from './editing';
import { queryAllFirst, queryFirst, type SelectorRegistry, textOf } from './selectors';
import { watchSends } from './send';
import type { AdapterStatus, HelpdeskAdapter, ReplyMode } from './types';

/**
 * The bundled demo helpdesk (tests/demo-helpdesk). It runs on localhost, so the adapter only
 * claims pages that carry the demo's own marker: Keel never acts on arbitrary local pages.
 */
/** The demo helpdesk is ours: its page is the source. */
const DEMO_SOURCE = "tests/demo-helpdesk (Keel's own demo page)";

export const demoSelectors = {
  ticket: [{ css: 'main.hd-ticket[data-ticket-id]', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  subject: [{ css: '.hd-subject', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  type: [{ css: '.hd-fields [data-field="type"]', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  requester: [
    { css: '.hd-fields [data-field="requester"]', variant: 'demo helpdesk 1', source: DEMO_SOURCE },
  ],
  tags: [{ css: '.hd-fields [data-field="tags"] .hd-tag', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  customerMessages: [
    {
      css: '.hd-conversation .hd-message[data-author="customer"] .hd-message-body',
      variant: 'demo helpdesk 1',
      source: DEMO_SOURCE,
    },
  ],
  agentMessages: [
    {
      css: '.hd-conversation .hd-message[data-author="agent"]',
      variant: 'demo helpdesk 1',
      source: DEMO_SOURCE,
    },
  ],
  agent: [{ css: '.hd-agent[data-agent-name]', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  editor: [
    {
      css: '.hd-composer .hd-editor[contenteditable="true"]',
      variant: 'demo helpdesk 1',
      source: DEMO_SOURCE,
    },
  ],
  send: [{ css: '.hd-composer .hd-send', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  composer: [{ css: 'form.hd-composer', variant: 'demo helpdesk 1', source: DEMO_SOURCE }],
  /** The selected composer tab: public reply or internal note. */
  channel: [
    {
      css: '.hd-composer-tabs [role="tab"][aria-selected="true"][data-channel]',
      variant: 'demo helpdesk 1',
      source: DEMO_SOURCE,
    },
  ],
} as const satisfies SelectorRegistry;

const ticketRoot = (doc: Document) => queryFirst(doc, demoSelectors.ticket)?.element ?? null;

/** The selected composer tab; no tabs at all is a plain reply form: public. */
function modeOf(root: HTMLElement | null): ReplyMode {
  const channel = root && queryFirst(root, demoSelectors.channel)?.element.dataset.channel;
  return channel === 'note' ? 'note' : 'public';
}

export const demoAdapter: HelpdeskAdapter = {
  id: 'demo',
  name: 'Keel demo helpdesk',
  selectors: demoSelectors,

  matches(_url, doc) {
    return doc.documentElement.dataset.helpdesk === 'keel-demo';
  },

  activeTicketId(_url, doc) {
    return ticketRoot(doc)?.dataset.ticketId ?? null;
  },

  async readTicket(doc) {
    const root = ticketRoot(doc);
    const missing: string[] = [];
    if (!root) missing.push('ticket');
    const subject = root && queryFirst(root, demoSelectors.subject);
    if (root && !subject) missing.push('subject');
    const editor = root && queryFirst(root, demoSelectors.editor);
    if (!root || !subject) {
      const status: AdapterStatus = { state: 'outdated', missing };
      return { ticket: null, status };
    }
    const requester = queryFirst(root, demoSelectors.requester)?.element;
    const customerMessages = queryAllFirst(root, demoSelectors.customerMessages);
    const agentName = queryFirst(doc, demoSelectors.agent)?.element.dataset.agentName;
    const type = textOf(queryFirst(root, demoSelectors.type)?.element).toLowerCase();
    const ticket: TicketContext = {
      helpdesk: 'demo',
      ticketId: root.dataset.ticketId ?? '',
      subject: textOf(subject.element),
      type: type || undefined,
      tags: queryAllFirst(root, demoSelectors.tags).map((tag) => textOf(tag).toLowerCase()),
      requester: { name: textOf(requester) || undefined, email: requester?.dataset.email || undefined },
      // Every customer message, oldest first: the order number is often in the first one.
      customerMessage: customerMessages.map((message) => textOf(message)).join('\n\n'),
      agentName: agentName || undefined,
    };
    const status: AdapterStatus = editor
      ? { state: 'ok', missing: [] }
      : { state: 'no-editor', missing: ['reply editor'] };
    return { ticket, status };
  },

  findEditor(doc) {
    const root = ticketRoot(doc);
    return root ? (queryFirst(root, demoSelectors.editor)?.element ?? null) : null;
  },

  readDraft: editorText,

  insertText(editor, text, position) {
    return insertIntoEditor(editor, text, position);
  },

  replyMode(doc) {
    return modeOf(ticketRoot(doc));
  },

  readComposer(_url, doc) {
    const root = ticketRoot(doc);
    const editor = root ? (queryFirst(root, demoSelectors.editor)?.element ?? null) : null;
    return {
      ticketId: root?.dataset.ticketId ?? null,
      editor,
      draft: editor ? editorText(editor) : '',
      mode: modeOf(root),
    };
  },

  observeSend(doc, signal, onSend, gate) {
    const countAgentMessages = () => {
      const root = ticketRoot(doc);
      return root ? queryAllFirst(root, demoSelectors.agentMessages).length : 0;
    };
    watchSends(
      doc,
      signal,
      {
        sendButtonSelector: demoSelectors.send.map((s) => s.css).join(', '),
        formSelector: demoSelectors.composer.map((s) => s.css).join(', '),
        findEditor: () => demoAdapter.findEditor(doc),
        readDraft: editorText,
        snapshot: countAgentMessages,
        confirmed: (before) => countAgentMessages() > before,
        replyMode: () => demoAdapter.replyMode(doc),
      },
      onSend,
      gate,
    );
  },
};
