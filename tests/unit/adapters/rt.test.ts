import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRtAdapter } from '@/utils/adapters/rt';
import { type FetchText, latestCustomerMessage, parseRtUser, rtBasePath } from '@/utils/adapters/rt-fetch';
import type { SentReply } from '@/utils/adapters/types';
import { fixtureHtml, loadFixture, navigateTo } from './fixtures';

// The fixtures are captures of the real RT 5.0.3 on Debian 12 (tests/rt/capture-fixtures.mjs):
// ticket #5, "Refund for order #A10234", mailed in by María García, with one reply from the agent.
// The JSON below is what RT's REST 2.0 answered for the same ticket (trimmed to the fields read).
const BASE = 'http://127.0.0.1:8080/rt';
const REST_TICKET = {
  id: 5,
  Subject: 'Refund for order #A10234',
  Status: 'open',
  Queue: { _url: `${BASE}/REST/2.0/queue/3`, id: '3', type: 'queue' },
  Requestor: [{ _url: `${BASE}/REST/2.0/user/maria@example.com`, id: 'maria@example.com', type: 'user' }],
};
const REST_USER = {
  RealName: 'María García',
  EmailAddress: 'maria@example.com',
  _hyperlinks: [{ ref: 'self', type: 'user', id: 33, _url: `${BASE}/REST/2.0/user/33` }],
  Name: 'maria@example.com',
  Privileged: 0,
};

/** What /Helpers/TicketHistory?id=5 answers: the fragment the ticket page loaded into itself. */
function historyFragment(): string {
  const page = new DOMParser().parseFromString(fixtureHtml('rt-display'), 'text/html');
  const fragment = page.querySelector('#delayed_ticket_history')?.innerHTML;
  if (!fragment) throw new Error('rt-display.html has no loaded history');
  return fragment;
}

/** Answers like RT does; `restOff` plays an RT whose REST 2.0 is disabled. */
function fakeRt(options: { restOff?: boolean } = {}) {
  const asked: string[] = [];
  const fetchText: FetchText = async (url) => {
    asked.push(url);
    const path = url.slice(BASE.length);
    if (path === '/REST/2.0/ticket/5' && !options.restOff) return JSON.stringify(REST_TICKET);
    if (path === '/REST/2.0/user/maria%40example.com' && !options.restOff) return JSON.stringify(REST_USER);
    if (path === '/Helpers/TicketHistory?id=5') return historyFragment();
    if (path === '/Ticket/Display.html?id=5') return fixtureHtml('rt-display');
    return null;
  };
  return { fetchText, asked };
}

/**
 * What CKEditor 4 then does inside its frame, as seen in Chromium on RT 5: the frame's body becomes
 * the editable. (The capture holds the frame, not what scripts wrote into it.)
 */
function ckeditorBody(html = ''): HTMLElement {
  const frame = document.querySelector<HTMLIFrameElement>('#cke_UpdateContent iframe.cke_wysiwyg_frame');
  const body = frame?.contentDocument?.body;
  if (!body) throw new Error('the fixture has no CKEditor frame document');
  body.className = 'cke_editable cke_editable_themed cke_contents_ltr cke_show_borders';
  body.setAttribute('contenteditable', 'true');
  body.innerHTML = html;
  return body;
}

