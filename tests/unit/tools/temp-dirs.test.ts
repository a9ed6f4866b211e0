// @vitest-environment node
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../e2e/paths';
import { browserTmpDir, newProfileDir, shortTempRoot } from '../../e2e/temp-dirs.mjs';

/**
 * Chromium aborts ("Socket path too long") when its singleton socket's path passes about 107
 * characters (Linux's sun_path is 108 bytes). The socket sits in the browser's TMPDIR, in a folder
 * Chromium names `.org.chromium.Chromium.XXXXXX`, and the profile links to it.
 */
const SOCKET_PATH_LIMIT = 107;
const socketIn = (dir: string) => join(dir, '.org.chromium.Chromium.XXXXXX', 'SingletonSocket');

const isUnder = (parent: string, child: string) => {
  const path = relative(realpathSync(parent), realpathSync(child));
  return path !== '' && !path.startsWith('..');
};

describe('the e2e harness’s browser folders (regression: Chromium refused clones in long paths)', () => {
  it.each(['e2e', 'demo'])(
    'puts every %s profile and the browser TMPDIR under a short os.tmpdir() folder',
    (purpose) => {
      const root = shortTempRoot(purpose);
      const folders = [newProfileDir(purpose), newProfileDir(purpose), browserTmpDir(purpose)];
      expect(isUnder(tmpdir(), root)).toBe(true);
      for (const folder of folders) {
        expect(isUnder(root, folder)).toBe(true);
        expect(isUnder(PROJECT_ROOT, folder)).toBe(false);
        expect(socketIn(folder).length).toBeLessThan(SOCKET_PATH_LIMIT);
        expect(join(folder, 'SingletonSocket').length).toBeLessThan(SOCKET_PATH_LIMIT);
      }
    },
  );

  it('gives every launch a fresh profile and one shared TMPDIR per process', () => {
    expect(newProfileDir('e2e')).not.toBe(newProfileDir('e2e'));
    expect(browserTmpDir('e2e')).toBe(browserTmpDir('e2e'));
    expect(shortTempRoot('e2e')).not.toBe(shortTempRoot('demo'));
  });

  it('keeps the folders short however long the clone’s path is', () => {
    // Nothing of the clone's path goes into them: a 120-character clone path changes nothing.
    const folder = newProfileDir('e2e');
    expect(folder.length).toBeLessThan(tmpdir().length + 40);
    expect(folder).not.toContain(PROJECT_ROOT);
  });
});
