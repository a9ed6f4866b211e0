import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runRetention } from '@/utils/background/retention';
import { readStatsSettings } from '@/utils/config/stats-settings';
import { type KeelDatabase, openKeelDB } from '@/utils/store/open';
import { addReply, allReplies } from '@/utils/store/replies';
import { freshDbName, makeRecord } from '../store/fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date(2025, 5, 1, 12, 0).getTime();

let db: KeelDatabase;
beforeEach(async () => {
  fakeBrowser.reset();
  db = await openKeelDB(freshDbName());
});
afterEach(() => {
  db.close();
  fakeBrowser.reset();
});

describe('retention with the administrator’s policy', () => {
  it('deletes a 60-day-old record when the policy keeps 30 days though the agent chose 365', async () => {
    await fakeBrowser.storage.local.set({
      settings: { agentName: 'Ana', retentionDays: 365, sendGate: false },
    });
    await fakeBrowser.storage.managed.set({ settings: { retentionDays: 30 } });
    const old = makeRecord({ time: now - 60 * DAY_MS });
    const recent = makeRecord({ time: now - 10 * DAY_MS });
    await addReply(db, old, now);
    await addReply(db, recent, now);

    expect(await runRetention(db, now)).toBe(1);
    expect((await allReplies(db)).map((record) => record.id)).toEqual([recent.id]);
  });

  it('keeps a 60-day-old record under the agent’s 365 days when there is no policy', async () => {
    await fakeBrowser.storage.local.set({
      settings: { agentName: 'Ana', retentionDays: 365, sendGate: false },
    });
    const old = makeRecord({ time: now - 60 * DAY_MS });
    await addReply(db, old, now);

    expect(await runRetention(db, now)).toBe(0);
    expect((await allReplies(db)).map((record) => record.id)).toEqual([old.id]);
  });

  it('keeps records the policy keeps even when the agent chose a shorter period', async () => {
    await fakeBrowser.storage.local.set({
      settings: { agentName: 'Ana', retentionDays: 30, sendGate: false },
    });
    await fakeBrowser.storage.managed.set({ settings: { retentionDays: 90 } });
    await addReply(db, makeRecord({ time: now - 60 * DAY_MS }), now);

    expect(await runRetention(db, now)).toBe(0);
  });
});

describe('readStatsSettings', () => {
  it('falls back to 365 days for a malformed own setting and keeps the agent’s name', async () => {
    await fakeBrowser.storage.local.set({ settings: { agentName: 'Ana', retentionDays: 'forever' } });
    expect(await readStatsSettings()).toEqual({ retentionDays: 365, agentName: 'Ana' });
  });

  it('ignores a malformed policy value and uses the agent’s own setting', async () => {
    await fakeBrowser.storage.local.set({ settings: { agentName: '', retentionDays: 120, sendGate: false } });
    await fakeBrowser.storage.managed.set({ settings: { retentionDays: 0 } });
    expect((await readStatsSettings()).retentionDays).toBe(120);
  });
});
