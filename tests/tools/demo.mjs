#!/usr/bin/env node
/**
 * `npm run demo`: builds Keel, starts the bundled demo helpdesk and shows Keel on it.
 *   - With a display (DISPLAY or WAYLAND_DISPLAY) and no --headless: opens Chromium with Keel on the
 *     ticket queue and waits until you close the browser. The profile in {os.tmpdir()}/keel-profile-demo
 *     (short: Chromium refuses long socket paths) is kept, so the popup's numbers grow from one
 *     demo to the next.
 *   - Otherwise (or with --headless): a scripted walk-through that types replies the way an agent
 *     would and saves screenshots of the sidebar and the popup into demo-screenshots/.
 * Options: --headless, --port N (demo helpdesk port, default 4173 or any free one).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { extensionIdOf, launchChromiumWithExtension } from '../e2e/chromium.mjs';
import { browserTmpDir, newProfileDir } from '../e2e/temp-dirs.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildDir = join(root, '.tmp', 'demo-build');
const extensionDir = join(buildDir, 'chrome-mv3');
const screenshotsDir = join(root, 'demo-screenshots');

const args = process.argv.slice(2);
const headless = args.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const portFlag = args.indexOf('--port');
const requestedPort = portFlag >= 0 ? Number(args[portFlag + 1]) : undefined;

function build() {
  console.log('Building Keel (Chrome MV3)…');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'wxt'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    // The test build: the demo helpdesk runs on 127.0.0.1, which a store build never asks for.
    env: { ...process.env, KEEL_OUT_DIR: buildDir, KEEL_TEST_BUILD: '1' },
  });
  if (result.status !== 0) throw new Error('The build failed; see the messages above.');
}

async function startHelpdesk() {
  if (requestedPort !== undefined) return startDemoHelpdesk({ port: requestedPort });
  // A fixed port is easier to remember; any free one will do when it is taken.
  return startDemoHelpdesk({ port: 4173 }).catch(() => startDemoHelpdesk({ port: 0 }));
}

async function interactive(helpdesk) {
  const context = await launchChromiumWithExtension({
    extensionDir,
    profileDir: join(tmpdir(), 'keel-profile-demo'),
    tmpDir: browserTmpDir('demo'),
    headless: false,
    viewport: null,
  });
  const extensionId = await extensionIdOf(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${helpdesk.url}/`);
  console.log(`\nKeel is loaded. Open a ticket in the queue and start typing a reply.`);
  console.log(`The popup's summary is also at chrome-extension://${extensionId}/popup.html`);
  console.log('Close the browser window to stop the demo.');
  await new Promise((done) => context.on('close', done));
}

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** Types like a person, in chunks, so the sidebar's live check shows between them. */
async function typeInChunks(page, chunks) {
  for (const chunk of chunks) {
    await page.keyboard.type(chunk, { delay: 5 });
    await pause(150);
  }
}

async function walkThrough(helpdesk) {
  rmSync(screenshotsDir, { recursive: true, force: true });
  mkdirSync(screenshotsDir, { recursive: true });
  const profileDir = newProfileDir('demo');
  const context = await launchChromiumWithExtension({
    extensionDir,
    profileDir,
    tmpDir: browserTmpDir('demo'),
  });
  const saved = [];
  const problems = [];
  const shoot = async (page, name, what) => {
    const path = join(screenshotsDir, `${name}.png`);
    await page.screenshot({ path });
    saved.push(path);
    console.log(`  ${name}.png  ${what}`);
  };
  /** Waits for Keel's sidebar; the walk-through carries on without it and reports it at the end. */
  const waitForSidebar = async (page, ticket) => {
    try {
      await page.locator('keel-sidebar [data-testid=playbook-name]').waitFor({ timeout: 15_000 });
      await pause(300);
    } catch {
      problems.push(`Keel's sidebar did not appear on ticket ${ticket}.`);
    }
  };
  const settle = () => pause(900); // the sidebar checks after a short pause in typing

  try {
    const extensionId = await extensionIdOf(context);
    const page = context.pages()[0] ?? (await context.newPage());

    await page.goto(`${helpdesk.url}/`);
    await shoot(page, '01-queue', 'the demo helpdesk queue');

    await page.goto(`${helpdesk.url}/tickets/1042`);
    await waitForSidebar(page, '1042 (refund)');
    await shoot(page, '02-refund-ticket', 'a refund ticket: Keel picks the refund playbook');

    await page.click('.hd-editor');
    await typeInChunks(page, [
      'Thank you for letting us know about order #A10234. ',
      'We guarantee this will never happen again.',
    ]);
    await settle();
    await shoot(page, '03-refund-draft-fails', 'a first draft: no greeting, an over-promise');

    // Rewrite the draft the way the sidebar suggests.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await typeInChunks(page, [
      'Hi María, ',
      "thank you for letting us know about order #A10234, and I'm sorry the mixer arrived damaged. ",
      'I have issued a full refund to your card; you will see it within 5 business days. ',
      'If there is anything else I can do, just reply to this email. ',
      'Best regards, Sam',
    ]);
    await settle();
    await shoot(page, '04-refund-draft-passes', 'the reply after following the playbook');

    // Agents send with the keyboard shortcut the composer advertises.
    await page.keyboard.press('Control+Enter');
    await page.locator('.hd-message[data-author=agent]').last().waitFor();
    await pause(500);
    await shoot(page, '05-refund-sent', 'sent: the reply is in the conversation and recorded');

    await page.goto(`${helpdesk.url}/tickets/1044`);
    await waitForSidebar(page, '1044 (bug)');
    await page.click('.hd-editor');
    await typeInChunks(page, [
      'Hi Aisha, thanks for the clear report. ',
      'Our developers are looking at the checkout error now. ',
    ]);
    await settle();
    await shoot(page, '06-bug-draft', 'a bug report: a different playbook, checked live');
    // Keel follows the system's colour scheme (the demo helpdesk itself stays light).
    await page.emulateMedia({ colorScheme: 'dark' });
    await pause(300);
    await shoot(page, '06-bug-draft-dark', 'the same, with the system in dark mode');
    await page.emulateMedia({ colorScheme: 'light' });
    await typeInChunks(page, [
      "I'm sorry for the trouble. We will email you an update by Friday. Thanks for your patience, Sam",
    ]);
    await settle();
    await page.keyboard.press('Control+Enter');
    await page.locator('.hd-message[data-author=agent]').last().waitFor();
    await pause(500);

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await pause(800);
    await shoot(popup, '07-popup', "the team lead's summary in the popup");
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  return { saved, problems };
}

async function main() {
  ensureChromium();
  build();
  const helpdesk = await startHelpdesk();
  console.log(`Demo helpdesk: ${helpdesk.url}/`);
  try {
    if (!headless) {
      await interactive(helpdesk);
      return;
    }
    console.log(`\nNo display (or --headless): running the scripted walk-through.`);
    const { saved, problems } = await walkThrough(helpdesk);
    for (const problem of problems) console.warn(`Warning: ${problem}`);
    console.log(`\n${saved.length} screenshots saved in ${screenshotsDir}`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await helpdesk.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
