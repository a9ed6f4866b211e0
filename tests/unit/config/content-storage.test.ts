import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_TICKET_CHOICES } from '@/utils/config/content-shapes';
import {
  loadTicketChoice,
  readSidebarLayout,
  saveTicketChoice,
  watchConfig,
  writeSidebarLayout,
} from '@/utils/config/content-storage';
import { settingsItem, sidebarLayoutItem, ticketChoicesItem } from '@/utils/config/storage-items';

describe('the content script’s storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads and writes the same keys as the extension pages’ storage items', async () => {
    expect(await readSidebarLayout()).toEqual({ width: 340, collapsed: false });
    await writeSidebarLayout({ width: 420, collapsed: true });
    expect(await sidebarLayoutItem.getValue()).toEqual({ width: 420, collapsed: true });
    await saveTicketChoice('demo:1042', 'billing', 1);
    expect(await ticketChoicesItem.getValue()).toEqual({ 'demo:1042': { playbookId: 'billing', at: 1 } });
    expect(await loadTicketChoice('demo:1042')).toBe('billing');
    expect(await loadTicketChoice('demo:9999')).toBeUndefined();
  });

  it('keeps only the most recent ticket choices', async () => {
    for (let i = 0; i <= MAX_TICKET_CHOICES; i++) await saveTicketChoice(`demo:${i}`, 'refund', i);
    const choices = await ticketChoicesItem.getValue();
    expect(Object.keys(choices)).toHaveLength(MAX_TICKET_CHOICES);
    expect(choices['demo:0']).toBeUndefined();
    expect(choices[`demo:${MAX_TICKET_CHOICES}`]).toBeDefined();
  });

  it('tells the sidebar when settings or team playbooks change, and not for its own layout', async () => {
    const changed = vi.fn();
    const stop = watchConfig(changed);
    await writeSidebarLayout({ width: 300, collapsed: false });
    expect(changed).not.toHaveBeenCalled();
    await settingsItem.setValue({ agentName: 'Ana', retentionDays: 30, sendGate: true });
    expect(changed).toHaveBeenCalledTimes(1);
    stop();
    await settingsItem.setValue({ agentName: 'Ana', retentionDays: 31, sendGate: true });
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
