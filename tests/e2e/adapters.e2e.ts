import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorText, fixture, SITES, serve } from './adapter-sites';
import {
  type KeelBrowser,
  launchKeel,
  screenshot,
  sidebar,
  waitForAttribute,
  waitForPopupValue,
} from './harness';

// Issue 4: each helpdesk's fixture page, served under the helpdesk's real host name so that the
// manifest's real match patterns decide whether Keel runs (the pages and how to work each one:
// adapter-sites.ts). Only DESIGN.md's test hooks are used.

const step = (page: Page, id: string) => sidebar(page).locator(`[data-testid=step][data-step-id="${id}"]`);

describe('helpdesk adapters in the browser', () => {
  let keel: KeelBrowser;
  let recorded = 0;

  beforeAll(async () => {
    // The store build: fixtures served under the helpdesks' real hosts need no local host.
    keel = await launchKeel({ build: 'store' });
  });
  afterAll(async () => {
    await keel?.close();
  });

  async function open(name: string, path?: string, api?: Record<string, unknown>): Promise<Page> {
    const target = fixture(name);
    await serve(keel.context, target, api);
    const page = await keel.context.newPage();
    await page.goto(path ? new URL(path, target.url).href : target.url.href);
    await sidebar(page).locator('[data-testid=playbook-name]').waitFor({ timeout: 15_000 });
    return page;
  }

  async function expectRecorded(count: number): Promise<void> {
    const popup = await keel.openPopup();
    await waitForPopupValue(popup, 'total-replies', String(count));
    await popup.close();
  }

  it.each(SITES)(
    'works a reply on $name: reads, checks live, inserts a snippet, records one send',
    async (site) => {
      const page = await open(site.name);
      try {
        await waitForAttribute(sidebar(page).locator('[data-testid=adapter-status]'), 'data-state', 'ok');
        const greet = step(page, 'greet');
        const before = await greet.getAttribute('data-status');
        expect(before).not.toBe('pass');

        // A snippet lands in the editor and stays there (the editor's framework kept it).
        await sidebar(page).locator('[data-testid=insert-snippet][data-step-id=greet]').click();
        await waitForAttribute(greet, 'data-status', 'pass');
        await page.waitForTimeout(300);
        // Once: no framework both took the event and let the fallback insert again.
        expect((await editorText(page, site.editor)).split(`${site.firstName},`)).toHaveLength(2);

        // Typing goes on from there; the checklist follows.
        await page.locator(site.editor).first().click();
        await page.keyboard.press('End');
        await page.keyboard.type(' Thank you for your patience, I have sorted this out for you.');
        await waitForAttribute(greet, 'data-status', 'pass');
        expect(await editorText(page, site.editor)).toContain('sorted this out');

        // The page's own send button: clicked twice, recorded once.
        await page.locator(site.send).first().click();
        await page
          .locator(site.send)
          .first()
          .click({ timeout: 2_000 })
          .catch(() => undefined);
        await page.waitForFunction((css) => {
          const el = document.querySelector(css);
          const text =
            // biome-ignore lint/performance/useDomNodeTextContent: the text as the agent sees it, line breaks included
            el && ('value' in el ? String((el as HTMLTextAreaElement).value) : (el as HTMLElement).innerText);
          return (text ?? '').trim() === '';
        }, site.editor);
        recorded += 1;
        await expectRecorded(recorded);
      } catch (error) {
        await screenshot(page, `adapters-${site.name}`);
        throw error;
      } finally {
        await page.close();
      }
    },
  );

  it.each(SITES)('works an internal note on $name: not checked, not recorded', async (site) => {
    const page = await open(site.name);
    try {
      await waitForAttribute(sidebar(page).locator('[data-testid=adapter-status]'), 'data-state', 'ok');
      const { note } = site;
      if (note.switch) await page.locator(note.switch).first().click();
      await page.locator(note.editor).first().click();
      await page.keyboard.type('Refund approved by the team lead, note for the team.');
      // The sidebar says it is a note (where the page has a switch) and checks nothing.
      if (note.switch) await sidebar(page).locator('[data-testid=internal-note]').waitFor({ timeout: 5_000 });
      await page.waitForTimeout(600);
      expect(await step(page, 'greet').getAttribute('data-status')).toBe('pending');
      await page.locator(note.send).first().click();
      await page.locator(note.shown).first().waitFor({ timeout: 5_000 });
      await page.waitForTimeout(1_000);
      await expectRecorded(recorded);
    } catch (error) {
      await screenshot(page, `adapters-${site.name}-note`);
      throw error;
    } finally {
      await page.close();
    }
  });

  it('records a Zendesk messaging reply sent with Enter, once', async () => {
    const page = await open('zendesk-messaging');
    try {
      await waitForAttribute(sidebar(page).locator('[data-testid=adapter-status]'), 'data-state', 'ok');
      const composer = page.locator('[data-test-id="editor-view"] textarea');
      await sidebar(page).locator('[data-testid=insert-snippet][data-step-id=greet]').click();
      await waitForAttribute(step(page, 'greet'), 'data-status', 'pass');
      expect(await composer.inputValue()).toMatch(/Ana,/);
      await composer.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Your refund of order #Z5521 is on its way.');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-test-id="omni-log-comment-item"][data-author-role="agent"]')
            .length === 1,
      );
      expect(await composer.inputValue()).toBe('');
      // Enter on the empty composer sends nothing and records nothing.
      await page.keyboard.press('Enter');
      recorded += 1;
      await page.waitForTimeout(500);
      await expectRecorded(recorded);
    } catch (error) {
      await screenshot(page, 'adapters-zendesk-messaging');
      throw error;
    } finally {
      await page.close();
    }
  });

  it('copies a page report of selector counts with no text of the page', async () => {
    const target = fixture('gorgias');
    await keel.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: target.url.origin });
    // The page shows no customer link: the sidebar says which field it could not read.
    const withoutCustomer = {
      ...target,
      html: target.html.replace(/<a href="\/app\/customer\/\d+">[^<]*<\/a>/, ''),
    };
    await serve(keel.context, withoutCustomer);
    const page = await keel.context.newPage();
    try {
      await page.goto(target.url.href);
      await waitForAttribute(sidebar(page).locator('[data-testid=page-health]'), 'data-unread', 'requester');
      expect(await sidebar(page).locator('[data-testid=page-health]').textContent()).toMatch(
        /couldn't read the customer's name/,
      );
      await sidebar(page).locator('[data-testid=sidebar-menu] summary').click();
      await sidebar(page).locator('[data-testid=copy-page-report]').click();
      await waitForAttribute(
        sidebar(page).locator('[data-testid=page-report-status]'),
        'data-copied',
        'true',
      );
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const report = JSON.parse(copied) as {
        adapter: string;
        unread: string[];
        selectors: { key: string }[];
      };
      expect(report).toMatchObject({ adapter: 'gorgias', unread: ['requester'] });
      expect(report.selectors.map((entry) => entry.key)).toContain('composer');
      for (const pageText of ['Wrong size delivered', 'I ordered the shoes', 'Elena', '88120', 'exchange']) {
        expect(copied).not.toContain(pageText);
      }
    } catch (error) {
      await screenshot(page, 'adapters-page-report');
      throw error;
    } finally {
      await page.close();
    }
  });

  it('follows Zendesk tab switches to the right ticket, keeping each ticket its own draft', async () => {
    const page = await open('zendesk', '/agent/tickets/2042');
    try {
      const name = sidebar(page).locator('[data-testid=playbook-name]');
      await expect.poll(() => name.textContent()).toMatch(/refund/i);
      const greet = step(page, 'greet');
      await page.locator('[data-ticket-id="2042"] .ck-editor__editable').click();
      await page.keyboard.type('Hi Ana, I am sorry about the blender.');
      await waitForAttribute(greet, 'data-status', 'pass');

      await page.locator('[data-test-id="header-tab"][data-entity-id="2041"]').click();
      expect(new URL(page.url()).pathname).toBe('/agent/tickets/2041');
      await expect.poll(() => name.textContent()).toMatch(/deliver/i);
      await expect.poll(() => greet.getAttribute('data-status')).not.toBe('pass');

      await page.locator('[data-test-id="header-tab"][data-entity-id="2043"]').click();
      await expect.poll(() => name.textContent()).not.toMatch(/deliver|refund/i);

      await page.locator('[data-test-id="header-tab"][data-entity-id="2042"]').click();
      await expect.poll(() => name.textContent()).toMatch(/refund/i);
      await waitForAttribute(greet, 'data-status', 'pass');
    } catch (error) {
      await screenshot(page, 'adapters-zendesk-tabs');
      throw error;
    } finally {
      await page.close();
    }
  });

  it('reads type and tags from the Zendesk API when it answers', async () => {
    const api = {
      '/api/v2/tickets/2041.json': {
        ticket: { id: 2041, type: 'refund', tags: ['refund'], requester_id: 9 },
      },
      '/api/v2/users/9.json': { user: { id: 9, name: 'Liam Chen', email: 'liam@example.com' } },
    };
    const page = await open('zendesk', '/agent/tickets/2041', api);
    try {
      // The page's tags say "delivery"; the API, the steadier source, says this is a refund.
      const name = sidebar(page).locator('[data-testid=playbook-name]');
      await expect.poll(() => name.textContent()).toMatch(/refund/i);
    } finally {
      await page.close();
    }
  });

  it('does not record a Zendesk internal note', async () => {
    const page = await open('zendesk', '/agent/tickets/2042');
    try {
      await page
        .locator('[data-ticket-id="2042"] [data-test-id="omnichannel-channel-switcher-button"]')
        .click();
      await page.locator('[data-ticket-id="2042"] .ck-editor__editable').click();
      await page.keyboard.type('Hi Ana, note to self: refund approved by the team lead.');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-ticket-id="2042"] [data-internal="true"]').length === 1,
      );
      await page.waitForTimeout(1_000);
      await expectRecorded(recorded);
    } finally {
      await page.close();
    }
  });

  it('shows "outdated" when the Zendesk composer changed, and checks nothing', async () => {
    const page = await open('zendesk-outdated');
    try {
      await waitForAttribute(sidebar(page).locator('[data-testid=adapter-status]'), 'data-state', 'outdated');
      expect(
        await sidebar(page).locator('[data-testid=adapter-status][data-state=outdated]').textContent(),
      ).toMatch(/editor/i);
    } catch (error) {
      await screenshot(page, 'adapters-zendesk-outdated');
      throw error;
    } finally {
      await page.close();
    }
  });
});
