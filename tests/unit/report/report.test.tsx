import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { parse } from 'csv-parse/sync';
import type { ComponentProps } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Filters } from '../../../components/popup/filters';
import { labelsFrom } from '../../../components/popup/labels';
import { ReportApp } from '../../../components/report/ReportApp';
import { filtersFromSearch, reportSearch } from '../../../components/report/report-url';
import { reportText } from '../../../components/report/summary-text';
import type { Download } from '../../../utils/messages';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import type { Playbook } from '../../../utils/playbook/schema';
import { agentChanges } from '../../../utils/store/compare';
import type { KeelDatabase } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import { summarizeQuery } from '../../../utils/store/summary';
import { backgroundForPage, type PageSend } from '../pages';
import { makeRecord } from '../store/fixtures';

const NOW = new Date(2025, 2, 20, 15, 0).getTime();
const labels = labelsFrom([
  { id: 'refund', name: 'Refund request', steps: [{ id: 'greet', title: 'Greet the customer by name' }] },
]);
const ALL: Filters = { period: '7d', from: '', to: '', agent: '', playbookId: '', helpdesk: '' };
const at = (day: number) => new Date(2025, 2, day, 10).getTime();
const miss = [{ id: 'greet', status: 'fail' as const }];

/** The playbook in force, as the background's config gives it: the CSV names its steps from it. */
const refundPlaybook = DEFAULT_PLAYBOOKS.find((p) => p.id === 'refund') as Playbook;

let db: KeelDatabase;
let send: PageSend;

beforeEach(async () => {
  ({ db, send } = await backgroundForPage({ page: 'report', now: NOW, playbooks: [refundPlaybook] }));
  // This week: Ana 100 and 0 (missed greet), Łukasz 50 (missed greet). The week before: Ana 80.
  await addReply(db, makeRecord({ time: at(19), agent: 'Ana', score: 100, ticketId: 'A1' }));
  await addReply(
    db,
    makeRecord({
      time: at(18),
      agent: 'Ana',
      score: 0,
      fullAdherence: false,
      steps: miss,
      ticketId: 'A2',
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/2',
    }),
  );
  await addReply(
    db,
    makeRecord({
      time: at(17),
      agent: 'Łukasz',
      score: 50,
      fullAdherence: false,
      steps: miss,
      ticketId: 'L1',
    }),
  );
  await addReply(
    db,
    makeRecord({ time: at(10), agent: 'Ana', score: 80, fullAdherence: false, ticketId: 'A0' }),
  );
});
afterEach(() => {
  cleanup();
  db.close();
});

/** The report over the test's background, at NOW, for all replies of the week unless told otherwise. */
function renderReport(props: Partial<ComponentProps<typeof ReportApp>> = {}) {
  return render(<ReportApp send={send} labels={labels} initialFilters={ALL} now={() => NOW} {...props} />);
}

