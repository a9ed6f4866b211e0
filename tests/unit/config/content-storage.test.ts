import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_TICKET_CHOICES, STORAGE_KEYS, type TicketChoice } from '@/utils/config/content-shapes';
import {
  loadTicketChoice,
  readSidebarLayout,
  saveTicketChoice,
  watchConfig,
  writeSidebarLayout,
} from '@/utils/config/content-storage';
import { settingsItem, teamPlaybooksItem } from '@/utils/config/storage-items';

/** What browser.storage.local holds under a key, as a later page load reads it. */
async function stored(key: string): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(key))[key];
}

describe('the content script’s storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the sidebar’s layout and the ticket choices under their keys for the next page', async () => {
    expect(await readSidebarLayout()).toEqual({ width: 340, collapsed: false });
    await writeSidebarLayout({ width: 420, collapsed: true });
    expect(await stored(STORAGE_KEYS.sidebarLayout)).toEqual({ width: 420, collapsed: true });
    expect(await readSidebarLayout()).toEqual({ width: 420, collapsed: true });
    await saveTicketChoice('demo:1042', 'billing', 1);
    expect(await stored(STORAGE_KEYS.ticketChoices)).toEqual({
      'demo:1042': { playbookId: 'billing', at: 1 },
    });
    expect(await loadTicketChoice('demo:1042')).toBe('billing');
    expect(await loadTicketChoice('demo:9999')).toBeUndefined();
  });

  it('keeps only the most recent ticket choices', async () => {
    for (let i = 0; i <= MAX_TICKET_CHOICES; i++) await saveTicketChoice(`demo:${i}`, 'refund', i);
    const choices = (await stored(STORAGE_KEYS.ticketChoices)) as Record<string, TicketChoice>;
    expect(Object.keys(choices)).toHaveLength(MAX_TICKET_CHOICES);
    expect(choices['demo:0']).toBeUndefined();
    expect(choices[`demo:${MAX_TICKET_CHOICES}`]).toBeDefined();
  });

  it('tells the sidebar when settings, team playbooks or the policy change, and not for its own layout', async () => {
    const changed = vi.fn();
    const stop = watchConfig(changed);
    await writeSidebarLayout({ width: 300, collapsed: false });
    expect(changed).not.toHaveBeenCalled();
    await settingsItem.setValue({ agentName: 'Ana', retentionDays: 30, sendGate: true });
    expect(changed).toHaveBeenCalledTimes(1);
    await teamPlaybooksItem.setValue([]);
    expect(changed).toHaveBeenCalledTimes(2);
    await fakeBrowser.storage.managed.set({ settings: { sendGate: true } });
    expect(changed).toHaveBeenCalledTimes(3);
    stop();
    await settingsItem.setValue({ agentName: 'Ana', retentionDays: 31, sendGate: true });
    await teamPlaybooksItem.setValue([]);
    expect(changed).toHaveBeenCalledTimes(3);
  });
});
