import { describe, expect, it } from 'vitest';
import { mergeRollup, rollupsOf } from '../../../utils/store/rollups';
import type { ReplyRecord } from '../../../utils/store/types';

const record = (stepIds: string[]): ReplyRecord => ({
  id: 'r1',
  time: Date.UTC(2026, 11, 1, 12),
  helpdesk: 'zendesk',
  ticketId: '1',
  playbookId: 'refund',
  playbookVersion: 1,
  agent: 'Ana',
  score: 50,
  fullAdherence: false,
  steps: stepIds.map((id) => ({ id, status: 'fail' as const })),
  wordCount: 10,
  origin: 'import',
});

describe('issue 14 High 2–3: step ids named like Object.prototype members', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'tallies a step id "%s" as a plain key that survives a structured clone',
    (id) => {
      const [rollup] = [...rollupsOf([record([id, 'greet'])]).values()];
      if (!rollup) throw new Error('no rollup');
      expect(Object.hasOwn(rollup.steps, id)).toBe(true);
      expect(rollup.steps[id]).toEqual({ applicable: 1, misses: 1 });
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).applicable).toBeUndefined();
      // IndexedDB stores a structured clone: it must not refuse the rollup.
      const cloned = structuredClone(rollup);
      expect(Object.hasOwn(cloned.steps, id)).toBe(true);
      const merged = mergeRollup(cloned, rollup);
      expect(Object.hasOwn(merged.steps, id) && merged.steps[id]).toEqual({ applicable: 2, misses: 2 });
    },
  );
});
