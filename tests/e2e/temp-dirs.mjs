/**
 * Short temporary folders for Chromium. Chromium aborts ("Socket path too long") when its
 * profile's singleton socket passes about 107 characters, so profiles and the browser's TMPDIR
 * never live inside the clone (whose path may be long): they go under one `mkdtemp` folder in
 * `os.tmpdir()`, made once per process and removed when the process exits.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every folder this module makes starts with this, so old ones can be found and removed. */
export const TEMP_PREFIX = 'keel-';

/** @type {Map<string, string>} */
const roots = new Map();

/**
 * This process's folder for `purpose` (`e2e`, `demo`): `{os.tmpdir()}/keel-{purpose}-XXXXXX`.
 * @param {string} purpose
 * @returns {string}
 */
export function shortTempRoot(purpose) {
  const existing = roots.get(purpose);
  if (existing) return existing;
  const root = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${purpose}-`));
  roots.set(purpose, root);
  if (roots.size === 1) {
    process.once('exit', () => {
      for (const folder of roots.values()) {
        try {
          rmSync(folder, { recursive: true, force: true });
        } catch {
          // A browser still closing may hold a file; the next run's sweep removes the folder.
        }
      }
    });
  }
  return root;
}

/**
 * A fresh profile folder under this process's short root.
 * @param {string} purpose
 * @returns {string}
 */
export function newProfileDir(purpose) {
  const profiles = join(shortTempRoot(purpose), 'p');
  mkdirSync(profiles, { recursive: true });
  return mkdtempSync(join(profiles, 'x'));
}

/**
 * The browser's TMPDIR under this process's short root.
 * @param {string} purpose
 * @returns {string}
 */
export function browserTmpDir(purpose) {
  const dir = join(shortTempRoot(purpose), 't');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Removes `keel-{purpose}-*` folders in `os.tmpdir()` older than `maxAgeMs` (left by runs that
 * were killed; younger ones may belong to a run still going).
 * @param {string} purpose
 * @param {number} maxAgeMs
 */
export function sweepOldTempRoots(purpose, maxAgeMs) {
  const base = tmpdir();
  if (!existsSync(base)) return;
  const cutoff = Date.now() - maxAgeMs;
  for (const name of readdirSync(base)) {
    if (!name.startsWith(`${TEMP_PREFIX}${purpose}-`)) continue;
    const path = join(base, name);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already, or another user's: leave it.
    }
  }
}