describe('Request Tracker adapter', () => {
  beforeEach(() => {
    loadFixture('rt');
  });

  it('claims RT reply and ticket pages, and not other pages on the same host', () => {
    const adapter = createRtAdapter();
    expect(adapter.matches(new URL(`${BASE}/Ticket/Update.html?Action=Respond&id=5`), document)).toBe(true);
    expect(adapter.matches(new URL(`${BASE}/Ticket/Display.html?id=5`), document)).toBe(true);
    expect(adapter.matches(new URL(`${BASE}/Search/Results.html`), document)).toBe(false);
    document.body.removeAttribute('id');
    document.querySelector('#rt-header-container')?.remove();
    expect(adapter.matches(new URL(`${BASE}/Ticket/Update.html?id=5`), document)).toBe(false);
  });

  it('reads the ticket id from the form, or from the URL on the ticket page', () => {
    const adapter = createRtAdapter();
    expect(adapter.activeTicketId(new URL(`${BASE}/Ticket/Update.html`), document)).toBe('5');
    document.querySelector('form[name="TicketUpdate"]')?.remove();
    expect(adapter.activeTicketId(new URL(`${BASE}/Ticket/Display.html?id=12`), document)).toBe('12');
  });

  it('reads the ticket from the page, the requester from REST 2.0 and the customer message from the history', async () => {
    ckeditorBody();
    const rt = fakeRt();
    const { ticket, status } = await createRtAdapter({ fetchText: rt.fetchText }).readTicket(document);
    expect(status).toEqual({ state: 'ok', missing: [] });
    expect(ticket).toMatchObject({
      helpdesk: 'rt',
      ticketId: '5',
      subject: 'Refund for order #A10234',
      tags: ['queue:support'],
      requester: { name: 'María García', email: 'maria@example.com' },
      agentName: 'Sam Rivera',
    });
    expect(ticket?.customerMessage).toContain('order #A10234');
    expect(ticket?.customerMessage).toContain('Can you tell me how long the refund will take?');
    // The agent's own reply in the history is not the customer's message.
    expect(ticket?.customerMessage).not.toContain('Hello there, typed.');
    expect(rt.asked).not.toContain(`${BASE}/Ticket/Display.html?id=5`);
  });

  it('falls back to the ticket page for the requester when REST 2.0 is off', async () => {
    ckeditorBody();
    const rt = fakeRt({ restOff: true });
    const { ticket } = await createRtAdapter({ fetchText: rt.fetchText }).readTicket(document);
    expect(ticket?.requester).toEqual({ name: 'María García', email: 'maria@example.com' });
    expect(ticket?.customerMessage).toContain('cracked bowl');
    expect(rt.asked).toContain(`${BASE}/Ticket/Display.html?id=5`);
  });

  it('still reads the ticket when RT answers nothing, with no requester and no message', async () => {
    ckeditorBody();
    const { ticket, status } = await createRtAdapter({ fetchText: async () => null }).readTicket(document);
    expect(status.state).toBe('ok');
    expect(ticket).toMatchObject({ ticketId: '5', subject: 'Refund for order #A10234', customerMessage: '' });
    expect(ticket?.requester).toEqual({ name: undefined, email: undefined });
  });

  it('reads the ticket page from itself once its history has loaded, and says it has no editor', async () => {
    loadFixture('rt-display');
    const asked: string[] = [];
    const { ticket, status } = await createRtAdapter({
      fetchText: async (url) => {
        asked.push(url);
        return null;
      },
    }).readTicket(document);
    expect(asked).toEqual([]);
    expect(ticket).toMatchObject({
      ticketId: '5',
      subject: 'Refund for order #A10234',
      requester: { name: 'María García', email: 'maria@example.com' },
    });
    expect(ticket?.customerMessage).toContain('cracked bowl');
    expect(status.state).toBe('no-editor');
  });

  it('says the page changed when neither the header nor the id field is there', async () => {
    document.querySelector('#header h1')?.remove();
    document.querySelector('input[name="UpdateSubject"]')?.remove();
    document.querySelector('form[name="TicketUpdate"] input[name="id"]')?.remove();
    navigateTo(`${BASE}/Ticket/Update.html?Action=Respond`);
    const { ticket, status } = await createRtAdapter({ fetchText: async () => null }).readTicket(document);
    expect(ticket).toBeNull();
    expect(status.state).toBe('outdated');
    expect(status.missing.join(' ')).toMatch(/ticket id/);
    expect(status.missing.join(' ')).toMatch(/subject/);
  });

  it('reports no editor while CKEditor has hidden the textarea but its frame is not ready', async () => {
    const adapter = createRtAdapter({ fetchText: async () => null });
    expect(adapter.findEditor(document)).toBeNull();
    expect((await adapter.readTicket(document)).status).toEqual({
      state: 'no-editor',
      missing: ['reply editor (CKEditor or textarea#UpdateContent)'],
    });
  });

  it('finds the CKEditor body inside the frame, and the textarea when rich text is off', () => {
    const adapter = createRtAdapter();
    const body = ckeditorBody('<p>Hi</p>');
    expect(adapter.findEditor(document)).toBe(body);
    document.querySelector('#cke_UpdateContent')?.remove();
    const textarea = document.querySelector<HTMLTextAreaElement>('textarea#UpdateContent');
    textarea?.style.removeProperty('display');
    expect(adapter.findEditor(document)).toBe(textarea);
  });

  it("reads the agent's draft without RT's placeholder, the quoted message or the signature", () => {
    const adapter = createRtAdapter();
    const body = ckeditorBody('Type your message here');
    body.classList.add('placeholder');
    expect(adapter.readDraft(body)).toBe('');
    body.classList.remove('placeholder');
    body.innerHTML =
      // RT writes "-- <br>Sam" in one paragraph; happy-dom's innerText drops <br>, Chromium's does not.
      '<p>Hi María,</p><p>Your refund is on its way.</p><p>-- </p><p>Sam</p>' +
      '<div class="gmail_quote">On Sun Nov 22 2026, maria@example.com wrote:<br>' +
      '<blockquote class="gmail_quote" type="cite"><pre>I would like my money back</pre></blockquote></div>';
    const draft = adapter.readDraft(body);
    expect(draft).toContain('Hi María,');
    expect(draft).toContain('Your refund is on its way.');
    expect(draft).not.toContain('money back');
    expect(draft).not.toContain('wrote:');
    expect(draft).not.toContain('Sam');
  });

  it('reads a plain-text draft without the "> " quote and its attribution line', () => {
    document.querySelector('#cke_UpdateContent')?.remove();
    const textarea = document.querySelector<HTMLTextAreaElement>('textarea#UpdateContent');
    if (!textarea) throw new Error('no textarea');
    textarea.style.removeProperty('display');
    textarea.value =
      'Hi María,\nThanks for writing.\n\nOn Sun Nov 22, maria@example.com wrote:\n> money back\n> please';
    expect(createRtAdapter().readDraft(textarea)).toBe('Hi María,\nThanks for writing.');
  });

  it('puts an "end" snippet above the quoted message', () => {
    // In the page's own document: happy-dom has no selection inside frames (Chromium does; see e2e).
    const body = document.createElement('div');
    body.contentEditable = 'true';
    body.innerHTML =
      '<p>Hi María,</p><div class="gmail_quote">On …, maria wrote:<blockquote>old</blockquote></div>';
    document.body.append(body);
    createRtAdapter().insertText(body, 'Best regards, Sam', 'end');
    const html = body.innerHTML;
    expect(html.indexOf('Best regards, Sam')).toBeGreaterThan(-1);
    expect(html.indexOf('Best regards, Sam')).toBeLessThan(html.indexOf('gmail_quote'));
  });

  it('tells a reply to requestors from a comment', () => {
    const adapter = createRtAdapter();
    const select = document.querySelector<HTMLSelectElement>('select#UpdateType');
    expect(adapter.replyMode(document)).toBe('public');
    if (select) select.value = 'private';
    expect(adapter.replyMode(document)).toBe('note');
    select?.remove();
    const action = document.querySelector<HTMLInputElement>('form[name="TicketUpdate"] input[name="Action"]');
    if (action) action.value = 'Comment';
    expect(adapter.replyMode(document)).toBe('note');
  });
});

