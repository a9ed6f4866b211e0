import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { MODULE_PATH, serveProseMirror } from '../bench/page/prosemirror';
import { FRAMEWORK_PATH, serveFramework } from './frameworks';
import { PROJECT_ROOT } from './paths';

/**
 * The helpdesks' fixture pages for adapters.e2e.ts (issue 4): each read from tests/fixtures and
 * served under its helpdesk's real host, and how to work each one (SITES). A new helpdesk's case
 * starts here.
 */

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures');

export interface Fixture {
  name: string;
  html: string;
  url: URL;
}

export function fixture(name: string): Fixture {
  const html = readFileSync(join(FIXTURES, `${name}.html`), 'utf8');
  const url = /<meta name="keel-fixture-url" content="([^"]+)">/.exec(html)?.[1];
  if (!url) throw new Error(`${name}.html has no keel-fixture-url`);
  return { name, html, url: new URL(url) };
}

/**
 * Answers every request to the fixture's host: pages with the fixture (the SPA routes them all),
 * the editor framework's modules from node_modules (ProseMirror), Zendesk's API with what `api`
 * gives for the path or a 404, as when the API is closed.
 */
export async function serve(
  context: BrowserContext,
  page: Fixture,
  api: Record<string, unknown> = {},
): Promise<void> {
  await context.route(`${page.url.origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith(MODULE_PATH)) return serveProseMirror(route, join(PROJECT_ROOT, 'node_modules'));
    if (path.startsWith(FRAMEWORK_PATH)) return serveFramework(route);
    if (path.startsWith('/api/')) {
      const body = api[path];
      return route.fulfill({
        status: body ? 200 : 404,
        contentType: 'application/json',
        body: JSON.stringify(body ?? { error: 'RecordNotFound' }),
      });
    }
    return route.fulfill({ contentType: 'text/html', body: page.html });
  });
}

/** The editor's text as the page sees it (the fixture editors are the page's own, not Keel's). */
export const editorText = (page: Page, css: string) =>
  page
    .locator(css)
    .first()
    // biome-ignore lint/performance/useDomNodeTextContent: the text as the agent sees it, line breaks included
    .evaluate((el) => ('value' in el ? String(el.value) : (el as HTMLElement).innerText));

/**
 * How to work each fixture: its editor, its send button, a name to greet, and how the agent
 * writes an internal note there (the page's own switch, then the note's editor and send; Front's
 * comments have a box of their own) and how the page shows the note once sent.
 */
export const SITES = [
  {
    name: 'zendesk',
    editor: '[data-ticket-id="2042"] .ck-editor__editable',
    send: '[data-ticket-id="2042"] [data-test-id="submit_button-button"]',
    firstName: 'Ana',
    note: {
      switch: '[data-ticket-id="2042"] [data-test-id="omnichannel-channel-switcher-button"]',
      editor: '[data-ticket-id="2042"] .ck-editor__editable',
      send: '[data-ticket-id="2042"] [data-test-id="submit_button-button"]',
      shown: '[data-ticket-id="2042"] [data-internal="true"]',
    },
  },
  {
    name: 'freshdesk',
    editor: '.fr-element',
    send: '.reply-btn',
    firstName: 'Priya',
    note: {
      switch: '[data-test-id="add-note-btn"]',
      editor: '.fr-element',
      send: '.reply-btn',
      shown: '[data-private="true"]',
    },
  },
  {
    name: 'helpscout',
    editor: '[data-slate-editor="true"][data-fixture-framework="slate"]',
    send: '[data-cy="ConvoEditor"] button[type="submit"]',
    firstName: 'Tomás',
    note: {
      switch: '[data-testid="note-button"]',
      editor: '[data-slate-editor="true"][data-fixture-framework="slate"]',
      send: '[data-cy="ConvoEditor"] button[type="submit"]',
      shown: 'li.is-note',
    },
  },
  {
    name: 'intercom',
    editor: '.ProseMirror[data-fixture-framework="prosemirror"]',
    send: '[data-test-composer-send]',
    firstName: 'Mei',
    note: {
      switch: '.fixture-note-tab',
      editor: '.ProseMirror[data-fixture-framework="prosemirror"]',
      send: '[data-test-composer-send]',
      shown: '.inbox2__note-part.fixture-body',
    },
  },
  {
    name: 'front',
    editor: '[data-testid="composer"] .ProseMirror',
    send: '[data-testid="send-button"]',
    firstName: 'Olu',
    note: {
      switch: null,
      editor: '.fixture-comment-box textarea',
      send: '.fixture-comment-send',
      shown: '.fixture-comment',
    },
  },
  {
    name: 'gorgias',
    editor: '.public-DraftEditor-content',
    send: '#submit-button',
    firstName: 'Elena',
    note: {
      switch: '.fixture-note-tab',
      editor: '.public-DraftEditor-content',
      send: '#submit-button',
      shown: '[data-variant="internal-note"] .fixture-body',
    },
  },
  {
    name: 'zohodesk',
    editor: '[data-id="replyEditor"] textarea',
    send: '[data-id="sendButton"]',
    firstName: 'Noah',
    note: {
      switch: '[data-id="commentButton"]',
      editor: '[data-id="replyEditor"] textarea',
      send: '[data-id="sendButton"]',
      shown: '[data-direction="comment"]',
    },
  },
] as const;
