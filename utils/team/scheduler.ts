import { browser } from 'wxt/browser';
import type { KeelDatabase } from '../store/open';
import { loadTeamConfig, type TeamConfig } from './config';
import { checkConnection, type PushOutcome, pushQueue, retries, retryDelay, type TeamState } from './push';
import { queueCounts, queueHistory } from './queue';

export const TEAM_ALARM = 'keel.team';
/** storage.local key of the push state (never credentials). */
export const TEAM_STATUS_KEY = 'teamStatus';

/** What the options page shows, kept in storage.local. */
export interface TeamStatus {
  state: TeamState;
  pending: number;
  rejected: number;
  message?: string;
  /** Records older than this (epoch ms) wait for "send history"; 0 once it ran. */
  from: number;
  /** Failed runs in a row, for the backoff. */
  attempt: number;
  at: number;
}

/** What the push loop needs from the outside; tests pass a fake clock, fetch and alarms. */
export interface TeamDeps {
  db: () => Promise<KeelDatabase>;
  config: () => Promise<TeamConfig | null>;
  now: () => number;
  fetch?: typeof fetch;
  readStatus: () => Promise<TeamStatus | null>;
  writeStatus: (status: TeamStatus) => Promise<void>;
  /** Arms the retry alarm at `when` (epoch ms); `null` clears it. */
  schedule: (when: number | null) => Promise<void>;
}

/**
 * One push run, one at a time: pushes the queue, records the state, and on a network error or
 * 5xx arms an alarm (30 s, then doubling up to 15 min) so a sleeping worker resumes. A 401 or 403
 * waits for the user (new credentials, "Test connection").
 */
export function createTeamPusher(deps: TeamDeps): {
  run: () => Promise<TeamStatus>;
  sendHistory: () => Promise<TeamStatus>;
  test: () => Promise<TeamStatus>;
} {
  let running: Promise<TeamStatus> | null = null;
  let again = false;

  const once = async (): Promise<TeamStatus> => {
    const db = await deps.db();
    const config = await deps.config();
    const previous = await deps.readStatus();
    const now = deps.now();
    // Without a store, "the connection" has not started: records until it does are history.
    const from = config ? (previous?.from ?? now) : now;
    if (!config) {
      const status: TeamStatus = {
        state: 'off',
        ...(await queueCounts(db, from)),
        from,
        attempt: 0,
        at: now,
      };
      await deps.schedule(null);
      await deps.writeStatus(status);
      return status;
    }
    let outcome: PushOutcome;
    try {
      outcome = await pushQueue(db, config, { from, fetch: deps.fetch });
    } catch (error) {
      outcome = {
        state: 'error',
        written: 0,
        already: 0,
        rejected: 0,
        requests: 0,
        bytes: 0,
        message: String(error),
      };
    }
    const attempt = retries(outcome.state) ? (previous?.attempt ?? 0) + 1 : 0;
    const status: TeamStatus = {
      state: outcome.state,
      ...(await queueCounts(db, from)),
      ...(outcome.message ? { message: outcome.message } : {}),
      from,
      attempt,
      at: deps.now(),
    };
    await deps.schedule(retries(outcome.state) ? deps.now() + retryDelay(attempt - 1) : null);
    await deps.writeStatus(status);
    return status;
  };

  const run = (): Promise<TeamStatus> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let status = await once();
        while (again) {
          again = false;
          status = await once();
        }
        return status;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const sendHistory = async (): Promise<TeamStatus> => {
    await queueHistory(await deps.db());
    const previous = await deps.readStatus();
    await deps.writeStatus({
      ...(previous ?? { state: 'off', pending: 0, rejected: 0, attempt: 0 }),
      from: 0,
      at: deps.now(),
    });
    return run();
  };

  /** "Test connection": asks the store first (a 401 shows with an empty queue), then pushes. */
  const test = async (): Promise<TeamStatus> => {
    const config = await deps.config();
    if (!config) return run();
    const check = await checkConnection(config, deps.fetch);
    if (check.state === 'ok') return run();
    const db = await deps.db();
    const previous = await deps.readStatus();
    const from = previous?.from ?? deps.now();
    const status: TeamStatus = {
      state: check.state,
      ...(await queueCounts(db, from)),
      ...(check.message ? { message: check.message } : {}),
      from,
      attempt: previous?.attempt ?? 0,
      at: deps.now(),
    };
    await deps.writeStatus(status);
    return status;
  };

  return { run, sendHistory, test };
}

/** The push state as the background last wrote it. */
export async function readTeamStatus(): Promise<TeamStatus | null> {
  return (
    ((await browser.storage.local.get(TEAM_STATUS_KEY))[TEAM_STATUS_KEY] as TeamStatus | undefined) ?? null
  );
}

/** The pusher wired to the browser: storage.local for the state, browser.alarms for retries. */
export function browserTeamPusher(db: () => Promise<KeelDatabase>): ReturnType<typeof createTeamPusher> {
  return createTeamPusher({
    db,
    now: () => Date.now(),
    config: async () => {
      const result = await loadTeamConfig();
      return result?.ok ? result.config : null;
    },
    readStatus: readTeamStatus,
    writeStatus: (status) => browser.storage.local.set({ [TEAM_STATUS_KEY]: status }),
    schedule: async (when) => {
      if (when === null) await browser.alarms.clear(TEAM_ALARM);
      else await browser.alarms.create(TEAM_ALARM, { when });
    },
  });
}
