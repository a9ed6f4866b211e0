import { type IDBPDatabase, openDB } from 'idb';
import { DB_VERSION, runMigrations } from './migrations';
import { DB_NAME, type KeelDB } from './schema';

export type KeelDatabase = IDBPDatabase<KeelDB>;

/**
 * Opens (and upgrades) Keel's statistics database. Only the background calls this with the default
 * name: IndexedDB opened in a content script would belong to the helpdesk's origin. Tests pass their
 * own name, and an older `version` to build a database as an older Keel left it.
 */
export function openKeelDB(
  name: string = DB_NAME,
  version: number = DB_VERSION,
  onClosed?: () => void,
): Promise<KeelDatabase> {
  return openDB<KeelDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      runMigrations(db, oldVersion, newVersion ?? version, tx);
    },
    // A newer Keel (an update) wants the database: let it, and reopen later.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onClosed?.();
    },
    terminated() {
      onClosed?.();
    },
  });
}
