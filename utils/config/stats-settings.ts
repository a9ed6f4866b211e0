import { DEFAULT_SETTINGS } from './content-shapes';
import { applyManagedSettings } from './in-force';
import { loadManagedPolicy } from './policy';
import { settingsItem } from './storage-items';

const DEFAULT_RETENTION_DAYS = DEFAULT_SETTINGS.retentionDays;

/** The settings in force that the background's own work (retention, team files) needs. */
export interface StatsSettings {
  /** Records older than this many days are pruned daily. */
  retentionDays: number;
  /** The agent's name, set once in options when the helpdesk page does not show it. */
  agentName: string;
}

/**
 * The agent's settings with the administrator's policy on top, merged by the same function as
 * loadSettings. Unlike loadSettings it waits for the live policy instead of falling back to the
 * cached one after a short wait: pruning deletes records for good, so it must not run on a stale
 * (or missing) retention period. Anything missing or malformed falls back to the defaults.
 */
export async function readStatsSettings(): Promise<StatsSettings> {
  const [policy, own] = await Promise.all([loadManagedPolicy(), settingsItem.getValue()]);
  const settings = applyManagedSettings(own, policy.settings);
  const days: unknown = settings.retentionDays;
  return {
    retentionDays:
      typeof days === 'number' && Number.isFinite(days) && days >= 1
        ? Math.floor(days)
        : DEFAULT_RETENTION_DAYS,
    agentName: typeof settings.agentName === 'string' ? settings.agentName : '',
  };
}
