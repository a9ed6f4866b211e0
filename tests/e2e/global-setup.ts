import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from '../tools/ensure-chromium.mjs';
import { BUILDS, PROJECT_ROOT } from './paths';
import { sweepOldTempRoots } from './temp-dirs.mjs';

/**
 * Runs once before the e2e files: finds Chromium and builds the extension twice, the test build
 * into .tmp/e2e-build (or KEEL_E2E_BUILD_DIR, see paths.ts) and the store build beside it
 * (`-store`), so every test loads the same builds and nobody else's output folder is touched.
 * KEEL_SKIP_BUILD=1 reuses existing builds (quick reruns while writing a test).
 */
export default function setup(): void {
  ensureChromium({ install: false });
  // Profiles of earlier runs are never reused; drop those a killed run left (over an hour old).
  sweepOldTempRoots('e2e', 60 * 60 * 1000);
  for (const build of BUILDS) {
    const manifest = join(build.extensionDir, 'manifest.json');
    if (process.env.KEEL_SKIP_BUILD === '1' && existsSync(manifest)) continue;
    const wxt = join(PROJECT_ROOT, 'node_modules', '.bin', 'wxt');
    const result = spawnSync(wxt, ['build'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...build.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(
        `wxt build failed (exit ${result.status}):\n${buildErrors(`${result.stdout}\n${result.stderr}`)}`,
      );
    }
    if (!existsSync(manifest)) throw new Error(`wxt build produced no ${manifest}`);
  }
}

/** The build's error messages without the bundler's stack frames, short enough to read. */
function buildErrors(output: string): string {
  const lines = output.split('\n').filter((line) => !/^\s+(at |❯ )/.test(line));
  const text = lines.join('\n').trim();
  return text.length > 6000 ? `${text.slice(0, 6000)}\n…` : text;
}
