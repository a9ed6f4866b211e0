import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../../utils/background/main';
import { RETENTION_ALARM } from '../../../utils/background/retention';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { openKeelDB } from '../../../utils/store/open';
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
