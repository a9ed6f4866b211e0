import { dayOf } from '../store/rollups';
import { type ReplyRecord, recordStep } from '../store/types';

/** The fields of a format 1 record document. */
const FORMAT_1_FIELDS = [
  '_id',
  'type',
  'id',
  'time',
  'day',
  'helpdesk',
  'ticketId',
  'playbookId',
  'playbookVersion',
  'agent',
  'score',
  'fullAdherence',
  'steps',
  'wordCount',
] as const;

/**
 * The fields a team document may carry, per record format. The design document's
 * validate_doc_update embeds this list (utils/team/design.ts), so no text can be stored even by a
 * modified client. Format 2 adds the fields of utils/store/types.ts's format 2.
 */
export const DOC_FIELDS = {
  1: FORMAT_1_FIELDS,
  2: [...FORMAT_1_FIELDS, 'format', 'lowConfidence', 'ticketUrl'],
} as const;

/**
 * A record as the team store holds it: `_id` = `reply:<record id>`, the local day added for the
 * views; never `origin` (the store's own), and `format` only as 2.
 */
export interface TeamDoc extends Omit<ReplyRecord, 'origin' | 'format'> {
  _id: string;
  type: 'keel.reply';
  format?: 2;
  /** The agent's local calendar day, `YYYY-MM-DD`, the views' first key. */
  day: string;
}

export function docIdOf(recordId: string): string {
  return `reply:${recordId}`;
}

/** The document for one record: its allow-listed fields only (never `origin`, never text). */
export function toTeamDoc(record: ReplyRecord): TeamDoc {
  const doc: TeamDoc = {
    _id: docIdOf(record.id),
    type: 'keel.reply',
    id: record.id,
    time: record.time,
    day: dayOf(record.time),
    helpdesk: record.helpdesk,
    ticketId: record.ticketId,
    playbookId: record.playbookId,
    playbookVersion: record.playbookVersion,
    agent: record.agent,
    score: record.score,
    fullAdherence: record.fullAdherence,
    steps: record.steps.map((step) => recordStep(step.id, step.status, step.override)),
    wordCount: record.wordCount,
  };
  if (record.format === 2) {
    doc.format = 2;
    if (record.lowConfidence !== undefined) doc.lowConfidence = record.lowConfidence;
    if (record.ticketUrl !== undefined) doc.ticketUrl = record.ticketUrl;
  }
  return doc;
}
