import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { extensionIdOf, launchChromiumWithExtension } from './chromium.mjs';
import { EXTENSION_DIR, SCREENSHOTS_DIR, STORE_EXTENSION_DIR } from './paths';
import { browserTmpDir, newProfileDir } from './temp-dirs.mjs';

export { startDemoHelpdesk } from '../demo-helpdesk/server.mjs';
export { EXTENSION_DIR, SCREENSHOTS_DIR } from './paths';

/** A running Chromium with the built Keel loaded. */
export interface KeelBrowser {
  context: BrowserContext;
  /** Keel's extension id in this browser (pages live at `chrome-extension://{id}/…`). */
  extensionId: string;
  /** The profile folder; pass it to `launchKeel` again to restart the browser with the same data. */
  profileDir: string;
  close(): Promise<void>;
  /** Opens the popup page in a new tab (a tab, not the toolbar bubble, so tests can drive it). */
  openPopup(): Promise<Page>;
}

/**
 * The id Chromium gives an unpacked extension: from the manifest's `key` when it has one, else
 * from the folder's absolute path. Each of the first 32 hex digits of the SHA-256 becomes a–p.
 */
export function extensionIdFor(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { key?: string };
  const source = manifest.key ? Buffer.from(manifest.key, 'base64') : Buffer.from(realpathSync(extensionDir));
  const hex = createHash('sha256').update(source).digest('hex').slice(0, 32);
  return Array.from(hex, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/**
 * Launches Debian's Chromium (new headless mode) with a build of Keel: the test build (local hosts,
 * the demo adapter) unless `build: 'store'`, what users install, which serves every test that needs
 * no local host. Without `profileDir` the browser gets a fresh profile.
 */
export async function launchKeel(
  options: { profileDir?: string; build?: 'test' | 'store'; args?: string[] } = {},
): Promise<KeelBrowser> {
  const extensionDir = options.build === 'store' ? STORE_EXTENSION_DIR : EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `No Keel build at ${extensionDir}. Run the suite through vitest.e2e.config.ts (its globalSetup builds it).`,
    );
  }
  // Short folders under os.tmpdir(), never inside the clone: Chromium refuses long socket paths.
  const profileDir = options.profileDir ?? newProfileDir('e2e');
  const context = await launchChromiumWithExtension({
    extensionDir,
    profileDir,
    tmpDir: browserTmpDir('e2e'),
    args: options.args,
  });
  // Fail a stuck click or wait within a test's time, with Playwright's own explanation. Page loads
  // get longer: on two shared cores a cold renderer can take more than 15 s to fire "load".
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  try {
    const extensionId = await extensionIdOf(context);
    return {
      context,
      extensionId,
      profileDir,
      close: () => context.close(),
      async openPopup() {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/popup.html`);
        return page;
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Keel's sidebar on a helpdesk page. Playwright's CSS locators pierce open shadow roots, so
 * `sidebar(page).locator('[data-testid=step]')` finds the steps inside `keel-sidebar`.
 */
export function sidebar(page: Page): Locator {
  return page.locator('keel-sidebar');
}

/** Saves a PNG of the page to .tmp/screenshots/{name}.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the first element of `locator` has `attribute` equal to `expected`, and fails with
 * the last value seen (Keel's UI updates after a debounce, so a single read would be a race).
 */
export async function waitForAttribute(
  locator: Locator,
  attribute: string,
  expected: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    const remaining = deadline - Date.now();
    last = await locator
      .first()
      .getAttribute(attribute, { timeout: Math.max(remaining, 1) })
      .catch(() => null);
    if (last === expected) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `${locator}: expected ${attribute}="${expected}", last saw ${last === null ? 'no value' : `"${last}"`} after ${timeoutMs} ms`,
      );
    }
    await sleep(100);
  }
}

/**
 * Waits until the popup's `[data-testid={testId}]` shows `data-value` = `expected`, reloading the
 * popup between reads: a record written a moment after the popup opened need not appear live.
 */
export async function waitForPopupValue(
  popup: Page,
  testId: string,
  expected: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const target = popup.locator(`[data-testid=${testId}]`);
  let last: string | null = null;
  for (;;) {
    const remaining = deadline - Date.now();
    last = await target
      .first()
      .getAttribute('data-value', { timeout: Math.max(Math.min(remaining, 3_000), 1) })
      .catch(() => null);
    if (last === expected) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `popup [data-testid=${testId}]: expected data-value="${expected}", last saw ${last === null ? 'no value' : `"${last}"`} after ${timeoutMs} ms`,
      );
    }
    await sleep(250);
    await popup.reload();
  }
}
