import { describe, expect, it } from 'vitest';
import { matchPatternToRegExp } from '@/utils/adapters/custom';
import { demoAdapter } from '@/utils/adapters/demo';
import { genericEditorSelectors } from '@/utils/adapters/generic';
import { findAdapter, HELPDESK_MATCHES, STORE_ADAPTERS } from '@/utils/adapters/registry';
import { countMatches, type SelectorRegistry } from '@/utils/adapters/selectors';
import { TEST_BUILD_MATCHES } from '@/utils/build-mode';
import { fixtureHtml, fixtureNames, fixtureUrl, loadFixture } from './fixtures';

// Every adapter module exports its registry as `<id>Selectors` from utils/adapters/<id>.ts.
const modules = import.meta.glob<Record<string, unknown>>('../../../utils/adapters/*.ts', { eager: true });

function registryOf(adapterId: string): SelectorRegistry | undefined {
  const module = modules[`../../../utils/adapters/${adapterId}.ts`];
  return module?.[`${adapterId}Selectors`] as SelectorRegistry | undefined;
}

/**
 * An adapter's fixtures: `<id>.html`, or `<id>-<page>.html` when the helpdesk has several pages
 * (Request Tracker's display and update pages). `-outdated` fixtures miss selectors on purpose.
 */
function fixturesOf(adapterId: string): string[] {
  return fixtureNames().filter(
    (name) => (name === adapterId || name.startsWith(`${adapterId}-`)) && !name.endsWith('-outdated'),
  );
}

/** The store build's adapters and the test build's demo helpdesk. */
const ADAPTERS = [...STORE_ADAPTERS, demoAdapter];
const findAnyAdapter = (url: URL, doc: Document) =>
  findAdapter(url, doc) ?? (demoAdapter.matches(url, doc) ? demoAdapter : null);

describe('adapter conventions', () => {
  const ids = ADAPTERS.map((adapter) => [adapter.id]);

  it.each(ids)('%s has a fixture, a selector registry, and claims its fixtures', (id) => {
    expect(fixturesOf(id), `tests/fixtures/${id}.html or ${id}-<page>.html`).not.toEqual([]);
    expect(registryOf(id), `utils/adapters/${id}.ts exports ${id}Selectors`).toBeDefined();
    for (const name of fixturesOf(id)) {
      const { url } = loadFixture(name);
      expect(findAnyAdapter(url, document)?.id, name).toBe(id);
    }
  });

  it.each(ids)('every selector key of %s matches on its fixtures', (id) => {
    const adapter = ADAPTERS.find((candidate) => candidate.id === id);
    const unmatched = new Set(Object.keys(registryOf(id) ?? {}));
    for (const name of fixturesOf(id)) {
      const { url } = loadFixture(name);
      const ticketId = adapter?.activeTicketId(url, document) ?? '';
      for (const [key, fallbacks] of Object.entries(registryOf(id) ?? {})) {
        const withId = fallbacks.map((fallback) => ({
          ...fallback,
          css: fallback.css.replaceAll('{id}', ticketId),
        }));
        const found = countMatches(document, withId).some((count) => count > 0);
        if (found) unmatched.delete(key);
      }
    }
    // A note-mode marker shows only once the agent switches to a note: sites.test.ts switches the
    // composer and checks it there.
    unmatched.delete('noteMode');
    expect([...unmatched]).toEqual([]);
  });

  it.each(ids)('every registry entry of %s names its source or says it is assumed', (id) => {
    const unsourced = Object.entries(registryOf(id) ?? {}).flatMap(([key, fallbacks]) =>
      fallbacks
        .filter((fallback) => !(fallback.source?.trim() || fallback.assumed === true))
        .map((fallback) => `${key}: ${fallback.css}`),
    );
    expect(unsourced).toEqual([]);
  });

  it.each(ids)('%s hands its registry to the page report', (id) => {
    expect(ADAPTERS.find((adapter) => adapter.id === id)?.selectors).toBe(registryOf(id));
  });

  it('names a source for every editor framework the generic detector knows', () => {
    expect(genericEditorSelectors.filter((fallback) => !fallback.source)).toEqual([]);
  });

  it.each(fixtureNames().map((name) => [name]))('fixture %s is headed by what it imitates', (name) => {
    const html = fixtureHtml(name);
    // A comment first thing (before or after the doctype) says what the page imitates or captures.
    expect(html).toMatch(/^\s*(<!doctype html>\s*)?<!--[\s\S]{40,}?-->/i);
  });

  // The demo helpdesk and a local Request Tracker are served on local hosts, which only the test
  // build's manifest lists (a store build reaches Request Tracker through a site the user adds).
  it('covers every fixture URL with a manifest match pattern of the store or the test build', () => {
    const patterns = [...HELPDESK_MATCHES, ...TEST_BUILD_MATCHES].map(matchPatternToRegExp);
    const adapterFixtures = ADAPTERS.flatMap((adapter) => fixturesOf(adapter.id));
    for (const name of adapterFixtures) {
      const url = new URL(fixtureUrl(fixtureHtml(name)));
      const target = `${url.protocol}//${url.hostname}${url.pathname}`;
      expect(
        patterns.some((pattern) => pattern.test(target)),
        `${name}: ${url}`,
      ).toBe(true);
    }
  });

  it('claims no page outside the helpdesks', () => {
    document.open();
    document.write('<!doctype html><html><body><textarea></textarea></body></html>');
    document.close();
    expect(findAdapter(new URL('https://example.com/tickets/1'), document)).toBeNull();
    expect(findAdapter(new URL('http://localhost/tickets/1'), document)).toBeNull();
  });
});
