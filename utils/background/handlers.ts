import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import { labelsFrom } from '../../components/popup/labels';
import type { ReplyProof } from '../adapters/custom-evidence';
import type { Settings } from '../config/content-shapes';
import type { KeelMessage, KeelResponse, KeelResponses } from '../messages';
import type { Playbook } from '../playbook/schema';
import { overridesFromWire, recordOf } from '../sidebar/record-verdict';
import { agentTrends } from '../store/agent-trends';
import { exportCsv, exportStepsCsv } from '../store/csv';
import { isQuotaError, StoreFileError } from '../store/errors';
import { exportBackup, exportTeamFile, importTeamFiles, restoreBackup } from '../store/files';
import type { KeelDatabase } from '../store/open';
import { addPending, cancelPending, PENDING_GRACE_MS, unconfirmedSends } from '../store/pending';
import { addReply, allReplies, clearAll, missedReplies, repliesBetween } from '../store/replies';
import { dayOf, endOfDay, startOfDay } from '../store/rollups';
import type { Period } from '../store/summary';
import {
  addDays,
  daysBetween,
  filterChoices,
  matchesFilters,
  sinceDayFor,
  summarizeQuery,
} from '../store/summary';
import type { ReplyRecord } from '../store/types';
import { firstProblem } from '../store/validation';
import { rejectedEntries } from '../team/queue';
import type { TeamStatus } from '../team/scheduler';
import { trimChars } from '../trim';
import { KeelMessageSchema } from './message-schema';
import { refusalFor } from './sender';
import { createVerdictRunner } from './verdicts';

/** What the handlers need from the outside world; tests pass their own. */
export interface BackgroundDeps {
  db: () => Promise<KeelDatabase>;
  runtimeId: () => string;
  extensionOrigin: () => string;
  appVersion: () => string;
  agentName: () => Promise<string>;
  /** The playbooks and settings in force (utils/config/in-force.ts). */
  config: () => Promise<{ playbooks: Playbook[]; settings: Settings }>;
  now?: () => number;
  /** The grace period before an unconfirmed send is stored anyway (utils/background/pending.ts). */
  pendingGraceMs?: () => Promise<number>;
  /** Makes sure pending sends are committed at `due` (epoch ms) even if nobody asks (an alarm). */
  schedulePendingCommit?: (due: number) => Promise<void>;
  /**
   * Stores the pending sends whose grace period is over; run before any summary or export is
   * read, so the numbers are right as soon as the grace period ends, not when the alarm fires.
   */
  settlePending?: (db: KeelDatabase, now: number) => Promise<unknown>;
  /** The team store's pusher (utils/team/scheduler.ts); without it the team messages say "off". */
  team?: {
    test: () => Promise<TeamStatus>;
    sendHistory: () => Promise<TeamStatus>;
    status: () => Promise<TeamStatus | null>;
  };
}

type Handlers = {
  [K in KeelMessage['type']]: (message: Extract<KeelMessage, { type: K }>) => Promise<KeelResponses[K]>;
};

function stamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function safeFilePart(text: string): string {
  return trimChars(text.replace(/[^\p{L}\p{N}_-]+/gu, '-'), '-') || 'agent';
}

/**
 * The agent name that appears most often on this browser's own records (ties: the most recent),
 * or '' when none has one. Records come oldest first.
 */
export function mostCommonLocalAgent(records: readonly ReplyRecord[]): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const record of records) {
    if (record.origin !== 'local' || !record.agent) continue;
    const count = (counts.get(record.agent) ?? 0) + 1;
    counts.set(record.agent, count);
    if (count >= bestCount) {
      best = record.agent;
      bestCount = count;
    }
  }
  return best;
}

interface DayRange {
  sinceDay?: string;
  untilDay?: string;
}

/**
 * The period a summary message asks for and the one of the same length just before it (none for
 * all time). A custom range needs both ends; its ends are put in order.
 */
