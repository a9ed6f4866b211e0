import * as v from 'valibot';
import { rangeOf } from '../background/handlers';
import type { KeelMessage, KeelResponses } from '../messages';
import { dayOf, emptyRollup, ownTally, rollupKey, setTally } from '../store/rollups';
import type { Rollup } from '../store/schema';
import {
  dayTotalsOfRollups,
  type FilterChoices,
  matchesFilters,
  type Summary,
  type SummaryQuery,
  summarizeRollups,
} from '../store/summary';
import type { ReplyRecord } from '../store/types';
import { authorizationOf, loadTeamConfig, type TeamConfig } from './config';
import { DESIGN_ID } from './design';
import { databaseUrl, type TeamState } from './push';

/**
 * The popup's team scope: the same Summary the local scope shows, computed from the team
 * database's views with group_level (rows of day × agent × playbook × helpdesk, never records),
 * folded by the very functions that fold the local rollups, so every figure means the same.
 */

export type SummaryMessage = KeelMessage & { type: 'stats.summary' };
export type TeamSummaryAnswer =
  | Extract<KeelResponses['stats.summary'], { ok: true }>
  | { ok: false; state: Exclude<TeamState, 'ok' | 'off'>; error: string };

/** A row of the `team` view (utils/team/design.ts): its key and the element-wise sums. */
const KeySchema = v.array(v.union([v.string(), v.number(), v.null()]));
const TeamRows = v.object({ rows: v.array(v.object({ key: KeySchema, value: v.array(v.number()) })) });
type TeamRow = v.InferOutput<typeof TeamRows>['rows'][number];

class TeamReadError extends Error {
  constructor(
    readonly state: Exclude<TeamState, 'ok' | 'off'>,
    message: string,
  ) {
    super(message);
  }
}

interface ViewReader {
  (params: Record<string, unknown>): Promise<TeamRow[]>;
  requests: number;
}

type ViewGet = (view: string, params: Record<string, unknown>) => Promise<unknown>;

/** Reads a view of the design document; HTTP failures become the connection's states. */
function viewGetter(config: TeamConfig, doFetch: typeof fetch, count: () => void): ViewGet {
  return async (view, params) => {
    const query = Object.entries(params)
      .map(([name, value]) => `${name}=${encodeURIComponent(JSON.stringify(value))}`)
      .join('&');
    let response: Response;
    try {
      count();
      response = await doFetch(`${databaseUrl(config)}/${DESIGN_ID}/_view/${view}?${query}`, {
        headers: { Accept: 'application/json', Authorization: authorizationOf(config) },
        credentials: 'omit',
      });
    } catch (error) {
      throw new TeamReadError('offline', `The team store could not be reached (${String(error)}).`);
    }
    if (response.status === 401) {
      throw new TeamReadError('unauthorized', 'The team store refused the credentials.');
    }
    if (response.status === 403) {
      throw new TeamReadError('forbidden', 'This user may not read the team database.');
    }
    if (response.status === 404) {
      throw new TeamReadError('error', 'The team database has no Keel views yet: run `npm run team:setup`.');
    }
    if (!response.ok) throw new TeamReadError('error', `The team store answered ${response.status}.`);
    return response.json().catch(() => null);
  };
}

/** Reads the `team` view, checking the rows' shape. */
function viewReader(config: TeamConfig, doFetch: typeof fetch): ViewReader {
  const get = viewGetter(config, doFetch, () => {
    read.requests += 1;
  });
  const read = (async (params: Record<string, unknown>) => {
    const parsed = v.safeParse(TeamRows, await get('team', params));
    if (!parsed.success) {
      throw new TeamReadError(
        'error',
        'The team store’s Keel view answered in an unexpected shape: run `npm run team:setup`.',
      );
    }
    return parsed.output.rows;
  }) as ViewReader;
  read.requests = 0;
  return read;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));

