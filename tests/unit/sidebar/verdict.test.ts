import { describe, expect, it } from 'vitest';
import type { CheckResult, StepResult } from '@/utils/checker/types';
import { sameVerdict } from '@/utils/sidebar/shown';

const step = (change: Partial<StepResult> = {}): StepResult => ({
  stepId: 'greet',
  title: 'Greet by name',
  severity: 'required',
  weight: 1,
  status: 'pass',
  evidence: [{ start: 0, end: 8 }],
  ...change,
});
const result = (steps: StepResult[], change: Partial<CheckResult> = {}): CheckResult => ({
  score: 100,
  fullAdherence: true,
  criticalMiss: false,
  steps,
  wordCount: 40,
  ...change,
});

describe('sameVerdict: whether a new check shows anything new in the sidebar', () => {
  const shown = result([step(), step({ stepId: 'thank', title: 'Thank them' })]);
  it.each<[string, CheckResult | null, boolean]>([
    ['the same result', shown, true],
    [
      'evidence moved and more words',
      result([step({ evidence: [{ start: 3, end: 11 }] }), step({ stepId: 'thank', title: 'Thank them' })], {
        wordCount: 41,
      }),
      true,
    ],
    ['another score', result(shown.steps, { score: 90 }), false],
    [
      'a step failed',
      result([step({ status: 'fail', reason: 'No name' }), shown.steps[1] as StepResult]),
      false,
    ],
    [
      'another reason',
      result([step({ reason: 'Too long: 300 words' }), shown.steps[1] as StepResult]),
      false,
    ],
    ['another snippet', result([step({ snippet: 'Hi Ana,' }), shown.steps[1] as StepResult]), false],
    [
      'a renamed step (the playbook was edited)',
      result([step({ title: 'Greet them' }), shown.steps[1] as StepResult]),
      false,
    ],
    ['another severity', result([step({ severity: 'critical' }), shown.steps[1] as StepResult]), false],
    ['another step order', result([shown.steps[1] as StepResult, step()]), false],
    ['a step fewer', result([step()]), false],
    ['no result (the draft was emptied)', null, false],
  ])('%s → %s', (_label, next, same) => {
    expect(sameVerdict(shown, next)).toBe(same);
  });

  it('treats two empty drafts as the same and an empty one as different from a checked one', () => {
    expect(sameVerdict(null, null)).toBe(true);
    expect(sameVerdict(null, shown)).toBe(false);
  });
});
