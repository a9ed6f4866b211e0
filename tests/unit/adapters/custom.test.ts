import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createCustomSiteAdapter,
  customSiteMatches,
  customTicketId,
  matchPatternToRegExp,
  testSelectors,
} from '@/utils/adapters/custom';
import {
  type CustomSite,
  customSiteSchema,
  parseCustomSite,
  parseSiteDraft,
} from '@/utils/adapters/custom-site';
import { findAdapter } from '@/utils/adapters/registry';
import { chooseProbeTab } from '../../../components/options/SiteProbe';
import { navigateTo } from './fixtures';

const acme: CustomSite = {
  id: 'acme-desk',
  name: 'Acme Desk',
  urlPattern: 'https://support.acme.com/*',
  ticketId: { pathSegment: 1 },
  selectors: {
    subject: 'h1.case-title',
    tags: '.case-tags li',
    requester: '.case-customer',
    customerMessage: '.case-thread .from-customer',
    editor: '#reply-body',
    send: 'button.send-reply',
  },
};

function loadAcmePage(url = 'https://support.acme.com/cases/5150'): void {
  navigateTo(url);
  document.open();
  document.write(`<!doctype html><html><head><title>Case 5150</title></head><body>
    <h1 class="case-title">Login loop on the mobile app</h1>
    <ul class="case-tags"><li>Bug</li><li>mobile</li></ul>
    <span class="case-customer" data-email="kim@example.com">Kim Lee</span>
    <div class="case-thread"><p class="from-customer">It keeps asking me to log in again.</p></div>
    <textarea id="reply-body"></textarea><textarea id="internal-notes"></textarea>
    <button class="send-reply">Send</button></body></html>`);
  document.close();
}

describe('custom site schema', () => {
  it('accepts a site with only the editor selector and a ticket id rule', () => {
    const minimal = { ...acme, selectors: { editor: '#reply-body' } };
    expect(v.safeParse(customSiteSchema, minimal).success).toBe(true);
  });

  it('names the first problem by its path', () => {
    expect(parseCustomSite({ ...acme, selectors: { subject: 'h1' } })).toEqual({
      ok: false,
      error: 'selectors.editor: is empty',
    });
    expect(parseCustomSite({ ...acme, urlPattern: 'support.acme.com' })).toMatchObject({
      ok: false,
      error: 'urlPattern: is not a match pattern like https://support.example.com/*',
    });
    // Regression (issue 15): no rule means the first numeric path segment, not an error.
    expect(parseCustomSite({ ...acme, ticketId: {} })).toMatchObject({ ok: true });
    expect(parseCustomSite({ ...acme, selectors: { editor: 'div[[' } })).toMatchObject({
      ok: false,
      error: 'selectors.editor: is not a CSS selector: div[[',
    });
  });

  it('rejects an id that cannot name a record', () => {
    expect(parseCustomSite({ ...acme, id: 'Acme Desk!' }).ok).toBe(false);
  });
});

