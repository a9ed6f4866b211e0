import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import type { Browser } from 'wxt/browser';
import { createMessageHandler } from '@/utils/background/handlers';
import { DEFAULT_SETTINGS } from '@/utils/config/content-shapes';
import type { KeelMessage, KeelResponse } from '@/utils/messages';
import type { Playbook } from '@/utils/playbook/schema';
import { type KeelDatabase, openKeelDB } from '@/utils/store/open';
import { freshDbName } from './store/fixtures';

/** How an extension page sends a message to the background and reads its answer. */
export type PageSend = <T extends KeelMessage>(message: T) => Promise<KeelResponse<T>>;

/**
 * The background's message handler over a fresh database, as one of the extension's pages (popup,
 * report, options) talks to it: agent Ana, the clock at `now`, `playbooks` in force.
 */
export async function backgroundForPage(options: {
  page: 'popup' | 'report' | 'options';
  now: number;
  playbooks?: Playbook[];
}): Promise<{ db: KeelDatabase; send: PageSend }> {
  const db = await openKeelDB(freshDbName());
  const sender: Browser.runtime.MessageSender = {
    id: 'keel',
    url: `chrome-extension://keel/${options.page}.html`,
  };
  const handle = createMessageHandler({
    db: async () => db,
    runtimeId: () => 'keel',
    extensionOrigin: () => 'chrome-extension://keel/',
    appVersion: () => '0.1.0',
    agentName: async () => 'Ana',
    config: async () => ({ playbooks: options.playbooks ?? [], settings: DEFAULT_SETTINGS }),
    now: () => options.now,
  });
  return { db, send: (message) => handle(message, sender) as never };
}

/**
 * For a test file: a fresh background for each test (handed to `use` before it), and after it
 * what the test rendered unmounted and the database closed.
 */
export function backgroundPerTest(
  options: Parameters<typeof backgroundForPage>[0],
  use: (background: { db: KeelDatabase; send: PageSend }) => void,
): void {
  let db: KeelDatabase | undefined;
  beforeEach(async () => {
    const background = await backgroundForPage(options);
    db = background.db;
    use(background);
  });
  afterEach(() => {
    cleanup();
    db?.close();
  });
}
