import type { PlaybookStep } from '../../playbook/schema';
import type { TicketContext } from '../../ticket';
import type { PhraseMatch, PhraseSet } from '../../words/phrases';
import type { TextAnalysis } from '../../words/text';
import type { Span, StepStatus } from '../types';

/** A step with its phrases already in the playbook's phrase set. */
export interface CompiledStep {
  step: PlaybookStep;
  /** Ids (in the reply phrase set) of the step's phrases or words, in the order written. */
  phraseIds: number[];
  /** Ids (in the ticket phrase set) of `when.keywords`. */
  whenKeywordIds: number[];
}

/** Everything a check reads; computed once per `checkReply` call and shared by all steps. */
export interface CheckContext {
  /** The text as given, signature and quoted history included (`reply.text` has them blanked). */
  source: string;
  reply: TextAnalysis;
  phrases: PhraseSet;
  /** Matches per phrase id; `undefined` when a phrase does not occur. */
  matches: (PhraseMatch[] | undefined)[];
  variables: Record<string, string>;
  ticket: TicketContext;
}

export interface CheckOutcome {
  status: Exclude<StepStatus, 'pending'>;
  reason?: string;
  evidence: Span[];
}

/** "Promise only what we control" → "promise only what we control", for use inside a sentence. */
export function inSentence(title: string): string {
  if (/^[A-Z][a-z]/.test(title)) return title.charAt(0).toLowerCase() + title.slice(1);
  return title;
}

/** At most this many spans per step: enough to highlight, bounded for huge replies. */
export const MAX_EVIDENCE = 20;
