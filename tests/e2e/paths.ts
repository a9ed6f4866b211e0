import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the tests are started from. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Where the e2e suite builds Keel (KEEL_OUT_DIR), apart from everyone else's builds.
 * KEEL_E2E_BUILD_DIR (absolute, or relative to the repository) moves it, so that two people in
 * one checkout can run e2e tests side by side.
 */
export const E2E_BUILD_DIR = process.env.KEEL_E2E_BUILD_DIR
  ? resolve(PROJECT_ROOT, process.env.KEEL_E2E_BUILD_DIR)
  : join(PROJECT_ROOT, '.tmp', 'e2e-build');
/** The unpacked Chrome MV3 extension that the browser loads. */
export const EXTENSION_DIR = join(E2E_BUILD_DIR, 'chrome-mv3');
/** Screenshots, git-ignored. Browser profiles and temp files live elsewhere: see temp-dirs.mjs. */
export const SCREENSHOTS_DIR = join(PROJECT_ROOT, '.tmp', 'screenshots');
