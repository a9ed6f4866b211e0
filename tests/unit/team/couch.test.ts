// @vitest-environment node
// Against the real CouchDB protocol: pouchdb-server on 127.0.0.1, its files on disk so it can be
// killed mid-push and started again on the same data (tests/couch/server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeelDatabase, openKeelDB } from '../../../utils/store/open';
import { writeBatches } from '../../../utils/store/replies';
import { dayOf, rollupsOf } from '../../../utils/store/rollups';
import type { Rollup } from '../../../utils/store/schema';
import { dayTotalsOfRollups, summarize, summarizeRollups } from '../../../utils/store/summary';
import type { ReplyRecord } from '../../../utils/store/types';
import type { TeamConfig } from '../../../utils/team/config';
import { AGENT_ROLE, LEAD_ROLE } from '../../../utils/team/design';
import { docIdOf, type TeamDoc, toTeamDoc } from '../../../utils/team/doc';
import { pushQueue, RETRY_MIN_MS } from '../../../utils/team/push';
import { queueHistory, rejectedEntries } from '../../../utils/team/queue';
import { createTeamPusher, type TeamStatus } from '../../../utils/team/scheduler';
import { fetchTeamMissed, fetchTeamSummary, type SummaryMessage } from '../../../utils/team/summary';
import { ADMIN, basicAuth, type CouchServer, startCouch } from '../../couch/server';
import { setupTeam } from '../../tools/team-setup';
import { freshDbName } from '../store/fixtures';

const DATABASE = 'keel-team';
const AGENTS = 10;
const RECORDS_PER_AGENT = 1_000;
const DAY_MS = 86_400_000;

let server: CouchServer;

const agentName = (n: number) => `agent-${n}`;
const configFor = (username: string, password = `pw-${username}`): TeamConfig => ({
  url: server.url,
  database: DATABASE,
  username,
  password,
  source: 'options',
});

/** One agent's sent replies over the last 20 days: scores, playbooks, helpdesks and steps vary. */
function recordsOf(agent: string, count: number, now: number): ReplyRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const failGreet = i % 4 === 0;
    const applicableSorry = i % 3 !== 0;
    return {
      id: `${agent}-r${i}`,
      time: now - ((i * 7919 * 60_000) % (20 * DAY_MS)),
      helpdesk: i % 5 === 0 ? 'zendesk' : 'demo',
      ticketId: `T-${i}`,
      playbookId: ['refund', 'bug', 'howto'][i % 3] as string,
      playbookVersion: 1,
      agent,
      score: (i * 37) % 101,
      fullAdherence: !failGreet && i % 2 === 0,
      steps: [
        failGreet ? { id: 'greet', status: 'fail' as const } : { id: 'greet', status: 'pass' as const },
        { id: 'apologise', status: applicableSorry ? ('pass' as const) : ('na' as const) },
        ...(i % 7 === 0 ? [{ id: 'close', status: 'fail' as const }] : []),
      ],
      wordCount: 40 + (i % 60),
      origin: 'local' as const,
      format: 2 as const,
      ...(i % 11 === 0 ? { lowConfidence: true } : {}),
    };
  });
}

/** An agent's browser: its own IndexedDB and a pusher with an in-memory status and alarm. */
async function agentBrowser(config: TeamConfig, fetchImpl: typeof fetch = fetch) {
  const db = await openKeelDB(freshDbName());
  let status: TeamStatus | null = null;
  const alarms: (number | null)[] = [];
  const pusher = createTeamPusher({
    db: async () => db,
    config: async () => config,
    now: () => Date.now(),
    fetch: fetchImpl,
    readStatus: async () => status,
    writeStatus: async (next) => {
      status = next;
    },
    schedule: async (when) => {
      alarms.push(when);
    },
  });
  return { db, pusher, alarms, status: () => status };
}

async function docCount(): Promise<number> {
  const info = await server.admin<{ doc_count: number }>('GET', `/${DATABASE}`);
  return info.doc_count - 1; // the design document
}

async function dailyRollups(db: KeelDatabase): Promise<Rollup[]> {
  return db.getAll('rollups');
}

