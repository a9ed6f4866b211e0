/**
 * The one recipe for starting Chromium with an unpacked Keel build (shared by the e2e harness and
 * `npm run demo`). Why each flag: see toolchain.md. Debian's Chromium is driven by playwright-core;
 * Playwright's own browser downloads do not work here.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChromium, installAdvice } from '../tools/ensure-chromium.mjs';

/**
 * @param {{ extensionDir: string, profileDir: string, tmpDir: string, headless?: boolean,
 *   viewport?: { width: number, height: number } | null, args?: string[] }} options
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export async function launchChromiumWithExtension({
  extensionDir,
  profileDir,
  tmpDir,
  headless = true,
  viewport = { width: 1440, height: 900 },
  args = [],
}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(installAdvice());
  mkdirSync(profileDir, { recursive: true });
  mkdirSync(tmpDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    // Playwright's own headless mode cannot load extensions; Chromium's new headless mode can.
    headless: false,
    viewport,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // A test's own switches, e.g. --host-resolver-rules to reach a local server under a made-up name.
      ...args,
    ],
    env: { ...process.env, TMPDIR: tmpDir },
  });
}

/**
 * Keel's extension id, read from its service worker (which also proves the extension loaded).
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<string>}
 */
export async function extensionIdOf(context) {
  /** @param {string} url */
  const isExtensionWorker = (url) => url.startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find((candidate) => isExtensionWorker(candidate.url())) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (candidate) => isExtensionWorker(candidate.url()),
      timeout: 15_000,
    }));
  return new URL(worker.url()).host;
}
