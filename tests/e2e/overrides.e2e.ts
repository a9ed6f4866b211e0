import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { demoHelpdeskAndKeel } from './demo-session';
import { type KeelBrowser, sidebar, waitForAttribute } from './harness';

// Issue 13, "Done when": an e2e test overrides a step in the sidebar, sends, and finds the override
// in the popup (and, beside the step, in the playbook editor).

/** Greets, states the outcome and signs off, but leaves out steps of the refund playbook (no apology). */
const TERSE_REFUND =
  'Hi María,\n\nYour refund for order #A10234 has been issued to your card and will show within 5 ' +
  'business days.\n\nBest regards,\nSam';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reloads `page` until `selector` has `attribute` = `expected`: a record lands a moment after its send. */
async function reloadUntil(
  page: Page,
  selector: string,
  attribute: string,
  expected: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await page
      .locator(selector)
      .first()
      .getAttribute(attribute, { timeout: 3_000 })
      .catch(() => null);
    if (last === expected) return;
    if (Date.now() > deadline)
      throw new Error(`${selector}: expected ${attribute}="${expected}", last saw ${last ?? 'nothing'}`);
    await sleep(300);
    await page.reload();
  }
}

describe('an agent overrides a verdict, and the lead sees it', () => {
  let helpdesk: DemoHelpdesk;
  let keel: KeelBrowser;
  demoHelpdeskAndKeel((started) => {
    ({ helpdesk, keel } = started);
  });

  it('marks a failed step "done in my own words", sends, and finds it among the popup’s overridden steps and in the editor', async () => {
    const page = await keel.context.newPage();
    await page.goto(`${helpdesk.url}/tickets/1042`);
    const select = sidebar(page).locator('[data-testid=playbook-select]');
    await select.waitFor({ timeout: 15_000 });
    if ((await select.inputValue()) !== 'refund') await select.selectOption('refund');
    await expect.poll(() => select.inputValue()).toBe('refund');

    await page.click('.hd-editor');
    await page.keyboard.type(TERSE_REFUND);
    // The first failed step the agent may override (the checker's rules may move; the flow may not).
    const overridable = sidebar(page).locator(
      '[data-testid=step][data-status=fail]:has([data-testid=override-done])',
    );
    await overridable.first().waitFor({ timeout: 10_000 });
    await sleep(600); // past the typing pause: the verdicts have settled
    const stepId = (await overridable.first().getAttribute('data-step-id')) ?? '';
    expect(stepId).not.toBe('');
    const step = sidebar(page).locator(`[data-testid=step][data-step-id="${stepId}"]`);
    const scoreBefore = Number(await sidebar(page).locator('[data-testid=score]').getAttribute('data-score'));

    await step.locator('[data-testid=override-done]').click();
    await waitForAttribute(step, 'data-override', 'done');
    await waitForAttribute(step, 'data-status', 'pass');
    await expect
      .poll(async () => Number(await sidebar(page).locator('[data-testid=score]').getAttribute('data-score')))
      .toBeGreaterThan(scoreBefore);

    const agentMessages = page.locator('.hd-message[data-author=agent]');
    const before = await agentMessages.count();
    await page.click('.hd-send');
    await agentMessages.nth(before).waitFor();

    const popup = await keel.openPopup();
    const row = `[data-testid=overridden-step][data-playbook-id=refund][data-step-id="${stepId}"]`;
    await reloadUntil(popup, row, 'data-overrides', '1');
    expect(await popup.locator('[data-testid=overridden-step]').count()).toBe(1);
    expect(
      await popup.locator('[data-testid=agent-overrides] [data-agent]').getAttribute('data-overrides'),
    ).toBe('1');
    // The agent filter narrows the rows like every other figure.
    await popup.locator('[data-testid=filter-agent]').selectOption({ index: 1 });
    await expect.poll(() => popup.locator(row).getAttribute('data-overrides')).toBe('1');

    const options = await keel.context.newPage();
    await options.goto(`chrome-extension://${keel.extensionId}/options.html`);
    await options.click('[data-testid=playbook-list] [data-playbook-id=refund] button');
    const count = options.locator(
      `[data-testid=playbook-editor] [data-testid=editor-step][data-step-id="${stepId}"] [data-testid=step-overrides]`,
    );
    await expect.poll(() => count.getAttribute('data-overrides'), { timeout: 10_000 }).toBe('1');
  });
});
