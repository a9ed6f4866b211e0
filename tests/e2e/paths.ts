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
/** The unpacked Chrome MV3 test build (KEEL_TEST_BUILD=1: local hosts, the demo adapter). */
export const EXTENSION_DIR = join(E2E_BUILD_DIR, 'chrome-mv3');
/** The store build, beside the test build: what users install. */
export const STORE_BUILD_DIR = `${E2E_BUILD_DIR}-store`;
export const STORE_EXTENSION_DIR = join(STORE_BUILD_DIR, 'chrome-mv3');
/** The environment of each build: KEEL_TEST_BUILD=1 makes the test build (wxt.config.ts). */
export const BUILDS = [
  {
    dir: E2E_BUILD_DIR,
    extensionDir: EXTENSION_DIR,
    env: { KEEL_OUT_DIR: E2E_BUILD_DIR, KEEL_TEST_BUILD: '1' },
  },
  {
    dir: STORE_BUILD_DIR,
    extensionDir: STORE_EXTENSION_DIR,
    env: { KEEL_OUT_DIR: STORE_BUILD_DIR, KEEL_TEST_BUILD: '' },
  },
] as const;
/** Screenshots, git-ignored. Browser profiles and temp files live elsewhere: see temp-dirs.mjs. */
export const SCREENSHOTS_DIR = join(PROJECT_ROOT, '.tmp', 'screenshots');
