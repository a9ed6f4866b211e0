import { describe, expect, it } from 'vitest';
import { checkReply } from '../../../utils/checker/index';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { pickPlaybook } from '../../../utils/playbook/pick';
import type { CheckKind, Playbook } from '../../../utils/playbook/schema';
import type { TicketContext } from '../../../utils/ticket';
import { htmlToText } from '../../corpus/html-to-text';
import corpus from '../../corpus/replies.json';

interface CorpusReply {
  id: string;
  playbook: string;
  ticket: Omit<TicketContext, 'helpdesk' | 'tags'> & Partial<Pick<TicketContext, 'helpdesk' | 'tags'>>;
  reply: string;
  html?: boolean;
  expect: Record<string, 'pass' | 'fail' | 'na'>;
  /** Steps where the checker is known to disagree with a human reviewer (counted, not asserted). */
  knownDisagreement?: string[];
  note?: string;
}

const replies = corpus.replies as unknown as CorpusReply[];

function playbookById(id: string): Playbook {
  const playbook = DEFAULT_PLAYBOOKS.find((candidate) => candidate.id === id);
  if (!playbook) throw new Error(`corpus names unknown playbook ${id}`);
  return playbook;
}

function ticketOf(entry: CorpusReply): TicketContext {
  return { helpdesk: 'demo', tags: [], ...entry.ticket };
}

function run(entry: CorpusReply) {
  const text = entry.html ? htmlToText(entry.reply) : entry.reply;
  return checkReply(text, ticketOf(entry), playbookById(entry.playbook));
}

describe('the reply corpus', () => {
  it('holds at least 40 replies, each with an expected status for every step of its playbook', () => {
    expect(replies.length).toBeGreaterThanOrEqual(40);
    for (const entry of replies) {
      const stepIds = playbookById(entry.playbook).steps.map((step) => step.id);
      expect(Object.keys(entry.expect).sort(), entry.id).toEqual([...stepIds].sort());
    }
  });

  it('covers every default playbook with replies that pass and replies that fail', () => {
    for (const playbook of DEFAULT_PLAYBOOKS) {
      const results = replies.filter((entry) => entry.playbook === playbook.id).map(run);
      expect(
        results.some((result) => result.fullAdherence),
        `${playbook.id} has a passing reply`,
      ).toBe(true);
      expect(
        results.some((result) => !result.fullAdherence),
        `${playbook.id} has a failing reply`,
      ).toBe(true);
    }
  });

  it('picks the playbook each reply was written for from its ticket', () => {
    for (const entry of replies) {
      expect(pickPlaybook(ticketOf(entry), DEFAULT_PLAYBOOKS)?.playbook.id, entry.id).toBe(entry.playbook);
    }
  });

  it.each(replies.map((entry) => [entry.id, entry] as const))(
    'checks "%s" as a reviewer would',
    (_, entry) => {
      const result = run(entry);
      const known = new Set(entry.knownDisagreement ?? []);
      const actual = Object.fromEntries(
        result.steps.filter((step) => !known.has(step.stepId)).map((step) => [step.stepId, step.status]),
      );
      const expected = Object.fromEntries(Object.entries(entry.expect).filter(([id]) => !known.has(id)));
      expect(actual).toEqual(expected);
    },
  );

  it('reports precision and recall per check kind (a finding is a failed step)', () => {
    const byKind = new Map<
      CheckKind,
      { tp: number; fp: number; fn: number; tn: number; na: number; naMiss: number }
    >();
    for (const entry of replies) {
      const playbook = playbookById(entry.playbook);
      const result = run(entry);
      for (const step of result.steps) {
        const kind = (
          playbook.steps.find((candidate) => candidate.id === step.stepId) as Playbook['steps'][number]
        ).check.kind;
        const counts = byKind.get(kind) ?? { tp: 0, fp: 0, fn: 0, tn: 0, na: 0, naMiss: 0 };
        byKind.set(kind, counts);
        const wanted = entry.expect[step.stepId];
        if (wanted === 'na' || step.status === 'na') {
          if (wanted === step.status) counts.na++;
          else counts.naMiss++;
        } else if (wanted === 'fail') {
          if (step.status === 'fail') counts.tp++;
          else counts.fn++;
        } else if (step.status === 'fail') counts.fp++;
        else counts.tn++;
      }
    }
    const ratio = (a: number, b: number) =>
      b === 0 ? '   —  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`;
    const lines = ['kind          findings  precision  recall  (tp fp fn tn, na ok/wrong)'];
    let totals = { tp: 0, fp: 0, fn: 0 };
    for (const [kind, c] of [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      totals = { tp: totals.tp + c.tp, fp: totals.fp + c.fp, fn: totals.fn + c.fn };
      lines.push(
        `${kind.padEnd(13)} ${String(c.tp + c.fp).padStart(8)}  ${ratio(c.tp, c.tp + c.fp).padStart(9)}  ${ratio(c.tp, c.tp + c.fn).padStart(6)}  (${c.tp} ${c.fp} ${c.fn} ${c.tn}, ${c.na}/${c.naMiss})`,
      );
    }
    lines.push(
      `${'all'.padEnd(13)} ${String(totals.tp + totals.fp).padStart(8)}  ${ratio(totals.tp, totals.tp + totals.fp).padStart(9)}  ${ratio(totals.tp, totals.tp + totals.fn).padStart(6)}`,
    );
    console.log(`Corpus: ${replies.length} replies\n${lines.join('\n')}`);
    expect(byKind.size).toBeGreaterThanOrEqual(8);
    // The corpus is the checker's contract: a drop below these means a regression, not noise.
    expect(totals.tp / Math.max(1, totals.tp + totals.fp)).toBeGreaterThanOrEqual(0.9);
    expect(totals.tp / Math.max(1, totals.tp + totals.fn)).toBeGreaterThanOrEqual(0.9);
  });
});
