import type { Page } from 'playwright-core';
import type { KeelBrowser } from './harness';

interface DeveloperPrivate {
  addHostPermission(extensionId: string, host: string): Promise<void>;
}

/**
 * What chrome://extensions does when the user adds a site under Keel's "Site access". Headless
 * Chromium leaves Keel's own permission prompt unanswered; once the host is allowed this way it
 * answers `permissions.request` with true (still only in a user gesture).
 */
export async function allowSiteOnExtensionsPage(keel: KeelBrowser, host: string): Promise<void> {
  const page = await keel.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${keel.extensionId}`);
    await page.evaluate(
      ([id, pattern]) =>
        (
          globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }
        ).chrome.developerPrivate.addHostPermission(id as string, pattern as string),
      [keel.extensionId, host],
    );
  } finally {
    await page.close();
  }
}

/** Types into a field of the options page found by its label, as a person does: clear, then type. */
export async function typeInto(options: Page, label: string, text: string): Promise<void> {
  const field = options.getByLabel(label, { exact: true });
  await field.fill('');
  await field.pressSequentially(text);
}
