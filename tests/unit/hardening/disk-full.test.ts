import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TEST_GRACE_KEY } from '../../../utils/background/pending';
import { makeRecord } from '../store/fixtures';
import { type Answer, contentScript, send, startFreshBackground } from './background-harness';

beforeEach(async () => {
  startFreshBackground();
  // Every pending send is overdue at once: the next read tries to store it.
  // The test build reads the grace-period hook (a store build waits the full 30 s).
  vi.stubEnv('KEEL_TEST_BUILD', 'true');
  await fakeBrowser.storage.local.set({ [TEST_GRACE_KEY]: 0 });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

function diskIsFull(): void {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === 'replies') throw new DOMException('The disk is full', 'QuotaExceededError');
    return put.apply(this, args);
  });
}

describe('issue 14 Medium 8: disk full with one send pending blocks every summary and export', () => {
  it('answers summaries and every export, the backup carrying the pending send, then stores it once there is room', async () => {
    await send({ type: 'reply.sent', record: makeRecord({ id: 'stored' }) }, contentScript);
    const pending = makeRecord({ id: 'pending-at-full-disk' });
    expect(await send({ type: 'reply.pending', record: pending }, contentScript)).toEqual({
      ok: true,
      pending: true,
    });
    diskIsFull();

    const summary = (await send({ type: 'stats.summary', period: 'all' })) as Answer & {
      summary: { total: number };
    };
    expect(summary).toMatchObject({ ok: true, summary: { total: 1 } });
    expect(await send({ type: 'stats.exportCsv', period: 'all' })).toMatchObject({ ok: true, records: 1 });
    expect(await send({ type: 'stats.exportTeam' })).toMatchObject({ ok: true });
    const backup = (await send({ type: 'stats.exportBackup' })) as Answer & { text: string; records: number };
    expect(backup).toMatchObject({ ok: true, records: 2 });
    expect(JSON.parse(backup.text).records.map((r: { id: string }) => r.id)).toEqual(['stored', pending.id]);

    vi.restoreAllMocks();
    const later = (await send({ type: 'stats.summary', period: 'all' })) as Answer & {
      summary: { total: number };
    };
    expect(later.summary.total).toBe(2);
  });
});
