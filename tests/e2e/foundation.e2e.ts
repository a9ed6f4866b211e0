import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { demoHelpdeskForTests } from './demo-session';
import { type KeelBrowser, screenshot, sidebar, waitForAttribute, waitForPopupValue } from './harness';

// Issue 2, "Done when": one reply on the demo helpdesk, checked live, sent, recorded by the
// background, shown in the popup, and still there after a browser restart. Only DESIGN.md's test
// hooks are used, so the test survives any redesign of the sidebar or the popup.

/** A good refund reply, minus the greeting the refund playbook's `greet` step asks for. */
const REPLY_WITHOUT_GREETING =
  "Thank you for letting us know about order #A10234, and I'm sorry the mixer arrived damaged. " +
  'I have issued a full refund to your card; you will see it within 5 business days. ' +
  'If there is anything else I can do, just reply to this email. Best regards, Sam';

async function openTicket(keel: KeelBrowser, helpdesk: DemoHelpdesk, ticketId: string): Promise<Page> {
  const page = await keel.context.newPage();
  await page.goto(`${helpdesk.url}/tickets/${ticketId}`);
  await sidebar(page).locator('[data-testid=playbook-name]').waitFor({ timeout: 15_000 });
  return page;
}

describe('foundation: one reply end to end on the demo helpdesk', () => {
  let helpdesk: DemoHelpdesk;
  let keel: KeelBrowser;
  const launch = demoHelpdeskForTests((started) => {
    helpdesk = started;
  });

  it('checks a refund reply as it is typed, records it on send, and keeps the record after a browser restart', async () => {
    keel = await launch();
    const page = await openTicket(keel, helpdesk, '1042');
    const greet = sidebar(page).locator('[data-testid=step][data-step-id=greet]');

    await page.click('.hd-editor');
    await page.keyboard.type(REPLY_WITHOUT_GREETING);
    await waitForAttribute(greet, 'data-status', 'fail');
    await screenshot(page, 'foundation-greet-fail');

    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Hi María, ');
    await waitForAttribute(greet, 'data-status', 'pass');
    const score = Number(await sidebar(page).locator('[data-testid=score]').getAttribute('data-score'));
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    await screenshot(page, 'foundation-greet-pass');

    await page.click('.hd-send');
    // The demo helpdesk shows the reply once its server has it: the send went through.
    await page.locator('.hd-message[data-author=agent]').waitFor();

    const popup = await keel.openPopup();
    await waitForPopupValue(popup, 'total-replies', '1');
    await screenshot(popup, 'foundation-popup');

    const { profileDir } = keel;
    await keel.close();
    keel = await launch({ profileDir });
    const popupAfterRestart = await keel.openPopup();
    await waitForPopupValue(popupAfterRestart, 'total-replies', '1');
  });

  it('records nothing for a send the page refuses, and only the reply that went through', async () => {
    keel = await launch();
    const refund = await openTicket(keel, helpdesk, '1042');
    const agentMessages = refund.locator('.hd-message[data-author=agent]');
    const agentMessagesBefore = await agentMessages.count();

    await refund.click('.hd-send');
    await refund.click('.hd-editor');
    await refund.keyboard.type('   ');
    await refund.keyboard.press('Control+Enter');
    expect(await refund.locator('.hd-error').isVisible()).toBe(true);
    expect(await agentMessages.count()).toBe(agentMessagesBefore);

    // A real send afterwards proves recording works in this browser, so a count of exactly one
    // means the refused sends added nothing.
    const question = await openTicket(keel, helpdesk, '1045');
    await question.click('.hd-editor');
    await question.keyboard.type('Hi Kenji, open Settings, then Team, and press Invite. Thanks for asking!');
    await question.click('.hd-send');
    await question.locator('.hd-message[data-author=agent]').last().waitFor();

    const popup = await keel.openPopup();
    await waitForPopupValue(popup, 'total-replies', '1');
    // Give a late, wrongly recorded refused send the time to show up before the final read.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await popup.reload();
    await waitForPopupValue(popup, 'total-replies', '1');
  });

  it("picks the playbook for each demo ticket's own type", async () => {
    keel = await launch();
    const picked: Record<string, string | null> = {};
    for (const ticketId of ['1042', '1043', '1044', '1045']) {
      const page = await openTicket(keel, helpdesk, ticketId);
      picked[ticketId] = await sidebar(page).locator('[data-testid=playbook-select]').inputValue();
      await page.close();
    }
    expect(picked).toEqual({ 1042: 'refund', 1043: 'delivery', 1044: 'bug', 1045: 'question' });
  });
});
