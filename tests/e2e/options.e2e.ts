import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { seriousAxeFindings } from './axe';
import {
  EXTENSION_DIR,
  type KeelBrowser,
  launchKeel,
  sidebar,
  startDemoHelpdesk,
  waitForAttribute,
} from './harness';

/** Where Debian's Chromium reads machine-wide (enterprise) policies. */
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'keel-e2e-options.json');
/** Pinned by the manifest `key` (wxt.config.ts). */
const KEEL_ID = 'lfdnbflgnlnalodmjjfldeflbckhgnpj';

async function openOptions(keel: KeelBrowser): Promise<Page> {
  const page = await keel.context.newPage();
  await page.goto(`chrome-extension://${keel.extensionId}/options.html`);
  await page.locator('[data-testid=playbook-list] [data-playbook-id]').first().waitFor();
  return page;
}

/** What the options page's extension origin has stored as team playbooks (`local:playbooks`). */
interface ExtensionStorage {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
}
async function storedTeamPlaybooks(options: Page): Promise<unknown> {
  return options.evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionStorage;
    return (await chrome.storage.local.get('playbooks')).playbooks ?? [];
  });
}

const goodFile = {
  format: 'keel.playbooks/1',
  playbooks: [
    {
      id: 'e2e-warranty',
      name: 'Warranty claim',
      match: { types: ['warranty'] },
      steps: [{ id: 'expect', title: 'Say when we get back', check: { kind: 'expectation' } }],
    },
  ],
};

