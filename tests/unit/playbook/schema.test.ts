import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { formatProblem, parsePlaybookFile, parsePlaybookFileText } from '../../../utils/playbook/schema';

const step = { id: 'greet', title: 'Greet', check: { kind: 'greeting', useName: true } };
const playbook = (id: string, steps: unknown[] = [step]) => ({ id, name: `Playbook ${id}`, steps });
const file = (playbooks: unknown[]) => ({ format: 'keel.playbooks/1', playbooks });

describe('parsePlaybookFile', () => {
  it('accepts a minimal file and applies the defaults', () => {
    const parsed = parsePlaybookFile(file([playbook('refund')]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [first] = parsed.file.playbooks;
    expect(first?.version).toBe(1);
    expect(first?.match).toEqual({ types: [], tags: [], keywords: [], priority: 0 });
    expect(first?.steps[0]).toMatchObject({ severity: 'required', weight: 1 });
  });

  it('names the path and the unknown kind of a misspelt check', () => {
    const bad = playbook('c', [{ ...step, check: { kind: 'phrse', any: ['x'] } }]);
    const parsed = parsePlaybookFile(file([playbook('a'), playbook('b'), bad]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map(formatProblem)).toEqual([
      'playbooks[2].steps[0].check.kind: unknown kind "phrse"',
    ]);
  });

  it.each([
    ['a wrong format', { format: 'keel.playbooks/2', playbooks: [] }, 'format'],
    ['a missing check', file([playbook('a', [{ id: 's', title: 'S' }])]), 'playbooks[0].steps[0].check'],
    ['an unknown field', file([playbook('a', [{ ...step, colour: 'red' }])]), 'playbooks[0].steps[0].colour'],
    [
      'a bad severity',
      file([playbook('a', [{ ...step, severity: 'urgent' }])]),
      'playbooks[0].steps[0].severity',
    ],
    ['a negative weight', file([playbook('a', [{ ...step, weight: -1 }])]), 'playbooks[0].steps[0].weight'],
    [
      'an empty phrase list',
      file([playbook('a', [{ ...step, check: { kind: 'forbid', any: [] } }])]),
      'playbooks[0].steps[0].check.any',
    ],
    [
      'a phrase of punctuation only',
      file([playbook('a', [{ ...step, check: { kind: 'phrase', any: ['!!'] } }])]),
      'playbooks[0].steps[0].check.any[0]',
    ],
    [
      'min above max',
      file([playbook('a', [{ ...step, check: { kind: 'length', min: 9, max: 3 } }])]),
      'playbooks[0].steps[0].check',
    ],
    ['a playbook without steps', file([playbook('a', [])]), 'playbooks[0].steps'],
    ['an id with spaces', file([playbook('my playbook')]), 'playbooks[0].id'],
  ])('reports %s with its path', (_, input, path) => {
    const parsed = parsePlaybookFile(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((error) => error.path)).toContain(path);
  });

  it('rejects duplicate playbook ids and duplicate step ids', () => {
    const parsed = parsePlaybookFile(file([playbook('a', [step, step]), playbook('a')]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map(formatProblem)).toEqual([
      'playbooks[0].steps[1].id: duplicate step id "greet" (also steps[0])',
      'playbooks[1].id: duplicate playbook id "a" (also playbooks[0])',
    ]);
  });

  it('round-trips the default library', () => {
    const parsed = parsePlaybookFile(JSON.parse(JSON.stringify(file(DEFAULT_PLAYBOOKS))));
    expect(parsed.ok && parsed.file.playbooks).toEqual(DEFAULT_PLAYBOOKS);
  });
});

describe('parsePlaybookFileText', () => {
  it('names the line and column of a JSON syntax error', () => {
    const parsed = parsePlaybookFileText('{\n  "format": "keel.playbooks/1",\n  "playbooks": [,]\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]?.message).toMatch(/^not valid JSON at line 3, column \d+/);
  });

  it('says so when the file is empty', () => {
    const parsed = parsePlaybookFileText('  ');
    expect(!parsed.ok && parsed.errors[0]?.message).toBe('the file is empty: expected a JSON playbook file');
  });

  it('accepts a file with a byte-order mark', () => {
    expect(parsePlaybookFileText(`\uFEFF${JSON.stringify(file([playbook('a')]))}`).ok).toBe(true);
  });
});