export function rangeOf(
  message: { period: Period; from?: string; to?: string },
  today: string,
): { current: DayRange; previous: DayRange | null } {
  if (message.from && message.to) {
    const [from, to] = message.from <= message.to ? [message.from, message.to] : [message.to, message.from];
    const length = daysBetween(from, to);
    return {
      current: { sinceDay: from, untilDay: to },
      previous: { sinceDay: addDays(from, -length), untilDay: addDays(from, -1) },
    };
  }
  const sinceDay = sinceDayFor(message.period, startOfDay(today) + 12 * 3_600_000);
  if (sinceDay === undefined) return { current: {}, previous: null };
  const length = daysBetween(sinceDay, today);
  return {
    current: { sinceDay },
    previous: { sinceDay: addDays(sinceDay, -length), untilDay: addDays(sinceDay, -1) },
  };
}

function makeHandlers(deps: BackgroundDeps): Handlers {
  const now = deps.now ?? (() => Date.now());
  const verdicts = createVerdictRunner();
  /** The database with overdue pending sends stored, for anything that reads statistics. */
  const settledDb = async (): Promise<KeelDatabase> => {
    const db = await deps.db();
    // Best effort: with the disk full, storing a pending send fails, and every summary and export
    // (the backup that the quota error advises) used to fail with it (issue 14). The send stays
    // pending and is committed once there is room; the backup carries it meanwhile.
    try {
      await deps.settlePending?.(db, now());
    } catch (error) {
      console.warn('Keel: pending sends could not be stored yet', error);
    }
    return db;
  };
  const holdPending = async (record: ReplyRecord, proof?: ReplyProof): Promise<boolean> => {
    const at = now();
    const pending = await addPending(await deps.db(), record, at, proof);
    // A send that needs evidence is never committed by time: no alarm for it.
    if (pending && !proof) {
      const graceMs = (await deps.pendingGraceMs?.()) ?? PENDING_GRACE_MS;
      await deps.schedulePendingCommit?.(at + graceMs);
    }
    return pending;
  };
  return {
    async 'reply.sent'({ record }) {
      const added = await addReply(await deps.db(), record, now());
      return { ok: true, added };
    },
    async 'reply.pending'({ record, proof }) {
      return { ok: true, pending: await holdPending(record, proof) };
    },
    // A send the page had no verdict for: checked here, the draft dropped, the record held.
    async 'reply.pendingDraft'({ record: base, draft, ticket, playbook, overrides, proof }) {
      const record = recordOf(base, verdicts.check(draft, ticket, playbook), overridesFromWire(overrides));
      return { ok: true, pending: await holdPending(record, proof), record };
    },
    async 'reply.unconfirmed'({ helpdesk }) {
      const sends = await unconfirmedSends(await deps.db(), helpdesk);
      return {
        ok: true,
        sends: sends.flatMap(({ record, since, proof }) => (proof ? [{ record, since, proof }] : [])),
      };
    },
    async 'reply.cancel'({ id }) {
      return { ok: true, cancelled: await cancelPending(await deps.db(), id) };
    },
    async 'config.get'() {
      return { ok: true, ...(await deps.config()) };
    },
    // The draft is checked and dropped: never stored, never logged (an error names the step only).
    async 'verdict.check'({ draft, ticket, playbook }) {
      return { ok: true, result: verdicts.check(draft, ticket, playbook) };
    },
    async 'verdict.pick'({ ticket, playbooks }) {
      return { ok: true, pick: verdicts.pick(ticket, playbooks) };
    },
    async 'stats.summary'(message) {
      const db = await settledDb();
      const range = rangeOf(message, dayOf(now()));
      const filters = { agent: message.agent, playbookId: message.playbookId, helpdesk: message.helpdesk };
      const [summary, previous, choices] = await Promise.all([
        summarizeQuery(db, { ...filters, ...range.current }),
        range.previous ? summarizeQuery(db, { ...filters, ...range.previous }) : Promise.resolve(null),
        filterChoices(db),
      ]);
      return { ok: true, summary, previous, choices };
    },
    async 'stats.missed'(message) {
      const { type: _type, limit = 25, ...query } = message;
      return { ok: true, ...(await missedReplies(await settledDb(), query, limit)) };
    },
    async 'stats.agentTrends'(message) {
      const { current } = rangeOf(message, dayOf(now()));
      const filters = { playbookId: message.playbookId, helpdesk: message.helpdesk };
      return { ok: true, agents: await agentTrends(await settledDb(), { ...filters, ...current }) };
    },
    async 'stats.exportTeam'() {
      const db = await settledDb();
      // Without a name in options, the name this browser's own replies carry (read from the helpdesk page).
      const agent = (await deps.agentName()) || mostCommonLocalAgent(await allReplies(db));
      const file = await exportTeamFile(db, agent, deps.appVersion(), now());
      return {
        ok: true,
        fileName: `keel-team-${safeFilePart(agent)}-${stamp(now())}.json`,
        mimeType: 'application/json',
        text: JSON.stringify(file),
        records: file.records.length,
      };
    },
    async 'stats.exportCsv'(message) {
      const db = await settledDb();
      // The records behind the summary the user is looking at: same range, same filters.
      const { current } = rangeOf(message, dayOf(now()));
      const [stored, { playbooks }] = await Promise.all([
        repliesBetween(
          db,
          current.sinceDay === undefined ? undefined : startOfDay(current.sinceDay),
          current.untilDay === undefined ? undefined : endOfDay(current.untilDay),
        ),
        deps.config(),
      ]);
      const records = stored.filter((record) => matchesFilters(record, message));
      const names = labelsFrom(playbooks);
      const kind = message.kind ?? 'replies';
      const span =
        current.untilDay === undefined
          ? `${message.period}-${stamp(now())}`
          : `${current.sinceDay}_${current.untilDay}`;
      const who = message.agent ? `-${safeFilePart(message.agent)}` : '';
      return {
        ok: true,
        fileName: `keel-${kind}-${span}${who}.csv`,
        mimeType: 'text/csv;charset=utf-8',
        text: kind === 'steps' ? exportStepsCsv(records, names) : exportCsv(records, names),
        records: records.length,
      };
    },
    async 'stats.exportBackup'() {
      const backup = await exportBackup(await settledDb(), deps.appVersion(), now());
      return {
        ok: true,
        fileName: `keel-backup-${stamp(now())}.json`,
        mimeType: 'application/json',
        text: JSON.stringify(backup),
        records: backup.records.length,
      };
    },
    async 'stats.importTeam'({ files }) {
      return { ok: true, files: await importTeamFiles(await deps.db(), files, now()) };
    },
    async 'stats.restoreBackup'({ name, text }) {
      return { ok: true, records: await restoreBackup(await deps.db(), name, text) };
    },
    async 'stats.clear'() {
      await clearAll(await deps.db());
      return { ok: true };
    },
    async 'team.status'() {
      const rejected = await rejectedEntries(await deps.db());
      return {
        ok: true,
        status: (await deps.team?.status()) ?? null,
        rejected: rejected.map((entry) => ({ id: entry.id, reason: entry.rejected ?? '' })),
      };
    },
    async 'team.test'() {
      if (!deps.team) return { ok: false, error: 'The team store is not available here.' };
      return { ok: true, status: await deps.team.test() };
    },
    async 'team.sendHistory'() {
      if (!deps.team) return { ok: false, error: 'The team store is not available here.' };
      return { ok: true, status: await deps.team.sendHistory() };
    },
  };
}

