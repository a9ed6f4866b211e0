import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, isHelpdeskEnabled } from '@/utils/config/content-shapes';
import {
  applyManagedSettings,
  loadPlaybooks,
  loadSettings,
  mergePlaybookSources,
} from '@/utils/config/in-force';
import { settingsItem, teamPlaybooksItem } from '@/utils/config/storage-items';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import { type Playbook, parsePlaybookFile } from '@/utils/playbook/schema';

function playbook(id: string, name = id): Playbook {
  const result = parsePlaybookFile({
    format: 'keel.playbooks/1',
    playbooks: [{ id, name, steps: [{ id: 'greet', title: 'Greet', check: { kind: 'greeting' } }] }],
  });
  if (!result.ok || !result.file.playbooks[0]) throw new Error('fixture is invalid');
  return result.file.playbooks[0];
}

describe('playbook merge order', () => {
  it('lets managed beat team and team beat built-in for the same id', () => {
    const merged = mergePlaybookSources(
      [playbook('refund', 'Managed refund')],
      [playbook('refund', 'Team refund'), playbook('vip', 'Team vip')],
      [playbook('refund', 'Built-in refund'), playbook('vip', 'Built-in vip'), playbook('general')],
    );
    expect(merged.map((entry) => [entry.playbook.name, entry.source])).toEqual([
      ['Managed refund', 'managed'],
      ['Team vip', 'team'],
      ['general', 'built-in'],
    ]);
  });

  it('puts the team’s playbooks before the built-in ones they have not replaced', () => {
    expect(
      mergePlaybookSources([], [playbook('general', 'Mine')], [playbook('general'), playbook('x')]).map(
        (entry) => entry.playbook.name,
      ),
    ).toEqual(['Mine', 'x']);
  });
});

describe('loading from storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loads managed, team and built-in playbooks together', async () => {
    await teamPlaybooksItem.setValue([playbook('team-only')]);
    await fakeBrowser.storage.managed.set({
      playbooks: { format: 'keel.playbooks/1', playbooks: [playbook('general', 'Policy general')] },
    });
    const ids = (await loadPlaybooks()).map((p) => `${p.id}:${p.name}`);
    expect(ids.slice(0, 2)).toEqual(['general:Policy general', 'team-only:team-only']);
    expect(ids).toHaveLength(DEFAULT_PLAYBOOKS.length + 1);
  });

  it('applies the administrator’s settings over the agent’s', async () => {
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      agentName: 'Sam',
      sendGate: false,
      retentionDays: 30,
    });
    await fakeBrowser.storage.managed.set({ settings: { sendGate: true } });
    expect(await loadSettings()).toEqual({ agentName: 'Sam', sendGate: true, retentionDays: 30 });
  });
});

describe('helpdesks on and off', () => {
  it('adds the administrator’s disabled helpdesks to the agent’s', () => {
    const settings = applyManagedSettings(
      { ...DEFAULT_SETTINGS, disabledHelpdesks: ['front'] },
      { disabledHelpdesks: ['zendesk'] },
    );
    expect(isHelpdeskEnabled(settings, 'zendesk')).toBe(false);
    expect(isHelpdeskEnabled(settings, 'front')).toBe(false);
    expect(isHelpdeskEnabled(settings, 'freshdesk')).toBe(true);
  });
});

