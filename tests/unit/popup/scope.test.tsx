import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labelsFrom } from '../../../components/popup/labels';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { KeelDatabase } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import type { TeamSummarySource } from '../../../utils/team/summary';
import { backgroundForPage, type PageSend } from '../pages';
import { makeRecord } from '../store/fixtures';

const NOW = new Date(2025, 2, 20, 15, 0).getTime();
const labels = labelsFrom([]);
type Send = PageSend;

/** A background over its own database: this browser's, or (for the fake team store) the team's. */
function backgroundOver() {
  return backgroundForPage({ page: 'popup', now: NOW });
}

let local: { db: KeelDatabase; send: Send };
let teamStore: { db: KeelDatabase; send: Send };
let reachable: boolean;

/** The team source as the popup sees it; its figures come from the "team" database. */
const team: TeamSummarySource = {
  configured: async () => true,
  summary: async (message) => {
    if (!reachable) return { ok: false, state: 'offline', error: 'unreachable' };
    const answer = await teamStore.send(message);
    if (!answer.ok) throw new Error(answer.error);
    return answer;
  },
  missed: async (message) => {
    const answer = await teamStore.send(message);
    if (!answer.ok) throw new Error(answer.error);
    return answer;
  },
};

beforeEach(async () => {
  reachable = true;
  local = await backgroundOver();
  teamStore = await backgroundOver();
  await addReply(local.db, makeRecord({ time: NOW - 3_600_000, agent: 'Ana' }));
  for (const agent of ['Ana', 'Ben', 'Cleo']) {
    await addReply(
      teamStore.db,
      makeRecord({
        time: NOW - 3_600_000,
        agent,
        score: 50,
        ticketId: `team-${agent}`,
        fullAdherence: false,
        steps: [{ id: 'greet', status: 'fail' }],
      }),
    );
  }
});
afterEach(() => {
  cleanup();
  local.db.close();
  teamStore.db.close();
});

describe('popup scope', () => {
  it('offers no scope switch without a team store', async () => {
    render(<PopupApp send={local.send} labels={labels} now={() => NOW} />);
    await screen.findByTestId('total-replies');
    expect(screen.queryByTestId('scope')).toBeNull();
  });

  it('shows the team’s figures and per-agent table in the team scope, with the same hooks', async () => {
    render(<PopupApp send={local.send} labels={labels} now={() => NOW} team={team} />);
    expect((await screen.findByTestId('total-replies')).dataset.value).toBe('1');
    const scope = await screen.findByTestId('scope');
    fireEvent.change(scope, { target: { value: 'team' } });
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('3'));
    expect(screen.getByTestId('adherence').dataset.value).toBe('50');
    expect(scope.dataset.shown).toBe('team');
    const agents = document.querySelectorAll<HTMLElement>('[data-testid=by-agent] [data-agent]');
    expect([...agents].map((row) => row.dataset.agent)).toEqual(['Ana', 'Ben', 'Cleo']);
    // The drill-down lists the team's replies behind the missed step, not this browser's.
    fireEvent.click(await screen.findByTestId('missed-step'));
    await waitFor(() => expect(screen.getAllByTestId('reply-row')).toHaveLength(3));
    expect(
      screen
        .getAllByTestId('reply-row')
        .map((row) => row.dataset.ticketId)
        .sort(),
    ).toEqual(['team-Ana', 'team-Ben', 'team-Cleo']);
  });

  it('says the team store is offline and shows the local scope', async () => {
    reachable = false;
    render(<PopupApp send={local.send} labels={labels} now={() => NOW} team={team} />);
    const scope = await screen.findByTestId('scope');
    fireEvent.change(scope, { target: { value: 'team' } });
    const notice = await screen.findByTestId('scope-offline');
    expect(notice.dataset.state).toBe('offline');
    expect(notice.textContent).toContain('Showing this browser’s replies');
    await waitFor(() => expect(screen.getByTestId('total-replies').dataset.value).toBe('1'));
    expect(scope.dataset.shown).toBe('local');
  });
});
