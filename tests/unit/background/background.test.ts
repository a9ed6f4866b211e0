import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mostCommonLocalAgent } from '../../../utils/background/handlers';
import { startBackground } from '../../../utils/background/main';
import { PENDING_ALARM, readPendingGraceMs, TEST_GRACE_KEY } from '../../../utils/background/pending';
import { RETENTION_ALARM } from '../../../utils/background/retention';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { openKeelDB } from '../../../utils/store/open';
import { PENDING_GRACE_MS } from '../../../utils/store/pending';
import { freshDbName, makeRecord } from '../store/fixtures';

const popup: Browser.runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
};
const contentScript: Browser.runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://acme.zendesk.com/agent/tickets/1',
  tab: { id: 3 } as Browser.tabs.Tab,
};

/** Triggers the background's listener like a real sendMessage would and resolves its answer. */
async function send(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  let respond: (value: unknown) => void = () => {};
  const answer = new Promise((resolve) => {
    respond = resolve;
  });
  const results = await fakeBrowser.runtime.onMessage.trigger(message, sender, respond);
  expect(results).toEqual([true]);
  return answer;
}

let dbName: string;
beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Keel',
    version: '0.1.0',
  });
  dbName = freshDbName();
  startBackground(dbName);
});
afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('background messages', () => {
  it('registers exactly one message listener', async () => {
    // trigger() resolves one result per registered listener.
    const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'stats.clear' }, popup, () => {});
    expect(results).toEqual([true]);
  });

  it('stores a reply from a content script once, however often it is retried', async () => {
    const record = makeRecord();
    expect(await send({ type: 'reply.sent', record }, contentScript)).toEqual({ ok: true, added: true });
    expect(await send({ type: 'reply.sent', record }, contentScript)).toEqual({ ok: true, added: false });
    const answer = (await send({ type: 'stats.summary', period: 'all' }, popup)) as {
      summary: { total: number };
    };
    expect(answer.summary.total).toBe(1);
  });

  it('gives a helpdesk page the playbooks and settings in force: the team’s first, then built-in', async () => {
    const teamRefund = { ...DEFAULT_PLAYBOOKS[0], name: 'Our refunds', version: 7 };
    await fakeBrowser.storage.local.set({
      playbooks: [teamRefund],
      settings: { agentName: 'Ana', sendGate: true },
    });
    const answer = (await send({ type: 'config.get' }, contentScript)) as {
      ok: boolean;
      playbooks: { id: string; name: string }[];
      settings: { sendGate: boolean; agentName: string; retentionDays: number };
    };
    expect(answer.ok).toBe(true);
    expect(answer.playbooks[0]).toMatchObject({ id: teamRefund.id, name: 'Our refunds' });
    expect(answer.playbooks.filter((p) => p.id === teamRefund.id)).toHaveLength(1);
    expect(answer.playbooks.map((p) => p.id)).toContain('general');
    expect(answer.settings).toMatchObject({ agentName: 'Ana', sendGate: true, retentionDays: 365 });
  });

  it('drops a text field sent along with a record', async () => {
    const record = makeRecord();
    await send({ type: 'reply.sent', record: { ...record, text: 'Hi, sorry!' } }, contentScript);
    const db = await openKeelDB(dbName);
    expect(await db.get('replies', record.id)).toEqual(record);
    db.close();
  });

  it.each([
    ['an unknown type', { type: 'stats.drop' }],
    ['a record with a bad score', { type: 'reply.sent', record: { ...makeRecord(), score: 'high' } }],
    ['a bad period', { type: 'stats.summary', period: '1y' }],
    ['not an object', 'reply.sent'],
  ])('refuses %s as malformed', async (_label, message) => {
    const answer = (await send(message, popup)) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^refused: malformed message/);
  });

  it('refuses messages from another extension', async () => {
    const answer = await send(
      { type: 'stats.clear' },
      { id: 'other-extension', url: 'chrome-extension://other/x' },
    );
    expect(answer).toEqual({ ok: false, error: 'refused: the message did not come from Keel' });
  });

  it('refuses a helpdesk page asking for anything but reply.sent', async () => {
    await send({ type: 'reply.sent', record: makeRecord() }, contentScript);
    for (const message of [{ type: 'stats.clear' }, { type: 'stats.exportTeam' }]) {
      const answer = (await send(message, contentScript)) as { ok: boolean; error: string };
      expect(answer).toMatchObject({ ok: false });
      expect(answer.error).toContain('a page may not send');
    }
    const answer = (await send({ type: 'stats.summary', period: 'all' }, popup)) as {
      summary: { total: number };
    };
    expect(answer.summary.total).toBe(1);
  });

  it('exports a team file with the agent from settings, clears, imports it and shows the same summary', async () => {
    await fakeBrowser.storage.local.set({ settings: { agentName: 'Ana Lopez' } });
    await send(
      { type: 'reply.sent', record: makeRecord({ score: 40, fullAdherence: false }) },
      contentScript,
    );
    await send({ type: 'reply.sent', record: makeRecord({ score: 90 }) }, contentScript);
    const before = await send({ type: 'stats.summary', period: 'all' }, popup);
    const exported = (await send({ type: 'stats.exportTeam' }, popup)) as { fileName: string; text: string };
    expect(exported.fileName).toMatch(/^keel-team-Ana-Lopez-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(exported.text)).toMatchObject({ agent: 'Ana Lopez', app: 'keel' });

    expect(await send({ type: 'stats.clear' }, popup)).toEqual({ ok: true });
    const imported = await send(
      { type: 'stats.importTeam', files: [{ name: exported.fileName, text: exported.text }] },
      popup,
    );
    expect(imported).toMatchObject({ ok: true, files: [{ added: 2 }] });
    expect(await send({ type: 'stats.summary', period: 'all' }, popup)).toEqual(before);
  });

  it('answers a refused import with the file’s problem', async () => {
    const answer = await send({ type: 'stats.importTeam', files: [{ name: 'x.json', text: '{}' }] }, popup);
    expect(answer).toEqual({ ok: false, error: 'x.json: made by another program, not a Keel team file.' });
  });

  it('answers a full disk with quota: true', async () => {
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const answer = (await send({ type: 'reply.sent', record: makeRecord() }, contentScript)) as {
      ok: boolean;
      quota?: boolean;
    };
    put.mockRestore();
    expect(answer).toMatchObject({ ok: false, quota: true });
  });
});

