/**
 * Team store bench, against pouchdb-server (tests/couch/server.ts; Apache CouchDB is not in
 * Debian's archive): pushes RECORDS records of 100 agents from ONE browser's queue with
 * `_bulk_docs` (time, requests, bytes; each record once), then reads the popup's team summary
 * from the `team` view with group_level: the first read (pouchdb-server builds the index then;
 * CouchDB builds it as documents arrive) and the reads after it (what a lead waits for).
 * Run: npx tsx tests/bench/team.bench.ts   (KEEL_BENCH_TEAM_RECORDS=10000 for a quick run;
 * KEEL_BENCH_TEAM_READS=0 to measure the push only)
 */
import 'fake-indexeddb/auto';
import { openKeelDB } from '../../utils/store/open';
import { writeBatches } from '../../utils/store/replies';
import type { ReplyRecord } from '../../utils/store/types';
import type { TeamConfig } from '../../utils/team/config';
import { AGENT_ROLE, LEAD_ROLE } from '../../utils/team/design';
import { BATCH_SIZE, pushQueue } from '../../utils/team/push';
import { fetchTeamSummary } from '../../utils/team/summary';
import { ADMIN, startCouch } from '../couch/server';
import { setupTeam } from '../tools/team-setup';

const RECORDS = Number(process.env.KEEL_BENCH_TEAM_RECORDS ?? 100_000);
const READS = process.env.KEEL_BENCH_TEAM_READS !== '0';
const AGENTS = 100;
const DAY = 86_400_000;
const PLAYBOOKS = ['refund', 'shipping', 'billing', 'bug', 'account'];
const STEPS = ['greet', 'acknowledge', 'apologise', 'next-steps', 'thank'];

function makeRecords(now: number): ReplyRecord[] {
  return Array.from({ length: RECORDS }, (_, i) => ({
    id: `bench-${i}`,
    time: now - ((i * 7919 * 60_000) % (60 * DAY)),
    helpdesk: i % 4 === 0 ? 'zendesk' : 'demo',
    ticketId: `T-${i}`,
    playbookId: PLAYBOOKS[i % PLAYBOOKS.length] as string,
    playbookVersion: 1,
    agent: `agent-${String(i % AGENTS).padStart(3, '0')}`,
    score: (i * 37) % 101,
    fullAdherence: i % 3 === 0,
    steps: STEPS.map((id, s) => ({
      id,
      status: (i + s) % 5 === 0 ? 'fail' : (i + s) % 7 === 0 ? 'na' : 'pass',
    })),
    wordCount: 40 + (i % 90),
    origin: 'local',
    format: 2,
  }));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const server = await startCouch({ inMemory: true });
try {
  await setupTeam({
    url: server.url,
    database: 'keel-team',
    admin: `${ADMIN.name}:${ADMIN.password}`,
    perAgentUsers: false,
  });
  await server.addUser('writer', 'writer-pw', [AGENT_ROLE]);
  await server.addUser('lead', 'lead-pw', [LEAD_ROLE]);
  const config = (username: string, password: string): TeamConfig => ({
    url: server.url,
    database: 'keel-team',
    username,
    password,
    source: 'options',
  });

  const now = Date.now();
  const db = await openKeelDB('team-bench');
  const records = makeRecords(now);
  for (let i = 0; i < records.length; i += 5_000)
    await writeBatches(db, [{ records: records.slice(i, i + 5_000) }]);
  console.log(`${RECORDS.toLocaleString('en')} records of ${AGENTS} agents queued in one browser`);

  let started = performance.now();
  const pushed = await pushQueue(db, config('writer', 'writer-pw'), { from: 0 });
  const pushMs = performance.now() - started;
  console.log(
    `push: ${seconds(pushMs)}, ${pushed.requests} requests of ${BATCH_SIZE} (_bulk_docs), ${(pushed.bytes / 1e6).toFixed(1)} MB sent, ` +
      `${Math.round(RECORDS / (pushMs / 1000))} records/s; written ${pushed.written}, already there ${pushed.already}, refused ${pushed.rejected}, state ${pushed.state}`,
  );
  if (pushed.state !== 'ok' || pushed.written !== RECORDS)
    throw new Error('the push did not deliver every record once');

  const lead = config('lead', 'lead-pw');
  const reads = [
    ['first read, index built', '30d'],
    ['30 days', '30d'],
    ['all time', 'all'],
    ['7 days', '7d'],
  ] as const;
  for (const [label, period] of READS ? reads : []) {
    started = performance.now();
    const answer = await fetchTeamSummary(lead, { type: 'stats.summary', period }, { now });
    const ms = performance.now() - started;
    if (!answer.ok) throw new Error(answer.error);
    console.log(
      `team summary (${label}): ${seconds(ms)}, ${answer.requests} view requests, ${answer.summary.total.toLocaleString('en')} replies, ${answer.summary.byAgent.length} agents`,
    );
  }
} finally {
  await server.stop();
}
