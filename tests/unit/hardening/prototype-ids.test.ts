import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkReply } from '../../../utils/checker';
import { parsePlaybookFile } from '../../../utils/playbook/schema';
import type { ReplyRecord } from '../../../utils/store/types';
import { makeRecord } from '../store/fixtures';
import { contentScript, expectReadsWork, send, startFreshBackground } from './background-harness';

/** Every name Object.prototype has: __proto__, constructor, toString, hasOwnProperty, … */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

function teamFile(records: ReplyRecord[]): string {
  return JSON.stringify({
    format: 'keel.replies/2',
    app: 'keel',
    version: '0.1.0',
    agent: 'Ben',
    exportedAt: new Date().toISOString(),
    records,
  });
}

beforeEach(startFreshBackground);
afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('issue 14 High 2: one team file silences the background (step ids named like Object.prototype members)', () => {
  it.each(PROTOTYPE_NAMES)(
    'takes "%s" as a step, playbook, agent, helpdesk and ticket id everywhere',
    async (name) => {
      const hostile = makeRecord({
        id: `import-${name}`,
        playbookId: name,
        agent: name,
        helpdesk: name,
        ticketId: name,
        score: 0,
        fullAdherence: false,
        steps: [
          { id: name, status: 'fail' },
          { id: 'greet', status: 'pass' },
        ],
        origin: 'import',
      });
      const imported = await send({
        type: 'stats.importTeam',
        files: [{ name: 'ben.json', text: teamFile([hostile]) }],
      });
      expect(imported).toMatchObject({ ok: true });
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(PROTOTYPE_NAMES);

      // The agent's own sends still go through, and every read answers.
      expect(
        await send(
          { type: 'reply.sent', record: makeRecord({ steps: [{ id: name, status: 'pass' }] }) },
          contentScript,
        ),
      ).toEqual({
        ok: true,
        added: true,
      });
      expect(await expectReadsWork()).toBe(2);
      const summary = (await send({ type: 'stats.summary', period: 'all' })) as unknown as {
        summary: {
          missedSteps: { playbookId: string; stepId: string; misses: number; applicable: number }[];
        };
      };
      expect(summary.summary.missedSteps).toEqual([
        { playbookId: name, stepId: name, misses: 1, applicable: 1 },
      ]);
      const missed = await send({ type: 'stats.missed', playbookId: name, stepId: name, agent: name });
      expect(missed).toMatchObject({ ok: true, records: [{ id: `import-${name}` }] });

      // A backup of it restores, and reads still work after.
      const backup = (await send({ type: 'stats.exportBackup' })) as unknown as { text: string };
      expect(await send({ type: 'stats.restoreBackup', name: 'b.json', text: backup.text })).toEqual({
        ok: true,
        records: 2,
      });
      expect(await expectReadsWork()).toBe(2);
    },
  );

  it('checks and records a reply against a playbook whose step id is "constructor"', async () => {
    const parsed = parsePlaybookFile({
      format: 'keel.playbooks/1',
      playbooks: [
        {
          id: 'constructor',
          name: 'Hostile',
          steps: [
            { id: 'constructor', title: 'Greets', check: { kind: 'greeting' } },
            { id: 'hasownproperty', title: 'Signs', check: { kind: 'closing' } },
          ],
        },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const playbook = parsed.file.playbooks[0];
    if (!playbook) throw new Error('no playbook');
    const ticket = {
      helpdesk: 'zendesk',
      ticketId: '1',
      subject: 'Hi',
      tags: [],
      requester: {},
      customerMessage: 'Help',
    };
    const result = checkReply('Hello Ana,\n\nDone.\n\nBest regards,\nBo', ticket, playbook);
    const record = makeRecord({
      playbookId: playbook.id,
      steps: result.steps.map((step) => ({ id: step.stepId, status: step.status })),
    });
    expect(await send({ type: 'reply.sent', record }, contentScript)).toEqual({ ok: true, added: true });
    expect(await expectReadsWork()).toBe(1);
  });
});

describe('issue 14 Low 16: duplicate step ids within a record are tallied twice', () => {
  it('refuses a record that repeats a step id, naming the path', async () => {
    const record = makeRecord({
      steps: [
        { id: 'greet', status: 'fail' },
        { id: 'greet', status: 'fail' },
      ],
    });
    const answer = await send({
      type: 'stats.importTeam',
      files: [{ name: 'ben.json', text: teamFile([record]) }],
    });
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain('ben.json: records[0].steps: step id "greet" appears twice');
    expect(await expectReadsWork()).toBe(0);
  });
});

describe('issue 14 Low 16: the |-joined rollup key can collide', () => {
  it('keeps agent "a|b" on helpdesk "c" apart from agent "a" on helpdesk "b|c"', async () => {
    const records = [
      makeRecord({ agent: 'a|b', helpdesk: 'c', origin: 'import' }),
      makeRecord({ agent: 'a', helpdesk: 'b|c', origin: 'import' }),
    ];
    expect(
      await send({ type: 'stats.importTeam', files: [{ name: 'x.json', text: teamFile(records) }] }),
    ).toMatchObject({ ok: true });
    const answer = (await send({ type: 'stats.summary', period: 'all' })) as unknown as {
      summary: { byAgent: { agent: string; count: number }[] };
    };
    expect(answer.summary.byAgent.map((row) => [row.agent, row.count])).toEqual([
      ['a', 1],
      ['a|b', 1],
    ]);
  });
});

describe('issue 14 Medium 9: record times outside a sane range are accepted', () => {
  it.each([
    ['before the year 2000', 0],
    ['beyond what Date holds', 8.64e15 + 1],
    ['a year ahead', Date.now() + 365 * 86_400_000],
  ])('refuses a record time %s with a path-named error, and CSV export still works', async (_label, time) => {
    const answer = await send({
      type: 'stats.importTeam',
      files: [{ name: 'ben.json', text: teamFile([makeRecord({ time, origin: 'import' })]) }],
    });
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain('ben.json: records[0].time: must be a time from the year 2000 to today');
    expect(await expectReadsWork()).toBe(0);
  });
});
