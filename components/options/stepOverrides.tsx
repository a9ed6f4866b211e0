import { useEffect, useState } from 'preact/hooks';
import { type KeelMessage, type KeelResponse, sendMessage } from '@/utils/messages';
import type { OverriddenStep } from '@/utils/store/summary';

/** Overrides per playbook id, then per step id. */
export type StepOverrideCounts = ReadonlyMap<string, ReadonlyMap<string, OverriddenStep>>;

export function overridesByPlaybook(rows: readonly OverriddenStep[]): StepOverrideCounts {
  const byPlaybook = new Map<string, Map<string, OverriddenStep>>();
  for (const row of rows) {
    let steps = byPlaybook.get(row.playbookId);
    if (!steps) {
      steps = new Map();
      byPlaybook.set(row.playbookId, steps);
    }
    steps.set(row.stepId, row);
  }
  return byPlaybook;
}

type Send = <T extends KeelMessage>(message: T) => Promise<KeelResponse<T>>;

/**
 * How often agents overrode each step, over all the statistics this browser holds: the popup's
 * all-time summary, which reads monthly rollups, never records. Empty until it arrives, and when the
 * background cannot answer (the counts are a hint beside the steps; the editor works without them).
 */
export function useStepOverrides(send: Send = sendMessage): StepOverrideCounts {
  const [counts, setCounts] = useState<StepOverrideCounts>(() => new Map());
  useEffect(() => {
    let current = true;
    send({ type: 'stats.summary', period: 'all' })
      .then((answer) => {
        if (current && answer.ok) setCounts(overridesByPlaybook(answer.summary.overriddenSteps ?? []));
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [send]);
  return counts;
}

/** Beside a step in the editor: how often agents overrode it, and how. Nothing when never. */
export function StepOverrideCount({ counts }: { counts: OverriddenStep | undefined }) {
  if (!counts || counts.overrides === 0) return null;
  const kinds = [
    counts.done > 0 ? `${counts.done} “done in my own words”` : '',
    counts.na > 0 ? `${counts.na} “not needed here”` : '',
  ].filter(Boolean);
  const times = counts.overrides === 1 ? 'once' : `${counts.overrides} times`;
  return (
    <span
      class="override-count"
      data-testid="step-overrides"
      data-overrides={counts.overrides}
      title={`Agents overrode this step ${times}: ${kinds.join(', ')}. Rewording it or its “when” may help.`}
    >
      Overridden {times}
    </span>
  );
}
