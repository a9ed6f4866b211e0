import { describe, expect, it } from 'vitest';
import { openKeelDB } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import { maskSecret, parseTeamConfig, type TeamConfig } from '../../../utils/team/config';
import { toTeamDoc } from '../../../utils/team/doc';
import { RETRY_MIN_MS, retryDelay } from '../../../utils/team/push';
import { createTeamPusher, type TeamStatus } from '../../../utils/team/scheduler';
import { freshDbName, makeRecord } from '../store/fixtures';

const config: TeamConfig = {
  url: 'http://127.0.0.1:1',
  database: 'team',
  username: 'Ana',
  password: 'secret',
  source: 'options',
};

/** A fake CouchDB `_bulk_docs`: answers what `answer` says, remembers what it holds. */
function fakeCouch(answer: () => 'ok' | 'down' | 401 | 503) {
  const held = new Set<string>();
  const requests: string[][] = [];
  const fetchFake = (async (_url: string, init: RequestInit) => {
    const mode = answer();
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (mode !== 'ok') return new Response('{}', { status: mode });
    const { docs } = JSON.parse(String(init.body)) as { docs: { _id: string; agent: string }[] };
    requests.push(docs.map((doc) => doc._id));
    const results = docs.map((doc) => {
      if (doc.agent === 'Forged')
        return { id: doc._id, error: 'forbidden', reason: 'agent must be the writer' };
      if (held.has(doc._id)) return { id: doc._id, error: 'conflict', reason: 'Document update conflict.' };
      held.add(doc._id);
      return { id: doc._id, ok: true, rev: '1-x' };
    });
    return new Response(JSON.stringify(results), { status: 201 });
  }) as typeof fetch;
  return { held, requests, fetchFake };
}

async function setup(answer: () => 'ok' | 'down' | 401 | 503) {
  const db = await openKeelDB(freshDbName());
  const couch = fakeCouch(answer);
  let clock = 1_000_000;
  let status: TeamStatus | null = null;
  const alarms: (number | null)[] = [];
  const pusher = createTeamPusher({
    db: async () => db,
    config: async () => config,
    now: () => clock,
    fetch: couch.fetchFake,
    readStatus: async () => status,
    writeStatus: async (next) => {
      status = next;
    },
    schedule: async (when) => {
      alarms.push(when);
    },
  });
  return { db, couch, pusher, alarms, tick: (ms: number) => (clock += ms), at: () => clock };
}

describe('team push', () => {
  it('pushes each local record once and never an imported one', async () => {
    const t = await setup(() => 'ok');
    await t.pusher.run(); // the connection starts now: `from` = now
    await addReply(t.db, makeRecord({ id: 'a', time: t.at() + 1 }));
    await addReply(t.db, makeRecord({ id: 'b', time: t.at() + 2, origin: 'import' }));
    const status = await t.pusher.run();
    expect(status.state).toBe('ok');
    expect([...t.couch.held]).toEqual(['reply:a']);
    expect(status.pending).toBe(0);
  });

  it('counts a conflict as already there, so a resent batch adds nothing twice', async () => {
    const t = await setup(() => 'ok');
    await t.pusher.run();
    await addReply(t.db, makeRecord({ id: 'c', time: t.at() + 1 }));
    t.couch.held.add('reply:c'); // an earlier push got through, its answer was lost
    const status = await t.pusher.run();
    expect(status).toMatchObject({ state: 'ok', pending: 0, rejected: 0 });
    expect(t.couch.held.size).toBe(1);
  });

  it('sets a refused document aside and pushes the rest of the batch', async () => {
    const t = await setup(() => 'ok');
    await t.pusher.run();
    await addReply(t.db, makeRecord({ id: 'f', agent: 'Forged', time: t.at() + 1 }));
    await addReply(t.db, makeRecord({ id: 'g', time: t.at() + 2 }));
    const status = await t.pusher.run();
    expect(status).toMatchObject({ state: 'ok', pending: 0, rejected: 1 });
    expect([...t.couch.held]).toEqual(['reply:g']);
  });

  it('stops on a 401 without arming a retry', async () => {
    const t = await setup(() => 401);
    await t.pusher.run();
    await addReply(t.db, makeRecord({ id: 'u', time: t.at() + 1 }));
    const status = await t.pusher.run();
    expect(status).toMatchObject({ state: 'unauthorized', pending: 1 });
    expect(t.alarms.at(-1)).toBeNull();
  });

  it('"Test connection" shows a 401 even when nothing waits to be pushed', async () => {
    const t = await setup(() => 401);
    const status = await t.pusher.test();
    expect(status).toMatchObject({ state: 'unauthorized', pending: 0 });
    expect(status.message).toContain('enter them again');
  });

  it('backs off with alarms no closer than 30 s apart while the store is down, then delivers everything once', async () => {
    let mode: 'ok' | 'down' | 503 = 'down';
    const t = await setup(() => mode);
    await t.pusher.run();
    for (let i = 0; i < 5; i += 1) await addReply(t.db, makeRecord({ id: `d${i}`, time: t.at() + i + 1 }));
    const gaps: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      mode = attempt % 2 ? 503 : 'down';
      const status = await t.pusher.run();
      expect(['offline', 'error']).toContain(status.state);
      const when = t.alarms.at(-1);
      expect(when).not.toBeNull();
      gaps.push((when as number) - t.at());
      t.tick((when as number) - t.at()); // the alarm fires
    }
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RETRY_MIN_MS);
    expect(gaps).toEqual([0, 1, 2, 3, 4, 5].map((n) => retryDelay(n)));
    mode = 'ok';
    const status = await t.pusher.run();
    expect(status).toMatchObject({ state: 'ok', pending: 0, attempt: 0 });
    expect(t.couch.held.size).toBe(5);
    expect(t.alarms.at(-1)).toBeNull();
  });

  it('sends history once asked: records older than the connection', async () => {
    const t = await setup(() => 'ok');
    await addReply(t.db, makeRecord({ id: 'old', time: 5 }));
    await t.pusher.run();
    expect(t.couch.held.size).toBe(0);
    const status = await t.pusher.sendHistory();
    expect(status.state).toBe('ok');
    expect([...t.couch.held]).toEqual(['reply:old']);
  });
});

describe('team config', () => {
  it('accepts a url, database and username/password, or a token, and never a url with credentials', () => {
    expect(
      parseTeamConfig({ url: 'https://couch.example/', database: 'team', token: 'jwt' }, 'policy').ok,
    ).toBe(true);
    expect(
      parseTeamConfig({ url: 'https://u:p@couch.example', database: 'team', token: 'x' }, 'policy').ok,
    ).toBe(false);
    expect(
      parseTeamConfig(
        { url: 'https://couch.example', database: 'Team', username: 'a', password: 'b' },
        'options',
      ).ok,
    ).toBe(false);
  });

  it('masks a secret, showing at most its last two characters', () => {
    expect(maskSecret('correct horse')).toBe('••••••se');
    expect(maskSecret('short')).not.toContain('short');
  });

  it('makes a document of allow-listed fields only: no origin, no text', () => {
    const doc = toTeamDoc({
      ...makeRecord({ id: 'z', format: 2, ticketUrl: 'https://x.test/1' }),
      text: 'hi',
    } as never);
    expect(doc._id).toBe('reply:z');
    expect(Object.keys(doc)).not.toContain('origin');
    expect(Object.keys(doc)).not.toContain('text');
  });
});