describe('match patterns and ticket ids', () => {
  it('matches hosts and paths as extension match patterns do', () => {
    expect(matchPatternToRegExp('https://*.acme.com/tickets/*').test('https://eu.acme.com/tickets/9')).toBe(
      true,
    );
    expect(matchPatternToRegExp('https://*.acme.com/tickets/*').test('https://acme.com/tickets/9')).toBe(
      true,
    );
    expect(matchPatternToRegExp('https://*.acme.com/tickets/*').test('https://evilacme.com/tickets/9')).toBe(
      false,
    );
    expect(matchPatternToRegExp('*://help.acme.com/*').test('http://help.acme.com/x')).toBe(true);
    expect(customSiteMatches(acme, new URL('https://support.acme.com.evil.test/cases/1'))).toBe(false);
  });

  it.each([
    ['https://desk.acme.test/*a*a*a*b', 'https://desk.acme.test/xaya-a/b', true],
    ['https://desk.acme.test/*a*a*a*b', 'https://desk.acme.test/aab', false],
    ['https://desk.acme.test/*a*a*a*b', 'https://desk.acme.test/aaab', true],
    ['https://desk.acme.test/*a*a*a*b', 'https://desk.acme.test/aaabx', false],
    ['*://*.acme.test/*/t/*/1', 'http://eu.acme.test/q/t/t/1', true],
    ['*://*.acme.test/*/t/*/1', 'http://eu.acme.test/q/t/1', false],
    ['*://*.acme.test/*/t/*/1', 'http://eu.acme.test/t/t/x/1', true],
    ['http://*/**b', 'http://h/b', true],
    ['http://*/a*1*', 'http://h/a1', true],
    ['http://*/a*1*', 'http://h/a', false],
    ['http://*/a*(x)*[y]', 'http://h/a(x)[y]', true],
    ['http://*/a*(x)*[y]', 'http://h/a(x)y', false],
  ])(
    'a match pattern with several * in its path (%s) matches %s: %s (each * any run of characters)',
    (pattern, url, expected) => {
      expect(matchPatternToRegExp(pattern).test(url)).toBe(expected);
    },
  );

  it('takes the first numeric path segment when no rule is set, so /issues/1/edit is ticket 1 (issue 15)', () => {
    expect(customTicketId({ ticketId: {} }, new URL('https://x.test/issues/1/edit'))).toBe('1');
    expect(customTicketId({ ticketId: {} }, new URL('https://x.test/issues/new'))).toBeNull();
  });

  it('takes the id from a path segment, counting from the end when negative, or from a query parameter', () => {
    const url = new URL('https://support.acme.com/cases/5150/reply?case=77');
    expect(customTicketId(acme, url)).toBe('5150');
    expect(customTicketId({ ...acme, ticketId: { pathSegment: -2 } }, url)).toBe('5150');
    expect(customTicketId({ ...acme, ticketId: { queryParam: 'case', pathSegment: 1 } }, url)).toBe('77');
    expect(customTicketId({ ...acme, ticketId: { queryParam: 'missing' } }, url)).toBeNull();
  });
});

describe('custom site adapter', () => {
  it('reads the ticket with the user selectors only', async () => {
    loadAcmePage();
    const adapter = findAdapter(new URL(location.href), document, [acme]);
    expect(adapter?.id).toBe('custom:acme-desk');
    const { ticket, status } = await (adapter as NonNullable<typeof adapter>).readTicket(document);
    expect(status.state).toBe('ok');
    expect(ticket).toMatchObject({
      helpdesk: 'custom:acme-desk',
      ticketId: '5150',
      subject: 'Login loop on the mobile app',
      tags: ['bug', 'mobile'],
      requester: { name: 'Kim Lee', email: 'kim@example.com' },
      customerMessage: 'It keeps asking me to log in again.',
    });
    expect(adapter?.findEditor(document)?.id).toBe('reply-body');
  });

  it('reports no editor when the editor selector misses, never another text box', async () => {
    loadAcmePage();
    const adapter = createCustomSiteAdapter({ ...acme, selectors: { ...acme.selectors, editor: '#gone' } });
    expect(adapter.findEditor(document)).toBeNull();
    expect((await adapter.readTicket(document)).status).toEqual({
      state: 'no-editor',
      missing: ['reply editor'],
    });
  });

  it('falls back to the page title when no subject selector is set', async () => {
    loadAcmePage();
    const adapter = createCustomSiteAdapter({ ...acme, selectors: { editor: '#reply-body' } });
    expect((await adapter.readTicket(document)).ticket?.subject).toBe('Case 5150');
  });
});

