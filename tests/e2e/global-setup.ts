import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from '../tools/ensure-chromium.mjs';
import { E2E_BUILD_DIR, EXTENSION_DIR, PROJECT_ROOT } from './paths';
import { sweepOldTempRoots } from './temp-dirs.mjs';

/**
 * Runs once before the e2e files: finds Chromium and builds the extension into .tmp/e2e-build (or
 * KEEL_E2E_BUILD_DIR, see paths.ts), so every test loads the same build and nobody else's output
 * folder is touched.
 * KEEL_SKIP_BUILD=1 reuses the existing build (quick reruns while writing a test).
 */
export default function setup(): void {
  ensureChromium({ install: false });
  // Profiles of earlier runs are never reused; drop those a killed run left (over an hour old).
  sweepOldTempRoots('e2e', 60 * 60 * 1000);
  if (process.env.KEEL_SKIP_BUILD === '1' && existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  const wxt = join(PROJECT_ROOT, 'node_modules', '.bin', 'wxt');
  const result = spawnSync(wxt, ['build'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, KEEL_OUT_DIR: E2E_BUILD_DIR, NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `wxt build failed (exit ${result.status}):\n${buildErrors(`${result.stdout}\n${result.stderr}`)}`,
    );
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`wxt build produced no ${join(EXTENSION_DIR, 'manifest.json')}`);
  }
}

/** The build's error messages without the bundler's stack frames, short enough to read. */
function buildErrors(output: string): string {
  const lines = output.split('\n').filter((line) => !/^\s+(at |❯ )/.test(line));
  const text = lines.join('\n').trim();
  return text.length > 6000 ? `${text.slice(0, 6000)}\n…` : text;
}
