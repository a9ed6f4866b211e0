import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { labelsFrom } from '../../../components/popup/labels';
import { byPlaybook } from '../../../components/popup/OverriddenSteps';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { KeelDatabase } from '../../../utils/store/open';
import { addReply } from '../../../utils/store/replies';
import { backgroundPerTest, type PageSend } from '../pages';
import { makeRecord } from '../store/fixtures';

const NOW = new Date(2025, 2, 20, 15, 0).getTime();
const labels = labelsFrom([
  {
    id: 'refund',
    name: 'Refund request',
    steps: [
      { id: 'greet', title: 'Greet the customer by name' },
      { id: 'apologise', title: 'Apologise for the trouble' },
    ],
  },
]);
const at = (day: number) => new Date(2025, 2, day, 10).getTime();

let db: KeelDatabase;
let send: PageSend;

backgroundPerTest({ page: 'popup', now: NOW }, (background) => {
  ({ db, send } = background);
});

const rowsOf = (container: ParentNode) =>
  [...container.querySelectorAll<HTMLElement>('[data-testid=overridden-step]')].map((row) => [
    row.dataset.playbookId,
    row.dataset.stepId,
    row.dataset.overrides,
  ]);

describe('most-overridden steps in the popup', () => {
  it('lists, per playbook, the steps agents override most and each agent’s overrides, and follows the agent filter', async () => {
    await addReply(
      db,
      makeRecord({
        time: at(18),
        agent: 'Ana',
        steps: [
          { id: 'greet', status: 'pass', override: 'done' },
          { id: 'apologise', status: 'na', override: 'na' },
        ],
      }),
    );
    await addReply(
      db,
      makeRecord({ time: at(19), agent: 'Ben', steps: [{ id: 'apologise', status: 'na', override: 'na' }] }),
    );
    await addReply(
      db,
      makeRecord({
        time: at(19),
        agent: 'Ben',
        playbookId: 'shipping',
        steps: [{ id: 'track', status: 'pass', override: 'done' }],
      }),
    );
    const { container } = render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    await screen.findByTestId('total-replies');

    expect(rowsOf(container)).toEqual([
      ['refund', 'apologise', '2'],
      ['refund', 'greet', '1'],
      ['shipping', 'track', '1'],
    ]);
    const refundGroup = container.querySelector('[data-testid=overrides-playbook][data-playbook-id=refund]');
    expect(refundGroup?.textContent).toContain('Refund request');
    expect(refundGroup?.textContent).toContain('Apologise for the trouble');
    const agents = [...container.querySelectorAll<HTMLElement>('[data-testid=agent-overrides] [data-agent]')];
    expect(agents.map((row) => [row.dataset.agent, row.dataset.overrides])).toEqual([
      ['Ana', '2'],
      ['Ben', '2'],
    ]);

    fireEvent.change(screen.getByTestId('filter-agent'), { target: { value: 'Ben' } });
    await waitFor(() =>
      expect(rowsOf(container)).toEqual([
        ['refund', 'apologise', '1'],
        ['shipping', 'track', '1'],
      ]),
    );
  });

  it('says so when no step was overridden', async () => {
    await addReply(db, makeRecord({ time: at(18) }));
    const { container } = render(<PopupApp send={send} labels={labels} now={() => NOW} />);
    expect((await screen.findByTestId('overrides')).textContent).toContain('No agent overrode a step');
    expect(rowsOf(container)).toEqual([]);
  });

  it('groups by playbook, the playbook with most overrides first, steps most first', () => {
    const row = (playbookId: string, stepId: string, overrides: number) => ({
      playbookId,
      stepId,
      overrides,
      done: overrides,
      na: 0,
    });
    expect(
      byPlaybook([row('a', 'x', 1), row('b', 'y', 3), row('a', 'z', 1), row('a', 'w', 1)]).map((group) => [
        group.playbookId,
        group.steps.map((step) => step.stepId),
      ]),
    ).toEqual([
      ['a', ['w', 'x', 'z']],
      ['b', ['y']],
    ]);
  });
});
