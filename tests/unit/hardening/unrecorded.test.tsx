import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UnrecordedSends } from '@/components/sidebar/Unrecorded';
import { keepUnrecorded, listUnrecorded, UNRECORDED_SESSION_KEY } from '@/utils/sidebar/unrecorded';
import type { ReplyRecord } from '@/utils/store/types';
import { makeRecord } from '../store/fixtures';

beforeEach(() => {
  fakeBrowser.reset();
  sessionStorage.clear();
});
afterEach(cleanup);

describe('issue 14 Low 17: sends lost in three faults are shown to the agent as not recorded', () => {
  it('lists each not-recorded send; Record stores it by its own id, Discard drops it', async () => {
    await keepUnrecorded({ record: makeRecord({ id: 'a', ticketId: '41' }), reason: 'unreachable', at: 1 });
    await keepUnrecorded({ record: makeRecord({ id: 'b', ticketId: '42' }), reason: 'unconfirmed', at: 2 });
    const recorded: ReplyRecord[] = [];
    render(
      <UnrecordedSends
        record={async (entry) => {
          recorded.push(entry.record);
          return { ok: true };
        }}
      />,
    );
    const rows = await screen.findAllByTestId('unrecorded-send');
    expect(rows.map((row) => [row.dataset.recordId, row.dataset.reason])).toEqual([
      ['a', 'unreachable'],
      ['b', 'unconfirmed'],
    ]);
    fireEvent.click(screen.getAllByTestId('unrecorded-record')[0] as HTMLElement);
    await waitFor(() => expect(screen.getAllByTestId('unrecorded-send')).toHaveLength(1));
    expect(recorded.map((record) => record.id)).toEqual(['a']);
    fireEvent.click(screen.getByTestId('unrecorded-discard'));
    await waitFor(() => expect(screen.queryByTestId('unrecorded')).toBeNull());
    expect(await listUnrecorded()).toEqual([]);
  });

  it('keeps a send in the tab when the extension context is gone, and the next sidebar adopts it', async () => {
    const set = fakeBrowser.storage.local.set;
    fakeBrowser.storage.local.set = async () => {
      throw new Error('Extension context invalidated.');
    };
    await keepUnrecorded({ record: makeRecord({ id: 'c' }), reason: 'extension-updated', at: 3 });
    fakeBrowser.storage.local.set = set;
    expect(sessionStorage.getItem(UNRECORDED_SESSION_KEY)).toContain('"c"');
    expect((await listUnrecorded()).map((entry) => entry.record.id)).toEqual(['c']);
    expect(sessionStorage.getItem(UNRECORDED_SESSION_KEY)).toBeNull();
  });
});
