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
    editorClass: 'fr-element',
  },
  helpscout: {
    ticketId: '2719001',
    subject: 'Where is my order? #H3307',
    type: undefined,
    tags: ['delivery', 'late'],
    requester: 'Tomás Ruiz',
    customerMessage: 'Hi, order #H3307 was due last Tuesday and is still not here. Where is it?',
    editorClass: 'redactor_editor',
  },
  intercom: {
    ticketId: '190044',
    subject: 'Charged twice for my subscription',
    type: undefined,
    tags: ['billing', 'refund'],
    requester: 'Mei Tanaka',
    customerMessage: 'I was charged twice this month. Can I get one payment back?',
    editorClass: 'embercom-prosemirror-composer-editor',
  },
  front: {
    ticketId: 'cnv_5kq1x',
    subject: 'Parcel marked delivered but not received',
    type: undefined,
    tags: ['delivery'],
    requester: 'Olu Adeyemi',
    customerMessage: 'Tracking says delivered yesterday but nothing arrived. Order #R2290.',
    editorClass: 'ProseMirror',
  },
  gorgias: {
    ticketId: '88120',
    subject: 'Wrong size delivered',
    type: undefined,
    tags: ['exchange', 'delivery'],
    requester: 'Elena Rossi',
    customerMessage: 'I ordered the shoes in 38 and got 40. Order #G1187. Can you swap them?',
    editorClass: 'public-DraftEditor-content',
  },
  zohodesk: {
    ticketId: '40710000001234',
    subject: 'Cannot reset my password',
    type: 'problem',
    tags: ['account', 'login'],
    requester: 'Noah Fischer',
    customerMessage: 'The reset link says it has expired every time I click it.',
    editorClass: null,
  },
} as const;

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
    if (want.editorClass) expect(editor?.classList.contains(want.editorClass)).toBe(true);
    else expect(editor?.tagName).toBe('TEXTAREA');
  });

  it('inserts text the editor keeps', () => {
    const adapter = adapterFor(name);
    const editor = adapter.findEditor(document) as HTMLElement;
    adapter.insertText(editor, `Hi ${want.requester.split(' ')[0]},`, 'start');
    expect(adapter.readDraft(editor)).toContain(`Hi ${want.requester.split(' ')[0]},`);
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
      const sendButton = document.querySelector<HTMLElement>(
        '.reply-btn, #sendBtn, [data-test-composer-send], [data-testid="send-button"], [data-testid="ticket-reply-editor"] button, [data-id="sendButton"]',
      );
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
      const sent: SentReply[] = [];
      adapter.observeSend(
        document,
        new AbortController().signal,
        (reply) => sent.push(reply),
        () => false,
      );
      const editor = adapter.findEditor(document) as HTMLElement;
      const sendButton = document.querySelector<HTMLElement>(
        '.reply-btn, #sendBtn, [data-test-composer-send], [data-testid="send-button"], [data-testid="ticket-reply-editor"] button, [data-id="sendButton"]',
      );
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

describe('Gorgias', () => {
  it('reads the ticket id from a ticket opened in a view as well as from its own page', () => {
    const adapter = adapterFor('gorgias');
    const ticketId = (path: string) =>
      adapter.activeTicketId(new URL(`https://acme.gorgias.com${path}`), document);
    expect(ticketId('/app/views/1384557/230640920')).toBe('230640920');
    expect(ticketId('/app/ticket/88120')).toBe('88120');
    expect(ticketId('/app/views/1384557')).toBeNull();
  });
});
