import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { dayOf, dayTotalsOf, missesOf, monthOf, rollupKey, rollupsOf } from './rollups';
import type { KeelDB } from './schema';
import type { ReplyRecord } from './types';

type UpgradeTransaction = IDBPTransaction<KeelDB, StoreNames<KeelDB>[], 'versionchange'>;

/**
 * One step up the schema ladder. `schema` runs synchronously inside the upgrade event (stores and
 * indexes can only be made then); `data` runs after every schema step of this upgrade, in the same
 * versionchange transaction, and awaits only IndexedDB requests.
 */
export interface Migration {
  version: number;
  description: string;
  schema(db: IDBPDatabase<KeelDB>, tx: UpgradeTransaction): void;
  data?(tx: UpgradeTransaction): Promise<void>;
}

/** Every stored reply, read inside the upgrade transaction (data steps backfill from them). */
async function allReplies(tx: UpgradeTransaction): Promise<ReplyRecord[]> {
  const records: ReplyRecord[] = [];
  let cursor = await tx.objectStore('replies').openCursor();
  while (cursor) {
    records.push(cursor.value);
    cursor = await cursor.continue();
  }
  return records;
}

/** v1: one record per sent reply, indexed by time, playbook, agent and ticket. */
export const migrationV1: Migration = {
  version: 1,
  description: 'replies store with indexes by time, playbook, agent, ticket',
  schema(db) {
    const replies = db.createObjectStore('replies', { keyPath: 'id' });
    replies.createIndex('by-time', 'time');
    replies.createIndex('by-playbook', 'playbookId');
    replies.createIndex('by-agent', 'agent');
    replies.createIndex('by-ticket', 'ticketId');
  },
};

/** v2: rollups per day × playbook × agent, backfilled from the replies already stored. */
export const migrationV2: Migration = {
  version: 2,
  description: 'rollups store, backfilled from existing replies',
  schema(db) {
    const rollups = db.createObjectStore('rollups', { keyPath: 'key' });
    rollups.createIndex('by-day', 'day');
  },
  async data(tx) {
    const records = await allReplies(tx);
    const rollups = tx.objectStore('rollups');
    await Promise.all([...rollupsOf(records).values()].map((rollup) => rollups.put(rollup)));
  },
};

/** v3: hashes of imported team files, so importing the same file twice adds nothing. */
export const migrationV3: Migration = {
  version: 3,
  description: 'imports store (hashes of merged team files)',
  schema(db) {
    db.createObjectStore('imports', { keyPath: 'hash' });
  },
};

/**
 * v4: monthly rollups and per-day totals, so a summary over months reads a few hundred rows instead
 * of one per day × playbook × agent. Backfilled from the replies already stored.
 */
export const migrationV4: Migration = {
  version: 4,
  description: 'monthly rollups and per-day totals, backfilled from existing replies',
  schema(db) {
    const monthly = db.createObjectStore('monthly', { keyPath: 'key' });
    monthly.createIndex('by-month', 'day');
    db.createObjectStore('days', { keyPath: 'day' });
  },
  async data(tx) {
    const records = await allReplies(tx);
    const monthly = tx.objectStore('monthly');
    const days = tx.objectStore('days');
    await Promise.all([
      ...[...rollupsOf(records, true).values()].map((rollup) => monthly.put(rollup)),
      ...[...dayTotalsOf(records).values()].map((total) => days.put(total)),
    ]);
  },
};

/**
 * v5: replies handed over at the moment of Send and not yet confirmed, so a tab closed right after
 * Send still leaves its record (committed after a grace period). Nothing to backfill.
 */
export const migrationV5: Migration = {
  version: 5,
  description: 'pending store (sends not yet confirmed), indexed by arrival time',
  schema(db) {
    const pending = db.createObjectStore('pending', { keyPath: 'record.id' });
    pending.createIndex('by-since', 'since');
  },
};

/**
 * v6: rollups keyed also by helpdesk (for the helpdesk filter; daily and monthly rebuilt from the
 * replies), and the `misses` store: one entry per missed step of each reply, keyed
 * [playbookId, stepId, time, id] and indexed [agent, playbookId, stepId, time], so the drill-down
 * from a missed step lists its replies newest first by key range, never by scanning records.
 */
