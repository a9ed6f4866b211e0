import { describe, expect, it } from 'vitest';
import {
  newStep,
  playbookIdFromName,
  retitleStep,
  type StepDraft,
  stepIdFromTitle,
  uniqueId,
} from '@/components/options/draft';

const step = (id: string, title = id): StepDraft => ({ id, title, check: { kind: 'expectation' } });

describe('ids made from names', () => {
  it.each([
    ['Refund for damaged goods', [], 'refund-for-damaged-goods'],
    ['Réclamation — María’s order', [], 'reclamation-maria-s-order'],
    ['  Billing: VAT & invoices! ', [], 'billing-vat-invoices'],
    ['Refund request', ['refund-request'], 'refund-request-2'],
    ['Refund request', ['refund-request', 'refund-request-2'], 'refund-request-3'],
    ['', [], 'playbook'],
    ['!!!', [], 'playbook'],
  ])('a playbook named “%s” with %j taken gets the id “%s”', (name, taken, id) => {
    expect(playbookIdFromName(name, taken)).toBe(id);
  });

  it('keeps a playbook id within the length the format allows, without a trailing dash', () => {
    const id = playbookIdFromName(`${'word '.repeat(30)}end`, []);
    expect(id.length).toBeLessThanOrEqual(56);
    expect(id).toMatch(/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/);
  });

  it('makes a step id from its title, unique among the other steps of the playbook only', () => {
    const steps = [step('greet'), step('apologise'), step('step', '')];
    expect(stepIdFromTitle('Apologise', steps, 2)).toBe('apologise-2');
    // The step's own current id does not count as taken.
    expect(stepIdFromTitle('Apologise', steps, 1)).toBe('apologise');
    expect(stepIdFromTitle('', steps, 2)).toBe('step');
  });

  it('lets the id of a step that follows its title follow every change of the title', () => {
    const added = newStep([step('greet')]);
    let state = { steps: [step('greet'), added], following: new Set([added.id]) };
    state = retitleStep(state.steps, 1, 'Offer', state.following);
    state = retitleStep(state.steps, 1, 'Offer a discount code', state.following);
    expect(state.steps[1]).toMatchObject({ id: 'offer-a-discount-code', title: 'Offer a discount code' });
    expect([...state.following]).toEqual(['offer-a-discount-code']);
  });

  it('leaves the id of a step that does not follow its title as it is', () => {
    const { steps, following } = retitleStep([step('greet', 'Greet')], 0, 'Say hello', new Set());
    expect(steps[0]).toMatchObject({ id: 'greet', title: 'Say hello' });
    expect(following.size).toBe(0);
  });

  it('never gives a following step the id of another step', () => {
    const { steps } = retitleStep([step('greet'), step('step', '')], 1, 'Greet', new Set(['step']));
    expect(steps.map((s) => s.id)).toEqual(['greet', 'greet-2']);
  });

  it('still accepts a fallback-less uniqueId call as before', () => {
    expect(uniqueId('***', [])).toBe('item');
  });
});
