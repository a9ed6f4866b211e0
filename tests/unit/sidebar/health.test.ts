import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkReply } from '@/utils/checker';
import { PlaybookSchema } from '@/utils/playbook/schema';
import { excuseUnreadSteps } from '@/utils/sidebar/health';
import { ticket } from '../checker/helpers';

const playbook = v.parse(PlaybookSchema, {
  id: 'refund',
  name: 'Refund',
  steps: [
    { id: 'greet', title: 'Greet by name', check: { kind: 'greeting', useName: true } },
    { id: 'name', title: 'Use their name', check: { kind: 'mention', variable: 'customer.firstName' } },
    { id: 'close', title: 'Sign off', check: { kind: 'closing' } },
  ],
});
const reasons = {
  notJudged: (field: string) => `not judged without ${field}`,
  judgedWithout: (field: string) => `judged without ${field}`,
};
/** The ticket as an adapter reads it when the page did not show the customer's name. */
const nameless = { ...ticket, requester: {} };

describe('page health in the checklist', () => {
  it('sets aside a mention of the name the page did not show, instead of a false "this ticket has no name"', () => {
    const checked = checkReply('Hi there,\n\nYour refund is on its way.\n\nBest, Alex', nameless, playbook);
    const result = excuseUnreadSteps(checked, playbook, ['requester'], reasons);
    const name = result.steps.find((step) => step.stepId === 'name');
    expect(name).toMatchObject({ status: 'na', reason: 'not judged without requester' });
  });

  it('keeps a real miss: no greeting at all is a fail with or without the name', () => {
    const checked = checkReply('Your refund is on its way.\n\nBest, Alex', nameless, playbook);
    const result = excuseUnreadSteps(checked, playbook, ['requester'], reasons);
    expect(result.steps.find((step) => step.stepId === 'greet')?.status).toBe('fail');
  });

  it('says a greeting passed without the name it could not read', () => {
    const checked = checkReply('Hi there,\n\nDone.\n\nBest, Alex', nameless, playbook);
    const result = excuseUnreadSteps(checked, playbook, ['requester'], reasons);
    expect(result.steps.find((step) => step.stepId === 'greet')).toMatchObject({
      status: 'pass',
      reason: 'judged without requester',
    });
  });

  it('recomputes the score over the steps still judged', () => {
    const onlyMention = v.parse(PlaybookSchema, {
      id: 'p',
      name: 'P',
      steps: [
        {
          id: 'name',
          title: 'Use their name',
          severity: 'critical',
          check: { kind: 'mention', variable: 'customer.name' },
        },
        { id: 'close', title: 'Sign off', check: { kind: 'closing' } },
      ],
    });
    const checked = checkReply(
      'Done.\n\nBest, Alex',
      { ...ticket, requester: { name: 'Zoë Quist' } },
      onlyMention,
    );
    expect(checked.criticalMiss).toBe(true);
    const result = excuseUnreadSteps(checked, onlyMention, ['requester'], reasons);
    expect(result.criticalMiss).toBe(false);
    expect(result.score).toBe(100);
  });

  it('changes nothing when the page showed every field', () => {
    const checked = checkReply('Hi there,\n\nDone.', nameless, playbook);
    expect(excuseUnreadSteps(checked, playbook, undefined, reasons)).toBe(checked);
    expect(excuseUnreadSteps(checked, playbook, [], reasons)).toBe(checked);
  });
});
