import { describe, expect, it } from 'vitest';
import { rangeOf } from '../../../utils/background/handlers';
import { ticketUrlOf } from '../../../utils/sidebar/recorder';
import { agentChanges, deltasOf } from '../../../utils/store/compare';
import { openKeelDB } from '../../../utils/store/open';
import { addReply, missedReplies, pruneBefore } from '../../../utils/store/replies';
import { summarizeQuery } from '../../../utils/store/summary';
import { freshDbName, makeRecord } from './fixtures';

const at = (day: number) => new Date(2025, 2, day, 10).getTime();

describe('filters and comparison', () => {
  it('a filtered summary counts only the agent, playbook and helpdesk chosen, from rollups', async () => {
    const db = await openKeelDB(freshDbName());
    await addReply(db, makeRecord({ time: at(10), agent: 'Ana', helpdesk: 'zendesk', score: 100 }));
    await addReply(
      db,
      makeRecord({ time: at(11), agent: 'Ben', helpdesk: 'zendesk', score: 50, fullAdherence: false }),
    );
    await addReply(
      db,
      makeRecord({ time: at(12), agent: 'Ana', helpdesk: 'freshdesk', score: 80, fullAdherence: false }),
    );
    const ana = await summarizeQuery(db, { sinceDay: '2025-03-01', agent: 'Ana' });
    expect(ana).toMatchObject({ total: 2, adherence: 90, fullAdherenceRate: 50 });
    expect(ana.byAgent.map((a) => a.agent)).toEqual(['Ana']);
    expect(ana.daily.map((d) => d.day)).toEqual(['2025-03-10', '2025-03-12']);
    const zendesk = await summarizeQuery(db, { helpdesk: 'zendesk' });
    expect(zendesk.total).toBe(2);
    const range = await summarizeQuery(db, { sinceDay: '2025-03-11', untilDay: '2025-03-11' });
    expect(range).toMatchObject({ total: 1, adherence: 50, untilDay: '2025-03-11' });
    db.close();
  });

  it('the previous period has the same length and ends the day before', () => {
    expect(rangeOf({ period: '7d' }, '2025-03-20')).toEqual({
      current: { sinceDay: '2025-03-14' },
      previous: { sinceDay: '2025-03-07', untilDay: '2025-03-13' },
    });
    expect(rangeOf({ period: 'all', from: '2025-03-10', to: '2025-03-01' }, '2025-03-20')).toEqual({
      current: { sinceDay: '2025-03-01', untilDay: '2025-03-10' },
      previous: { sinceDay: '2025-02-19', untilDay: '2025-02-28' },
    });
    expect(rangeOf({ period: 'all' }, '2025-03-20').previous).toBeNull();
  });

  it('deltas are points for adherence, percent for counts, with wording to read aloud', async () => {
    const db = await openKeelDB(freshDbName());
    await addReply(db, makeRecord({ time: at(2), agent: 'Ana', score: 80, fullAdherence: false }));
    await addReply(db, makeRecord({ time: at(3), agent: 'Ana', score: 100 }));
    await addReply(db, makeRecord({ time: at(11), agent: 'Ana', score: 70, fullAdherence: false }));
    const previous = await summarizeQuery(db, { sinceDay: '2025-03-01', untilDay: '2025-03-07' });
    const current = await summarizeQuery(db, { sinceDay: '2025-03-08', untilDay: '2025-03-14' });
    const deltas = deltasOf(current, previous);
    expect(deltas.map((d) => [d.metric, d.value, d.unit])).toEqual([
      ['total', -50, 'percent'],
      ['adherence', -20, 'points'],
      ['full-adherence', -50, 'points'],
    ]);
    expect(deltas[1]?.wording).toBe('Average adherence fell 20 points, from 90% to 70%.');
    expect(agentChanges(current, previous).get('Ana')).toBe(-20);
    db.close();
  });

  it('pruning old records drops their drill-down entries too', async () => {
    const db = await openKeelDB(freshDbName());
    await addReply(db, makeRecord({ time: at(2), steps: [{ id: 'greet', status: 'fail' }] }));
    await addReply(db, makeRecord({ time: at(12), steps: [{ id: 'greet', status: 'fail' }] }));
    await pruneBefore(db, at(10));
    expect((await db.getAll('misses')).map((m) => m.time)).toEqual([at(12)]);
    db.close();
  });

  it('the ticket URL is the page without its fragment, http(s) only', () => {
    expect(ticketUrlOf(new URL('https://acme.zendesk.com/agent/tickets/12#reply'))).toEqual({
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/12',
    });
    expect(ticketUrlOf(new URL('file:///tmp/x.html'))).toEqual({});
    expect(ticketUrlOf(new URL(`https://a.example/${'x'.repeat(2100)}`))).toEqual({});
  });
});

describe('drill-down', () => {
  it('lists exactly the replies that missed a step, newest first, paged, and by agent', async () => {
    const db = await openKeelDB(freshDbName());
    const miss = [{ id: 'greet', status: 'fail' as const }];
    const a = makeRecord({ time: at(1), steps: miss });
    const b = makeRecord({ time: at(2), steps: miss, agent: 'Ben' });
    const c = makeRecord({ time: at(3), steps: miss });
    const passed = makeRecord({ time: at(4) });
    for (const record of [a, b, c, passed]) await addReply(db, record);
    const first = await missedReplies(db, { playbookId: 'refund', stepId: 'greet' }, 2);
    expect(first.records.map((r) => r.id)).toEqual([c.id, b.id]);
    const second = await missedReplies(
      db,
      { playbookId: 'refund', stepId: 'greet', before: first.next ?? 0 },
      2,
    );
    expect(second).toEqual({ records: [a], next: null });
    const ben = await missedReplies(db, { playbookId: 'refund', stepId: 'greet', agent: 'Ben' });
    expect(ben.records.map((r) => r.id)).toEqual([b.id]);
    db.close();
  });
});
