import { describe, expect, it } from 'vitest';
import type { CheckResult, StepResult } from '../../../utils/checker/types';
import { applyOverrides, type OverrideEntry } from '../../../utils/sidebar/overrides';

const step = (
  stepId: string,
  status: StepResult['status'],
  severity: StepResult['severity'] = 'required',
): StepResult => ({
  stepId,
  title: stepId,
  severity,
  weight: 1,
  status,
  evidence: [],
});
const result = (steps: StepResult[]): CheckResult => ({
  score: 50,
  fullAdherence: false,
  criticalMiss: false,
  steps,
  wordCount: 30,
});

describe('the agent overriding a verdict', () => {
  it.each([
    ['done on a failed step passes it', 'fail', 'done', 'pass', 100],
    ['not needed on a failed step makes it not applicable', 'fail', 'na', 'na', 100],
    ['not needed on a passed step makes it not applicable', 'pass', 'na', 'na', 100],
  ] as const)('%s and the score follows', (_, checked, kind, status, score) => {
    const overrides = new Map<string, OverrideEntry>([['ack', { kind, checked }]]);
    const out = applyOverrides(result([step('greet', 'pass'), step('ack', checked)]), overrides);
    expect(out.steps[1]).toMatchObject({ status, override: kind });
    expect(out.score).toBe(score);
    expect(out.fullAdherence).toBe(true);
  });

  it('lapses when the draft changes that verdict, so a later miss is never hidden', () => {
    const overrides = new Map<string, OverrideEntry>([['ack', { kind: 'na', checked: 'pass' }]]);
    const out = applyOverrides(result([step('ack', 'fail')]), overrides);
    expect(out.steps[0]).toMatchObject({ status: 'fail' });
    expect(out.steps[0]?.override).toBeUndefined();
    expect(overrides.size).toBe(0);
  });

  it('clears a critical auto-fail the agent marked done', () => {
    const overrides = new Map<string, OverrideEntry>([['no-overpromise', { kind: 'done', checked: 'fail' }]]);
    const out = applyOverrides(
      result([step('greet', 'pass'), step('no-overpromise', 'fail', 'critical')]),
      overrides,
    );
    expect(out.criticalMiss).toBe(false);
    expect(out.score).toBe(100);
  });
});
