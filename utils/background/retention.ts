import { browser } from 'wxt/browser';
import { readStatsSettings } from '../config/stats-settings';
import type { KeelDatabase } from '../store/open';
import { pruneBefore } from '../store/replies';

export const RETENTION_ALARM = 'keel.retention';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes sure the daily retention alarm exists (alarms survive service-worker restarts). */
export async function scheduleRetention(): Promise<void> {
  const existing = await browser.alarms.get(RETENTION_ALARM);
  if (!existing) browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
}

/** Prunes records older than the configured retention. Resolves the number deleted. */
export async function runRetention(db: KeelDatabase, now: number = Date.now()): Promise<number> {
  const { retentionDays } = await readStatsSettings();
  return pruneBefore(db, now - retentionDays * DAY_MS);
}