describe('options page', () => {
  let keel: KeelBrowser;
  let helpdesk: DemoHelpdesk;

  beforeAll(async () => {
    helpdesk = await startDemoHelpdesk();
  });
  afterAll(async () => {
    await helpdesk?.close();
  });
  afterEach(async () => {
    await keel?.close();
  });

  it('has no serious or critical accessibility violations in light or dark mode (axe-core)', async () => {
    keel = await launchKeel();
    const page = await openOptions(keel);
    // With the editor's Advanced fields open and a verdict in "Try it", so both are checked too.
    await page.locator('.advanced > summary').click();
    await page.locator('[data-testid=try-reply]').fill('Hi María, sorry. We will refund you by Friday.');
    await page.locator('[data-testid=try-result]').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      const serious = await seriousAxeFindings(page, scheme);
      expect(serious, `${scheme}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
    }
  });

  it('adds and reorders a step, and the open ticket’s sidebar uses it without a reload', async () => {
    keel = await launchKeel();
    const ticket = await keel.context.newPage();
    await ticket.goto(`${helpdesk.url}/tickets/1042`);
    const steps = sidebar(ticket).locator('[data-testid=step]');
    await steps.first().waitFor();
    const playbookId = await sidebar(ticket).locator('[data-testid=playbook-select]').inputValue();
    const before = await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-step-id')));

    const options = await openOptions(keel);
    await options.click(`[data-testid=playbook-list] [data-playbook-id="${playbookId}"] button`);
    const editor = options.locator('[data-testid=playbook-editor]');
    await expect.poll(() => editor.getAttribute('data-playbook-id')).toBe(playbookId);
    await editor.locator('[data-testid=add-step]').click();
    const added = editor.locator('[data-testid=editor-step]').last();
    await added.getByLabel('Title').fill('Offer a discount code');
    await added.getByLabel('Step id').fill('offer-code');
    // Validation speaks as the author types: an empty phrase list cannot be saved.
    await expect
      .poll(() => added.locator('[data-testid=field-error]').allTextContents())
      .toContain('needs at least one phrase');
    expect(await editor.locator('[data-testid=save-playbook]').isDisabled()).toBe(true);
    await added.getByLabel('Any of these phrases').fill('discount code');
    // Up by button to the top, then down once with Alt+ArrowDown and back up with Alt+ArrowUp.
    for (let moves = 0; moves < before.length; moves++) {
      await editor
        .locator('[data-testid=editor-step][data-step-id=offer-code] [data-testid=move-step-up]')
        .click();
    }
    const moved = editor.locator('[data-testid=editor-step][data-step-id=offer-code]');
    await moved.getByLabel('Title').focus();
    await options.keyboard.press('Alt+ArrowDown');
    await expect
      .poll(() => editor.locator('[data-testid=editor-step]').nth(1).getAttribute('data-step-id'))
      .toBe('offer-code');
    await options.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() => editor.locator('[data-testid=editor-step]').first().getAttribute('data-step-id'))
      .toBe('offer-code');
    const save = editor.locator('[data-testid=save-playbook]');
    await save.click();
    // Save says it saved, and keeps saying it after the editor reopens with what was stored,
    // until the next change.
    await expect.poll(() => save.textContent()).toBe('Saved');
    expect(await save.isDisabled()).toBe(true);
    await expect.poll(() => editor.locator('[data-testid=save-status]').textContent()).toContain('Saved');

    // The ticket tab was never reloaded: the sidebar follows the saved playbook.
    await waitForAttribute(sidebar(ticket).locator('[data-testid=step]'), 'data-step-id', 'offer-code');
    const after = await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-step-id')));
    expect(after).toEqual(['offer-code', ...before]);
    const team = (await storedTeamPlaybooks(options)) as { id: string; version: number }[];
    expect(team.map((p) => p.id)).toEqual([playbookId]);
    expect(team[0]?.version).toBeGreaterThan(1);
  });

  it('imports a good file after a preview, and a bad file shows every problem and changes nothing', async () => {
    keel = await launchKeel();
    const options = await openOptions(keel);
    const input = options.locator('[data-testid=playbook-import]');

    await input.setInputFiles({
      name: 'warranty.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(goodFile)),
    });
    await options
      .locator('[data-testid=import-preview] [data-import-id=e2e-warranty][data-action=add]')
      .waitFor();
    expect(await storedTeamPlaybooks(options)).toEqual([]);
    await options.click('[data-testid=import-apply]');
    await options.locator('[data-testid=playbook-list] [data-playbook-id=e2e-warranty]').waitFor();
    const afterGood = await storedTeamPlaybooks(options);
    expect((afterGood as { id: string }[]).map((p) => p.id)).toEqual(['e2e-warranty']);

    const bad = structuredClone(goodFile) as unknown as {
      playbooks: { steps: { check: { kind: string } }[]; name: string }[];
    };
    const badPlaybook = bad.playbooks[0];
    if (!badPlaybook?.steps[0]) throw new Error('fixture');
    badPlaybook.steps[0].check.kind = 'phrse';
    badPlaybook.name = '';
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const error = options.locator('[data-testid=import-error]');
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toContain('playbooks[0].name');
    expect(text).toContain('playbooks[0].steps[0].check.kind: unknown kind "phrse"');
    expect(await options.locator('[data-testid=import-preview]').count()).toBe(0);
    expect(await storedTeamPlaybooks(options)).toEqual(afterGood);
    // The list still shows what was imported before (it used to drop it until a reload).
    expect(await options.locator('[data-testid=playbook-list] [data-playbook-id=e2e-warranty]').count()).toBe(
      1,
    );
  });

  const canSetPolicy = process.getuid?.() === 0;
  it.skipIf(!canSetPolicy)('shows playbooks pushed by an enterprise policy read-only', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      storage?: { managed_schema?: string };
    };
    // Chrome hands an extension its policy only when the manifest declares a managed schema.
    expect(manifest.storage?.managed_schema, 'manifest.storage.managed_schema').toBeTruthy();
    expect(existsSync(join(EXTENSION_DIR, manifest.storage?.managed_schema ?? 'missing'))).toBe(true);

    const policyPlaybooks = {
      format: 'keel.playbooks/1',
      playbooks: [
        {
          id: 'e2e-legal-hold',
          name: 'Legal hold',
          // Matches no demo ticket, so other suites running meanwhile pick what they always pick.
          match: { types: ['e2e-legal-hold-only'] },
          steps: [
            { id: 'no-promise', title: 'Promise nothing', check: { kind: 'forbid', any: ['guarantee'] } },
          ],
        },
      ],
    };
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({
        '3rdparty': {
          extensions: { [KEEL_ID]: { playbooks: policyPlaybooks, settings: { sendGate: true } } },
        },
      }),
    );
    try {
      keel = await launchKeel();
      expect(keel.extensionId).toBe(KEEL_ID);
      const options = await openOptions(keel);
      const row = options.locator('[data-testid=playbook-list] [data-playbook-id=e2e-legal-hold]');
      await row.waitFor();
      expect(await row.getAttribute('data-source')).toBe('managed');
      expect(await row.textContent()).toContain('Set by your administrator');
      await row.locator('button').click();
      const editor = options.locator('[data-testid=playbook-editor][data-playbook-id=e2e-legal-hold]');
      await editor.waitFor();
      expect(await editor.textContent()).toContain('Set by your administrator');
      expect(await editor.locator('[data-testid=save-playbook]').count()).toBe(0);
      expect(await editor.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
      expect(await editor.locator('[data-testid=add-step]').count()).toBe(0);

      // A policy change reaches the open page: Chromium watches its policy folder.
      const renamed = structuredClone(policyPlaybooks);
      if (renamed.playbooks[0]) renamed.playbooks[0].name = 'Legal hold (revised)';
      writeFileSync(
        POLICY_FILE,
        JSON.stringify({
          '3rdparty': { extensions: { [KEEL_ID]: { playbooks: renamed, settings: { sendGate: true } } } },
        }),
      );
      await expect
        .poll(() => row.textContent(), { timeout: 30_000, interval: 500 })
        .toContain('Legal hold (revised)');

      await options.click('[data-testid=tab-settings]');
      const gate = options.locator('[data-testid=send-gate]');
      expect(await gate.isChecked()).toBe(true);
      expect(await gate.isDisabled()).toBe(true);
    } finally {
      rmSync(POLICY_FILE, { force: true });
    }
  });
});
