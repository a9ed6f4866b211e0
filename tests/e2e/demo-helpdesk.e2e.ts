import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { findChromium } from '../tools/ensure-chromium.mjs';
import { startDemoHelpdesk } from './harness';

// The demo helpdesk on its own, without Keel: the DOM contract the demo adapter relies on, and
// the composer's behaviour that the send tests build on.
describe('demo helpdesk', () => {
  let helpdesk: DemoHelpdesk;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    helpdesk = await startDemoHelpdesk();
    browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await helpdesk?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
  });

  it('lists every sample ticket in the queue', async () => {
    await page.goto(`${helpdesk.url}/`);
    const ids = await page
      .locator('.hd-queue-table tr[data-ticket-id]')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.ticketId));
    expect(ids).toEqual(['1042', '1043', '1044', '1045', '1046']);
    expect(await page.locator('main.hd-ticket').count()).toBe(0);
  });

  it('marks ticket pages with the DOM contract the demo adapter reads', async () => {
    await page.goto(`${helpdesk.url}/tickets/1042`);
    expect(await page.getAttribute('html', 'data-helpdesk')).toBe('keel-demo');
    expect(await page.getAttribute('meta[name=generator]', 'content')).toBe('keel-demo-helpdesk');
    expect(await page.getAttribute('.hd-agent', 'data-agent-name')).toBe('Sam Rivera');
    const ticket = page.locator('main.hd-ticket');
    expect(await ticket.getAttribute('data-ticket-id')).toBe('1042');
    expect(await ticket.locator('h1.hd-subject').textContent()).toBe('Refund for order #A10234');
    expect(await ticket.locator('[data-field=type]').textContent()).toBe('refund');
    expect(await ticket.locator('[data-field=requester]').textContent()).toBe('María García');
    expect(await ticket.locator('[data-field=requester]').getAttribute('data-email')).toBe(
      'maria@example.com',
    );
    expect(await ticket.locator('[data-field=tags] .hd-tag').allTextContents()).toEqual(['refund', 'vip']);
    expect(await ticket.locator('[data-field=priority]').textContent()).toBe('normal');
    expect(
      await ticket.locator('.hd-message[data-author=customer] .hd-message-body').textContent(),
    ).toContain('order #A10234');
    expect(await ticket.locator('form.hd-composer .hd-editor').getAttribute('contenteditable')).toBe('true');
    expect(await ticket.locator('.hd-editor').getAttribute('role')).toBe('textbox');
    expect(await ticket.locator('button.hd-send[type=submit]').count()).toBe(1);
    expect(await ticket.locator('.hd-error').isHidden()).toBe(true);
  });

  it('gives each kind of ticket its type', async () => {
    const types: Record<string, string> = {};
    for (const id of ['1042', '1043', '1044', '1045']) {
      await page.goto(`${helpdesk.url}/tickets/${id}`);
      types[id] = (await page.locator('[data-field=type]').textContent()) ?? '';
    }
    expect(types).toEqual({ 1042: 'refund', 1043: 'delivery', 1044: 'bug', 1045: 'question' });
  });

  it('refuses a blank reply with an error, cancels the submit and appends nothing', async () => {
    await page.goto(`${helpdesk.url}/tickets/1044`);
    await page.evaluate(() => {
      const seen: boolean[] = [];
      (window as unknown as { submits: boolean[] }).submits = seen;
      window.addEventListener('submit', (event) => seen.push(event.defaultPrevented));
    });
    await page.click('.hd-send');
    await page.click('.hd-editor');
    await page.keyboard.type('   ');
    await page.keyboard.press('Control+Enter');
    expect(await page.locator('.hd-error').textContent()).toBe('Write a reply before sending');
    expect(await page.locator('.hd-error').isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { submits: boolean[] }).submits)).toEqual([
      true,
      true,
    ]);
    expect(await page.locator('.hd-message[data-author=agent]').count()).toBe(0);
    await page.reload();
    expect(await page.locator('.hd-message[data-author=agent]').count()).toBe(0);
  });

  it('sends a reply with Ctrl+Enter, shows it as an agent message, clears the editor and keeps it after a reload', async () => {
    await page.goto(`${helpdesk.url}/tickets/1045`);
    await page.click('.hd-editor');
    await page.keyboard.type('Hi Kenji, go to Settings > Team and press Invite.');
    await page.keyboard.press('Control+Enter');
    const agentMessage = page.locator('.hd-message[data-author=agent] .hd-message-body');
    await agentMessage.waitFor();
    expect(await agentMessage.textContent()).toBe('Hi Kenji, go to Settings > Team and press Invite.');
    expect(await page.locator('.hd-editor').textContent()).toBe('');
    await page.reload();
    expect(await page.locator('.hd-message[data-author=agent] .hd-message-body').allTextContents()).toEqual([
      'Hi Kenji, go to Settings > Team and press Invite.',
    ]);
  });
});
