import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../../../components/popup/labels';
import { PopupApp } from '../../../components/popup/PopupApp';
import { trendBuckets } from '../../../components/popup/trend';
import type { Download } from '../../../utils/messages';
import type { KeelDatabase } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import { backgroundPerTest, type PageSend } from '../pages';
import { makeRecord } from '../store/fixtures';

const NOW = new Date(2025, 2, 20, 15, 0).getTime();
const labels = labelsFrom([
  { id: 'refund', name: 'Refund request', steps: [{ id: 'greet', title: 'Greet the customer by name' }] },
]);

let db: KeelDatabase;
let send: PageSend;

backgroundPerTest({ page: 'popup', now: NOW }, (background) => {
  ({ db, send } = background);
});

const at = (day: number) => new Date(2025, 2, day, 10).getTime();

describe('popup', () => {
  it('tells a new user what to do when nothing is recorded', async () => {
    render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    const empty = await screen.findByTestId('empty-state');
    expect(empty.textContent).toContain(
      'Open a ticket in your helpdesk, write a reply with the Keel sidebar open',
    );
    expect(screen.queryByTestId('total-replies')).toBeNull();
  });

  it('shows totals, adherence, breakdowns and the trend with their test hooks', async () => {
    await addReply(db, makeRecord({ time: at(18), agent: 'Ana', score: 100 }));
    await addReply(
      db,
      makeRecord({
        time: at(19),
        agent: 'Ben',
        score: 50,
        fullAdherence: false,
        steps: [{ id: 'greet', status: 'fail' }],
      }),
    );
    await addReply(db, makeRecord({ time: at(19), agent: 'Ben', playbookId: 'shipping', score: 90 }));
    const { container } = render(<PopupApp send={send} labels={labels} now={() => NOW} />);

    const total = await screen.findByTestId('total-replies');
    expect(total.dataset.value).toBe('3');
    expect(screen.getByTestId('adherence').dataset.value).toBe('80');
    expect(screen.getByTestId('full-adherence').dataset.value).toBe('66.7');

    const playbookRows = container.querySelectorAll<HTMLElement>(
      '[data-testid=by-playbook] [data-playbook-id]',
    );
    expect(
      [...playbookRows].map((r) => [r.dataset.playbookId, r.dataset.count, r.dataset.adherence]),
    ).toEqual([
      ['refund', '2', '75'],
      ['shipping', '1', '90'],
    ]);
    expect(playbookRows[0]?.textContent).toContain('Refund request');
    expect(playbookRows[1]?.textContent).toContain('shipping');

    const missed = screen.getAllByTestId('missed-step');
    expect(missed.map((r) => [r.dataset.stepId, r.dataset.misses])).toEqual([['greet', '1']]);
    expect(missed[0]?.textContent).toContain('Greet the customer by name');

    const agents = container.querySelectorAll<HTMLElement>('[data-testid=by-agent] [data-agent]');
    expect([...agents].map((r) => [r.dataset.agent, r.dataset.count, r.dataset.adherence])).toEqual([
      ['Ben', '2', '70'],
      ['Ana', '1', '100'],
    ]);
    // 30 days by day, ending today.
    expect(screen.getByTestId('trend-chart').dataset.buckets).toBe('30');
  });

  it('switches period and counts only replies inside it', async () => {
    await addReply(db, makeRecord({ time: at(1) }));
    await addReply(db, makeRecord({ time: at(19) }));
    render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('2'));
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('1'));
  });

  it('imports several team files, says how many replies were added, and updates the summary', async () => {
    render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    await screen.findByTestId('empty-state');
    const team = (agent: string, ids: string[]) =>
      JSON.stringify({
        format: 'keel.replies/1',
        app: 'keel',
        version: '0.1.0',
        agent,
        exportedAt: '',
        records: ids.map((id) => makeRecord({ id, agent, time: at(19) })),
      });
    const input = screen.getByTestId('import-team') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      configurable: true,
      value: [new File([team('Ana', ['a1', 'a2'])], 'ana.json'), new File([team('Ben', ['b1'])], 'ben.json')],
    });
    fireEvent.change(input);
    const notice = await screen.findByTestId('data-notice');
    expect(notice.dataset.kind).toBe('success');
    expect(notice.textContent).toBe('Imported 3 new replies from 2 files.');
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('3'));
  });

  it('shows why a file from another program was refused', async () => {
    render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    const input = screen.getByTestId('import-team') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      configurable: true,
      value: [new File(['{"name":"x"}'], 'other.json')],
    });
    fireEvent.change(input);
    const notice = await screen.findByTestId('data-notice');
    expect(notice.dataset.kind).toBe('error');
    expect(notice.textContent).toBe('other.json: made by another program, not a Keel team file.');
  });

  it('exports a team file and a CSV of the period through the save callback', async () => {
    await addReply(db, makeRecord({ time: at(19), agent: 'Ana' }));
    await addReply(db, makeRecord({ time: at(1), agent: 'Ana' }));
    const saved: Download[] = [];
    render(<PopupApp send={send} labels={labels} now={() => NOW} save={(d) => saved.push(d)} />);
    await screen.findByTestId('total-replies');

    fireEvent.click(screen.getByTestId('export-json'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.fileName).toBe('keel-team-Ana-2025-03-20.json');
    expect(JSON.parse(saved[0]?.text ?? '')).toMatchObject({ format: 'keel.replies/2', agent: 'Ana' });
    expect(screen.getByTestId('data-notice').textContent).toBe(
      'Saved keel-team-Ana-2025-03-20.json (2 replies).',
    );

    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('1'));
    fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]?.fileName).toBe('keel-replies-7d-2025-03-20.csv');
    expect(saved[1]?.text.trimEnd().split('\r\n')).toHaveLength(2);
  });
});

