import { describe, expect, it } from 'vitest';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { demoHelpdeskAndKeel } from './demo-session';
import { type KeelBrowser, sidebar, waitForAttribute } from './harness';

// "An extension updated while a tab is open": after an update the background injects the sidebar
// into helpdesk tabs that are already open (utils/background/reinject.ts). The new instance must
// take over from the old one: one sidebar, working, and the agent's draft untouched.
//
// Chromium started with --load-extension does not come back from chrome.runtime.reload(), so the
// test performs the background's injection itself, through the real scripting API and the
// manifest's own content script files.

describe('the sidebar injected again into an open ticket, as after an update', () => {
  let helpdesk: DemoHelpdesk;
  let keel: KeelBrowser;
  demoHelpdeskAndKeel((started) => {
    ({ helpdesk, keel } = started);
  });

  it('takes over from the old instance: one sidebar, still checking the same draft', async () => {
    const page = await keel.context.newPage();
    await page.goto(`${helpdesk.url}/tickets/1042`);
    await sidebar(page).locator('[data-testid=playbook-name]').waitFor();
    await page.click('.hd-editor');
    await page.keyboard.type('Your refund is on its way.');
    const greet = sidebar(page).locator('[data-testid=step][data-step-id=greet]');
    await waitForAttribute(greet, 'data-status', 'fail');

    const worker = keel.context.serviceWorkers()[0] ?? (await keel.context.waitForEvent('serviceworker'));
    const injected = await worker.evaluate(async () => {
      type Chrome = {
        runtime: { getManifest(): { content_scripts: { matches: string[]; js: string[] }[] } };
        tabs: { query(q: object): Promise<{ id: number }[]> };
        scripting: { executeScript(o: object): Promise<unknown> };
      };
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      const [sidebarScript] = chrome.runtime.getManifest().content_scripts;
      if (!sidebarScript) return 0;
      const tabs = await chrome.tabs.query({ url: sidebarScript.matches });
      for (const tab of tabs)
        await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: sidebarScript.js });
      return tabs.length;
    });
    expect(injected).toBeGreaterThanOrEqual(1);

    await page.waitForTimeout(1_000);
    expect(await page.locator('keel-sidebar').count()).toBe(1);
    await sidebar(page).locator('[data-testid=playbook-name]').waitFor();
    expect(await page.locator('.hd-editor').textContent()).toContain('Your refund is on its way.');
    await page.click('.hd-editor');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Hi María, ');
    await waitForAttribute(greet, 'data-status', 'pass');
  });
});
