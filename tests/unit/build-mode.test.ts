import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_BUILD_MATCHES } from '@/utils/build-mode';

// Issue 15, deliverable 4: a store build asks only for the listed helpdesks and carries no test
// hooks; `KEEL_TEST_BUILD=1` (npm run demo, the e2e suite) is the one switch that adds them.
// tests/e2e/store-build.e2e.ts checks the same of the built files.

type ManifestLike = {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[]; js?: string[] }[];
};

/** The manifest wxt.config.ts makes, with KEEL_TEST_BUILD as given, through its own hook. */
async function manifestFor(testBuild: string | undefined): Promise<ManifestLike> {
  vi.resetModules();
  vi.stubEnv('KEEL_TEST_BUILD', testBuild);
  const { default: config } = await import('../../wxt.config');
  const { HELPDESK_MATCHES } = await import('@/utils/adapters/registry');
  const manifestOption = config.manifest as (env: { browser: string }) => ManifestLike;
  // WXT adds the sidebar's content script from its entrypoint (matches: HELPDESK_MATCHES).
  const manifest: ManifestLike = {
    ...manifestOption({ browser: 'chrome' }),
    content_scripts: [{ matches: [...HELPDESK_MATCHES], js: ['content-scripts/sidebar.js'] }],
  };
  const hooks = config.hooks as Record<string, (wxt: unknown, manifest: ManifestLike) => void>;
  const hook = hooks['build:manifestGenerated'];
  if (!hook) throw new Error('wxt.config.ts has no build:manifestGenerated hook');
  hook({}, manifest);
  return manifest;
}

const localHosts = (manifest: ManifestLike) =>
  [
    ...(manifest.host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((s) => s.matches ?? []),
  ].filter((pattern) => /localhost|127\.0\.0\.1/.test(pattern));

// wxt.config.ts imports WXT itself: the first import takes seconds.
beforeAll(async () => {
  await import('../../wxt.config');
}, 60_000);

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the store build', () => {
  it.each([undefined, '', '0'])('asks for no local host when KEEL_TEST_BUILD is %j', async (value) => {
    const manifest = await manifestFor(value);
    expect(localHosts(manifest)).toEqual([]);
    expect(manifest.host_permissions).not.toContain('http://localhost/*');
  });

  it('runs no adapter for the demo helpdesk, so no page marked data-helpdesk="keel-demo" gets a sidebar', async () => {
    vi.resetModules();
    const { ADAPTERS, findAdapter } = await import('@/utils/adapters/registry');
    expect(ADAPTERS.map((adapter) => adapter.id)).not.toContain('demo');
    document.documentElement.dataset.helpdesk = 'keel-demo';
    try {
      expect(findAdapter(new URL('https://support.example.com/tickets/1'), document)).toBeNull();
    } finally {
      delete document.documentElement.dataset.helpdesk;
    }
  });

  it('reads no test grace period from storage', async () => {
    vi.resetModules();
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const { readPendingGraceMs, TEST_GRACE_KEY } = await import('@/utils/background/pending');
    const { PENDING_GRACE_MS } = await import('@/utils/store/pending');
    await fakeBrowser.storage.local.set({ [TEST_GRACE_KEY]: 5 });
    expect(await readPendingGraceMs()).toBe(PENDING_GRACE_MS);
  });
});

describe('the test build (KEEL_TEST_BUILD=1)', () => {
  it('adds the local hosts to the sidebar script and the host permissions, and nothing else', async () => {
    const store = await manifestFor(undefined);
    const test = await manifestFor('1');
    expect(test.host_permissions).toEqual([...(store.host_permissions ?? []), ...TEST_BUILD_MATCHES]);
    expect(test.content_scripts?.[0]?.matches).toEqual([
      ...(store.content_scripts?.[0]?.matches ?? []),
      ...TEST_BUILD_MATCHES,
    ]);
    expect(test.optional_host_permissions).toEqual(store.optional_host_permissions);
  });

  it('runs the demo helpdesk’s adapter', async () => {
    vi.resetModules();
    vi.stubEnv('KEEL_TEST_BUILD', 'true');
    const { ADAPTERS } = await import('@/utils/adapters/registry');
    expect(ADAPTERS.map((adapter) => adapter.id)).toContain('demo');
  });
});