describe('Request Tracker send detection', () => {
  beforeEach(() => {
    loadFixture('rt');
  });

  function submit(submitterName = 'SubmitTicket', prevent = false): void {
    const form = document.querySelector<HTMLFormElement>('form[name="TicketUpdate"]');
    const submitter = document.querySelector<HTMLInputElement>(`input[name="${submitterName}"]`);
    if (!form || !submitter) throw new Error('no form');
    const event = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter });
    // RT's own handlers sit on the form; a cancelling one runs before the window sees the event.
    const handler = (e: Event) => e.preventDefault();
    if (prevent) form.addEventListener('submit', handler);
    form.dispatchEvent(event);
    form.removeEventListener('submit', handler);
  }

  it('reports the reply once, synchronously and already confirmed, when the form really submits', async () => {
    ckeditorBody('<p>Hi María, your refund is on its way.</p>');
    const onSend = vi.fn<(reply: SentReply) => void>();
    createRtAdapter().observeSend(document, new AbortController().signal, onSend, () => true);
    submit();
    expect(onSend).toHaveBeenCalledTimes(1);
    const reply = onSend.mock.calls[0]?.[0];
    expect(reply?.text).toBe('Hi María, your refund is on its way.');
    expect(await reply?.confirmed).toBe(true);
    submit(); // a double click while the page unloads
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('honours the send gate: a stopped send is cancelled before RT sees it and reports nothing', async () => {
    ckeditorBody('<p>Hi María, I guarantee it.</p>');
    const onSend = vi.fn();
    createRtAdapter().observeSend(document, new AbortController().signal, onSend, () => false);
    let rtSaw = false;
    document.querySelector('form[name="TicketUpdate"]')?.addEventListener('submit', () => {
      rtSaw = true;
    });
    const form = document.querySelector<HTMLFormElement>('form[name="TicketUpdate"]');
    const submitter = document.querySelector<HTMLInputElement>('input[name="SubmitTicket"]');
    const event = new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter });
    form?.dispatchEvent(event);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onSend).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(true);
    expect(rtSaw).toBe(false);
  });

  it('reports nothing when the page cancels the submit', async () => {
    ckeditorBody('<p>Hi María</p>');
    const onSend = vi.fn();
    createRtAdapter().observeSend(document, new AbortController().signal, onSend, () => true);
    submit('SubmitTicket', true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onSend).not.toHaveBeenCalled();
  });

  it('reports nothing for "Add More Files", a comment, an empty draft or after the ticket is left', async () => {
    const body = ckeditorBody('<p>Hi María</p>');
    const onSend = vi.fn();
    const abort = new AbortController();
    createRtAdapter().observeSend(document, abort.signal, onSend, () => true);
    submit('AddMoreAttach');
    const select = document.querySelector<HTMLSelectElement>('select#UpdateType');
    if (select) select.value = 'private';
    submit();
    if (select) select.value = 'response';
    body.innerHTML = '';
    submit();
    body.innerHTML = '<p>Hi María</p>';
    abort.abort();
    submit();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onSend).not.toHaveBeenCalled();
  });
});

