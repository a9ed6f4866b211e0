import { afterEach, beforeEach, vi } from 'vitest';
import { type KeelDatabase, openKeelDB } from '../../../utils/store/open';
import { freshDbName } from './fixtures';

/**
 * Gives each test of the file a database of its own (handed to `use` before the test), closes it
 * after the test and restores any mocks.
 */
export function freshDbPerTest(use: (db: KeelDatabase) => void): void {
  let db: KeelDatabase | undefined;
  beforeEach(async () => {
    db = await openKeelDB(freshDbName());
    use(db);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    db?.close();
  });
}
