import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCustomSiteAdapter, isPrivateNote } from '@/utils/adapters/custom';
import { judgeSend, replyProof, textShowsReply, urlGlobMatches } from '@/utils/adapters/custom-evidence';
import type { CustomSite } from '@/utils/adapters/custom-site';
import { parseCustomSite } from '@/utils/adapters/custom-site';
import type { SentReply } from '@/utils/adapters/types';
import { navigateTo } from './fixtures';

// Issue 15, deliverable 2: on a custom site a send counts only on positive evidence; a refused
// submit is never stored; a private note marked by the page's own control is not a reply.

const URL_OF_TICKET = 'http://helpdesk.corp/tickets/7';

const site: CustomSite = {
  id: 'corp',
  name: 'Corp desk',
  urlPattern: 'http://helpdesk.corp/*',
  ticketId: {},
  selectors: { editor: '#reply', send: 'button.send', customerMessage: '.thread .customer' },
  sentWhen: { replyIn: '.thread' },
};

const REPLY = 'Hi Jo, I am sorry for the double charge. I have refunded the second payment today.';

function loadTicket(extra = ''): void {
  navigateTo(URL_OF_TICKET);
  document.open();
  document.write(`<!doctype html><html><body>
    <section class="thread"><p class="customer">I was charged twice.</p></section>
    <form id="composer"><textarea id="reply"></textarea>${extra}
    <button type="button" class="send">Send</button></form></body></html>`);
  document.close();
}

const editor = () => document.getElementById('reply') as HTMLTextAreaElement;
const thread = () => document.querySelector('.thread') as HTMLElement;

/** Starts watching sends; returns what was reported. */
function watch(forSite: CustomSite = site): { sends: SentReply[]; abort: AbortController } {
  const sends: SentReply[] = [];
  const abort = new AbortController();
  createCustomSiteAdapter(forSite).observeSend(
    document,
    abort.signal,
    (reply) => sends.push(reply),
    () => true,
  );
  return { sends, abort };
}

function send(text = REPLY): void {
  editor().value = text;
  (document.querySelector('button.send') as HTMLButtonElement).click();
}

async function outcomeOf(reply: SentReply | undefined): Promise<boolean | null | 'unsettled'> {
  if (!reply) throw new Error('no send was reported');
  const timeout = new Promise<'unsettled'>((resolve) => setTimeout(() => resolve('unsettled'), 20_000));
  const racing = Promise.race([reply.confirmed, timeout]);
  await vi.advanceTimersByTimeAsync(20_000);
  return racing;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a reply’s proof', () => {
  it('recognises the reply’s first words however the page formats them, and nothing else', () => {
    const proof = replyProof(REPLY);
    expect(proof).not.toBeNull();
    if (!proof) return;
    expect(
      textShowsReply(`Agent Ana wrote:\n  HI JO, I am sorry for the double-charge. I have refunded…`, proof),
    ).toBe(true);
    expect(textShowsReply('Hi Jo, I am sorry for the delay.', proof)).toBe(false);
    expect(proof).not.toHaveProperty('text');
  });

  it.each([
    ['http://helpdesk.corp/tickets/*/view', 'http://helpdesk.corp/tickets/7/view', true],
    ['http://helpdesk.corp/tickets/*/view', 'http://helpdesk.corp/tickets/7/edit', false],
    ['*Display.html?id=*', 'http://rt.corp/Ticket/Display.html?id=7', true],
  ])('matches the URL glob %s against %s: %s', (glob, url, expected) => {
    expect(urlGlobMatches(glob, new URL(url))).toBe(expected);
  });

  it('judges a page: the reply in the conversation is sent, the draft still in the editor is refused', () => {
    loadTicket();
    const proof = replyProof(REPLY);
    if (!proof) throw new Error('no proof');
    const here = new URL(URL_OF_TICKET);
    expect(judgeSend(document, site.sentWhen, proof, editor(), here)).toBe('unknown');
    editor().value = REPLY;
    expect(judgeSend(document, site.sentWhen, proof, editor(), here)).toBe('refused');
    thread().insertAdjacentHTML('beforeend', `<p class="agent">${REPLY}</p>`);
    expect(judgeSend(document, site.sentWhen, proof, editor(), here)).toBe('sent');
    // By address alone, when the site says where it goes after a send.
    editor().value = '';
    thread().lastElementChild?.remove();
    expect(
      judgeSend(
        document,
        { urlMatches: '*/tickets/*/done' },
        proof,
        editor(),
        new URL(`${URL_OF_TICKET}/done`),
      ),
    ).toBe('sent');
  });

  it('by default finds the reply anywhere on the page but in the editor itself', () => {
    loadTicket();
    const proof = replyProof(REPLY);
    if (!proof) throw new Error('no proof');
    const rich = document.createElement('div');
    rich.contentEditable = 'true';
    rich.textContent = REPLY;
    document.body.append(rich);
    expect(judgeSend(document, undefined, proof, rich, new URL(URL_OF_TICKET))).toBe('refused');
    document.body.insertAdjacentHTML('afterbegin', `<article>${REPLY}</article>`);
    expect(judgeSend(document, undefined, proof, rich, new URL(URL_OF_TICKET))).toBe('sent');
  });
});

