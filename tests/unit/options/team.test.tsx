import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TeamSection } from '@/components/options/TeamSection';
import type { KeelMessage } from '@/utils/messages';
import { TEAM_CONFIG_KEY } from '@/utils/team/config';
import type { TeamStatus } from '@/utils/team/scheduler';

const status: TeamStatus = { state: 'ok', pending: 3, rejected: 1, from: 5, attempt: 0, at: 10 };
let sent: KeelMessage[];

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  (
    vi.spyOn(fakeBrowser.runtime, 'sendMessage') as unknown as MockInstance<
      (m: KeelMessage) => Promise<unknown>
    >
  ).mockImplementation(async (message) => {
    sent.push(message);
    if (message.type === 'team.status') {
      return { ok: true, status, rejected: [{ id: 'r-1', reason: 'agent must be the writer (Ana)' }] };
    }
    return { ok: true, status: { ...status, pending: 0 } };
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A team store saved earlier, signed in with a user name and password. */
const SAVED_CONFIG = {
  url: 'https://couch.example',
  database: 'team',
  username: 'Ana',
  password: 'correct horse',
};

describe('options: Team tab', () => {
  it('shows the state, the records waiting and the refused ones, and never the saved password', async () => {
    await fakeBrowser.storage.local.set({ [TEAM_CONFIG_KEY]: SAVED_CONFIG });
    render(<TeamSection />);
    const badge = await screen.findByTestId('team-status');
    await waitFor(() => expect(badge.dataset.state).toBe('ok'));
    expect(badge.dataset.pending).toBe('3');
    const refused = await screen.findByTestId('team-rejected');
    expect(refused.dataset.count).toBe('1');
    expect(refused.textContent).toContain('agent must be the writer');
    expect((screen.getByTestId('team-password') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).toContain('••••••se');
    expect(document.body.textContent).not.toContain('correct horse');
  });

  it('keeps the saved password when the field is left empty, and refuses a bad address without saving', async () => {
    await fakeBrowser.storage.local.set({ [TEAM_CONFIG_KEY]: SAVED_CONFIG });
    render(<TeamSection />);
    const database = await screen.findByTestId('team-database');
    await waitFor(() => expect((database as HTMLInputElement).value).toBe('team'));
    fireEvent.input(database, { target: { value: 'keel-team' } });
    fireEvent.click(screen.getByTestId('team-save'));
    await waitFor(async () =>
      expect((await fakeBrowser.storage.local.get(TEAM_CONFIG_KEY))[TEAM_CONFIG_KEY]).toEqual({
        url: 'https://couch.example',
        database: 'keel-team',
        username: 'Ana',
        password: 'correct horse',
      }),
    );
    fireEvent.input(screen.getByTestId('team-url'), { target: { value: 'ftp://couch.example' } });
    fireEvent.click(screen.getByTestId('team-save'));
    expect((await screen.findByTestId('field-error')).textContent).toContain('http or https');
    expect(
      ((await fakeBrowser.storage.local.get(TEAM_CONFIG_KEY))[TEAM_CONFIG_KEY] as { url: string }).url,
    ).toBe('https://couch.example');
  });

  it('shows a policy’s team store read-only, its secret masked, and tests the connection on request', async () => {
    await fakeBrowser.storage.managed.set({
      team: { url: 'https://couch.corp', database: 'keel', token: 'eyJhbGciOiJSUzI1NiJ9.payload.sig-xy' },
    });
    render(<TeamSection />);
    expect((await screen.findByTestId('team-policy')).textContent).toContain('https://couch.corp');
    expect(screen.queryByTestId('team-save')).toBeNull();
    expect(document.body.textContent).toContain('••••••xy');
    expect(document.body.textContent).not.toContain('payload');
    fireEvent.click(await screen.findByTestId('team-test'));
    await waitFor(() => expect(sent.map((m) => m.type)).toContain('team.test'));
  });
});
