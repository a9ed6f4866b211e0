import { expect, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../../utils/background/main';
import { freshDbName } from '../store/fixtures';

export const popup: Browser.runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
};

export const contentScript: Browser.runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://acme.zendesk.com/agent/tickets/1',
  tab: { id: 3 } as Browser.tabs.Tab,
};

/** An answer of the background, loosely typed for assertions. */
export type Answer = { ok: boolean; error?: string; [key: string]: unknown };

/** Triggers the background's one listener like a real sendMessage and resolves its answer. */
export async function send(message: unknown, sender: Browser.runtime.MessageSender = popup): Promise<Answer> {
  let respond: (value: unknown) => void = () => {};
  const answer = new Promise<unknown>((resolve) => {
    respond = resolve;
  });
  const results = await fakeBrowser.runtime.onMessage.trigger(message, sender, respond);
  expect(results).toEqual([true]);
  return answer as Promise<Answer>;
}

/** A fresh fake browser and a background on a database of its own. */
export function startFreshBackground(): void {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Keel',
    version: '0.1.0',
  });
  startBackground(freshDbName());
}

/**
 * Every read the popup and options make, each asserted to answer ok: what "no later read broken"
 * means in the hardening suites. Resolves the summary's total.
 */
export async function expectReadsWork(): Promise<number> {
  const summary = await send({ type: 'stats.summary', period: 'all' });
  expect(summary, JSON.stringify(summary).slice(0, 300)).toMatchObject({ ok: true });
  for (const type of ['stats.exportTeam', 'stats.exportBackup'] as const) {
    expect(await send({ type }), type).toMatchObject({ ok: true });
  }
  expect(await send({ type: 'stats.exportCsv', period: 'all' })).toMatchObject({ ok: true });
  expect(await send({ type: 'stats.summary', period: '7d', agent: 'x' })).toMatchObject({ ok: true });
  return (summary as unknown as { summary: { total: number } }).summary.total;
}
