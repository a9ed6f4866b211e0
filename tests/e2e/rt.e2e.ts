import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRt } from '../rt/ensure-rt.mjs';
import { type RtSeed, type RunningRt, seedRt, startRt } from '../rt/server.mjs';
import {
  type KeelBrowser,
  launchKeel,
  screenshot,
  sidebar,
  waitForAttribute,
  waitForPopupValue,
} from './harness';

// Issue 4, item 3: Keel on the real Request Tracker 5 from Debian's packages (installed when
// missing and we are root on Debian; otherwise ensureRt says what to install). RT's reply page puts
// CKEditor 4 in a same-origin iframe, and sending posts the form: the page unloads.

const EDITOR_FRAME = '#cke_UpdateContent iframe.cke_wysiwyg_frame';

describe('Request Tracker 5 (real)', () => {
  let rt: RunningRt;
  let seed: RtSeed;
  let keel: KeelBrowser;

  beforeAll(async () => {
    const install = ensureRt();
    seed = seedRt();
    rt = await startRt();
    console.log(
      `RT: ${install.installed ? `installed in ${install.seconds.toFixed(1)} s, ` : ''}started in ${rt.startSeconds.toFixed(1)} s at ${rt.url}`,
    );
    keel = await launchKeel();
  }, 240_000);

  afterAll(async () => {
    await keel?.close();
    await rt?.close();
  });

  /** Logs in through RT's own form; RT answers the POST at the same URL, so wait for the load. */
  async function logIn(page: Page): Promise<void> {
    await page.goto(`${rt.url}/NoAuth/Login.html`);
    // Already signed in (same browser context): RT sends the login page's visitor elsewhere.
    if ((await page.locator('#login').count()) === 0) return;
    await page.fill('#login input[name=user]', seed.agent.name);
    await page.fill('#login input[name=pass]', seed.agent.password);
    await Promise.all([page.waitForNavigation(), page.click('#login [type=submit]')]);
  }

  async function openReply(page: Page, ticketId: number, action = 'Respond'): Promise<FrameLocator> {
    await page.goto(`${rt.url}/Ticket/Update.html?Action=${action}&id=${ticketId}`);
    await page.locator(EDITOR_FRAME).waitFor();
    // CKEditor writes its initial data into the frame once ready; typing earlier can be wiped.
    await page.waitForFunction(
      () =>
        (window as unknown as { CKEDITOR?: { instances: Record<string, { status: string }> } }).CKEDITOR
          ?.instances.UpdateContent?.status === 'ready',
    );
    return page.frameLocator(EDITOR_FRAME);
  }

  it('works a reply in CKEditor: playbook, live checks, a snippet the editor keeps, one recorded send', async () => {
    const page = await keel.context.newPage();
    await logIn(page);
    const editor = (await openReply(page, seed.tickets.refund)).locator('body.cke_editable');

    const panel = sidebar(page);
    await panel
      .locator('[data-testid=playbook-name]')
      .waitFor({ timeout: 15_000 })
      .catch(async (error) => {
        await screenshot(page, 'rt-no-sidebar');
        throw error;
      });
    expect(await panel.locator('[data-testid=playbook-name]').textContent()).toMatch(/refund/i);
    await waitForAttribute(panel.locator('[data-testid=adapter-status]'), 'data-state', 'ok');

    // Typing inside the iframe is seen by the sidebar in the top frame.
    const marker = `KEEL-${Date.now()}`;
    await editor.click();
    await page.keyboard.type(`Your refund for order #A10234 has been issued (ref ${marker}).`);
    const greet = panel.locator('[data-testid=step][data-step-id=greet]');
    await waitForAttribute(greet, 'data-status', 'fail');

    await panel.locator('[data-testid=insert-snippet][data-step-id=greet]').click();
    await waitForAttribute(greet, 'data-status', 'pass');
    const text = (await editor.textContent()) ?? '';
    expect(text.startsWith('Hi María,')).toBe(true);
    expect(text).toContain(marker);
    // CKEditor's own model has it, so it is what RT will be sent.
    const ckData = await page.evaluate(
      () =>
        (
          window as unknown as { CKEDITOR: { instances: Record<string, { getData(): string }> } }
        ).CKEDITOR.instances.UpdateContent?.getData() ?? '',
    );
    expect(ckData).toMatch(/Hi Mar(í|&iacute;)a,/);
    await screenshot(page, 'rt-reply-before-send');

    const posted = page.waitForRequest(
      (request) => request.method() === 'POST' && /Update\.html/.test(request.url()),
    );
    await Promise.all([
      page.waitForURL(/\/Ticket\/Display\.html\?id=\d+/, { timeout: 20_000 }),
      page.locator('input[name=SubmitTicket]').click(),
    ]);
    const body = (await posted).postData() ?? '';
    expect(body).toContain(marker);
    expect(body).toMatch(/Hi Mar(í|&iacute;)a,/);

    // RT shows the reply in the ticket's history (loaded after the page).
    const reply = page.locator('#delayed_ticket_history .transaction', { hasText: marker });
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.textContent()).toContain('Hi María,');
    await screenshot(page, 'rt-display-after-send');

    const popup = await keel.openPopup();
    await waitForPopupValue(popup, 'total-replies', '1');
    await page.close();
    await popup.close();
  });

  it('records nothing for a comment (not sent to the requestor)', async () => {
    const totalReplies = async (): Promise<string | null> => {
      const popup = await keel.openPopup();
      const value = await popup.locator('[data-testid=total-replies]').getAttribute('data-value');
      await popup.close();
      return value;
    };
    const before = await totalReplies();
    const page = await keel.context.newPage();
    await logIn(page);
    const editor = (await openReply(page, seed.tickets.bug, 'Comment')).locator('body.cke_editable');
    await sidebar(page).locator('[data-testid=playbook-name]').waitFor({ timeout: 15_000 });
    await editor.click();
    await page.keyboard.type('Internal: reproduced on staging with the March export.');
    await Promise.all([
      page.waitForURL(/\/Ticket\/Display\.html\?id=\d+/, { timeout: 20_000 }),
      page.locator('input[name=SubmitTicket]').click(),
    ]);
    // RT stored it (the agent may not see comments in the history: no ShowTicketComments right).
    expect((await page.locator('#results, .results').first().textContent()) ?? '').toMatch(/Comments added/);
    await page.close();
    // Give a wrongly recorded send time to reach the store before looking.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await totalReplies()).toBe(before);
  });
});