/** A kind's rows from sinceDay to untilDay (both included), rolled up to `groupLevel` keys. */
function rangeParams(kind: string, query: SummaryQuery, groupLevel: number): Record<string, unknown> {
  return {
    group_level: groupLevel,
    startkey: query.sinceDay ? [kind, query.sinceDay] : [kind],
    endkey: query.untilDay ? [kind, query.untilDay, {}] : [kind, {}],
  };
}

/** Daily rollups of the team for a range (day × agent × playbook × helpdesk), from two grouped reads. */
export async function teamRollups(read: ViewReader, query: SummaryQuery): Promise<Rollup[]> {
  const [replies, steps] = await Promise.all([
    read(rangeParams('reply', query, 5)),
    read(rangeParams('step', query, 6)),
  ]);
  const rollups = new Map<string, Rollup>();
  const rollupOf = (key: readonly unknown[]): Rollup => {
    const [day, agent, playbookId, helpdesk] = [text(key[1]), text(key[2]), text(key[3]), text(key[4])];
    const id = rollupKey(day, playbookId, agent, helpdesk);
    let rollup = rollups.get(id);
    if (!rollup) {
      rollup = emptyRollup(day, playbookId, agent, helpdesk);
      rollups.set(id, rollup);
    }
    return rollup;
  };
  for (const { key, value } of replies) {
    const rollup = rollupOf(key);
    rollup.count += value[0] ?? 0;
    rollup.scoreSum += value[1] ?? 0;
    rollup.fullCount += value[2] ?? 0;
  }
  for (const { key, value } of steps) {
    const rollup = rollupOf(key);
    const stepId = text(key[5]);
    const tally = ownTally(rollup.steps, stepId) ?? { applicable: 0, misses: 0 };
    tally.applicable += value[0] ?? 0;
    tally.misses += value[1] ?? 0;
    setTally(rollup.steps, stepId, tally);
  }
  return [...rollups.values()];
}

/**
 * The filters' choices in the team scope: the agents, playbooks and helpdesks with replies in the
 * period or the one before it (an all-time list would read every day's rows).
 */
export function choicesOf(rollups: readonly Rollup[]): FilterChoices {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    agents: sorted(rollups.map((r) => r.agent)),
    playbooks: sorted(rollups.map((r) => r.playbookId)),
    helpdesks: sorted(rollups.map((r) => r.helpdesk)),
  };
}

/**
 * What `stats.summary` answers, for the team: the period's summary, the one before it (for the
 * deltas) and the filters' choices. A connection problem comes back as its state.
 */
export async function fetchTeamSummary(
  config: TeamConfig,
  message: SummaryMessage,
  options: { fetch?: typeof fetch; now?: number } = {},
): Promise<TeamSummaryAnswer & { requests?: number }> {
  const read = viewReader(config, options.fetch ?? ((...args) => fetch(...args)));
  const range = rangeOf(message, dayOf(options.now ?? Date.now()));
  const filters = { agent: message.agent, playbookId: message.playbookId, helpdesk: message.helpdesk };
  try {
    // Unfiltered rows: the summaries filter them, the choices list every value of the period.
    const [current, before] = await Promise.all([
      teamRollups(read, range.current),
      range.previous ? teamRollups(read, range.previous) : Promise.resolve(null),
    ]);
    const fold = (rollups: Rollup[], query: SummaryQuery): Summary => {
      const matching = rollups.filter((rollup) => matchesFilters(rollup, filters));
      return {
        ...summarizeRollups(matching, dayTotalsOfRollups(matching), query.sinceDay ?? null),
        untilDay: query.untilDay ?? null,
      };
    };
    return {
      ok: true,
      summary: fold(current, range.current),
      previous: before && range.previous ? fold(before, range.previous) : null,
      choices: choicesOf([...current, ...(before ?? [])]),
      requests: read.requests,
    };
  } catch (error) {
    if (error instanceof TeamReadError) return { ok: false, state: error.state, error: error.message };
    throw error;
  }
}

