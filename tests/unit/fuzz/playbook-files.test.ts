import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyImport, planImport, playbookFileText } from '../../../components/options/importPlan';
import { checkReply } from '../../../utils/checker';
import { loadPlaybooks, mergePlaybookSources } from '../../../utils/config/in-force';
import { teamPlaybooksItem } from '../../../utils/config/storage-items';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { pickPlaybook } from '../../../utils/playbook/pick';
import { parsePlaybookFileText } from '../../../utils/playbook/schema';
import { ReplyRecordSchema } from '../../../utils/store/validation';
import type { TicketContext } from '../../../utils/ticket';
import { damageText, type Figures, Generator, mutate, PROTOTYPE_NAMES, printFigures } from './generate';

const SEED = 14_0001;
const CASES = 400;

/** A path as the schema names it: `playbooks[2].steps[0].check.kind`, or '' for the whole file. */
const PATH = /^(format|playbooks(\[\d+\])?(\.[^.[\]]+|\[\d+\])*)$/;

const hostileTicket: TicketContext = {
  helpdesk: 'rt',
  ticketId: 'constructor',
  subject: `Refund order${' '.repeat(2_000)}`,
  type: '__proto__',
  tags: ['toString', 'refund', 'x'.repeat(100)],
  requester: { name: 'Ana constructor', email: 'ana@example.com' },
  customerMessage: `Where is my order ${' '.repeat(5_000)} refund? {{constructor}} ${'a'.repeat(3_000)}`,
  agentName: 'Bo',
};
const hostileReply = `Hi Ana constructor,\n\nSorry! Refund ${'refund '.repeat(500)} within 2 business days {{toString}} [NAME].\n\nBest regards,\nBo`;

const figures: Figures = { tried: 0, refused: 0, accepted: 0 };

function makeCase(gen: Generator, index: number): { text: string; how: string } {
  const playbooks = DEFAULT_PLAYBOOKS.slice(0, 1 + gen.int(3)).map((p) => structuredClone(p));
  const doc: unknown = JSON.parse(playbookFileText(playbooks));
  const hows: string[] = [];
  const mutations = 1 + gen.int(3);
  for (let i = 0; i < mutations; i++) hows.push(mutate(gen, doc));
  let text = JSON.stringify(doc);
  if (gen.chance(0.15)) {
    const damaged = damageText(gen, text);
    text = damaged.text;
    hows.push(damaged.how);
  }
  return { text, how: `case ${index}: ${hows.join('; ')}` };
}

async function storedState(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

beforeAll(() => fakeBrowser.reset());
afterAll(() => printFigures(`playbook files (seed ${SEED})`, figures));

describe('fuzz: malformed and hostile playbook files', () => {
  it(`refuses each of ${CASES} generated files with path-named problems, or accepts it safely`, async () => {
    const gen = new Generator(SEED);
    for (let index = 0; index < CASES; index++) {
      const { text, how } = makeCase(gen, index);
      figures.tried += 1;
      const before = await storedState();
      const result = parsePlaybookFileText(text);
      if (!result.ok) {
        figures.refused += 1;
        expect(result.errors.length, how).toBeGreaterThan(0);
        for (const problem of result.errors) {
          expect(problem.path === '' || PATH.test(problem.path), `${how}: path ${problem.path}`).toBe(true);
          expect(problem.message.length, how).toBeGreaterThan(0);
          expect(problem.message.length, how).toBeLessThan(400);
        }
        expect(await storedState(), how).toBe(before);
        continue;
      }
      figures.accepted += 1;
      // Apply it as the options page does, then every later read must work.
      const team = await teamPlaybooksItem.getValue();
      await teamPlaybooksItem.setValue(
        applyImport(team, planImport(result.file, mergePlaybookSources([], team))),
      );
      const playbooks = await loadPlaybooks();
      expect(playbooks.length, how).toBeGreaterThan(0);
      pickPlaybook(hostileTicket, playbooks);
      for (const playbook of result.file.playbooks) {
        const checked = checkReply(hostileReply, hostileTicket, playbook);
        const record = {
          id: `r${index}`,
          time: Date.now(),
          helpdesk: hostileTicket.helpdesk,
          ticketId: hostileTicket.ticketId,
          playbookId: playbook.id,
          playbookVersion: playbook.version,
          agent: 'Bo',
          score: checked.score,
          fullAdherence: checked.fullAdherence,
          steps: checked.steps.map((step) => ({ id: step.stepId, status: step.status })),
          wordCount: checked.wordCount,
          origin: 'local' as const,
        };
        // What the sidebar would record is a record the background accepts.
        expect(v.safeParse(ReplyRecordSchema, record).success, how).toBe(true);
        for (const step of checked.steps) {
          if (step.snippet !== undefined) expect(step.snippet, how).not.toContain('function');
        }
      }
      expect(Object.getOwnPropertyNames(Object.prototype), how).toEqual(PROTOTYPE_NAMES);
    }
    expect(figures.tried).toBe(CASES);
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.accepted).toBeGreaterThan(0);
  }, 120_000);
});
