/**
 * The agent's corrections of the checker's verdicts: "Done in my own words" on a failed step,
 * "Not needed here" on an applicable one. Each override remembers the verdict it corrected and
 * lapses when the draft changes that verdict, so a correction never hides a later miss. Pure.
 */
import { scoreSteps } from '../checker/score';
import type { CheckResult } from '../checker/types';
import type { StepOverride } from '../store/types';

export interface OverrideEntry {
  kind: StepOverride;
  /** The checker's status when the agent overrode it. */
  checked: 'pass' | 'fail';
}

/**
 * Whether the agent may override a step: always, except a critical step when the administrator's
 * policy sets `allowCriticalOverrides: false`.
 */
export function overrideAllowed(step: { severity: string }, allowCriticalOverrides: boolean): boolean {
  return allowCriticalOverrides || step.severity !== 'critical';
}

/** `result` with the overrides that still hold applied (and the score recomputed); drops lapsed ones. */
export function applyOverrides(result: CheckResult, overrides: Map<string, OverrideEntry>): CheckResult {
  if (overrides.size === 0) return result;
  let changed = false;
  const steps = result.steps.map((step) => {
    const entry = overrides.get(step.stepId);
    if (!entry) return step;
    if (step.status !== entry.checked) {
      overrides.delete(step.stepId);
      return step;
    }
    changed = true;
    return {
      ...step,
      status: entry.kind === 'done' ? ('pass' as const) : ('na' as const),
      override: entry.kind,
    };
  });
  if (!changed) return result;
  return { ...result, ...scoreSteps(steps), steps };
}
