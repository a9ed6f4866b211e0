/**
 * Whether a new check changes what the sidebar shows: most keystrokes change nothing it shows, and
 * patching anyway would re-render it and cost the page a frame of layout and paint.
 */
import type { CheckResult } from '../checker/types';

/**
 * Whether two check results show the same in the sidebar: score and, per step, what it says
 * (title, severity, status, reason, snippet). Evidence offsets and the word count move with every
 * key and are not shown.
 */
export function sameVerdict(shown: CheckResult | null, next: CheckResult | null): boolean {
  if (shown === null || next === null) return shown === next;
  if (shown.score !== next.score || shown.steps.length !== next.steps.length) return false;
  return shown.steps.every((step, i) => {
    const other = next.steps[i];
    return (
      other !== undefined &&
      step.stepId === other.stepId &&
      step.title === other.title &&
      step.severity === other.severity &&
      step.status === other.status &&
      step.reason === other.reason &&
      step.snippet === other.snippet &&
      step.override === other.override
    );
  });
}

export const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);
