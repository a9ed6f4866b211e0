import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editorText } from '@/utils/adapters/editing';
import type { HelpdeskAdapter, SentReply } from '@/utils/adapters/types';
import { createZendeskAdapter } from '@/utils/adapters/zendesk';
import type { FetchJson } from '@/utils/adapters/zendesk-fetch';
import { loadFixture, navigateTo } from './fixtures';

const TICKET = (id: string) => `https://acme.zendesk.com/agent/tickets/${id}`;

/** No API: every request fails, as when Zendesk's API is off or the session cannot use it. */
const noApi: FetchJson = async () => null;

/** Switches tabs the way Zendesk does: the tab bar's aria-current, the panels and the URL. */
function switchTab(id: string): void {
  for (const tab of document.querySelectorAll<HTMLElement>('[data-test-id="header-tab"]')) {
    if (tab.dataset.entityId === id) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const panel of document.querySelectorAll<HTMLElement>('.ticket-panes-grid-layout')) {
    panel.dataset.isActive = String(panel.dataset.ticketId === id);
    panel.hidden = panel.dataset.ticketId !== id;
  }
  navigateTo(TICKET(id));
}

const panel = (id: string) => document.querySelector<HTMLElement>(`[data-ticket-id="${id}"]`) as HTMLElement;

/** What the page does when Zendesk accepts a comment: the log grows and the composer empties. */
function pageAcceptsComment(id: string, text: string): void {
  const item = document.createElement('article');
  item.dataset.testId = 'omni-log-comment-item';
  item.textContent = text;
  panel(id).querySelector('[data-test-id="omni-log-container"]')?.append(item);
  const editor = panel(id).querySelector('.ck-editor__editable') as HTMLElement;
  editor.innerHTML = '<p><br></p>';
}

