import type { CheckResult } from '../checker/types';
import { type ReplyRecord, recordStep, type StepOverride } from '../store/types';
import { applyOverrides, type OverrideEntry } from './overrides';

/** A send's record before its verdict: who, where, when and which playbook. */
export type RecordBase = Omit<ReplyRecord, 'score' | 'fullAdherence' | 'steps' | 'wordCount'>;

/** An agent's override as it travels in a message (a Map does not). */
export interface OverrideWire {
  stepId: string;
  kind: StepOverride;
  checked: 'pass' | 'fail';
}

export const overridesToWire = (overrides: Map<string, OverrideEntry>): OverrideWire[] =>
  [...overrides].map(([stepId, entry]) => ({ stepId, ...entry }));

export const overridesFromWire = (wire: readonly OverrideWire[]): Map<string, OverrideEntry> =>
  new Map(wire.map(({ stepId, kind, checked }) => [stepId, { kind, checked }]));

/**
 * The record of a send: its base and the verdict of the text sent, with the agent's overrides that
 * still hold. The same in the page (verdict known at Send) and in the background (checked there).
 */
export function recordOf(
  base: RecordBase,
  checked: CheckResult,
  overrides: Map<string, OverrideEntry>,
): ReplyRecord {
  const result = applyOverrides(checked, new Map(overrides));
  return {
    ...base,
    score: result.score,
    fullAdherence: result.fullAdherence,
    steps: result.steps.map((s) => recordStep(s.stepId, s.status, s.override)),
    wordCount: result.wordCount,
  };
}
