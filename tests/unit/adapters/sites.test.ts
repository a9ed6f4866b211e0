import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editorText } from '@/utils/adapters/editing';
import { findAdapter } from '@/utils/adapters/registry';
import type { HelpdeskAdapter, SentReply } from '@/utils/adapters/types';
import { loadFixture } from './fixtures';

function adapterFor(name: string): HelpdeskAdapter {
  const { url } = loadFixture(name);
  const adapter = findAdapter(url, document);
  if (!adapter) throw new Error(`no adapter claims ${name}`);
  return adapter;
}

// What each fixture shows, as an agent reads it off the page.
const expected = {
  freshdesk: {
    ticketId: '318',
    subject: 'Damaged blender, order #F7781',
    type: 'refund',
    tags: ['refund', 'damaged'],
    requester: 'Priya Patel',
    customerMessage: 'Photo attached. The jug is broken, I want a refund.',
    editorCss: '.fr-element.fr-view',
    send: '.ticket-editor__footer .reply-btn',
    noteAction: '[data-test-id="add-note-btn"]',
  },
  helpscout: {
    ticketId: '2719001',
    subject: 'Where is my order? #H3307',
    type: undefined,
    tags: ['delivery', 'late'],
    requester: 'Tomás Ruiz',
    customerMessage: 'Hi, order #H3307 was due last Tuesday and is still not here. Where is it?',
    editorCss: '[data-slate-editor="true"]',
    send: '[data-cy="ConvoEditor"] button[type="submit"]',
    noteAction: '[data-testid="note-button"]',
  },
  intercom: {
    ticketId: '190044',
    subject: 'Charged twice for my subscription',
    type: undefined,
    tags: ['billing', 'refund'],
    requester: 'Mei Tanaka',
    customerMessage: 'I was charged twice this month. Can I get one payment back?',
    editorCss: '.embercom-prosemirror-composer-editor',
    send: '[data-test-composer-send]',
    noteAction: '.fixture-note-tab',
  },
  front: {
    ticketId: 'cnv_5kq1x',
    subject: 'Parcel marked delivered but not received',
    type: undefined,
    tags: ['delivery'],
    requester: 'Olu Adeyemi',
    customerMessage: 'Tracking says delivered yesterday but nothing arrived. Order #R2290.',
    editorCss: '[data-testid="composer"] .ProseMirror',
    send: '[data-testid="send-button"]',
    noteAction: null,
  },
  gorgias: {
    ticketId: '88120',
    subject: 'Wrong size delivered',
    type: undefined,
    tags: ['exchange', 'delivery'],
    requester: 'Elena Rossi',
    customerMessage: 'I ordered the shoes in 38 and got 40. Order #G1187. Can you swap them?',
    editorCss: '.public-DraftEditor-content',
    send: '#submit-button',
    noteAction: '.fixture-note-tab',
  },
  zohodesk: {
    ticketId: '40710000001234',
    subject: 'Cannot reset my password',
    type: 'problem',
    tags: ['account', 'login'],
    requester: 'Noah Fischer',
    customerMessage: 'The reset link says it has expired every time I click it.',
    editorCss: '[data-id="replyEditor"] textarea',
    send: '[data-id="sendButton"]',
    noteAction: '[data-id="commentButton"]',
  },
} as const;

/**
 * How the page switches its composer to an internal note (and back), played here because unit
 * tests run no page script: a marker the page sets, or the page's own action buttons.
 */
const noteSwitch: Record<keyof typeof expected, ((note: boolean) => void) | null> = {
  freshdesk: (note) => clickAction(note ? '[data-test-id="add-note-btn"]' : '[data-test-id="reply-btn"]'),
  helpscout: (note) => clickAction(note ? '[data-testid="note-button"]' : '[data-testid="reply-button"]'),
  zohodesk: (note) => clickAction(note ? '[data-id="commentButton"]' : '[data-id="replyButton"]'),
  gorgias: (note) =>
    document
      .querySelector('#ticket-reply-editor .RichField--field--t5Nc2')
      ?.classList.toggle('is-internal-note', note),
  intercom: (note) =>
    document
      .querySelector('[data-conversation-reply-composer]')
      ?.setAttribute('data-composer-mode', note ? 'note' : 'reply'),
  // Front's internal comments have their own box, outside the composer Keel reads.
  front: null,
};
/** The sends the adapter reports from now on, with the send gate letting them through or not. */
function sendsSeen(adapter: HelpdeskAdapter, gateOpen: boolean): SentReply[] {
  const sent: SentReply[] = [];
  adapter.observeSend(
    document,
    new AbortController().signal,
    (reply) => sent.push(reply),
    () => gateOpen,
  );
  return sent;
}

