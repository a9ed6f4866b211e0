#!/usr/bin/env node
/**
 * Renders assets/icon/keel.svg to the PNG sizes the stores and browsers ask for (16, 32, 48, 128)
 * in assets/public/icon/, where WXT finds them. Run by hand after changing the SVG:
 *   node tests/tools/icons.mjs
 * Uses Debian's Chromium through playwright-core, as the e2e suite does.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from './ensure-chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const svg = readFileSync(join(root, 'assets', 'icon', 'keel.svg'), 'utf8');
const out = join(root, 'assets', 'public', 'icon');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: join(out, `${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`Icons written to ${out}`);
