import { describe, expect, it } from 'vitest';
import { ADAPTERS, findAdapter } from '@/utils/adapters/registry';
import { buildPageReport, formatPageReport } from '@/utils/sidebar/page-report';
import { fixtureNames, loadFixture } from '../adapters/fixtures';

const CANARY = 'KEELPAGETEXT';

/**
 * Puts a marker in every piece of text the page holds: text nodes (shadow roots included), form
 * values, and the editor's draft. A report that carried any text of the page would carry it.
 */
function markEveryText(root: ParentNode): void {
  const doc = root instanceof Document ? root : (root as Node).ownerDocument;
  if (!doc) return;
  const walker = doc.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.trim()) node.textContent = `${CANARY} ${node.textContent}`;
  }
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    field.value = `${CANARY} ${field.value}`;
  }
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) markEveryText(element.shadowRoot);
  }
}

/** Each built-in adapter's fixtures (Request Tracker's are page captures with frames: left out). */
const pages = fixtureNames().filter(
  (name) =>
    ADAPTERS.some((adapter) => name === adapter.id || name.startsWith(`${adapter.id}-`)) &&
    !name.startsWith('rt'),
);

describe('the page report', () => {
  it.each(pages.map((name) => [name]))(
    'on %s carries counts and selectors, never text of the page',
    (name) => {
      const { url } = loadFixture(name);
      const adapter = findAdapter(url, document);
      if (!adapter) throw new Error(`no adapter for ${name}`);
      markEveryText(document);
      const report = buildPageReport(
        adapter,
        document,
        url,
        { state: 'ok', missing: [] },
        Date.UTC(2026, 11, 5),
      );
      const text = formatPageReport(report);
      expect(text).not.toContain(CANARY);
      // Nor the ticket or conversation id, nor the path: the host says which account, no more.
      expect(text).not.toContain(url.pathname);
      expect(report.host).toBe(url.host);
      // It does say what matched: the editor's selectors found the editor here.
      const matched = report.selectors.flatMap((entry) => entry.fallbacks).filter((f) => f.matches > 0);
      expect(matched.length).toBeGreaterThan(3);
    },
  );

  it('counts each fallback on its own, {id} filled for counting but not in the report', () => {
    const { url } = loadFixture('zendesk');
    const adapter = findAdapter(url, document);
    if (!adapter) throw new Error('no Zendesk adapter');
    const report = buildPageReport(adapter, document, url, { state: 'ok', missing: [] }, 0);
    const panel = report.selectors.find((entry) => entry.key === 'panel');
    expect(panel?.fallbacks[0]).toMatchObject({
      css: '[data-ticket-id="{id}"]',
      matches: 1,
      evidence: 'source',
    });
    const tags = report.selectors.find((entry) => entry.key === 'tags');
    // Every open tab's panel stays in the DOM: the page has six tag chips, two of them this ticket's.
    expect(tags?.fallbacks[0]?.matches).toBe(6);
    expect(report.selectors.find((entry) => entry.key === 'agent')?.fallbacks[0]?.evidence).toBe('assumed');
  });

  it("follows a selector into its shadow root (Freshdesk's contact card)", () => {
    const { url } = loadFixture('freshdesk');
    const adapter = findAdapter(url, document);
    if (!adapter) throw new Error('no Freshdesk adapter');
    const report = buildPageReport(adapter, document, url, { state: 'ok', missing: [], unread: [] }, 0);
    const requester = report.selectors.find((entry) => entry.key === 'requester')?.fallbacks[0];
    expect(requester?.matches).toBe(1);
    expect(requester?.css).toMatch(/fw-unified-mfe--contact-info.*shadow root/);
  });
});