function clickAction(css: string): void {
  document.querySelector<HTMLElement>(css)?.click();
}

describe.each(Object.entries(expected))('%s adapter on its fixture', (name, want) => {
  it('reads the ticket and finds the reply editor', async () => {
    const adapter = adapterFor(name);
    expect(adapter.id).toBe(name);
    const { ticket, status } = await adapter.readTicket(document);
    expect(status).toEqual({ state: 'ok', missing: [] });
    expect(ticket).toMatchObject({
      helpdesk: name,
      ticketId: want.ticketId,
      subject: want.subject,
      type: want.type,
      tags: want.tags,
      requester: { name: want.requester },
      customerMessage: want.customerMessage,
    });
    const editor = adapter.findEditor(document);
    expect(editor?.matches(want.editorCss)).toBe(true);
  });

  it('inserts text the editor keeps', () => {
    const adapter = adapterFor(name);
    const editor = adapter.findEditor(document) as HTMLElement;
    expect(adapter.insertText(editor, `Hi ${want.requester.split(' ')[0]},`, 'start')).toBe(true);
    expect(adapter.readDraft(editor)).toContain(`Hi ${want.requester.split(' ')[0]},`);
  });

  it('tells an internal note from a public reply, and reports no send of a note', () => {
    const adapter = adapterFor(name);
    const sent = sendsSeen(adapter, true);
    const switchTo = noteSwitch[name as keyof typeof expected];
    if (!switchTo) {
      expect(adapter.replyMode(document)).toBe('unknown');
      return;
    }
    expect(adapter.replyMode(document)).toBe('public');
    switchTo(true);
    expect(adapter.replyMode(document)).toBe('note');
    expect(adapter.readComposer(new URL(location.href), document).mode).toBe('note');
    const editor = adapter.findEditor(document) as HTMLElement;
    adapter.insertText(editor, 'Refund approved by the lead.', 'end');
    document.querySelector<HTMLElement>(want.send)?.click();
    expect(sent).toEqual([]);
    switchTo(false);
    expect(adapter.replyMode(document)).toBe('public');
  });

  describe('sends', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('reports a send at the click, confirmed once the page shows it, and nothing for an empty editor', async () => {
      const adapter = adapterFor(name);
      const sent: SentReply[] = [];
      const confirmed: string[] = [];
      adapter.observeSend(
        document,
        new AbortController().signal,
        (reply) => {
          sent.push(reply);
          void reply.confirmed.then((ok) => ok && confirmed.push(reply.text.trim()));
        },
        () => true,
      );
      const editor = adapter.findEditor(document) as HTMLElement;
      const sendButton = document.querySelector<HTMLElement>(want.send);
      sendButton?.click();
      vi.advanceTimersByTime(10_000);
      expect(sent).toEqual([]);

      adapter.insertText(editor, 'Thanks for your patience.', 'end');
      sendButton?.click();
      expect(sent.map((reply) => reply.text.trim())).toEqual(['Thanks for your patience.']);
      expect(confirmed).toEqual([]);
      // The page accepts it: the composer empties.
      if (editor.tagName === 'TEXTAREA') (editor as HTMLTextAreaElement).value = '';
      else editor.innerHTML = '<p><br></p>';
      await vi.advanceTimersByTimeAsync(500);
      expect(confirmed).toEqual(['Thanks for your patience.']);
    });

    it('honours the send gate: a stopped send reports nothing and the page never sees the click', () => {
      const adapter = adapterFor(name);
      const sent = sendsSeen(adapter, false);
      const editor = adapter.findEditor(document) as HTMLElement;
      const sendButton = document.querySelector<HTMLElement>(want.send);
      let pageSaw = false;
      sendButton?.addEventListener('click', () => {
        pageSaw = true;
      });
      adapter.insertText(editor, 'I guarantee a refund.', 'end');
      sendButton?.click();
      vi.advanceTimersByTime(1000);
      expect(sent).toEqual([]);
      expect(pageSaw).toBe(false);
    });
  });
});

