import { describe, expect, it } from 'vitest';
import { agentTrends } from '../../../utils/store/agent-trends';
import type { KeelDatabase } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import { makeRecord } from './fixtures';
import { freshDbPerTest } from './fresh-db';

let db: KeelDatabase;
freshDbPerTest((opened) => {
  db = opened;
});

const at = (day: number, hour = 10) => new Date(2025, 2, day, hour).getTime();

describe('agent trends', () => {
  it('gives each agent their days in the period, filtered by playbook and helpdesk but never by agent', async () => {
    await addReply(db, makeRecord({ time: at(18), agent: 'Łukasz', score: 100 }));
    await addReply(db, makeRecord({ time: at(18, 11), agent: 'Łukasz', score: 50, helpdesk: 'zendesk' }));
    await addReply(db, makeRecord({ time: at(19), agent: 'Łukasz', score: 80, playbookId: 'delivery' }));
    await addReply(db, makeRecord({ time: at(19), agent: 'Ana', score: 60 }));
    await addReply(db, makeRecord({ time: at(10), agent: 'Ana', score: 0 }));

    expect(await agentTrends(db, { sinceDay: '2025-03-14', agent: 'Ana' })).toEqual([
      { agent: 'Ana', daily: [{ day: '2025-03-19', count: 1, adherence: 60 }] },
      {
        agent: 'Łukasz',
        daily: [
          { day: '2025-03-18', count: 2, adherence: 75 },
          { day: '2025-03-19', count: 1, adherence: 80 },
        ],
      },
    ]);
    expect(await agentTrends(db, { sinceDay: '2025-03-14', playbookId: 'refund', helpdesk: 'demo' })).toEqual(
      [
        { agent: 'Ana', daily: [{ day: '2025-03-19', count: 1, adherence: 60 }] },
        { agent: 'Łukasz', daily: [{ day: '2025-03-18', count: 1, adherence: 100 }] },
      ],
    );
    expect(await agentTrends(db, { sinceDay: '2025-03-01', untilDay: '2025-03-17' })).toEqual([
      { agent: 'Ana', daily: [{ day: '2025-03-10', count: 1, adherence: 0 }] },
    ]);
  });
});