describe('retention', () => {
  it('schedules a daily alarm', async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const alarm = await fakeBrowser.alarms.get(RETENTION_ALARM);
    expect(alarm?.periodInMinutes).toBe(24 * 60);
  });

  it('prunes records older than settings.retentionDays when the alarm fires', async () => {
    await fakeBrowser.storage.local.set({ settings: { retentionDays: 30 } });
    const day = 24 * 60 * 60 * 1000;
    const old = makeRecord({ time: Date.now() - 40 * day });
    const recent = makeRecord({ time: Date.now() - 10 * day });
    await send({ type: 'reply.sent', record: old }, contentScript);
    await send({ type: 'reply.sent', record: recent }, contentScript);

    await fakeBrowser.alarms.onAlarm.trigger({
      name: RETENTION_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    const db = await openKeelDB(dbName);
    for (let i = 0; i < 50 && (await db.count('replies')) > 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await db.getAll('replies')).map((r) => r.id)).toEqual([recent.id]);
    expect((await db.getAll('rollups')).reduce((sum, r) => sum + r.count, 0)).toBe(1);
    db.close();
  });
});

describe('sends handed over at the moment of Send', () => {
  let clock: number;
  beforeEach(() => {
    clock = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
  });

  const total = async () =>
    ((await send({ type: 'stats.summary', period: 'all' }, popup)) as { summary: { total: number } }).summary
      .total;

  /** Waits for the background's own asynchronous work (startup, alarm) to store `count` replies. */
  async function storedReplies(count: number): Promise<number> {
    const db = await openKeelDB(dbName);
    let stored = await db.count('replies');
    for (let i = 0; i < 100 && stored !== count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      stored = await db.count('replies');
    }
    db.close();
    return stored;
  }

  it('lets a helpdesk page hand over and cancel a pending send', async () => {
    const record = makeRecord();
    expect(await send({ type: 'reply.pending', record }, contentScript)).toEqual({ ok: true, pending: true });
    expect(await send({ type: 'reply.cancel', id: record.id }, contentScript)).toEqual({
      ok: true,
      cancelled: true,
    });
  });

  it('counts a pending send only once its page confirms it, and then once', async () => {
    const record = makeRecord();
    await send({ type: 'reply.pending', record }, contentScript);
    expect(await total()).toBe(0);
    expect(await send({ type: 'reply.sent', record }, contentScript)).toEqual({ ok: true, added: true });
    expect(await total()).toBe(1);
    clock += PENDING_GRACE_MS + 1;
    expect(await total()).toBe(1);
  });

  it('never counts a send its page refused, even after the grace period', async () => {
    const record = makeRecord();
    await send({ type: 'reply.pending', record }, contentScript);
    await send({ type: 'reply.cancel', id: record.id }, contentScript);
    clock += PENDING_GRACE_MS + 1;
    expect(await total()).toBe(0);
  });

  it('schedules an alarm for the end of the grace period and commits the send when it fires', async () => {
    const record = makeRecord();
    const handedAt = clock;
    await send({ type: 'reply.pending', record }, contentScript);
    expect((await fakeBrowser.alarms.get(PENDING_ALARM))?.scheduledTime).toBe(handedAt + PENDING_GRACE_MS);
    clock += PENDING_GRACE_MS;
    await fakeBrowser.alarms.onAlarm.trigger({
      name: PENDING_ALARM,
      scheduledTime: clock,
      persistAcrossSessions: true,
    });
    expect(await storedReplies(1)).toBe(1);
  });

  it('counts a send whose tab closed in a summary read after the grace period, before any alarm', async () => {
    await send({ type: 'reply.pending', record: makeRecord() }, contentScript);
    clock += PENDING_GRACE_MS - 1;
    expect(await total()).toBe(0);
    clock += 1;
    expect(await total()).toBe(1);
  });

  it('adds nothing for a confirmation that arrives after the grace period committed the send', async () => {
    const record = makeRecord();
    await send({ type: 'reply.pending', record }, contentScript);
    clock += PENDING_GRACE_MS;
    expect(await total()).toBe(1);
    expect(await send({ type: 'reply.sent', record }, contentScript)).toEqual({ ok: true, added: false });
    expect(await total()).toBe(1);
  });

  it('commits sends left pending when the service worker restarts after the grace period', async () => {
    const overdue = makeRecord();
    const recent = makeRecord();
    await send({ type: 'reply.pending', record: overdue }, contentScript);
    clock += 20_000;
    await send({ type: 'reply.pending', record: recent }, contentScript);
    clock += PENDING_GRACE_MS - 20_000;
    // The worker stops: listeners and alarms' in-memory state go; IndexedDB stays.
    fakeBrowser.reset();
    startBackground(dbName);
    expect(await storedReplies(1)).toBe(1);
    const db = await openKeelDB(dbName);
    expect((await db.getAll('replies')).map((r) => r.id)).toEqual([overdue.id]);
    expect((await db.getAll('pending')).map((p) => p.record.id)).toEqual([recent.id]);
    db.close();
    // An alarm is due no later than the end of the younger send's grace period.
    const alarm = await fakeBrowser.alarms.get(PENDING_ALARM);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(clock + 20_000);
  });

  it('ignores the e2e suite’s grace-period key in a store build', async () => {
    await fakeBrowser.storage.local.set({ [TEST_GRACE_KEY]: 1000 });
    await send({ type: 'reply.pending', record: makeRecord() }, contentScript);
    clock += 1000;
    expect(await total()).toBe(0);
    expect(await readPendingGraceMs()).toBe(PENDING_GRACE_MS);
  });

  it('honours a shorter grace period that a test put in storage.local, in the test build', async () => {
    vi.stubEnv('KEEL_TEST_BUILD', 'true');
    await fakeBrowser.storage.local.set({ [TEST_GRACE_KEY]: 1000 });
    await send({ type: 'reply.pending', record: makeRecord() }, contentScript);
    clock += 1000;
    expect(await total()).toBe(1);
    vi.unstubAllEnvs();
  });
});

