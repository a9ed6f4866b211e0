import type { StepStatus } from '../checker/types';

/**
 * One sent reply, as stored in IndexedDB (database `keel`, store `replies`).
 * Never holds the reply's text.
 */
export interface ReplyRecord {
  /** Made at send time in the content script (crypto.randomUUID), so a retry is idempotent. */
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
  steps: { id: string; status: Exclude<StepStatus, 'pending'> }[];
  wordCount: number;
  /** 'local' for this browser; 'import' for records merged from a team file. */
  origin: 'local' | 'import';
}