describe('site drafts for "test on the open tab"', () => {
  it('needs the pattern and the id rule but no editor, and keeps a selector as typed', () => {
    const draft = parseSiteDraft({
      urlPattern: 'https://support.acme.com/*',
      ticketId: { pathSegment: -1 },
      selectors: { subject: ' h1 ', send: 'button:has(' },
    });
    expect(draft).toEqual({
      ok: true,
      draft: {
        urlPattern: 'https://support.acme.com/*',
        ticketId: { pathSegment: -1 },
        selectors: { subject: 'h1', send: 'button:has(' },
      },
    });
  });

  it('names a bad pattern as saving does', () => {
    expect(parseSiteDraft({ urlPattern: 'acme.com', ticketId: { pathSegment: 1 }, selectors: {} })).toEqual({
      ok: false,
      error: 'urlPattern: is not a match pattern like https://support.example.com/*',
    });
  });
});

describe('the tab a selector test runs on', () => {
  const tab = (id: number, url: string, lastAccessed: number) => ({ id, url, lastAccessed });

  it('prefers a ticket of the site, then the tab used last', () => {
    const tabs = [
      tab(1, 'https://support.acme.com/', 300),
      tab(2, 'https://support.acme.com/cases/5150', 100),
      tab(3, 'https://support.acme.com/cases/77', 200),
      tab(4, 'https://elsewhere.test/cases/1', 400),
    ];
    expect(chooseProbeTab(tabs, acme)?.id).toBe(3);
    expect(chooseProbeTab(tabs.slice(0, 1), acme)?.id).toBe(1);
  });

  it('finds none when no tab is on the site or a tab has no readable address', () => {
    expect(chooseProbeTab([tab(4, 'https://elsewhere.test/cases/1', 1)], acme)).toBeUndefined();
    expect(chooseProbeTab([{ id: 5, lastAccessed: 1 }], acme)).toBeUndefined();
  });
});

describe('testSelectors', () => {
  it('shows what each selector finds on the open tab, as the adapter reads it', () => {
    loadAcmePage();
    expect(testSelectors(document, acme)).toEqual([
      { key: 'ticketId', count: 1, sample: '5150' },
      { key: 'subject', count: 1, sample: 'Login loop on the mobile app', element: 'h1.case-title' },
      { key: 'tags', count: 2, sample: 'Bug, mobile', element: 'li' },
      { key: 'requester', count: 1, sample: 'Kim Lee', element: 'span.case-customer' },
      {
        key: 'customerMessage',
        count: 1,
        sample: 'It keeps asking me to log in again.',
        element: 'p.from-customer',
      },
      { key: 'editor', count: 1, sample: '', element: 'textarea#reply-body' },
      { key: 'send', count: 1, sample: 'Send', element: 'button.send-reply' },
    ]);
  });

  it('shows the last customer message, the one a reply answers', () => {
    loadAcmePage();
    document
      .querySelector('.case-thread')
      ?.insertAdjacentHTML('beforeend', '<p class="from-customer">Still stuck, any news?</p>');
    const message = testSelectors(document, acme).find((probe) => probe.key === 'customerMessage');
    expect(message).toMatchObject({ count: 2, sample: 'Still stuck, any news?' });
  });

  it('runs a draft without an editor selector and skips the parts left empty', () => {
    loadAcmePage();
    const draft = { urlPattern: acme.urlPattern, ticketId: acme.ticketId, selectors: { subject: 'h2' } };
    expect(testSelectors(document, draft)).toEqual([
      { key: 'ticketId', count: 1, sample: '5150' },
      { key: 'subject', count: 0, sample: '' },
    ]);
  });

  it('reports a selector that cannot run instead of throwing', () => {
    loadAcmePage('https://support.acme.com/');
    const broken = { ...acme, selectors: { editor: 'textarea:nth-child(' } } as CustomSite;
    const probes = testSelectors(document, broken);
    expect(probes[0]).toEqual({ key: 'ticketId', count: 0, sample: '' });
    expect(probes[1]).toMatchObject({ key: 'editor', count: 0, sample: '' });
    expect(probes[1]?.error).toBeTruthy();
  });
});