/**
 * The background's one message handler: checks the sender, validates the message, dispatches it,
 * and turns every failure into an answer (`quota: true` for a full disk) instead of a silent drop.
 */
export function createMessageHandler(deps: BackgroundDeps) {
  const handlers = makeHandlers(deps);
  return async (
    message: unknown,
    sender: Browser.runtime.MessageSender,
  ): Promise<KeelResponse<KeelMessage>> => {
    const parsed = v.safeParse(KeelMessageSchema, message);
    if (!parsed.success) {
      return { ok: false, error: `refused: malformed message (${firstProblem(parsed.issues)})` };
    }
    const refusal = refusalFor(parsed.output.type, sender, deps.runtimeId(), deps.extensionOrigin());
    if (refusal) return { ok: false, error: refusal };
    try {
      const handler = handlers[parsed.output.type] as (m: KeelMessage) => Promise<KeelResponse<KeelMessage>>;
      return await handler(parsed.output);
    } catch (error) {
      if (isQuotaError(error)) {
        return { ok: false, quota: true, error: error instanceof Error ? error.message : String(error) };
      }
      if (error instanceof StoreFileError) return { ok: false, error: error.message };
      console.error('Keel: message failed', parsed.output.type, error);
      return {
        ok: false,
        error: `Keel could not do that: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  };
}