describe('team file agent', () => {
  it('falls back to the most common agent on this browser’s records when options have no name', async () => {
    for (const agent of ['Ana Lopez', 'Ben', 'Ana Lopez']) {
      await send({ type: 'reply.sent', record: makeRecord({ agent }) }, contentScript);
    }
    await send(
      { type: 'reply.sent', record: makeRecord({ agent: 'Imported Ivy', origin: 'import' }) },
      contentScript,
    );
    const exported = (await send({ type: 'stats.exportTeam' }, popup)) as { fileName: string; text: string };
    expect(exported.fileName).toMatch(/^keel-team-Ana-Lopez-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(exported.text)).toMatchObject({ agent: 'Ana Lopez' });
  });

  it('picks by count on local records only, the most recent on a tie, and nothing without names', () => {
    const local = (agent: string) => makeRecord({ agent });
    const imported = (agent: string) => makeRecord({ agent, origin: 'import' });
    expect(mostCommonLocalAgent([local('Ana'), imported('Ivy'), imported('Ivy'), local('Ben')])).toBe('Ben');
    expect(mostCommonLocalAgent([local('Ana'), local('Ana'), local('Ben')])).toBe('Ana');
    expect(mostCommonLocalAgent([local(''), imported('Ivy')])).toBe('');
  });
});