describe('loadManagedPolicyQuickly', () => {
  beforeEach(() => fakeBrowser.reset());

  /** Replaces the browser's storage.managed read for one test; returns how often it was read. */
  async function managedReads(answer: () => Promise<Record<string, unknown>>) {
    const { browser } = await import('wxt/browser');
    const managed = browser.storage.managed as unknown as { get: () => Promise<Record<string, unknown>> };
    const original = managed.get;
    const calls = {
      count: 0,
      restore: () => {
        managed.get = original;
      },
    };
    managed.get = () => {
      calls.count++;
      return answer();
    };
    return calls;
  }

  it('reads the browser’s policy once per context, not once per helpdesk page that asks', async () => {
    const { loadManagedPolicyQuickly } = await import('@/utils/config/in-force');
    const reads = await managedReads(async () => ({ settings: { sendGate: true } }));
    try {
      for (let i = 0; i < 5; i++) expect((await loadManagedPolicyQuickly(20)).settings.sendGate).toBe(true);
      expect(reads.count).toBe(1);
    } finally {
      reads.restore();
    }
  });

  it('answers at once with the last known policy while the browser’s read is slow (a worker that just woke)', async () => {
    const { loadManagedPolicyQuickly } = await import('@/utils/config/in-force');
    const cached = { playbooks: [], settings: { sendGate: true }, problems: [] };
    await fakeBrowser.storage.local.set({ managedPolicyCache: cached });
    const reads = await managedReads(() => new Promise(() => {}));
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        expect(await loadManagedPolicyQuickly(200)).toEqual(cached);
        expect(Date.now() - started).toBeLessThan(100);
      }
      expect(reads.count).toBe(1);
    } finally {
      reads.restore();
    }
  });

  it('with no policy known yet, makes only the first caller wait for a slow read', async () => {
    const { loadManagedPolicyQuickly } = await import('@/utils/config/in-force');
    const reads = await managedReads(() => new Promise(() => {}));
    try {
      const started = Date.now();
      expect(await loadManagedPolicyQuickly(200)).toEqual({
        playbooks: [],
        settings: {},
        sites: [],
        problems: [],
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      const again = Date.now();
      expect(await loadManagedPolicyQuickly(200)).toEqual({
        playbooks: [],
        settings: {},
        sites: [],
        problems: [],
      });
      expect(Date.now() - again).toBeLessThan(100);
      expect(reads.count).toBe(1);
    } finally {
      reads.restore();
    }
  });

  it('with no policy known yet, takes a live read that comes within the wait', async () => {
    const { loadManagedPolicyQuickly } = await import('@/utils/config/in-force');
    const reads = await managedReads(
      () => new Promise((resolve) => setTimeout(() => resolve({ settings: { sendGate: true } }), 50)),
    );
    try {
      expect((await loadManagedPolicyQuickly(500)).settings.sendGate).toBe(true);
    } finally {
      reads.restore();
    }
  });

  it('reads the policy again when the browser says it changed', async () => {
    const { loadManagedPolicyQuickly } = await import('@/utils/config/in-force');
    let sendGate = true;
    const reads = await managedReads(async () => ({ settings: { sendGate } }));
    try {
      expect((await loadManagedPolicyQuickly(20)).settings.sendGate).toBe(true);
      sendGate = false;
      await fakeBrowser.storage.onChanged.trigger({ sendGate: { newValue: false } }, 'managed');
      await vi.waitFor(async () =>
        expect((await loadManagedPolicyQuickly(20)).settings.sendGate).toBe(false),
      );
    } finally {
      reads.restore();
    }
  });

  it('answers with the last known policy while the browser’s policy read is slow, then refreshes it', async () => {
    const { loadManagedPolicyQuickly } = await import('@/utils/config/in-force');
    const { browser } = await import('wxt/browser');
    const cached = { playbooks: [], settings: { sendGate: true }, problems: [] };
    await fakeBrowser.storage.local.set({ managedPolicyCache: cached });
    let release: (value: Record<string, unknown>) => void = () => undefined;
    const slowRead = new Promise<Record<string, unknown>>((resolve) => {
      release = resolve;
    });
    const managed = browser.storage.managed as unknown as { get: () => Promise<Record<string, unknown>> };
    const original = managed.get;
    managed.get = () => slowRead;
    try {
      expect(await loadManagedPolicyQuickly(20)).toEqual(cached);
      release({ settings: { retentionDays: 30 } });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { managedPolicyCache } = await fakeBrowser.storage.local.get('managedPolicyCache');
      expect(managedPolicyCache).toMatchObject({ settings: { retentionDays: 30 } });
    } finally {
      managed.get = original;
    }
  });
});
