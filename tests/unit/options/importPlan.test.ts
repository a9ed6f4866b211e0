import { describe, expect, it } from 'vitest';
import { applyImport, planImport, playbookFileText } from '@/components/options/importPlan';
import { mergePlaybookSources } from '@/utils/config/in-force';
import { type Playbook, parsePlaybookFile, parsePlaybookFileText } from '@/utils/playbook/schema';

function playbook(id: string, title = 'Greet', version = 1): Playbook {
  const result = parsePlaybookFile({
    format: 'keel.playbooks/1',
    playbooks: [{ id, name: id, version, steps: [{ id: 'greet', title, check: { kind: 'greeting' } }] }],
  });
  if (!result.ok || !result.file.playbooks[0]) throw new Error('fixture is invalid');
  return result.file.playbooks[0];
}

const file = (...playbooks: Playbook[]) => ({ format: 'keel.playbooks/1' as const, playbooks });

describe('import preview', () => {
  const builtIn = [playbook('refund'), playbook('general')];
  const team = [playbook('vip', 'Greet warmly', 2)];
  const managed = [playbook('legal')];
  const inForce = mergePlaybookSources(managed, team, builtIn);

  it('says add for a new id, replace for a changed one and unchanged for an identical one', () => {
    const plan = planImport(
      file(playbook('new'), playbook('vip', 'Greet kindly', 3), playbook('refund')),
      inForce,
    );
    expect(plan.map((entry) => [entry.id, entry.action, entry.current])).toEqual([
      ['new', 'add', undefined],
      ['vip', 'replace', 'team'],
      ['refund', 'unchanged', 'built-in'],
    ]);
    expect(plan[1]).toMatchObject({ currentVersion: 2, importedVersion: 3 });
  });

  it('compares playbooks whatever the order of their keys', () => {
    const reverseKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([key, inner]) => [key, reverseKeys(inner)]),
      );
    };
    const reordered = reverseKeys(playbook('refund')) as Playbook;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(playbook('refund'))[0]);
    const result = parsePlaybookFile(file(reordered));
    if (!result.ok) throw new Error('fixture is invalid');
    expect(planImport(result.file, inForce)[0]?.action).toBe('unchanged');
  });

  it('says overridden when the administrator’s playbook keeps the id', () => {
    expect(planImport(file(playbook('legal', 'Other')), inForce)[0]?.action).toBe('overridden');
  });
});

describe('applying an import', () => {
  it('replaces in place, appends additions and does not copy unchanged built-ins', () => {
    const team = [playbook('a'), playbook('b')];
    const inForce = mergePlaybookSources([], team, [playbook('refund')]);
    const plan = planImport(file(playbook('c'), playbook('a', 'Changed'), playbook('refund')), inForce);
    const next = applyImport(team, plan);
    expect(next.map((p) => [p.id, p.steps[0]?.title])).toEqual([
      ['a', 'Changed'],
      ['b', 'Greet'],
      ['c', 'Greet'],
    ]);
  });

  it('leaves the team playbooks untouched when the plan changes nothing', () => {
    const team = [playbook('a')];
    const plan = planImport(file(playbook('a')), mergePlaybookSources([], team, []));
    expect(applyImport(team, plan)).toEqual(team);
  });
});

describe('export', () => {
  it('writes a file that imports back to the same playbooks', () => {
    const playbooks = [playbook('a'), playbook('b', 'Hello', 4)];
    const result = parsePlaybookFileText(playbookFileText(playbooks));
    expect(result.ok && result.file.playbooks).toEqual(playbooks);
  });
});
