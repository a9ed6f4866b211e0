import { browser } from 'wxt/browser';

export const DEFAULT_RETENTION_DAYS = 365;

/** The parts of `storage.local` key `settings` the background reads. Options owns writing them. */
export interface StatsSettings {
  /** Records older than this many days are pruned daily. */
  retentionDays: number;
  /** The agent's name, set once in options when the helpdesk page does not show it. */
  agentName: string;
}

/** Reads settings, falling back to defaults for anything missing or malformed. */
export async function readStatsSettings(): Promise<StatsSettings> {
  const { settings } = (await browser.storage.local.get('settings')) as { settings?: unknown };
  const stored = (typeof settings === 'object' && settings !== null ? settings : {}) as Record<
    string,
    unknown
  >;
  const days = stored.retentionDays;
  return {
    retentionDays:
      typeof days === 'number' && Number.isFinite(days) && days >= 1
        ? Math.floor(days)
        : DEFAULT_RETENTION_DAYS,
    agentName: typeof stored.agentName === 'string' ? stored.agentName : '',
  };
}