const MissRows = v.object({
  rows: v.array(
    v.object({
      key: KeySchema,
      value: v.object({
        id: v.string(),
        ticketId: v.string(),
        helpdesk: v.string(),
        agent: v.string(),
        score: v.number(),
        ticketUrl: v.nullish(v.string()),
      }),
    }),
  ),
});

export type MissedMessage = KeelMessage & { type: 'stats.missed' };
export type TeamMissedAnswer =
  | Extract<KeelResponses['stats.missed'], { ok: true }>
  | { ok: false; state: Exclude<TeamState, 'ok' | 'off'>; error: string };

/**
 * The drill-down in the team scope: the replies behind a missed step, newest first, 25 a page,
 * from the `misses` view (a descending key range; `before` excluded, `since` included), as
 * `stats.missed` answers it locally. The rows carry what the list shows, never text.
 */
export async function fetchTeamMissed(
  config: TeamConfig,
  message: MissedMessage,
  options: { fetch?: typeof fetch; limit?: number } = {},
): Promise<TeamMissedAnswer> {
  const limit = options.limit ?? 25;
  const get = viewGetter(config, options.fetch ?? ((...args) => fetch(...args)), () => undefined);
  const prefix = message.agent
    ? ['agent', message.agent, message.playbookId, message.stepId]
    : ['any', message.playbookId, message.stepId];
  try {
    const answer = v.safeParse(
      MissRows,
      await get('misses', {
        descending: true,
        startkey: message.before === undefined ? [...prefix, {}] : [...prefix, message.before],
        endkey: [...prefix, message.since ?? 0],
        // One extra row tells whether there is a next page; one more covers a row at `before`.
        limit: limit + 2,
      }),
    );
    if (!answer.success)
      throw new TeamReadError(
        'error',
        'The team store’s misses view answered in an unexpected shape: run `npm run team:setup`.',
      );
    const rows = answer.output.rows.filter(
      (row) => message.before === undefined || Number(row.key.at(-1)) < (message.before as number),
    );
    const records: ReplyRecord[] = rows.slice(0, limit).map(({ key, value }) => ({
      id: value.id,
      time: Number(key.at(-1)),
      helpdesk: value.helpdesk,
      ticketId: value.ticketId,
      playbookId: message.playbookId,
      playbookVersion: 0,
      agent: value.agent,
      score: value.score,
      fullAdherence: false,
      steps: [{ id: message.stepId, status: 'fail' }],
      wordCount: 0,
      origin: 'import',
      ...(value.ticketUrl ? { ticketUrl: value.ticketUrl } : {}),
    }));
    return { ok: true, records, next: rows.length > limit ? (records.at(-1)?.time ?? null) : null };
  } catch (error) {
    if (error instanceof TeamReadError) return { ok: false, state: error.state, error: error.message };
    throw error;
  }
}

/** The popup's view of the team store: whether one is configured, its summary and drill-down. */
export interface TeamSummarySource {
  configured(): Promise<boolean>;
  summary(message: SummaryMessage): Promise<TeamSummaryAnswer>;
  missed(message: MissedMessage): Promise<TeamMissedAnswer>;
}

/** The team store this browser is configured with (policy first, then the options page). */
export function browserTeamSummarySource(): TeamSummarySource {
  const config = async (): Promise<TeamConfig | null> => {
    const result = await loadTeamConfig();
    return result?.ok ? result.config : null;
  };
  return {
    configured: async () => (await config()) !== null,
    async summary(message) {
      const current = await config();
      if (!current) return { ok: false, state: 'error', error: 'No team store is configured.' };
      return fetchTeamSummary(current, message);
    },
    async missed(message) {
      const current = await config();
      if (!current) return { ok: false, state: 'error', error: 'No team store is configured.' };
      return fetchTeamMissed(current, message);
    },
  };
}
