import type { DBSchema } from 'idb';
import type { ReplyRecord } from './types';

/** How one step fared over the replies of one rollup. */
export interface StepTally {
  /** Replies where the step applied (status pass or fail). */
  applicable: number;
  /** Replies where the step failed. */
  misses: number;
  /**
   * Since v9: replies where the agent corrected the verdict, by kind: "done in my own words"
   * (`done`, counted in `applicable`) and "not needed here" (`na`, not counted in `applicable`, as
   * the step was then not applicable). Absent when none.
   */
  overrides?: { done: number; na: number };
}

/**
 * Totals for one local day × playbook × agent. Summaries read only these, so the popup costs the
 * same with 100 or 100,000 records.
 */
export interface Rollup {
  /** `${day}|${playbookId}|${agent}|${helpdesk}` */
  key: string;
  /** Local calendar day, `YYYY-MM-DD`. */
  day: string;
  playbookId: string;
  agent: string;
  /** Since v6 (rollups before it are rebuilt by the v6 migration). */
  helpdesk: string;
  count: number;
  scoreSum: number;
  fullCount: number;
  steps: Record<string, StepTally>;
}

/** A team file already merged, by the SHA-256 of its text, so importing it again adds nothing. */
export interface ImportEntry {
  hash: string;
  /** The file name the lead picked, for the record. */
  name: string;
  agent: string;
  importedAt: number;
  records: number;
}

/**
 * One missed step of one stored reply (v6): the drill-down from a most-missed step to its replies
 * reads these by key range, newest first, instead of scanning records. Kept beside the records by
 * every write, prune, restore and clear.
 */
export interface MissEntry {
  /** The record's id. */
  id: string;
  playbookId: string;
  stepId: string;
  time: number;
  agent: string;
  helpdesk: string;
}

/** The database `keel` at its newest version. Older versions hold a subset of these stores. */
export interface KeelDB extends DBSchema {
  replies: {
    key: string;
    value: ReplyRecord;
    indexes: { 'by-time': number; 'by-playbook': string; 'by-agent': string; 'by-ticket': string };
  };
  rollups: {
    key: string;
    value: Rollup;
    indexes: { 'by-day': string };
  };
  imports: {
    key: string;
    value: ImportEntry;
  };
  /** The same totals per calendar month × playbook × agent; `day` holds the month, `YYYY-MM`. */
  monthly: {
    key: string;
    value: Rollup;
    indexes: { 'by-month': string };
  };
  /** Totals per day over every playbook and agent: the popup's trend, a few hundred rows a year. */
  days: {
    key: string;
    value: DayTotal;
  };
  /** Records of sends not yet confirmed by their page, by record id (utils/store/pending.ts). */
  pending: {
    key: string;
    value: PendingReply;
    indexes: { 'by-since': number };
  };
  /** Missed steps, keyed [playbookId, stepId, time, id] (v6). */
  misses: {
    key: [string, string, number, string];
    value: MissEntry;
    indexes: { 'by-agent': [string, string, string, number]; 'by-time': number };
  };
  /** Records waiting for the team store (utils/team/queue.ts), by record id; never text. */
  teamQueue: {
    key: string;
    value: TeamQueueEntry;
    indexes: { 'by-time': number };
  };
}

/**
 * One of this browser's own records not yet in the team store. Written in the same transaction as
 * the record, so a record is never stored without its queue entry. Deleted once the store has it.
 */
export interface TeamQueueEntry {
  id: string;
  /** The record's time: entries older than the connection wait for "send history". */
  time: number;
  /** Set when the store refused the document (per-document `forbidden`): kept aside and shown. */
  rejected?: string;
}

/**
 * A reply handed over at the moment the agent pressed Send, before the page confirmed it. It
 * becomes a stored reply on confirmation, or after a grace period if nobody confirms or cancels it
 * (the tab was closed right after Send); a cancel (the page refused the send) drops it.
 */
export interface PendingReply {
  record: ReplyRecord;
  /** When the background received it (epoch ms): the grace period runs from here. */
  since: number;
  /**
   * A custom site's send, which counts on positive evidence only (utils/adapters/custom-evidence.ts):
   * never stored by the grace period; the next sidebar on the site judges it or asks the agent.
   * A hash of the reply's first words, never its text.
   */
  proof?: { hash: string; words: number };
}

/** Totals of one local day. */
export interface DayTotal {
  day: string;
  count: number;
  scoreSum: number;
  fullCount: number;
}

export const DB_NAME = 'keel';