describe('Request Tracker helpers', () => {
  it('finds the web path RT is served under', () => {
    expect(rtBasePath(new URL('http://127.0.0.1:8080/rt/Ticket/Update.html?id=5'))).toBe('/rt');
    expect(rtBasePath(new URL('https://rt.example.org/Ticket/Display.html?id=5'))).toBe('');
  });

  it('splits RT user labels into name and email', () => {
    expect(parseRtUser('María García <maria@example.com>')).toEqual({
      name: 'María García',
      email: 'maria@example.com',
    });
    expect(parseRtUser('"María García" <maria@example.com>')).toEqual({
      name: 'María García',
      email: 'maria@example.com',
    });
    expect(parseRtUser('maria@example.com')).toEqual({ email: 'maria@example.com' });
    expect(parseRtUser('Nobody in particular')).toEqual({ name: 'Nobody in particular' });
  });

  it('takes the newest requestor message, else the newest one not by the agent', () => {
    const history = new DOMParser().parseFromString(historyFragment(), 'text/html');
    expect(latestCustomerMessage(history, ['33'], '31')).toContain('cracked bowl');
    // Without requestor ids (REST off and no ticket page), the agent's own reply is still skipped.
    expect(latestCustomerMessage(history, [], '31')).toContain('cracked bowl');
    expect(latestCustomerMessage(history, [], undefined)).toContain('Hello there, typed.');
  });
});
