import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import type { KeelMessage, KeelResponse, KeelResponses } from '../messages';
import type { Playbook } from '../playbook/schema';
import type { Settings } from '../settings-core';
import { exportCsv } from '../store/csv';
import { isQuotaError, StoreFileError } from '../store/errors';
import { exportBackup, exportTeamFile, importTeamFiles, restoreBackup } from '../store/files';
import type { KeelDatabase } from '../store/open';
import { addReply, allReplies, clearAll, repliesSince } from '../store/replies';
import { startOfDay } from '../store/rollups';
import { sinceDayFor, summarize } from '../store/summary';
import { firstProblem } from '../store/validation';
import { KeelMessageSchema } from './message-schema';
import { refusalFor } from './sender';

/** What the handlers need from the outside world; tests pass their own. */
export interface BackgroundDeps {
  db: () => Promise<KeelDatabase>;
  runtimeId: () => string;
  extensionOrigin: () => string;
  appVersion: () => string;
  agentName: () => Promise<string>;
  /** The playbooks and settings in force (utils/config.ts). */
  config: () => Promise<{ playbooks: Playbook[]; settings: Settings }>;
  now?: () => number;
}

type Handlers = {
  [K in KeelMessage['type']]: (message: Extract<KeelMessage, { type: K }>) => Promise<KeelResponses[K]>;
};

function stamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function safeFilePart(text: string): string {
  return text.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'agent';
}

function makeHandlers(deps: BackgroundDeps): Handlers {
  const now = deps.now ?? Date.now;
  return {
    async 'reply.sent'({ record }) {
      const added = await addReply(await deps.db(), record);
      return { ok: true, added };
    },
    async 'config.get'() {
      return { ok: true, ...(await deps.config()) };
    },
    async 'stats.summary'({ period }) {
      const sinceDay = sinceDayFor(period, now());
      return { ok: true, summary: await summarize(await deps.db(), sinceDay ? { sinceDay } : {}) };
    },
    async 'stats.exportTeam'() {
      const agent = await deps.agentName();
      const file = await exportTeamFile(await deps.db(), agent, deps.appVersion(), now());
      return {
        ok: true,
        fileName: `keel-team-${safeFilePart(agent)}-${stamp(now())}.json`,
        mimeType: 'application/json',
        text: JSON.stringify(file),
        records: file.records.length,
      };
    },
    async 'stats.exportCsv'({ period }) {
      const db = await deps.db();
      const sinceDay = sinceDayFor(period, now());
      const records = sinceDay ? await repliesSince(db, startOfDay(sinceDay)) : await allReplies(db);
      return {
        ok: true,
        fileName: `keel-replies-${period}-${stamp(now())}.csv`,
        mimeType: 'text/csv',
        text: exportCsv(records),
        records: records.length,
      };
    },
    async 'stats.exportBackup'() {
      const backup = await exportBackup(await deps.db(), deps.appVersion(), now());
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
