// Push bench (by hand): start pouchdb-server on 127.0.0.1:15986, run team:setup with --per-agent-users, create user Ana/apw, then `npx tsx tests/bench/team-push.ts 10000`.
import 'fake-indexeddb/auto';
import { openKeelDB } from '../../utils/store/open';
import { writeBatches } from '../../utils/store/replies';
import { pushQueue } from '../../utils/team/push';

const N = Number(process.argv[2] ?? 10000);
const db = await openKeelDB('bench');
const records = Array.from({ length: N }, (_, i) => ({
  id: `b${i}`,
  time: 1_700_000_000_000 + i * 1000,
  helpdesk: 'demo',
  ticketId: `T${i}`,
  playbookId: 'refund',
  playbookVersion: 1,
  agent: 'Ana',
  score: i % 101,
  fullAdherence: i % 3 === 0,
  steps: [{ id: 'greet', status: i % 4 ? 'pass' : 'fail' }],
  wordCount: 50,
  origin: 'local' as const,
}));
await writeBatches(db, [{ records: records as never }]);
const config = {
  url: 'http://127.0.0.1:15986',
  database: 'team',
  username: 'Ana',
  password: 'apw',
  source: 'options' as const,
};
const t = performance.now();
const first = await pushQueue(db, config, { from: 0 });
console.log('first', JSON.stringify(first), Math.round(performance.now() - t), 'ms');
await writeBatches(db, [{ records: records.map((r) => ({ ...r })) as never }]);
const q = await db.count('teamQueue');
console.log('queue after', q);