describe('a custom site’s sends', () => {
  it('counts a send once the reply appears in the conversation', async () => {
    loadTicket();
    const { sends } = watch();
    send();
    setTimeout(() => {
      thread().insertAdjacentHTML('beforeend', `<p class="agent">${REPLY}</p>`);
      editor().value = '';
    }, 300);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.proof).toEqual(replyProof(REPLY));
    expect(await outcomeOf(sends[0])).toBe(true);
  });

  it('stores nothing for a submit the page refused (regression: stored 30 s later and counted twice)', async () => {
    loadTicket();
    const { sends } = watch();
    send();
    // The page shows an error and keeps the draft; the reply never reaches the conversation.
    setTimeout(
      () => document.body.insertAdjacentHTML('afterbegin', '<p class="error">Pick a status</p>'),
      200,
    );
    expect(await outcomeOf(sends[0])).toBe(false);
  });

  it('counts the corrected resend once and settles the refused one as refused', async () => {
    loadTicket();
    const { sends } = watch();
    send();
    await vi.advanceTimersByTimeAsync(2_000);
    send(`${REPLY} Thanks for your patience.`);
    expect(sends).toHaveLength(2);
    setTimeout(
      () => thread().insertAdjacentHTML('beforeend', `<p>${REPLY} Thanks for your patience.</p>`),
      200,
    );
    expect(await outcomeOf(sends[0])).toBe(false);
    expect(await outcomeOf(sends[1])).toBe(true);
  });

  it('leaves a send with no evidence either way to the agent (null), never stored by silence', async () => {
    loadTicket();
    const { sends } = watch();
    send();
    // The editor empties but the reply shows nowhere the site shows replies.
    setTimeout(() => {
      editor().value = '';
    }, 200);
    expect(await outcomeOf(sends[0])).toBeNull();
  });

  it('counts the submit of the editor’s form as a send when no send button is set', () => {
    loadTicket();
    const { sends } = watch({ ...site, selectors: { editor: '#reply' } });
    editor().value = REPLY;
    (document.getElementById('composer') as HTMLFormElement).dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
    expect(sends).toHaveLength(1);
  });
});

describe('private notes marked by the page’s own control', () => {
  it('does not check or record a note when the "private" checkbox is ticked', () => {
    loadTicket('<label><input type="checkbox" id="private"> Private note</label>');
    const noteSite: CustomSite = { ...site, note: { kind: 'checkbox', selector: '#private' } };
    const adapter = createCustomSiteAdapter(noteSite);
    expect(adapter.replyMode(document)).toBe('public');
    (document.getElementById('private') as HTMLInputElement).checked = true;
    expect(adapter.replyMode(document)).toBe('note');
    const { sends } = watch(noteSite);
    send();
    expect(sends).toEqual([]);
  });

  it.each([
    ['aria-selected="true"', true],
    ['class="tab active"', true],
    ['aria-selected="false" class="tab"', false],
  ])('reads a note tab marked %s as selected: %s', (attributes, selected) => {
    loadTicket(`<div role="tablist"><a id="note-tab" ${attributes}>Internal note</a></div>`);
    expect(isPrivateNote({ note: { kind: 'tab', selector: '#note-tab' } }, document)).toBe(selected);
  });

  it('records nothing sent with the separate note button, and a reply sent with Send', () => {
    loadTicket('<button type="submit" class="add-note">Add note</button>');
    const noteSite: CustomSite = { ...site, note: { kind: 'button', selector: 'button.add-note' } };
    const { sends } = watch(noteSite);
    editor().value = REPLY;
    const form = document.getElementById('composer') as HTMLFormElement;
    const noteButton = document.querySelector('button.add-note') as HTMLButtonElement;
    noteButton.addEventListener('click', (event) => event.preventDefault());
    noteButton.click();
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    Object.defineProperty(submit, 'submitter', { value: noteButton });
    form.dispatchEvent(submit);
    expect(sends).toEqual([]);
    send();
    expect(sends).toHaveLength(1);
  });

  it('validates the note control’s kind and selector', () => {
    const base = { ...site, sentWhen: undefined };
    expect(parseCustomSite({ ...base, note: { kind: 'radio', selector: '#x' } }).ok).toBe(false);
    expect(parseCustomSite({ ...base, note: { kind: 'checkbox', selector: '' } }).ok).toBe(false);
    expect(parseCustomSite({ ...base, note: { kind: 'tab', selector: '.note-tab' } }).ok).toBe(true);
  });
});

describe('a hidden reply editor', () => {
  it('is no editor until the page shows it, so no snippet is offered or written there', async () => {
    loadTicket();
    editor().closest('form')?.setAttribute('hidden', '');
    const adapter = createCustomSiteAdapter(site);
    expect(adapter.findEditor(document)).toBeNull();
    expect((await adapter.readTicket(document)).status.state).toBe('no-editor');
    editor().closest('form')?.removeAttribute('hidden');
    expect(adapter.findEditor(document)).toBe(editor());
    editor().style.display = 'none';
    expect(adapter.findEditor(document)).toBeNull();
  });
});

describe('intranet addresses', () => {
  it('matches a pattern without a port on any port, as the browser does (helpdesk.corp:8080)', async () => {
    const { customSiteMatches } = await import('@/utils/adapters/custom');
    expect(customSiteMatches(site, new URL('http://helpdesk.corp:8080/tickets/7'))).toBe(true);
    expect(
      customSiteMatches({ urlPattern: 'http://helpdesk.corp:81/*' }, new URL('http://helpdesk.corp:8080/x')),
    ).toBe(false);
  });

  it('reads an OTRS ticket number from a query with ; separators', async () => {
    const { customTicketId } = await import('@/utils/adapters/custom');
    const url = new URL(
      'http://helpdesk.corp/otrs/index.pl?Action=AgentTicketCompose;TicketID=42;ArticleID=7',
    );
    expect(customTicketId({ ticketId: { queryParam: 'TicketID' } }, url)).toBe('42');
  });
});
