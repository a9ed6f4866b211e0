import type { StepStatus } from '../checker/types';

/**
 * One sent reply, as stored in IndexedDB (database `keel`, store `replies`).
 * Never holds the reply's text.
 */
export interface ReplyRecord {
  /** Made at send time in the content script (newRandomId: crypto.randomUUID is missing on plain-http pages), so a retry is idempotent. */
  id: string;
  /** Epoch milliseconds of the send. */
  time: number;
  helpdesk: string;
  ticketId: string;
  playbookId: string;
  playbookVersion: number;
  /** The agent's display name; '' when unknown. */
  agent: string;
  score: number;
  fullAdherence: boolean;
  /**
   * Each step's final status. `override` (record format 2) says the agent corrected the checker:
   * `done` = "done in my own words" (status is then `pass`), `na` = "not needed here" (`na`).
   */
  steps: { id: string; status: Exclude<StepStatus, 'pending'>; override?: StepOverride }[];
  wordCount: number;
  /** 'local' for this browser; 'import' for records merged from a team file. */
  origin: 'local' | 'import';
  /**
   * The record format (see RECORD_FORMAT). Absent on records made before format 2, which have
   * none of the optional fields below. The team store's validate_doc_update allows, per format,
   * exactly the fields listed here.
   */
  format?: RecordFormat;
  /** Format 2: the classifier's pick was a best guess (weak or tied evidence). */
  lowConfidence?: boolean;
  /** Format 2: the ticket's page in its helpdesk (http or https, no fragment), for drill-down links. */
  ticketUrl?: string;
}

/** A step as a record keeps it: exactly its id and status, and the agent's override where there is one. */
export function recordStep(
  id: string,
  status: ReplyRecord['steps'][number]['status'],
  override: StepOverride | undefined,
): ReplyRecord['steps'][number] {
  return override ? { id, status, override } : { id, status };
}

/** How an agent corrected a step's verdict. */
export type StepOverride = 'done' | 'na';

/** Record formats: 1 (no `format` field), 2 (overrides, lowConfidence, ticketUrl). */
export type RecordFormat = 1 | 2;

/** The format of the records this version of Keel writes. */
export const RECORD_FORMAT = 2 satisfies RecordFormat;
