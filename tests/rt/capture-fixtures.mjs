#!/usr/bin/env node
/**
 * Captures Keel's Request Tracker fixtures from a running RT (tests/rt/server.mjs), as Chromium
 * renders them: the reply page once CKEditor 4 has replaced the textarea (tests/fixtures/rt.html)
 * and the ticket page once its history has loaded (rt-display.html). The form's CSRF token is
 * redacted; pages carry no session cookie.
 *
 * Usage: node tests/rt/capture-fixtures.mjs http://127.0.0.1:8080/rt 5
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../tools/ensure-chromium.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const [base = 'http://127.0.0.1:8080/rt', ticketId = '1'] = process.argv.slice(2);
const RT_VERSION = 'Request Tracker 5.0.3 (Debian 12 package request-tracker5 5.0.3+dfsg-3~deb12u6)';
const today = new Date().toISOString().slice(0, 10);

/** The fixture URL as the tests see it: always port 8080, whatever port RT ran on for the capture. */
const fixtureUrl = (path) => `http://127.0.0.1:8080/rt${path}`;

function headed(html, what, path) {
  const body = html
    .replace(/^\s*<!DOCTYPE html>\s*/i, '')
    // Unit tests run no page code and load nothing: drop scripts and stylesheets, and give the
    // editor frame an empty srcdoc instead of CKEditor's src="" (an empty document either way;
    // happy-dom would try, and loudly fail, to load the src).
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel="stylesheet"[^>]*>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    .replace(/(<iframe\b[^>]*?) src=""/gi, '$1 srcdoc=""')
    .replace(/(name="Token"[^>]*value=")[0-9a-f]+"/g, '$1REDACTED"')
    .replace(/(value=")[0-9a-f]{32}("[^>]*name="Token")/g, '$1REDACTED$2')
    .replaceAll(base.replace(/\/rt$/, ''), 'http://127.0.0.1:8080');
  return [
    '<!doctype html>',
    '<!--',
    `  Imitates: ${RT_VERSION}, not by hand: captured on ${today}, ${what}.`,
    '  Captured by tests/rt/capture-fixtures.mjs as the seeded agent (tests/rt/seed.pl); CSRF token redacted;',
    '  scripts and stylesheets removed and the editor frame\'s src="" made srcdoc="" (unit tests run no page code).',
    '-->',
    `<meta name="keel-fixture-url" content="${fixtureUrl(path)}">`,
    body,
  ].join('\n');
}

const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: ['--no-sandbox', '--headless=new'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/NoAuth/Login.html`);
  await page.fill('#login input[name=user]', 'agent');
  await page.fill('#login input[name=pass]', 'keel-agent-pass');
  // RT answers the login POST with a page at the same URL; the next page shows whether it took.
  await Promise.all([page.waitForNavigation(), page.click('#login [type=submit]')]);

  const updatePath = `/Ticket/Update.html?Action=Respond&id=${ticketId}`;
  await page.goto(`${base}${updatePath}`);
  await page.waitForSelector('#cke_UpdateContent iframe.cke_wysiwyg_frame');
  writeFileSync(
    join(FIXTURES, 'rt.html'),
    headed(
      await page.content(),
      `the reply page ${updatePath}, its DOM after CKEditor 4 loaded (the editor's iframe body is not part of a capture)`,
      updatePath,
    ),
  );

  const displayPath = `/Ticket/Display.html?id=${ticketId}`;
  await page.goto(`${base}${displayPath}`);
  await page.waitForSelector('#delayed_ticket_history .transaction');
  writeFileSync(
    join(FIXTURES, 'rt-display.html'),
    headed(
      await page.content(),
      `the ticket page ${displayPath}, its DOM once the history (/Helpers/TicketHistory?id=${ticketId}) loaded into #delayed_ticket_history`,
      displayPath,
    ),
  );
  console.log(`Wrote rt.html and rt-display.html for ticket ${ticketId} to ${FIXTURES}`);
} finally {
  await browser.close();
}