describe('Zendesk adapter', () => {
  let zendesk: HelpdeskAdapter;
  beforeEach(() => {
    zendesk = createZendeskAdapter({ fetchJson: noApi });
    loadFixture('zendesk', TICKET('2042'));
  });

  it('claims Zendesk agent pages only', () => {
    expect(zendesk.matches(new URL(TICKET('2042')), document)).toBe(true);
    expect(zendesk.matches(new URL('https://acme.zendesk.com/hc/en-us'), document)).toBe(false);
    expect(zendesk.matches(new URL('https://zendesk.com.evil.example/agent/tickets/1'), document)).toBe(
      false,
    );
  });

  it('reads the active ticket from its own panel while two others stay in the DOM', async () => {
    expect(document.querySelectorAll('[data-test-id="omni-header-subject"]')).toHaveLength(3);
    const { ticket, status } = await zendesk.readTicket(document);
    expect(status).toEqual({ state: 'ok', missing: [] });
    expect(ticket).toEqual({
      helpdesk: 'zendesk',
      ticketId: '2042',
      subject: 'Refund for order #Z5521',
      type: 'incident',
      tags: ['refund', 'vip'],
      requester: { name: 'Ana Souza', email: undefined },
      customerMessage: 'Any news? It has been a week and I still have not had my refund.',
      agentName: 'Sam Rivera',
    });
  });

  it('follows a tab switch to the other ticket, its subject and its own editor', async () => {
    const firstEditor = zendesk.findEditor(document);
    switchTab('2043');
    expect(zendesk.activeTicketId(new URL(location.href), document)).toBe('2043');
    const { ticket } = await zendesk.readTicket(document);
    expect(ticket?.subject).toBe('App crashes on login');
    expect(ticket?.tags).toEqual(['bug', 'mobile']);
    const editor = zendesk.findEditor(document);
    expect(editor).not.toBe(firstEditor);
    expect(panel('2043').contains(editor)).toBe(true);
  });

  it('takes the ticket id from the active tab when the URL names none', () => {
    switchTab('2041');
    navigateTo('https://acme.zendesk.com/agent/workspace');
    expect(zendesk.activeTicketId(new URL(location.href), document)).toBe('2041');
  });

  it('prefers the same-origin API for type, tags and requester, asking once per ticket', async () => {
    const asked: string[] = [];
    const api: FetchJson = async (url) => {
      asked.push(url);
      if (url.endsWith('/api/v2/tickets/2042.json')) {
        return { ticket: { id: 2042, type: 'task', tags: ['refund', 'Escalated'], requester_id: 77 } };
      }
      if (url.endsWith('/api/v2/users/77.json'))
        return { user: { id: 77, name: 'Ana P. Souza', email: 'ana@example.com' } };
      if (url.endsWith('/api/v2/users/me.json')) return { user: { id: 5, name: 'Sam R.' } };
      return null;
    };
    const withApi = createZendeskAdapter({ fetchJson: api });
    const { ticket } = await withApi.readTicket(document);
    expect(ticket).toMatchObject({
      type: 'task',
      tags: ['refund', 'escalated'],
      requester: { name: 'Ana P. Souza', email: 'ana@example.com' },
      agentName: 'Sam R.',
    });
    await withApi.readTicket(document);
    expect(asked.filter((url) => url.includes('/tickets/2042.json'))).toHaveLength(1);
    expect(asked[0]).toBe('https://acme.zendesk.com/api/v2/tickets/2042.json');
  });

  it('falls back to the page when the API answers something else', async () => {
    const odd = createZendeskAdapter({ fetchJson: async () => ({ error: 'Forbidden' }) });
    const { ticket } = await odd.readTicket(document);
    expect(ticket?.type).toBe('incident');
    expect(ticket?.tags).toEqual(['refund', 'vip']);
  });

  it('tells an internal note from a public reply', () => {
    expect(zendesk.replyMode(document)).toBe('public');
    const switcher = panel('2042').querySelector<HTMLElement>(
      '[data-test-id="omnichannel-channel-switcher-button"]',
    );
    switcher?.setAttribute('data-channel', 'internal');
    expect(zendesk.replyMode(document)).toBe('note');
    // Another ticket's composer keeps its own channel.
    switchTab('2041');
    expect(zendesk.replyMode(document)).toBe('public');
  });

  it('inserts through beforeinput once when the editor handles it, as CKEditor 5 does', () => {
    const editor = zendesk.findEditor(document) as HTMLElement;
    const handled: string[] = [];
    editor.addEventListener('beforeinput', (event) => {
      if (event.inputType !== 'insertText' || !event.data) return;
      event.preventDefault();
      handled.push(event.data);
      (editor.querySelector('p') as HTMLElement).textContent = event.data;
    });
    zendesk.insertText(editor, 'Hi Ana,', 'start');
    expect(handled).toEqual(['Hi Ana,']);
    expect(editorText(editor).trim()).toBe('Hi Ana,');
  });

  it('inserts with a paste carrying text/html and text/plain when the editor ignores a synthetic beforeinput', () => {
    // As a 2025–2026 userscript reports of CKEditor 5: a text-only paste is ignored, an HTML one is not.
    const editor = zendesk.findEditor(document) as HTMLElement;
    const pasted: string[] = [];
    editor.addEventListener('paste', (event) => {
      const html = event.clipboardData?.getData('text/html');
      if (!html) return;
      event.preventDefault();
      pasted.push(`${event.clipboardData?.getData('text/plain')} | ${html}`);
      (editor.querySelector('p') as HTMLElement).textContent =
        event.clipboardData?.getData('text/plain') ?? '';
    });
    expect(zendesk.insertText(editor, 'Hi Ana & team,', 'start')).toBe(true);
    expect(pasted).toEqual(['Hi Ana & team, | Hi Ana &amp; team,']);
    expect(editorText(editor).trim()).toBe('Hi Ana & team,');
  });

  it('still inserts when the editor ignores synthetic events', () => {
    const editor = zendesk.findEditor(document) as HTMLElement;
    zendesk.insertText(editor, 'Thanks for waiting.', 'end');
    expect(editorText(editor)).toContain('Thanks for waiting.');
  });

  describe('sends', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    /** Each send as reported at its intent, and how the page settled it. */
    interface Seen {
      text: string;
      outcome: 'unsettled' | 'sent' | 'refused';
    }
    function watch(signal = new AbortController().signal): Seen[] {
      const seen: Seen[] = [];
      zendesk.observeSend(
        document,
        signal,
        (reply: SentReply) => {
          const entry: Seen = { text: reply.text, outcome: 'unsettled' };
          seen.push(entry);
          void reply.confirmed.then((sent) => {
            entry.outcome = sent ? 'sent' : 'refused';
          });
        },
        () => true,
      );
      return seen;
    }
    const typeReply = (text: string) => {
      (zendesk.findEditor(document) as HTMLElement).innerHTML = `<p>${text}</p>`;
    };
    const clickSubmit = () =>
      panel('2042').querySelector<HTMLElement>('[data-test-id="submit_button-button"]')?.click();

    it('reports one send at the click of a double click, confirmed once Zendesk accepts it', async () => {
      const seen = watch();
      typeReply('Hi Ana, your refund is on its way.');
      clickSubmit();
      expect(seen).toEqual([{ text: 'Hi Ana, your refund is on its way.', outcome: 'unsettled' }]);
      clickSubmit();
      await vi.advanceTimersByTimeAsync(150);
      pageAcceptsComment('2042', 'Hi Ana, your refund is on its way.');
      await vi.advanceTimersByTimeAsync(500);
      expect(seen).toEqual([{ text: 'Hi Ana, your refund is on its way.', outcome: 'sent' }]);
    });

    it('reports a Ctrl+Enter send', async () => {
      const seen = watch();
      typeReply('Hi Ana, done.');
      const editor = zendesk.findEditor(document) as HTMLElement;
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
      pageAcceptsComment('2042', 'Hi Ana, done.');
      await vi.advanceTimersByTimeAsync(300);
      expect(seen).toEqual([{ text: 'Hi Ana, done.', outcome: 'sent' }]);
    });

    it('settles a send as refused when Zendesk refuses the submit', async () => {
      const seen = watch();
      typeReply('Hi Ana,');
      clickSubmit();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen).toEqual([{ text: 'Hi Ana,', outcome: 'refused' }]);
    });

    it('leaves a send unsettled when the ticket is left before Zendesk confirms it', async () => {
      const abort = new AbortController();
      const seen = watch(abort.signal);
      typeReply('Hi Ana, all sorted.');
      clickSubmit();
      abort.abort();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(seen).toEqual([{ text: 'Hi Ana, all sorted.', outcome: 'unsettled' }]);
    });

    it('reports no send the send gate stopped, and keeps the page from seeing it', async () => {
      const seen: string[] = [];
      zendesk.observeSend(
        document,
        new AbortController().signal,
        (reply) => seen.push(reply.text),
        () => false,
      );
      let pageSaw = false;
      panel('2042')
        .querySelector('[data-test-id="submit_button-button"]')
        ?.addEventListener('click', () => {
          pageSaw = true;
        });
      typeReply('Hi Ana, I guarantee it.');
      clickSubmit();
      await vi.advanceTimersByTimeAsync(500);
      expect(seen).toEqual([]);
      expect(pageSaw).toBe(false);
    });

    it('records nothing for an internal note', () => {
      const seen = watch();
      panel('2042')
        .querySelector('[data-test-id="omnichannel-channel-switcher-button"]')
        ?.setAttribute('data-channel', 'internal');
      typeReply('Customer is a VIP, refund without asking.');
      clickSubmit();
      pageAcceptsComment('2042', 'note');
      vi.advanceTimersByTime(500);
      expect(seen).toEqual([]);
    });
  });
});

