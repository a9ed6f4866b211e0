import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fixture pages imitating each helpdesk (tests/fixtures/<adapter id>.html). */
export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures');

export function fixtureHtml(name: string): string {
  return readFileSync(join(FIXTURES_DIR, `${name}.html`), 'utf8');
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.slice(0, -'.html'.length));
}

/** The real-host URL a fixture stands for, from its `<meta name="keel-fixture-url">`. */
export function fixtureUrl(html: string): string {
  const url = /<meta name="keel-fixture-url" content="([^"]+)">/.exec(html)?.[1];
  if (!url) throw new Error('fixture has no <meta name="keel-fixture-url">');
  return url;
}

interface HappyWindow {
  happyDOM: { setURL(url: string): void };
}

/**
 * Loads a fixture into the test's document at its helpdesk URL (or `url`). happy-dom does not run
 * the fixture's inline script here: tests play the page's part themselves.
 */
export function loadFixture(name: string, url?: string): { url: URL; html: string } {
  const html = fixtureHtml(name);
  const target = url ?? fixtureUrl(html);
  (window as unknown as HappyWindow).happyDOM.setURL(target);
  document.open();
  document.write(html);
  document.close();
  attachDeclarativeShadowRoots(document);
  return { url: new URL(target), html };
}

/**
 * What Chromium's parser does with `<template shadowrootmode="open">` (Freshdesk's contact card
 * lives in one) and happy-dom's `document.write` does not: attach the template's content as the
 * parent's open shadow root.
 */
function attachDeclarativeShadowRoots(doc: Document): void {
  for (const template of doc.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode="open"]')) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    host.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
    template.remove();
  }
}

/** Moves the page to another URL as an SPA does (no reload). */
export function navigateTo(url: string): void {
  (window as unknown as HappyWindow).happyDOM.setURL(url);
}