describe('popup filters and comparison', () => {
  it('filtering by agent changes every figure, and deltas compare with the previous 7 days', async () => {
    await addReply(db, makeRecord({ time: at(19), agent: 'Ana', score: 100 }));
    await addReply(db, makeRecord({ time: at(18), agent: 'Ben', score: 40, fullAdherence: false }));
    await addReply(db, makeRecord({ time: at(10), agent: 'Ana', score: 80, fullAdherence: false }));
    render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: '7 days' }));
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('2'));
    fireEvent.change(screen.getByTestId('filter-agent'), { target: { value: 'Ana' } });
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('1'));
    expect(screen.getByTestId('adherence').dataset.value).toBe('100');
    expect(screen.getByTestId('full-adherence').dataset.value).toBe('100');
    const byAgent = screen.getByTestId('by-agent').querySelectorAll('[data-agent]');
    expect([...byAgent].map((row) => (row as HTMLElement).dataset.agent)).toEqual(['Ana']);
    const deltas = Object.fromEntries(
      screen.getAllByTestId('delta').map((el) => [el.dataset.metric, [el.dataset.value, el.dataset.unit]]),
    );
    expect(deltas).toEqual({
      total: ['0', 'percent'],
      adherence: ['20', 'points'],
      'full-adherence': ['100', 'points'],
    });
    expect(screen.getByTestId('compare-wording').textContent).toContain(
      'Average adherence rose 20 points, from 80% to 100%.',
    );
    expect(screen.getByTestId('agent-change').dataset.value).toBe('20');
  });
});

describe('popup drill-down', () => {
  it('clicking a missed step lists exactly the replies that missed it, newest first', async () => {
    const miss = [{ id: 'greet', status: 'fail' as const }];
    await addReply(
      db,
      makeRecord({ time: at(17), ticketId: 'T-a', steps: miss, score: 0, fullAdherence: false }),
    );
    await addReply(
      db,
      makeRecord({
        time: at(19),
        ticketId: 'T-b',
        steps: miss,
        score: 0,
        fullAdherence: false,
        ticketUrl: 'https://x.example/t/b',
      }),
    );
    await addReply(db, makeRecord({ time: at(18), ticketId: 'T-c' }));
    render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    fireEvent.click(await screen.findByTestId('missed-step'));
    // Two messages in a row (summary, then the page of misses): on a busy machine that passes 1 s.
    await waitFor(() => expect(screen.getAllByTestId('reply-row')).toHaveLength(2), { timeout: 5_000 });
    const rows = screen.getAllByTestId('reply-row');
    expect(rows.map((r) => r.dataset.ticketId)).toEqual(['T-b', 'T-a']);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe('https://x.example/t/b');
  });
});

describe('trend buckets', () => {
  it('fills empty days and groups long periods by week', () => {
    const daily = [{ day: '2025-03-18', count: 2, adherence: 80 }];
    const byDay = trendBuckets(daily, '2025-03-14', '2025-03-20');
    expect(byDay.map((b) => b.count)).toEqual([0, 0, 0, 0, 2, 0, 0]);
    expect(byDay[4]?.adherence).toBe(80);
    const byWeek = trendBuckets(daily, '2024-12-20', '2025-03-20');
    expect(byWeek.every((b) => new Date(`${b.start}T12:00`).getDay() === 1)).toBe(true);
    expect(byWeek.reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });
});
