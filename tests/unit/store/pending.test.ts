import { describe, expect, it, vi } from 'vitest';
import { StoreQuotaError } from '../../../utils/store/errors';
import type { KeelDatabase } from '../../../utils/store/open';
import {
  addPending,
  allPending,
  cancelPending,
  commitOverdue,
  nextPendingDue,
  PENDING_GRACE_MS,
  unconfirmedSends,
} from '../../../utils/store/pending';
import { addReply, clearAll } from '../../../utils/store/replies';
import { summarize } from '../../../utils/store/summary';
import { makeRecord } from './fixtures';
import { freshDbPerTest } from './fresh-db';

const T0 = new Date(2025, 2, 10, 12, 0).getTime();

let db: KeelDatabase;
freshDbPerTest((opened) => {
  db = opened;
});

describe('pending sends', () => {
  it('counts nothing while a send is pending, and the record once its confirmation arrives', async () => {
    const record = makeRecord();
    expect(await addPending(db, record, T0)).toBe(true);
    expect((await summarize(db)).total).toBe(0);
    expect(await addReply(db, record, T0 + 300)).toBe(true);
    expect((await summarize(db)).total).toBe(1);
    expect(await allPending(db)).toEqual([]);
  });

  it('stores nothing for a send the page refused', async () => {
    const record = makeRecord();
    await addPending(db, record, T0);
    expect(await cancelPending(db, record.id)).toBe(true);
    expect(await commitOverdue(db, T0 + 10 * PENDING_GRACE_MS, PENDING_GRACE_MS)).toBe(0);
    expect((await summarize(db)).total).toBe(0);
    expect(await cancelPending(db, record.id)).toBe(false);
  });

  it('stores a send nobody settled once the grace period is over, not before', async () => {
    const record = makeRecord();
    await addPending(db, record, T0);
    expect(await commitOverdue(db, T0 + PENDING_GRACE_MS - 1, PENDING_GRACE_MS)).toBe(0);
    expect(await nextPendingDue(db, PENDING_GRACE_MS)).toBe(T0 + PENDING_GRACE_MS);
    expect(await commitOverdue(db, T0 + PENDING_GRACE_MS, PENDING_GRACE_MS)).toBe(1);
    expect(await db.get('replies', record.id)).toEqual(record);
    expect(await allPending(db)).toEqual([]);
    expect(await nextPendingDue(db, PENDING_GRACE_MS)).toBeNull();
  });

  it('counts a send once when its confirmation arrives after the grace period committed it', async () => {
    const record = makeRecord();
    await addPending(db, record, T0);
    await commitOverdue(db, T0 + PENDING_GRACE_MS, PENDING_GRACE_MS);
    expect(await addReply(db, record, T0 + PENDING_GRACE_MS + 5)).toBe(false);
    const summary = await summarize(db);
    expect(summary.total).toBe(1);
  });

  it('does not revive a confirmed send whose pending copy arrives late', async () => {
    const record = makeRecord();
    await addReply(db, record, T0);
    expect(await addPending(db, record, T0 + 10)).toBe(false);
    expect(await allPending(db)).toEqual([]);
    expect((await summarize(db)).total).toBe(1);
  });

  it('commits only the overdue sends and leaves the younger ones pending', async () => {
    const old = makeRecord({ agent: 'Ana' });
    const young = makeRecord({ agent: 'Ben' });
    await addPending(db, old, T0);
    await addPending(db, young, T0 + 20_000);
    expect(await commitOverdue(db, T0 + PENDING_GRACE_MS, PENDING_GRACE_MS)).toBe(1);
    expect((await allPending(db)).map((entry) => entry.record.id)).toEqual([young.id]);
    expect(await nextPendingDue(db, PENDING_GRACE_MS)).toBe(T0 + 20_000 + PENDING_GRACE_MS);
  });

  it('keeps a pending send when its confirmation cannot be stored for a full disk', async () => {
    const record = makeRecord();
    await addPending(db, record, T0);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(addReply(db, record, T0 + 100)).rejects.toBeInstanceOf(StoreQuotaError);
    vi.restoreAllMocks();
    expect((await allPending(db)).map((entry) => entry.record.id)).toEqual([record.id]);
    expect(await db.count('replies')).toBe(0);
  });

  it('clears pending sends with the statistics', async () => {
    await addPending(db, makeRecord(), T0);
    await clearAll(db);
    expect(await allPending(db)).toEqual([]);
  });
});

describe('custom-site sends that count on evidence (issue 15)', () => {
  const proof = { hash: '0123abcd', words: 12 };

  it('never stores a send that needs evidence when its grace period ends (regression: a refused submit stored 30 s later)', async () => {
    const evidenced = makeRecord({ helpdesk: 'custom:acme' });
    const plain = makeRecord();
    await addPending(db, evidenced, T0, proof);
    await addPending(db, plain, T0 + 1);
    expect(await commitOverdue(db, T0 + 10 * PENDING_GRACE_MS, PENDING_GRACE_MS)).toBe(1);
    expect((await summarize(db)).total).toBe(1);
    expect((await allPending(db)).map((entry) => entry.record.id)).toEqual([evidenced.id]);
    // No alarm is due for it: only the grace period of sends without evidence.
    expect(await nextPendingDue(db, PENDING_GRACE_MS)).toBeNull();
  });

  it('lists the waiting sends of one site only, oldest first, with their proof', async () => {
    const first = makeRecord({ helpdesk: 'custom:acme' });
    const second = makeRecord({ helpdesk: 'custom:acme' });
    await addPending(db, second, T0 + 5, proof);
    await addPending(db, first, T0, proof);
    await addPending(db, makeRecord({ helpdesk: 'custom:other' }), T0, proof);
    await addPending(db, makeRecord({ helpdesk: 'custom:acme' }), T0); // no proof: the grace period's
    const sends = await unconfirmedSends(db, 'custom:acme');
    expect(sends.map((entry) => entry.record.id)).toEqual([first.id, second.id]);
    expect(sends[0]?.proof).toEqual(proof);
  });

  it('stores a waiting send once when the agent records it, and nothing when they discard it', async () => {
    const kept = makeRecord({ helpdesk: 'custom:acme' });
    const dropped = makeRecord({ helpdesk: 'custom:acme' });
    await addPending(db, kept, T0, proof);
    await addPending(db, dropped, T0, proof);
    expect(await addReply(db, kept, T0 + 60_000)).toBe(true);
    expect(await cancelPending(db, dropped.id)).toBe(true);
    expect((await summarize(db)).total).toBe(1);
    expect(await unconfirmedSends(db, 'custom:acme')).toEqual([]);
  });
});
