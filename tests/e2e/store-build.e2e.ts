import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, STORE_EXTENSION_DIR } from './paths';

// Issue 15, deliverable 4, on the built files themselves: the store build asks only for the
// listed helpdesks and carries no test hook; the test build (KEEL_TEST_BUILD=1) has them.

const LOCAL_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];
/** What only the test build may carry: local hosts, the demo page's marker, the e2e grace key. */
const TEST_ONLY = ['localhost', '127.0.0.1', 'keel-demo', '__keelTest'];

function scripts(dir: string): { name: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js') || name.endsWith('.html') || name.endsWith('.json'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

interface Manifest {
  host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('the store build', () => {
  it('asks for no local host, for the sidebar or the host permissions', () => {
    const manifest = manifestOf(STORE_EXTENSION_DIR);
    const patterns = [
      ...(manifest.host_permissions ?? []),
      ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
    ];
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.filter((pattern) => /localhost|127\.0\.0\.1/.test(pattern))).toEqual([]);
  });

  it('carries no test hook in any file', () => {
    const found = scripts(STORE_EXTENSION_DIR).flatMap(({ name, text }) =>
      TEST_ONLY.filter((needle) => text.includes(needle)).map((needle) => `${name}: ${needle}`),
    );
    expect(found).toEqual([]);
  });
});

describe('the test build', () => {
  it('adds the local hosts, the demo adapter and the grace key', () => {
    const manifest = manifestOf(EXTENSION_DIR);
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(LOCAL_HOSTS));
    expect(manifest.content_scripts?.[0]?.matches).toEqual(expect.arrayContaining(LOCAL_HOSTS));
    const all = scripts(EXTENSION_DIR)
      .map(({ text }) => text)
      .join('\n');
    expect(all).toContain('keel-demo');
    expect(all).toContain('__keelTestPendingGraceMs');
  });
});