describe('Zendesk after a composer redesign', () => {
  it('says the page changed and names the reply editor instead of guessing another box', async () => {
    loadFixture('zendesk-outdated', TICKET('2042'));
    const zendesk = createZendeskAdapter({ fetchJson: noApi });
    const { ticket, status } = await zendesk.readTicket(document);
    expect(ticket?.subject).toBe('Refund for order #Z5521');
    expect(status.state).toBe('outdated');
    expect(status.missing.join(' ')).toMatch(/reply editor/);
    expect(zendesk.findEditor(document)).toBeNull();
  });

  it('says which part is missing when the ticket panel itself is gone', async () => {
    loadFixture('zendesk', TICKET('9999'));
    const zendesk = createZendeskAdapter({ fetchJson: noApi });
    const { ticket, status } = await zendesk.readTicket(document);
    expect(ticket).toBeNull();
    expect(status).toEqual({ state: 'outdated', missing: ['panel of ticket 9999'] });
  });
});

describe('Zendesk messaging ticket', () => {
  let zendesk: HelpdeskAdapter;
  beforeEach(() => {
    vi.useFakeTimers();
    zendesk = createZendeskAdapter({ fetchJson: noApi });
    loadFixture('zendesk-messaging');
  });
  afterEach(() => vi.useRealTimers());

  const composer = () =>
    document.querySelector('[data-test-id="editor-view"] textarea') as HTMLTextAreaElement;
  const pageSends = () => {
    const item = document.createElement('article');
    item.dataset.testId = 'omni-log-comment-item';
    document.querySelector('[data-test-id="omni-log-container"]')?.append(item);
    composer().value = '';
  };
  function watch(): string[] {
    const seen: string[] = [];
    zendesk.observeSend(
      document,
      new AbortController().signal,
      (reply) => seen.push(reply.text),
      () => true,
    );
    return seen;
  }

  it('finds the plain composer and reads the ticket', async () => {
    const { ticket, status } = await zendesk.readTicket(document);
    expect(status).toEqual({ state: 'ok', missing: [] });
    expect(ticket?.requester.name).toBe('Ana Souza');
    expect(zendesk.findEditor(document)).toBe(composer());
    expect(zendesk.replyMode(document)).toBe('public');
  });

  it('records a message sent with Enter once, even when the send button follows', async () => {
    const seen = watch();
    composer().value = 'Hi Ana, your refund is on its way.';
    composer().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    document.querySelector<HTMLElement>('[data-test-id="omnichannel-omnicomposer-send-button"]')?.click();
    expect(seen).toEqual(['Hi Ana, your refund is on its way.']);
    pageSends();
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toHaveLength(1);
  });

  it('does not take Shift+Enter (a new line) for a send', () => {
    const seen = watch();
    composer().value = 'Hi Ana,';
    composer().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(seen).toEqual([]);
  });

  it('records nothing for an internal note sent with Enter', () => {
    const seen = watch();
    document
      .querySelector('[data-test-id="omnichannel-channel-switcher-button"]')
      ?.setAttribute('data-channel', 'internal');
    composer().value = 'Refund approved by the lead.';
    composer().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(zendesk.replyMode(document)).toBe('note');
    expect(seen).toEqual([]);
  });

  it('does not send on Enter in an email ticket, whose composer takes Enter as a new line', () => {
    loadFixture('zendesk', TICKET('2042'));
    const seen = watch();
    const editor = zendesk.findEditor(document) as HTMLElement;
    editor.innerHTML = '<p>Hi Ana,</p>';
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(seen).toEqual([]);
  });
});