describe('report page', () => {
  it('shows every section for the filters in its URL, with the popup figures and deltas', async () => {
    renderReport();
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('3'));
    expect(screen.getAllByTestId('report-section').map((s) => s.dataset.section)).toEqual([
      'summary',
      'trend',
      'agents',
      'missed',
      'playbooks',
    ]);
    expect(screen.getByTestId('adherence').dataset.value).toBe('50');
    const deltas = Object.fromEntries(
      screen.getAllByTestId('delta').map((d) => [d.dataset.metric, d.dataset.value]),
    );
    expect(deltas).toEqual({ total: '200', adherence: '-30', 'full-adherence': '33.3' });
    expect(screen.getByTestId('report-scope').textContent).toBe('Last 7 days (14 Mar 2025 – 20 Mar 2025)');
  });

  it('lists every agent with a trend and the change, new agents marked as new', async () => {
    renderReport();
    await waitFor(() => expect(screen.getAllByTestId('agent-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('agent-row');
    expect(rows.map((r) => [r.dataset.agent, r.dataset.count, r.dataset.adherence])).toEqual([
      ['Ana', '2', '50'],
      ['Łukasz', '1', '50'],
    ]);
    await waitFor(() => expect(screen.getAllByTestId('agent-trend')).toHaveLength(2));
    expect(rows[0]?.querySelector('[data-testid=agent-change]')?.getAttribute('data-value')).toBe('-30');
    expect(rows[1]?.textContent).toContain('new');
  });

  it('shows the replies behind each most-missed step, each linking to its ticket', async () => {
    renderReport();
    const step = await screen.findByTestId('report-missed-step');
    expect(step.textContent).toContain('Greet the customer by name');
    await waitFor(() => expect(step.querySelectorAll('[data-testid=reply-row]')).toHaveLength(2));
    const rows = [...step.querySelectorAll<HTMLElement>('[data-testid=reply-row]')];
    expect(rows.map((r) => r.dataset.ticketId)).toEqual(['A2', 'L1']);
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe(
      'https://acme.zendesk.com/agent/tickets/2',
    );
  });

  it('filtering by agent narrows every figure and the examples, and tells the page its new filters', async () => {
    const told: Filters[] = [];
    renderReport({ onFiltersChange: (f) => told.push(f) });
    await screen.findByTestId('total-replies');
    fireEvent.change(screen.getByTestId('filter-agent'), { target: { value: 'Łukasz' } });
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('1'));
    expect(screen.getByTestId('adherence').dataset.value).toBe('50');
    expect(told.at(-1)).toEqual({ ...ALL, agent: 'Łukasz' });
    await waitFor(() =>
      expect(screen.getAllByTestId('reply-row').map((r) => r.dataset.ticketId)).toEqual(['L1']),
    );
  });

  it('copies a plain-text summary with the figures, the changes and the most-missed steps', async () => {
    const copied: string[] = [];
    renderReport({
      copy: async (text) => {
        copied.push(text);
        return true;
      },
    });
    await screen.findByTestId('total-replies');
    fireEvent.click(screen.getByTestId('copy-summary'));
    await waitFor(() => expect(screen.getByTestId('copy-notice').textContent).toContain('Summary copied'));
    expect(copied[0]).toBe(
      [
        'Keel team adherence: Last 7 days (14 Mar 2025 – 20 Mar 2025)',
        '',
        'Replies: 3 (+200%)',
        'Average adherence: 50% (−30 pts)',
        'Full adherence: 33.3% (+33.3 pts)',
        '',
        'Replies rose 200%, from 1 to 3.',
        'Average adherence fell 30 points, from 80% to 50%.',
        'Full adherence rose 33.3 points, from 0% to 33.3%.',
        '',
        'Most-missed steps:',
        '1. Greet the customer by name (Refund request): missed in 2 of 3 replies',
        '',
        'Agents (replies, adherence, change):',
        '- Ana: 2, 50%, −30 pts',
        '- Łukasz: 1, 50%, no replies before',
        '',
      ].join('\n'),
    );
  });

  it('offers the text to copy by hand when the browser refuses the clipboard', async () => {
    renderReport({ copy: async () => false });
    await screen.findByTestId('total-replies');
    fireEvent.click(screen.getByTestId('copy-summary'));
    const fallback = await screen.findByRole('textbox', { name: 'Summary text' });
    expect((fallback as HTMLTextAreaElement).value).toContain('Replies: 3');
    expect(screen.getByTestId('copy-notice').textContent).toContain('did not allow copying');
  });

  it('exports the CSVs of the filters on screen, with step names from the playbooks in force', async () => {
    const saved: Download[] = [];
    renderReport({ initialFilters: { ...ALL, agent: 'Łukasz' }, save: (d) => saved.push(d) });
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('1'));
    fireEvent.click(screen.getByTestId('export-csv-steps'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.fileName).toBe('keel-steps-7d-2025-03-20-Łukasz.csv');
    const rows = parse(saved[0]?.text ?? '', { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.ticketId, r.agent, r.playbookName, r.stepName, r.status])).toEqual([
      ['L1', 'Łukasz', 'Refund request', 'Greet the customer by name', 'fail'],
    ]);
    fireEvent.change(screen.getByTestId('filter-agent'), { target: { value: '' } });
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('3'));
    fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(saved).toHaveLength(2));
    const replies = parse(saved[1]?.text ?? '', { bom: true, columns: true }) as Record<string, string>[];
    expect(replies.map((r) => r.ticketId)).toEqual(['L1', 'A2', 'A1']);
  });

  it('hosts team import and export, so a Firefox lead can merge files', async () => {
    renderReport();
    await screen.findByTestId('total-replies');
    expect(screen.getByTestId('import-team')).toBeTruthy();
    expect(screen.getByTestId('export-json')).toBeTruthy();
    expect(screen.getByTestId('export-csv-steps')).toBeTruthy();
  });
});

describe('report URL', () => {
  it.each<[string, Filters]>([
    [
      'all filters',
      { period: '90d', from: '', to: '', agent: 'Łukasz Żółć', playbookId: 'refund', helpdesk: 'zendesk' },
    ],
    [
      'a custom range',
      { period: '30d', from: '2025-03-01', to: '2025-03-15', agent: '', playbookId: '', helpdesk: '' },
    ],
    ['all time, no filter', { period: 'all', from: '', to: '', agent: '', playbookId: '', helpdesk: '' }],
  ])('carries %s through the query string', (_name, filters) => {
    expect(filtersFromSearch(reportSearch(filters))).toEqual({ filters, dropped: [] });
  });

  it('drops a hand-edited value that does not fit and keeps the rest', () => {
    expect(filtersFromSearch('?period=1y&agent=Ana&from=yesterday&to=2025-03-15')).toEqual({
      filters: { period: '30d', from: '', to: '', agent: 'Ana', playbookId: '', helpdesk: '' },
      dropped: ['period', 'from'],
    });
  });
});

describe('report summary text', () => {
  it('says so when nothing matches, and leaves changes out for all time', async () => {
    const empty = await summarizeQuery(db, { agent: 'Nobody' });
    expect(
      reportText({
        filters: { ...ALL, period: 'all', agent: 'Nobody' },
        summary: empty,
        previous: null,
        changes: new Map(),
        labels,
        today: '2025-03-20',
      }),
    ).toBe('Keel team adherence: All time · agent Nobody\nNo replies match these filters.\n');
    const all = await summarizeQuery(db, {});
    const text = reportText({
      filters: { ...ALL, period: 'all' },
      summary: all,
      previous: null,
      changes: agentChanges(all, all),
      labels,
      today: '2025-03-20',
    });
    expect(text).toContain('Agents (replies, adherence):\n- Ana: 3, 60%\n');
    expect(text).not.toContain('pts');
  });
});
