import { browser } from 'wxt/browser';
import type { ReplyProof } from './adapters/custom-evidence';
import type { CheckResult } from './checker/types';
import type { Settings } from './config/content-shapes';
import type { Playbook } from './playbook/schema';
import type { OverrideWire, RecordBase } from './sidebar/record-verdict';
import type { AgentTrend } from './store/agent-trends';
import type { FileImportOutcome } from './store/files';
import type { FilterChoices, Period, Summary } from './store/summary';
import type { ReplyRecord } from './store/types';
import type { TeamStatus } from './team/scheduler';
import type { TicketContext } from './ticket';

/** The period, range and filters of a summary, and of the CSV export of the same replies. */
export interface SummaryFilters {
  period: Period;
  /** A custom range (`YYYY-MM-DD`, both included), instead of the period, when both are set. */
  from?: string;
  to?: string;
  agent?: string;
  playbookId?: string;
  helpdesk?: string;
}

/**
 * Every message the background answers. Content scripts may send only the reply and verdict
 * messages and `config.get` (CONTENT_SCRIPT_TYPES); the popup and options pages send the rest.
 *
 * A send's record travels twice: `reply.pending` at the moment the agent presses Send (the tab may
 * close right after), then `reply.sent` when the page confirms it (stores it and settles the
 * pending copy), or `reply.cancel` when the page refused it. A pending record nobody settles is
 * stored after a grace period (utils/store/pending.ts). The id is made at Send, so the record
 * counts once whichever way it arrives. `reply.sent` alone records by hand.
 *
 * A send whose draft has no verdict yet goes as `reply.pendingDraft`: the background checks the
 * draft and holds the record as `reply.pending` would, in one message that leaves in the click.
 *
 * `verdict.check` and `verdict.pick` run the checker and the classifier in the background, whose
 * bundle has room for them (the helpdesk page's has not). The draft travels only in
 * `verdict.check` (at a pause) and `reply.pendingDraft` (at a send); the background neither stores
 * nor logs it.
 */
export type KeelMessage =
  | { type: 'reply.sent'; record: ReplyRecord }
  | { type: 'reply.pending'; record: ReplyRecord; proof?: ReplyProof }
  /** A custom site's sends that wait for evidence or the agent's word (utils/sidebar/unconfirmed.ts). */
  | { type: 'reply.unconfirmed'; helpdesk: string }
  | { type: 'reply.cancel'; id: string }
  | {
      type: 'reply.pendingDraft';
      record: RecordBase;
      draft: string;
      ticket: TicketContext;
      playbook: Playbook;
      overrides: OverrideWire[];
      proof?: ReplyProof;
    }
  | { type: 'config.get' }
  | { type: 'verdict.check'; draft: string; ticket: TicketContext; playbook: Playbook }
  | { type: 'verdict.pick'; ticket: TicketContext; playbooks: Playbook[] }
  | ({ type: 'stats.summary' } & SummaryFilters)
  | {
      type: 'stats.missed';
      playbookId: string;
      stepId: string;
      agent?: string;
      /** Epoch ms: the period's start, and the time the next page starts before. */
      since?: number;
      before?: number;
      /** Replies a page (25 when absent). */
      limit?: number;
    }
  | {
      /** Each agent's daily figures for the report's per-agent trend (the agent filter is ignored). */
      type: 'stats.agentTrends';
      period: Period;
      from?: string;
      to?: string;
      playbookId?: string;
      helpdesk?: string;
    }
  | { type: 'stats.exportTeam' }
  | ({
      type: 'stats.exportCsv';
      /** `replies` (the default): one row per reply; `steps`: one row per reply × step. */
      kind?: 'replies' | 'steps';
    } & SummaryFilters)
  | { type: 'stats.exportBackup' }
  | { type: 'stats.importTeam'; files: { name: string; text: string }[] }
  | { type: 'stats.restoreBackup'; name: string; text: string }
  | { type: 'stats.clear' }
  /** The team store (utils/team/): its state and the documents it refused; test; send history. */
  | { type: 'team.status' }
  | { type: 'team.test' }
  | { type: 'team.sendHistory' };

/** A refusal or failure. `quota` is set when the browser has no room left (show it, don't hide it). */
export interface Failure {
  ok: false;
  error: string;
  quota?: boolean;
}

