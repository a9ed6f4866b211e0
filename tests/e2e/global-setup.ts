import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from '../tools/ensure-chromium.mjs';
import { E2E_BUILD_DIR, EXTENSION_DIR, PROFILES_DIR, PROJECT_ROOT } from './paths';

/**
 * Runs once before the e2e files: finds Chromium and builds the extension into .tmp/e2e-build (or
 * KEEL_E2E_BUILD_DIR, see paths.ts), so every test loads the same build and nobody else's output
 * folder is touched.
 * KEEL_SKIP_BUILD=1 reuses the existing build (quick reruns while writing a test).
 */
export default function setup(): void {
  ensureChromium({ install: false });
  removeOldProfiles();
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

/**
 * Profiles of earlier runs are never reused; drop those over an hour old (younger ones may belong
 * to a run still going in the same checkout).
 */
function removeOldProfiles(): void {
  if (!existsSync(PROFILES_DIR)) return;
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(PROFILES_DIR)) {
    const path = join(PROFILES_DIR, name);
    if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
  }
}
