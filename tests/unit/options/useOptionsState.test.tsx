import { cleanup, renderHook, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readAndWatch } from '@/components/options/readAndWatch';
import { useOptionsState } from '@/components/options/useOptionsState';
import { teamPlaybooksItem } from '@/utils/config/storage-items';
import type { Playbook } from '@/utils/playbook/schema';

const imported = (id: string): Playbook => ({
  id,
  name: id,
  version: 1,
  locale: 'en',
  match: { types: [id], tags: [], keywords: [], priority: 0 },
  steps: [
    { id: 'expect', title: 'Say when', severity: 'required', weight: 1, check: { kind: 'expectation' } },
  ],
});

/** A promise the test settles by hand, to stand for a slow browser read. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

/**
 * Runs `test` while the administrator's policy is still being read; `readPolicy` ends the read
 * with the policy given.
 */
async function whilePolicyIsRead(
  test: (readPolicy: (policy: Record<string, unknown>) => void) => Promise<void>,
): Promise<void> {
  const managed = fakeBrowser.storage.managed;
  const slowPolicy = deferred<Record<string, unknown>>();
  const original = managed.get;
  managed.get = (() => slowPolicy.promise) as typeof managed.get;
  try {
    await test(slowPolicy.resolve);
  } finally {
    managed.get = original;
  }
}

describe('the options page state', () => {
  it('keeps the playbooks imported while the administrator’s policy was still being read (regression: a slow first read dropped them from the list until a reload)', async () => {
    await whilePolicyIsRead(async (readPolicy) => {
      const { result } = renderHook(() => useOptionsState());
      await teamPlaybooksItem.setValue([imported('first-import')]);
      await waitFor(() => expect(result.current.team.map((p) => p.id)).toEqual(['first-import']));
      await teamPlaybooksItem.setValue([imported('first-import'), imported('second-import')]);
      readPolicy({});
      await waitFor(() => expect(result.current.loaded).toBe(true));
      expect(result.current.team.map((p) => p.id)).toEqual(['first-import', 'second-import']);
      expect(result.current.inForce.slice(0, 2).map((e) => [e.playbook.id, e.source])).toEqual([
        ['first-import', 'team'],
        ['second-import', 'team'],
      ]);
    });
  });

  it('shows the team’s playbooks before the administrator’s policy has been read', async () => {
    await teamPlaybooksItem.setValue([imported('stored')]);
    await whilePolicyIsRead(async (readPolicy) => {
      const { result } = renderHook(() => useOptionsState());
      await waitFor(() => expect(result.current.team.map((p) => p.id)).toEqual(['stored']));
      expect(result.current.loaded).toBe(false);
      readPolicy({});
      await waitFor(() => expect(result.current.loaded).toBe(true));
    });
  });
});

describe('readAndWatch', () => {
  const source = () => {
    const read = deferred<string>();
    let onChange: (value: string) => void = () => {};
    const unwatch = vi.fn();
    return {
      read,
      change: (value: string) => onChange(value),
      unwatch,
      value: {
        read: () => read.promise,
        watch: (listener: (value: string) => void) => {
          onChange = listener;
          return unwatch;
        },
      },
    };
  };

  it('applies the first read when nothing changed meanwhile, then every change', async () => {
    const stored = source();
    const applied: string[] = [];
    const done = readAndWatch(stored.value, (value) => applied.push(value), new AbortController().signal);
    stored.read.resolve('as read');
    await done;
    stored.change('changed');
    expect(applied).toEqual(['as read', 'changed']);
  });

  it('drops a first read that lands after a change, since it may predate it', async () => {
    const stored = source();
    const applied: string[] = [];
    const done = readAndWatch(stored.value, (value) => applied.push(value), new AbortController().signal);
    stored.change('changed');
    stored.read.resolve('stale read');
    await done;
    expect(applied).toEqual(['changed']);
  });

  it('stops watching and applies nothing more once aborted', async () => {
    const stored = source();
    const applied: string[] = [];
    const stop = new AbortController();
    const done = readAndWatch(stored.value, (value) => applied.push(value), stop.signal);
    stop.abort();
    stored.read.resolve('late read');
    await done;
    stored.change('after abort');
    expect(stored.unwatch).toHaveBeenCalledOnce();
    expect(applied).toEqual([]);
  });
});