beforeAll(async () => {
  server = await startCouch();
  await setupTeam({
    url: server.url,
    database: DATABASE,
    admin: `${ADMIN.name}:${ADMIN.password}`,
    perAgentUsers: true,
  });
  for (let n = 0; n < AGENTS; n += 1) await server.addUser(agentName(n), `pw-${agentName(n)}`, [AGENT_ROLE]);
  await server.addUser('lead', 'pw-lead', [LEAD_ROLE]);
  await server.addUser('stranger', 'pw-stranger', []);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('team store against pouchdb-server', () => {
  it('delivers 10 agents × 1,000 records exactly once although the server is killed mid-push and restarted, and the server’s totals equal the agents’ local summaries added up', async () => {
    const now = Date.now();
    // The kill lands while the store is busy with a batch: some batches are in, one may be half in.
    let bulkRequests = 0;
    let killed: Promise<void> | null = null;
    const killingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      bulkRequests += 1;
      if (bulkRequests === 7 && !killed) {
        killed = new Promise((resolve) => setTimeout(resolve, 40)).then(() => server.kill());
      }
      return fetch(input, init);
    }) as typeof fetch;

    const agents = await Promise.all(
      Array.from({ length: AGENTS }, async (_, n) => {
        const agent = await agentBrowser(configFor(agentName(n)), killingFetch);
        await writeBatches(agent.db, [{ records: recordsOf(agentName(n), RECORDS_PER_AGENT, now) }]);
        return agent;
      }),
    );

    // The connection is new and the records older: "send history" pushes them.
    const first = await Promise.all(agents.map((agent) => agent.pusher.sendHistory()));
    await killed;
    const interrupted = first.filter((status) => status.state !== 'ok');
    expect(interrupted.length).toBeGreaterThan(0);
    for (const [index, status] of first.entries()) {
      if (status.state === 'ok') continue;
      expect(['offline', 'error']).toContain(status.state);
      expect(status.pending).toBeGreaterThan(0);
      // A retry alarm is armed no sooner than 30 s.
      const alarm = agents[index]?.alarms.at(-1);
      expect(alarm).toBeGreaterThanOrEqual(status.at + RETRY_MIN_MS);
    }

    await server.start();
    // The alarms fire: each pusher runs until its queue is empty.
    for (let round = 0; round < 5; round += 1) {
      const statuses = await Promise.all(agents.map((agent) => agent.pusher.run()));
      if (statuses.every((status) => status.state === 'ok' && status.pending === 0)) break;
    }
    for (const agent of agents)
      expect(agent.status()).toMatchObject({ state: 'ok', pending: 0, rejected: 0 });

    // 0 lost, 0 duplicated: every record's document, once.
    expect(await docCount()).toBe(AGENTS * RECORDS_PER_AGENT);
    const ids = await server.admin<{ rows: { id: string }[] }>(
      'GET',
      `/${DATABASE}/_all_docs?startkey=${encodeURIComponent('"reply:"')}&endkey=${encodeURIComponent('"reply;"')}`,
    );
    expect(new Set(ids.rows.map((row) => row.id)).size).toBe(AGENTS * RECORDS_PER_AGENT);

    // The server's totals equal the agents' local summaries added up.
    const held = await server.admin<{ rows: { doc: TeamDoc }[] }>(
      'GET',
      `/${DATABASE}/_all_docs?include_docs=true&startkey=${encodeURIComponent('"reply:"')}&endkey=${encodeURIComponent('"reply;"')}`,
    );
    const serverRollups = [
      ...rollupsOf(held.rows.map((row) => ({ ...row.doc, origin: 'local' as const }))).values(),
    ];
    const locals = await Promise.all(agents.map((agent) => summarize(agent.db)));
    const allRollups = (await Promise.all(agents.map((agent) => dailyRollups(agent.db)))).flat();
    const fromServer = summarizeRollups(serverRollups, dayTotalsOfRollups(serverRollups), null);
    expect(fromServer.total).toBe(locals.reduce((sum, local) => sum + local.total, 0));
    expect(fromServer).toEqual(summarizeRollups(allRollups, dayTotalsOfRollups(allRollups), null));
    for (const [n, local] of locals.entries()) {
      expect(fromServer.byAgent.find((row) => row.agent === agentName(n))).toEqual(local.byAgent[0]);
    }

    // Duplicate pushes: every record queued and sent again adds nothing.
    const again = agents[0] as (typeof agents)[number];
    expect(await queueHistory(again.db)).toBe(RECORDS_PER_AGENT);
    const resent = await pushQueue(again.db, configFor(agentName(0)), { from: 0 });
    expect(resent).toMatchObject({ state: 'ok', written: 0, already: RECORDS_PER_AGENT, rejected: 0 });
    expect(await docCount()).toBe(AGENTS * RECORDS_PER_AGENT);
  }, 300_000);

  it('reads the team summary from the view with group_level: the same figures as the agents’ local rollups added up, for any period and filter', async () => {
    const database = 'keel-views';
    await setupTeam({
      url: server.url,
      database,
      admin: `${ADMIN.name}:${ADMIN.password}`,
      perAgentUsers: true,
    });
    const now = Date.now();
    const agents = await Promise.all(
      [0, 1, 2].map(async (n) => {
        const agent = await agentBrowser({ ...configFor(agentName(n)), database });
        await writeBatches(agent.db, [
          {
            records: recordsOf(agentName(n), 150, now).map((r) => ({
              ...r,
              id: `v-${r.id}`,
              time: r.time - n,
            })),
          },
        ]);
        await agent.pusher.sendHistory();
        return agent;
      }),
    );
    const allRollups = (await Promise.all(agents.map((agent) => dailyRollups(agent.db)))).flat();
    const lead = { ...configFor('lead'), database };
    const expectSame = async (
      message: SummaryMessage,
      since: string | null,
      until: string | null,
      keep: (r: Rollup) => boolean,
    ) => {
      const team = await fetchTeamSummary(lead, message, { now });
      if (!team.ok) throw new Error(team.error);
      const rollups = allRollups.filter(keep);
      expect(team.summary).toEqual({
        ...summarizeRollups(rollups, dayTotalsOfRollups(rollups), since),
        untilDay: until,
      });
      return team;
    };
    const all = await expectSame({ type: 'stats.summary', period: 'all' }, null, null, () => true);
    expect(all.summary.total).toBe(450);
    expect(all.previous).toBeNull();
    expect(all.choices).toEqual({
      agents: [agentName(0), agentName(1), agentName(2)],
      playbooks: ['bug', 'howto', 'refund'],
      helpdesks: ['demo', 'zendesk'],
    });
    const since = dayOf(now - 6 * DAY_MS);
    const week = await expectSame(
      { type: 'stats.summary', period: '7d', agent: agentName(1), playbookId: 'refund' },
      since,
      null,
      (r) => r.day >= since && r.agent === agentName(1) && r.playbookId === 'refund',
    );
    expect(week.previous?.total).toBeGreaterThan(0);
    const from = dayOf(now - 12 * DAY_MS);
    const to = dayOf(now - 9 * DAY_MS);
    const range = await expectSame(
      { type: 'stats.summary', period: '30d', from, to, helpdesk: 'zendesk' },
      from,
      to,
      (r) => r.day >= from && r.day <= to && r.helpdesk === 'zendesk',
    );
    expect(range.summary.total).toBeGreaterThan(0);
    expect(range.summary.untilDay).toBe(to);

    // Drill-down: the replies behind a missed step, newest first, 25 a page, team-wide or one agent's.
    const sent = [0, 1, 2].flatMap((n) =>
      recordsOf(agentName(n), 150, now).map((r) => ({ ...r, id: `v-${r.id}`, time: r.time - n })),
    );
    const missedGreet = (agent?: string) =>
      sent
        .filter(
          (r) => r.playbookId === 'refund' && r.steps.some((s) => s.id === 'greet' && s.status === 'fail'),
        )
        .filter((r) => agent === undefined || r.agent === agent)
        .sort((a, b) => b.time - a.time);
    const drill = { type: 'stats.missed', playbookId: 'refund', stepId: 'greet' } as const;
    const page1 = await fetchTeamMissed(lead, drill);
    if (!page1.ok) throw new Error(page1.error);
    expect(page1.records.map((r) => r.id)).toEqual(
      missedGreet()
        .slice(0, 25)
        .map((r) => r.id),
    );
    expect(page1.next).toBe(page1.records.at(-1)?.time);
    const page2 = await fetchTeamMissed(lead, { ...drill, before: page1.next ?? 0 });
    if (!page2.ok) throw new Error(page2.error);
    expect([...page1.records, ...page2.records].map((r) => r.id)).toEqual(
      missedGreet()
        .slice(0, 25 + page2.records.length)
        .map((r) => r.id),
    );
    const oneAgent = await fetchTeamMissed(lead, { ...drill, agent: agentName(2) });
    if (!oneAgent.ok) throw new Error(oneAgent.error);
    expect(oneAgent.records.map((r) => r.id)).toEqual(
      missedGreet(agentName(2))
        .slice(0, 25)
        .map((r) => r.id),
    );

    const wrong = await fetchTeamSummary(
      { ...configFor('lead', 'nope'), database },
      { type: 'stats.summary', period: 'all' },
    );
    expect(wrong).toMatchObject({ ok: false, state: 'unauthorized' });
    const down = await fetchTeamSummary(
      { ...lead, url: 'http://127.0.0.1:9' },
      { type: 'stats.summary', period: 'all' },
    );
    expect(down).toMatchObject({ ok: false, state: 'offline' });
  }, 120_000);

  it('stops on a 401 (wrong password) with the records kept queued and no retry alarm', async () => {
    const agent = await agentBrowser(configFor(agentName(1), 'wrong password'));
    await writeBatches(agent.db, [
      { records: recordsOf('agent-1-late', 3, Date.now()).map((r) => ({ ...r, agent: agentName(1) })) },
    ]);
    const before = await docCount();
    const status = await agent.pusher.sendHistory();
    expect(status).toMatchObject({ state: 'unauthorized', pending: 3 });
    expect(agent.alarms.at(-1)).toBeNull();
    expect(await docCount()).toBe(before);
  });

  it('refuses a forged agent name with per-agent users: 403 for one document, set aside inside a batch while the rest go in', async () => {
    const forged = { ...recordsOf('forged', 1, Date.now())[0], agent: agentName(3) } as ReplyRecord;
    const single = await fetch(`${server.url}/${DATABASE}/${encodeURIComponent(docIdOf(forged.id))}`, {
      method: 'PUT',
      headers: {
        Authorization: basicAuth(agentName(2), `pw-${agentName(2)}`),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(toTeamDoc(forged)),
    });
    expect(single.status).toBe(403);

    const agent = await agentBrowser(configFor(agentName(2)));
    const honest = recordsOf('honest', 2, Date.now()).map((r) => ({ ...r, agent: agentName(2) }));
    await writeBatches(agent.db, [{ records: [forged, ...honest] }]);
    const status = await agent.pusher.sendHistory();
    expect(status).toMatchObject({ state: 'ok', pending: 0, rejected: 1 });
    const [setAside] = await rejectedEntries(agent.db);
    expect(setAside?.id).toBe(forged.id);
    expect(setAside?.rejected).toContain('agent must be the writer');
    const held = await server.admin<{ rows: { key: string; error?: string }[] }>(
      'POST',
      `/${DATABASE}/_all_docs`,
      {
        keys: [forged, ...honest].map((record) => docIdOf(record.id)),
      },
    );
    expect(held.rows.map((row) => row.error === undefined)).toEqual([false, true, true]);
  });

  it('refuses a document with a text field, even from a modified client', async () => {
    const record = { ...recordsOf('texty', 1, Date.now())[0], agent: agentName(4) } as ReplyRecord;
    const response = await fetch(`${server.url}/${DATABASE}/_bulk_docs`, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(agentName(4), `pw-${agentName(4)}`),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ docs: [{ ...toTeamDoc(record), text: 'Dear customer, your refund…' }] }),
    });
    const [result] = (await response.json()) as { error?: string; reason?: string }[];
    expect(result).toMatchObject({ error: 'forbidden' });
    expect(result?.reason).toContain('field not allowed in record format 2: text');
  });

  it('keeps the records queued and says forbidden when the user is not a member of the database', async () => {
    const agent = await agentBrowser(configFor('stranger'));
    await writeBatches(agent.db, [{ records: recordsOf('stranger', 2, Date.now()) }]);
    const status = await agent.pusher.sendHistory();
    expect(status).toMatchObject({ state: 'forbidden', pending: 2, rejected: 0 });
    expect(agent.alarms.at(-1)).toBeNull();
  });
});
