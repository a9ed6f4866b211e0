import { describe, expect, it } from 'vitest';
import {
  changeCheckKind,
  moveItem,
  newPlaybook,
  saveIntoTeam,
  uniqueId,
  validateDraft,
  versionOnSave,
} from '@/components/options/draft';
import type { Playbook } from '@/utils/playbook/schema';

describe('editor draft', () => {
  it('maps each schema problem to the path of its field inside the playbook', () => {
    const draft = newPlaybook([]);
    draft.name = ' ';
    draft.steps.push({ id: 'apologise', title: '', check: { kind: 'phrase', any: [] } });
    const result = validateDraft(draft);
    expect(result.ok).toBe(false);
    expect(Object.fromEntries(result.errors)).toEqual({
      name: 'name must not be empty',
      'steps[1].title': 'title must not be empty',
      'steps[1].check.any': 'needs at least one phrase',
    });
  });

  it('reports a duplicate step id on the second step', () => {
    const draft = newPlaybook([]);
    draft.steps.push({
      ...structuredClone(draft.steps[0] ?? { id: 'x', title: 'x', check: { kind: 'expectation' } }),
    });
    expect(validateDraft(draft).errors.get('steps[1].id')).toMatch(/duplicate step id "greet"/);
  });

  it('moves a step up or down and ignores moves past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('keeps the phrases when switching between phrase and forbid', () => {
    expect(changeCheckKind({ kind: 'phrase', any: ['sorry'] }, 'forbid')).toEqual({
      kind: 'forbid',
      any: ['sorry'],
    });
    expect(changeCheckKind({ kind: 'phrase', any: ['sorry'] }, 'length')).toEqual({
      kind: 'length',
      min: 20,
      max: 300,
    });
  });

  it('raises the version on every save of a stored playbook', () => {
    const saved = { version: 3 } as Playbook;
    expect(versionOnSave(3, saved)).toBe(4);
    expect(versionOnSave(1, undefined)).toBe(1);
  });

  it('saves in place, and a rename replaces the old id', () => {
    const a = { id: 'a', name: 'A' } as Playbook;
    const b = { id: 'b', name: 'B' } as Playbook;
    expect(saveIntoTeam([a, b], { ...a, name: 'A2' }).map((p) => p.name)).toEqual(['A2', 'B']);
    expect(saveIntoTeam([a, b], { id: 'c', name: 'C' } as Playbook, 'a').map((p) => p.id)).toEqual([
      'c',
      'b',
    ]);
    expect(saveIntoTeam([a], b).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('makes ids that are free and valid', () => {
    expect(uniqueId('Refund copy!', [])).toBe('refund-copy');
    expect(uniqueId('refund', ['refund', 'refund-2'])).toBe('refund-3');
  });
});