export const migrationV6: Migration = {
  version: 6,
  description: 'rollups keyed by helpdesk too (rebuilt); misses store for the drill-down, backfilled',
  schema(db) {
    const misses = db.createObjectStore('misses', { keyPath: ['playbookId', 'stepId', 'time', 'id'] });
    misses.createIndex('by-agent', ['agent', 'playbookId', 'stepId', 'time']);
    misses.createIndex('by-time', 'time');
  },
  async data(tx) {
    const records = await allReplies(tx);
    const rollups = tx.objectStore('rollups');
    const monthly = tx.objectStore('monthly');
    const misses = tx.objectStore('misses');
    await Promise.all([rollups.clear(), monthly.clear()]);
    await Promise.all([
      ...[...rollupsOf(records).values()].map((rollup) => rollups.put(rollup)),
      ...[...rollupsOf(records, true).values()].map((rollup) => monthly.put(rollup)),
      ...records.flatMap(missesOf).map((entry) => misses.put(entry)),
    ]);
  },
};

/**
 * v7 (issue 16; issue 17 owns v6): the team store's push queue, by record id, indexed by record
 * time. Nothing to backfill: records older than the connection are queued by "send history".
 */
export const migrationV7: Migration = {
  version: 7,
  description: 'teamQueue store (records waiting for the team store), indexed by record time',
  schema(db) {
    const queue = db.createObjectStore('teamQueue', { keyPath: 'id' });
    queue.createIndex('by-time', 'time');
  },
};

/**
 * v9 (issue 13; v8 is left to another branch): rollups count overrides per step (`steps[id].overrides`,
 * by kind), so the popup and the playbook editor show the steps agents override most from rollups.
 * Backfill: only the daily and monthly rollups that hold a record with an override are rebuilt,
 * from the records they count; on a database without overrides nothing is written.
 */
export const migrationV9: Migration = {
  version: 9,
  description: 'rollups count overrides per step; rollups of records with overrides rebuilt',
  schema() {},
  async data(tx) {
    const records = await allReplies(tx);
    const dailyKey = (r: ReplyRecord) => rollupKey(dayOf(r.time), r.playbookId, r.agent, r.helpdesk);
    const monthlyKey = (r: ReplyRecord) =>
      rollupKey(monthOf(dayOf(r.time)), r.playbookId, r.agent, r.helpdesk);
    const overridden = records.filter((r) => r.steps.some((step) => step.override !== undefined));
    if (overridden.length === 0) return;
    const days = new Set(overridden.map(dailyKey));
    const months = new Set(overridden.map(monthlyKey));
    const rollups = tx.objectStore('rollups');
    const monthly = tx.objectStore('monthly');
    await Promise.all([
      ...[...rollupsOf(records.filter((r) => days.has(dailyKey(r)))).values()].map((r) => rollups.put(r)),
      ...[
        ...rollupsOf(
          records.filter((r) => months.has(monthlyKey(r))),
          true,
        ).values(),
      ].map((r) => monthly.put(r)),
    ]);
  },
};

/** Every migration, in order. The database's version is the last one's. */
export const MIGRATIONS: readonly Migration[] = [
  migrationV1,
  migrationV2,
  migrationV3,
  migrationV4,
  migrationV5,
  migrationV6,
  migrationV7,
  migrationV9,
];

/** The last migration's version (versions may skip a number while branches merge). */
export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 1;

/**
 * Runs the migrations between `oldVersion` and `newVersion`: all schema steps now (synchronously,
 * while the upgrade event is active), then their data steps in order. A failing data step aborts the
 * upgrade, so the database stays at its old version with every record.
 */
export function runMigrations(
  db: IDBPDatabase<KeelDB>,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): void {
  const pending = MIGRATIONS.filter((m) => m.version > oldVersion && m.version <= newVersion);
  for (const migration of pending) migration.schema(db, tx);
  const runData = async () => {
    for (const migration of pending) await migration.data?.(tx);
  };
  runData().catch((error: unknown) => {
    console.error('Keel: database upgrade failed; keeping the old version', error);
    tx.abort();
  });
}
