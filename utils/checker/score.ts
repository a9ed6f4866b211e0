/**
 * A reply's score from its steps' verdicts. Its own module: the sidebar rescoring an agent's
 * override needs it, and importing it from the checker's index pulled every check into the
 * content script.
 */
import type { CheckResult, StepResult } from './types';

/**
 * Scores the way QA scorecards do: the weighted share of applicable steps that passed, 0–100;
 * `na` steps leave the score alone; a failed critical step makes it 0 (auto-fail). Full adherence
 * means every applicable critical and required step passed: recommended steps lower the score when
 * missed but never block full adherence (DESIGN.md: "counts, never blocks"). A reply with no
 * applicable weight scores 100.
 */
export function scoreSteps(
  steps: StepResult[],
): Pick<CheckResult, 'score' | 'fullAdherence' | 'criticalMiss'> {
  let total = 0;
  let passed = 0;
  let criticalMiss = false;
  let fullAdherence = true;
  for (const step of steps) {
    if (step.status === 'na') continue;
    total += step.weight;
    if (step.status === 'pass') passed += step.weight;
    else {
      if (step.severity === 'critical') criticalMiss = true;
      if (step.severity !== 'recommended') fullAdherence = false;
    }
  }
  const score = criticalMiss ? 0 : total === 0 ? 100 : Math.round((passed / total) * 100);
  return { score, fullAdherence, criticalMiss };
}
