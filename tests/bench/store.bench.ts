/**
 * Statistics store bench: the popup's summary time with 1,000 and 100,000 stored records (it reads
 * rollups, so it should be nearly flat), and the time to import 100,000 records from team files.
 * Run: npx tsx tests/bench/store.bench.ts
 */
import 'fake-indexeddb/auto';
import { agentTrends } from '../../utils/store/agent-trends';
import { exportTeamFile, importTeamFiles, TEAM_FORMAT, type TeamFile } from '../../utils/store/files';
import { type KeelDatabase, openKeelDB } from '../../utils/store/open';
import { missedReplies, writeBatches } from '../../utils/store/replies';
import { addDays, sinceDayFor, summarize, summarizeQuery } from '../../utils/store/summary';
import type { ReplyRecord } from '../../utils/store/types';

const DAY = 24 * 60 * 60 * 1000;
const PLAYBOOKS = ['refund', 'shipping', 'billing', 'bug', 'account', 'general'];
const AGENTS = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Gus', 'Hana'];
const STEPS = ['greet', 'acknowledge', 'apologise', 'expectation', 'next-steps', 'thank', 'no-overpromise'];

/** Deterministic records spread over the last 365 days. */
function makeRecords(count: number, prefix: string): ReplyRecord[] {
  const now = Date.now();
  // mulberry32: small, deterministic, and well spread over days × playbooks × agents.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => {
    const steps = STEPS.map((id) => ({
      id,
      status: (random() < 0.15 ? 'na' : random() < 0.2 ? 'fail' : 'pass') as 'pass' | 'fail' | 'na',
    }));
    const fails = steps.filter((s) => s.status === 'fail').length;
    return {
      id: `${prefix}-${i}`,
      time: now - Math.floor(random() * 365 * DAY),
      helpdesk: 'zendesk',
      ticketId: String(100000 + i),
      playbookId: PLAYBOOKS[i % PLAYBOOKS.length] ?? 'general',
      playbookVersion: 1,
      agent: AGENTS[Math.floor(random() * AGENTS.length)] ?? '',
      score: Math.max(0, 100 - fails * 15),
      fullAdherence: fails === 0,
      steps,
      wordCount: 60 + Math.floor(random() * 120),
      origin: 'local',
    };
  });
}

async function timeIt(run: () => Promise<unknown>, repeat: number): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function seeded(name: string, count: number): Promise<KeelDatabase> {
  const db = await openKeelDB(name);
  const records = makeRecords(count, name);
  for (let i = 0; i < records.length; i += 10_000) {
    await writeBatches(db, [{ records: records.slice(i, i + 10_000) }]);
  }
  return db;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const small = await seeded('bench-1k', 1_000);
const large = await seeded('bench-100k', 100_000);
const rows: [string, number, number][] = [];
for (const period of ['30d', 'all'] as const) {
  const sinceDay = sinceDayFor(period);
  const options = sinceDay ? { sinceDay } : {};
  const t1k = await timeIt(() => summarize(small, options), 15);
  const t100k = await timeIt(() => summarize(large, options), 15);
  rows.push([period, t1k, t100k]);
}
for (const [period, t1k, t100k] of rows) {
  console.log(
    `store: summary (${period}) 1,000 records ${ms(t1k)} | 100,000 records ${ms(t100k)} | ratio 100k/1k ${(t100k / t1k).toFixed(2)}`,
  );
}
// What the popup asks at open (30 days, its previous 30 days), filtered by one agent, and a drill-down page.
{
  const sinceDay = sinceDayFor('30d') ?? '';
  const open = await timeIt(
    () =>
      Promise.all([
        summarizeQuery(large, { sinceDay }),
        summarizeQuery(large, { sinceDay: addDays(sinceDay, -30), untilDay: addDays(sinceDay, -1) }),
      ]),
    15,
  );
  const filtered = await timeIt(() => summarizeQuery(large, { sinceDay, agent: 'Ana' }), 15);
  const drill = await timeIt(() => missedReplies(large, { playbookId: 'refund', stepId: 'greet' }, 25), 15);
  const drillAgent = await timeIt(
    () => missedReplies(large, { playbookId: 'refund', stepId: 'greet', agent: 'Ana' }, 25),
    15,
  );
  console.log(
    `store: 100,000 records: popup open (summary + previous period) ${ms(open)} | filtered by agent ${ms(filtered)} | drill-down page of 25 ${ms(drill)} | by agent ${ms(drillAgent)}`,
  );
  // The report page adds each agent's daily trend and five replies for each of the five most-missed steps.
  const report = await timeIt(
    () =>
      Promise.all([
        agentTrends(large, { sinceDay }),
        ...STEPS.slice(0, 5).map((stepId) => missedReplies(large, { playbookId: 'refund', stepId }, 5)),
      ]),
    15,
  );
  console.log(`store: 100,000 records: report extras (agent trends + 5 x 5 example replies) ${ms(report)}`);
}
console.log(`store: rollups for 100,000 records: ${await large.count('rollups')}`);

// Import: 100,000 records as 8 agents' team files (one file per agent), into an empty database.
const all = makeRecords(100_000, 'import');
const files = AGENTS.map((agent) => {
  const file: TeamFile = {
    format: TEAM_FORMAT,
    app: 'keel',
    version: '0.1.0',
    agent,
    exportedAt: new Date().toISOString(),
    records: all.filter((record) => record.agent === agent),
  };
  return { name: `${agent}.json`, text: JSON.stringify(file) };
});
const target = await openKeelDB('bench-import');
let start = performance.now();
const outcomes = await importTeamFiles(target, files);
const importMs = performance.now() - start;
const added = outcomes.reduce((sum, o) => sum + o.added, 0);
console.log(`store: import 100,000 records (${files.length} files) ${ms(importMs)}; added ${added}`);
start = performance.now();
const again = await importTeamFiles(target, files);
console.log(
  `store: import the same files again ${ms(performance.now() - start)}; added ${again.reduce((s, o) => s + o.added, 0)}`,
);
start = performance.now();
await exportTeamFile(large, 'Ana', '0.1.0');
console.log(`store: export team file of 100,000 records ${ms(performance.now() - start)}`);