/** A file for the user to save. */
export interface Download {
  fileName: string;
  mimeType: string;
  text: string;
  records: number;
}

/** What the background answers to each message type. */
export interface KeelResponses {
  'reply.sent': { ok: true; added: boolean } | Failure;
  /** `pending` is false when the record was already stored (its confirmation came first). */
  'reply.pending': { ok: true; pending: boolean } | Failure;
  'reply.unconfirmed':
    | { ok: true; sends: { record: ReplyRecord; since: number; proof: ReplyProof }[] }
    | Failure;
  /** `cancelled` is false when nothing was pending under that id. */
  'reply.cancel': { ok: true; cancelled: boolean } | Failure;
  /** The record as held, with the verdict of the draft sent. */
  'reply.pendingDraft': { ok: true; pending: boolean; record: ReplyRecord } | Failure;
  /** The playbooks and settings in force: administrator's policy, then the team's, then built-in. */
  'config.get': { ok: true; playbooks: Playbook[]; settings: Settings } | Failure;
  /** `checkReply`'s result for the draft, before the agent's overrides. */
  'verdict.check': { ok: true; result: CheckResult } | Failure;
  /** `pickPlaybook`'s pick, by playbook id; null when there are no playbooks. */
  'verdict.pick':
    | { ok: true; pick: { playbookId: string; reason: string; lowConfidence?: boolean } | null }
    | Failure;
  /** `previous`: the period of the same length just before (null for all time). */
  'stats.summary': { ok: true; summary: Summary; previous: Summary | null; choices: FilterChoices } | Failure;
  'stats.missed': { ok: true; records: ReplyRecord[]; next: number | null } | Failure;
  'stats.agentTrends': { ok: true; agents: AgentTrend[] } | Failure;
  'stats.exportTeam': ({ ok: true } & Download) | Failure;
  'stats.exportCsv': ({ ok: true } & Download) | Failure;
  'stats.exportBackup': ({ ok: true } & Download) | Failure;
  'stats.importTeam': { ok: true; files: FileImportOutcome[] } | Failure;
  'stats.restoreBackup': { ok: true; records: number } | Failure;
  'stats.clear': { ok: true } | Failure;
  'team.status':
    | { ok: true; status: TeamStatus | null; rejected: { id: string; reason: string }[] }
    | Failure;
  'team.test': { ok: true; status: TeamStatus } | Failure;
  'team.sendHistory': { ok: true; status: TeamStatus } | Failure;
}

export type KeelResponse<T extends KeelMessage> = KeelResponses[T['type']];

/** Message types a content script (a helpdesk page's context) may send. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<KeelMessage['type']> = new Set([
  'reply.sent',
  'reply.pending',
  'reply.cancel',
  'reply.unconfirmed',
  'reply.pendingDraft',
  'config.get',
  'verdict.check',
  'verdict.pick',
]);

/**
 * Sends a message to the background and resolves its typed answer. Rejects when nobody answers
 * (the service worker could not be reached); see sendWithRetry for messages that must arrive.
 */
export async function sendMessage<T extends KeelMessage>(message: T): Promise<KeelResponse<T>> {
  const response: unknown = await browser.runtime.sendMessage(message);
  if (typeof response !== 'object' || response === null || !('ok' in response)) {
    throw new Error('Keel’s background did not answer.');
  }
  return response as KeelResponse<T>;
}

export interface RetryOptions {
  /** Tries in all, at least 1. */
  attempts: number;
  /** Wait before the second try; doubles each time after. */
  delayMs: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends until the background acknowledges. The service worker may be asleep or restarting, so a send
 * can throw or go unanswered; it is tried again. Safe for the reply messages because the record's id is made
 * at send time: a retry of a write that did land changes nothing. A definite answer (ok, or a
 * refusal such as a quota error) is returned at once, never retried.
 */
export async function sendWithRetry<T extends KeelMessage>(
  message: T,
  { attempts, delayMs, sleep = wait }: RetryOptions,
): Promise<KeelResponse<T>> {
  let lastError = 'no answer';
  let delay = delayMs;
  for (let attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
    try {
      return await sendMessage(message);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) {
      await sleep(delay);
      delay *= 2;
    }
  }
  return {
    ok: false,
    error: `Keel could not reach its background after ${attempts} tries (${lastError}).`,
  } satisfies Failure as KeelResponse<T>;
}