describe('sites we know little about', () => {
  it('say the editor is missing rather than guess between two text boxes', async () => {
    const adapter = adapterFor('zohodesk');
    const composer = document.querySelector('[data-id="replyEditor"]');
    composer?.append(document.createElement('textarea'));
    expect(adapter.findEditor(document)).toBeNull();
    const { status } = await adapter.readTicket(document);
    expect(status).toEqual({ state: 'outdated', missing: ['reply editor'] });
  });

  it('name the subject when a known subject selector finds nothing', async () => {
    const adapter = adapterFor('freshdesk');
    document.querySelector('.ticket-subject-heading')?.remove();
    const { ticket, status } = await adapter.readTicket(document);
    expect(ticket).toBeNull();
    expect(status).toEqual({ state: 'outdated', missing: ['subject'] });
  });

  it('read the draft as plain text', () => {
    const adapter = adapterFor('intercom');
    const editor = adapter.findEditor(document) as HTMLElement;
    editor.innerHTML = '<p>Hi Mei,</p><p>I have refunded the second payment.</p>';
    expect(adapter.readDraft(editor)).toBe(editorText(editor));
    expect(adapter.readDraft(editor)).toContain('refunded the second payment');
  });
});

describe('ticket URLs', () => {
  it('Gorgias: a ticket on its own page, opened in a view, and on the 2025 /app/tickets route', () => {
    const adapter = adapterFor('gorgias');
    const ticketId = (path: string) =>
      adapter.activeTicketId(new URL(`https://acme.gorgias.com${path}`), document);
    expect(ticketId('/app/views/1384557/230640920')).toBe('230640920');
    expect(ticketId('/app/ticket/88120')).toBe('88120');
    expect(ticketId('/app/tickets/1384557/88120')).toBe('88120');
    expect(ticketId('/app/views/1384557')).toBeNull();
    expect(ticketId('/app/tickets/1384557')).toBeNull();
  });

  it('Front: company subdomains and cnv_ ids anywhere in the path', () => {
    const adapter = adapterFor('front');
    const url = (href: string) => new URL(href);
    expect(findAdapter(url('https://acme.frontapp.com/open/cnv_abc1'), document)?.id).toBe('front');
    expect(findAdapter(url('https://app.frontapp.com/open/cnv_abc1'), document)?.id).toBe('front');
    expect(findAdapter(url('https://frontapp.com.evil.example/open/cnv_1'), document)).toBeNull();
    expect(
      adapter.activeTicketId(
        url('https://acme.frontapp.com/inboxes/teammates/9/inbox/open/cnv_5kq1x'),
        document,
      ),
    ).toBe('cnv_5kq1x');
    expect(adapter.activeTicketId(url('https://app.frontapp.com/open/123abc'), document)).toBe('123abc');
  });

  it.each([
    ['https://app.intercom.com/a/inbox/x7k2p/inbox/conversation/190044', 'intercom'],
    ['https://app.eu.intercom.com/a/inbox/x7k2p/inbox/conversation/190044', 'intercom'],
    ['https://app.au.intercom.com/a/inbox/x7k2p/inbox/conversation/190044', 'intercom'],
    ['https://desk.zoho.in/agent/acme/support/tickets/details/1', 'zohodesk'],
    ['https://desk.zoho.com.au/agent/acme/support/tickets/details/1', 'zohodesk'],
    ['https://desk.zoho.jp/agent/acme/support/tickets/details/1', 'zohodesk'],
    ['https://desk.zoho.eu/agent/acme/support/tickets/details/1', 'zohodesk'],
  ])('%s is handled by %s', (href, id) => {
    loadFixture(id);
    expect(findAdapter(new URL(href), document)?.id).toBe(id);
  });
});

describe('page health', () => {
  it("reads Freshdesk's requester inside the contact card's shadow root", async () => {
    const adapter = adapterFor('freshdesk');
    expect(document.querySelector('[data-test-id="requester-name"]')).toBeNull();
    const { ticket } = await adapter.readTicket(document);
    expect(ticket?.requester.name).toBe('Priya Patel');
  });

  it('names a field it could not read while the editor is there, and still gives the ticket', async () => {
    const adapter = adapterFor('gorgias');
    document.querySelector('a[href^="/app/customer/"]')?.remove();
    const { ticket, status } = await adapter.readTicket(document);
    expect(ticket?.subject).toBe('Wrong size delivered');
    expect(status).toEqual({ state: 'ok', missing: [], unread: ['requester'] });
  });
});
