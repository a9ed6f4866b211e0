/** A step's outcome for one draft reply. `pending` is the sidebar's state before the first check. */
export type StepStatus = 'pass' | 'fail' | 'na' | 'pending';

export type Severity = 'critical' | 'required' | 'recommended';

/** A span of the reply text (UTF-16 offsets into the text given to `checkReply`). */
export interface Span {
  start: number;
  end: number;
}

export interface StepResult {
  stepId: string;
  title: string;
  severity: Severity;
  weight: number;
  status: Exclude<StepStatus, 'pending'>;
  /** Why it failed, or why it is not applicable, in words an agent understands. */
  reason?: string;
  /** What satisfied the step (for pass) or what tripped it (for forbid fails): spans in the text. */
  evidence: Span[];
  /** The step's snippet with the ticket's variables filled, when the step has one. */
  snippet?: string;
  /** Set by the sidebar when the agent corrected this verdict (utils/sidebar/overrides.ts). */
  override?: 'done' | 'na';
}

export interface CheckResult {
  /** 0–100, weighted over applicable steps; 0 when a critical step fails. */
  score: number;
  /** Every applicable step passed. */
  fullAdherence: boolean;
  /** A critical step failed. */
  criticalMiss: boolean;
  steps: StepResult[];
  wordCount: number;
}
