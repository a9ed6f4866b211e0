import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntranetHelpdesk } from '../intranet-helpdesk/server.mjs';
import { type KeelBrowser, launchKeel, screenshot, sidebar, waitForAttribute } from './harness';
import { allowSiteOnExtensionsPage, typeInto } from './site-access';

// Issue 15, done-when: a helpdesk on the company intranet, served over plain http under a
// non-localhost name (not a secure context), added entirely through the options page by its labels
// in the store build, works two tickets end to end: sidebar, live check, snippet, one record per
// real send. A refused submit stores nothing; a private note stores nothing; a send whose page
// showed nothing either way is asked about, never stored silently.
//
// The permission prompt cannot be answered in headless Chromium: the host is allowed first the way
// a user can on chrome://extensions (see custom-site.e2e.ts).

const HOST_NAME = 'helpdesk.test';
const PATTERN = `http://${HOST_NAME}/tickets/*`;

interface Stored {
  replies: { helpdesk: string; ticketId: string; playbookId: string; agent: string }[];
  pending: number;
}

/** What Keel's IndexedDB holds, read on one of its pages (read only). */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('keel');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['replies', 'pending']);
          const replies = tx.objectStore('replies').getAll();
          const pending = tx.objectStore('pending').count();
          tx.oncomplete = () => {
            open.result.close();
            const byTime = [...replies.result].sort((a, b) => a.time - b.time);
            resolve({ replies: byTime, pending: pending.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

describe('a helpdesk on the company intranet, over plain http', () => {
  let keel: KeelBrowser;
  let helpdesk: Awaited<ReturnType<typeof startIntranetHelpdesk>>;
  let base: string;

  beforeAll(async () => {
    helpdesk = await startIntranetHelpdesk();
    base = `http://${HOST_NAME}:${helpdesk.port}`;
    keel = await launchKeel({
      build: 'store',
      args: [`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`],
    });
    await allowSiteOnExtensionsPage(keel, `http://${HOST_NAME}/*`);
  });
  afterAll(async () => {
    await keel?.close();
    await helpdesk?.close();
  });

  it('is added through the options page by its labels and works two tickets: one record per real send, none for a refused submit or a private note', async () => {
    const options = await keel.context.newPage();
    const ticket = await keel.context.newPage();
    try {
      await ticket.goto(`${base}/tickets/1`);
      // The page Keel must work on is no secure context: no crypto.randomUUID there.
      expect(await ticket.evaluate(() => window.isSecureContext)).toBe(false);

      await options.setViewportSize({ width: 1100, height: 1400 });
      await options.goto(`chrome-extension://${keel.extensionId}/options.html#sites`);
      await options.getByLabel('Name', { exact: true }).scrollIntoViewIfNeeded();
      await screenshot(options, 'sites-form-empty');
      await typeInto(options, 'Name', 'Corp Helpdesk');
      await typeInto(options, 'Ticket pages', PATTERN);
      await typeInto(options, 'Subject', 'h1.ticket-subject');
      await typeInto(options, 'Customer name', '.requester-name');
      await typeInto(options, 'Customer messages', '.thread .msg-customer');
      await typeInto(options, 'Ticket type', '.ticket-type');
      await typeInto(options, 'Tags', '.ticket-tags .tag');
      await typeInto(options, 'Reply box (required)', '#reply-text');
      await typeInto(options, 'Send button', 'button.send-reply');
      await typeInto(options, 'Agent name', '.current-user');
      await typeInto(options, 'The reply appears in', '.thread');
      await options.getByLabel('Private notes are marked by').selectOption('checkbox');
      await typeInto(options, 'Private note control', '#private');
      // Reloading the options page loses nothing of the half-filled form.
      await options.waitForTimeout(600);
      await options.reload();
      await expect
        .poll(() => options.getByLabel('Agent name', { exact: true }).inputValue())
        .toBe('.current-user');

      await options.getByRole('button', { name: 'Test on the open tab' }).click();
      const results = options.locator('[data-testid=probe-results]');
      await results.waitFor();
      expect(await results.getAttribute('data-url')).toBe(`${base}/tickets/1`);
      const row = (key: string) => results.locator(`[data-testid=probe][data-key="${key}"]`);
      expect(await row('ticketId').textContent()).toContain('1');
      expect(await row('agent').textContent()).toContain('Ana Agent');
      expect(await row('editor').getAttribute('data-count')).toBe('1');
      await results.scrollIntoViewIfNeeded();
      await screenshot(options, 'sites-form-tested');
      await options.getByRole('button', { name: 'Add site' }).click();
      await expect
        .poll(() => options.locator('[role=status]').allTextContents())
        .toContainEqual(expect.stringContaining(`Keel now runs on ${PATTERN}`));
      await waitForAttribute(options.locator('[data-site-id=corp-helpdesk]'), 'data-state', 'on');
      await options.locator('[data-testid=custom-sites]').scrollIntoViewIfNeeded();
      await screenshot(options, 'sites-form-added');

      // Ticket 1: the sidebar starts on plain http; the reply box is hidden until "Reply".
      await ticket.bringToFront();
      await ticket.reload();
      const bar = sidebar(ticket);
      await bar.locator('[data-testid=playbook-name]').waitFor({ timeout: 15_000 });
      expect(await bar.locator('[data-testid=playbook-select]').inputValue()).toBe('refund');
      expect(await bar.locator('p.ticket').textContent()).toContain('Corp Helpdesk · #1');
      await waitForAttribute(bar.locator('[data-testid=adapter-status]'), 'data-state', 'no-editor');
      expect(await bar.locator('[data-testid=insert-snippet]').count()).toBe(0);
      await ticket.getByRole('button', { name: 'Reply', exact: true }).click();
      await waitForAttribute(bar.locator('[data-testid=adapter-status]'), 'data-state', 'ok');
      await bar.locator('[data-testid=insert-snippet][data-step-id=greet]').click();
      await expect.poll(() => ticket.locator('#reply-text').inputValue()).toMatch(/^Hi Jo,/);
      const greet = bar.locator('[data-testid=step][data-step-id=greet]');
      await waitForAttribute(greet, 'data-status', 'pass');
      await ticket.locator('#reply-text').press('End');
      await ticket.keyboard.type(
        ' I am sorry you were charged twice for order #A5521. I have refunded the second payment today.',
      );
      await screenshot(ticket, 'intranet-sidebar');

      // Sent without the status this helpdesk requires: refused, re-rendered with the draft.
      await ticket.locator('button.send-reply', { hasText: /^Send$/ }).click();
      await ticket.locator('.form-error').waitFor();
      expect(await ticket.locator('#reply-text').inputValue()).toContain('refunded the second payment');
      // The next sidebar sees the draft back in the editor and the reply nowhere: nothing stored.
      await expect
        .poll(() => stored(options), { timeout: 25_000, interval: 500 })
        .toEqual({ replies: [], pending: 0 });

      // Corrected and sent: the reply lands in the conversation; stored once, by the next page.
      await ticket.locator('#status').selectOption('open');
      await ticket.locator('button.send-reply', { hasText: /^Send$/ }).click();
      await ticket.waitForURL(`${base}/tickets/1`);
      await expect
        .poll(() => stored(options), { timeout: 25_000, interval: 500 })
        .toMatchObject({
          replies: [
            { helpdesk: 'custom:corp-helpdesk', ticketId: '1', playbookId: 'refund', agent: 'Ana Agent' },
          ],
          pending: 0,
        });

      // A private note, marked by the page's own checkbox: not checked, not recorded.
      await sidebar(ticket).locator('[data-testid=playbook-name]').waitFor();
      await ticket.getByRole('button', { name: 'Reply', exact: true }).click();
      await ticket.locator('#private').check();
      await ticket.locator('#reply-text').fill('Customer called, refund already approved by finance.');
      await sidebar(ticket).locator('[data-testid=internal-note]').waitFor();
      await ticket.locator('button.send-reply', { hasText: /^Send$/ }).click();
      await ticket.waitForURL(`${base}/tickets/1`);
      await ticket.locator('.msg-note').waitFor();
      expect((await stored(options)).pending).toBe(0);

      // Ticket 2, sent with "Send and go to the queue": the landing page shows neither outcome.
      await ticket.goto(`${base}/tickets/2`);
      const bar2 = sidebar(ticket);
      await bar2.locator('[data-testid=playbook-name]').waitFor({ timeout: 15_000 });
      expect(await bar2.locator('[data-testid=playbook-select]').inputValue()).toBe('delivery');
      await ticket.getByRole('button', { name: 'Reply', exact: true }).click();
      await ticket.locator('#reply-text').click();
      await ticket.keyboard.type(
        'Hi Sam, I am sorry your parcel is late. It will arrive by Friday; I will email you the tracking link today.',
      );
      await waitForAttribute(bar2.locator('[data-testid=step][data-step-id=greet]'), 'data-status', 'pass');
      await ticket.locator('#status').selectOption('pending');
      await ticket.getByRole('button', { name: 'Send and go to the queue' }).click();
      await ticket.waitForURL(`${base}/queue`);
      expect((await stored(options)).pending).toBe(1);

      // The next sidebar on the site asks: record or discard. Nothing was stored silently.
      await ticket.goto(`${base}/tickets/1`);
      const ask = sidebar(ticket).locator('[data-testid=unconfirmed-send][data-ticket-id="2"]');
      await ask.waitFor({ timeout: 25_000 });
      expect((await stored(options)).replies).toHaveLength(1);
      await screenshot(ticket, 'intranet-record-or-discard');
      await ask.locator('[data-testid=unconfirmed-record]').click();
      await expect
        .poll(() => stored(options), { timeout: 10_000, interval: 300 })
        .toMatchObject({
          replies: [
            { ticketId: '1', playbookId: 'refund' },
            { ticketId: '2', playbookId: 'delivery' },
          ],
          pending: 0,
        });
      await sidebar(ticket).locator('[data-testid=unconfirmed-sends]').waitFor({ state: 'detached' });
    } catch (error) {
      await screenshot(options, 'intranet-options-failure');
      await screenshot(ticket, 'intranet-ticket-failure');
      throw error;
    } finally {
      await ticket.close();
      await options.close();
    }
    // Each send waits out the page's own window (10 s) before the next sidebar judges it.
  }, 240_000);
});
