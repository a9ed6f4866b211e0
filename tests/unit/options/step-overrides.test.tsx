import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaybookEditor } from '../../../components/options/PlaybookEditor';
import { type StepOverrideCounts, useStepOverrides } from '../../../components/options/stepOverrides';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import type { Playbook } from '../../../utils/playbook/schema';
import { addReply } from '../../../utils/store/replies';
import { backgroundForPage } from '../pages';
import { makeRecord } from '../store/fixtures';

const refund = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'refund') as Playbook;

afterEach(cleanup);

function editorWith(stepOverrides?: ReadonlyMap<string, { overrides: number; done: number; na: number }>) {
  return render(
    <PlaybookEditor
      initial={refund}
      source="built-in"
      shadowsBuiltIn={false}
      onSave={async () => {}}
      onDuplicate={() => {}}
      onDelete={() => {}}
      onExport={() => {}}
      onDirtyChange={() => {}}
      takenIds={[]}
      stepOverrides={
        stepOverrides &&
        new Map(
          [...stepOverrides].map(([stepId, counts]) => [stepId, { playbookId: 'refund', stepId, ...counts }]),
        )
      }
    />,
  );
}

const badge = (container: ParentNode, stepId: string) =>
  container.querySelector<HTMLElement>(
    `[data-testid=editor-step][data-step-id="${stepId}"] [data-testid=step-overrides]`,
  );

describe('override counts in the playbook editor', () => {
  it('shows beside each step how often agents overrode it, and nothing beside a step never overridden', () => {
    const { container } = editorWith(
      new Map([
        ['acknowledge', { overrides: 3, done: 2, na: 1 }],
        ['apologise', { overrides: 1, done: 0, na: 1 }],
      ]),
    );
    expect(badge(container, 'acknowledge')?.dataset.overrides).toBe('3');
    expect(badge(container, 'acknowledge')?.textContent).toBe('Overridden 3 times');
    expect(badge(container, 'acknowledge')?.title).toContain('2 “done in my own words”, 1 “not needed here”');
    expect(badge(container, 'apologise')?.textContent).toBe('Overridden once');
    expect(badge(container, 'greet')).toBeNull();
  });

  it('shows no counts when there are none to show', () => {
    const { container } = editorWith();
    expect(container.querySelector('[data-testid=step-overrides]')).toBeNull();
  });

  it('reads the counts from the statistics’ rollups through the background', async () => {
    const { db, send } = await backgroundForPage({ page: 'options', now: new Date(2025, 2, 20).getTime() });
    await addReply(
      db,
      makeRecord({
        steps: [
          { id: 'acknowledge', status: 'pass', override: 'done' },
          { id: 'apologise', status: 'na', override: 'na' },
        ],
      }),
    );
    await addReply(db, makeRecord({ steps: [{ id: 'acknowledge', status: 'pass', override: 'done' }] }));
    let seen: StepOverrideCounts = new Map();
    function Probe() {
      seen = useStepOverrides(send);
      return null;
    }
    render(<Probe />);
    await waitFor(() => expect(seen.get('refund')?.get('acknowledge')?.overrides).toBe(2));
    expect(seen.get('refund')?.get('apologise')).toMatchObject({ overrides: 1, na: 1, done: 0 });
    db.close();
  });
});
