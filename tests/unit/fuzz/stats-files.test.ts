import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contentScript, expectReadsWork, send, startFreshBackground } from '../hardening/background-harness';
import { makeRecord } from '../store/fixtures';
import { damageText, type Figures, Generator, mutate, PROTOTYPE_NAMES, printFigures } from './generate';

const SEED = 14_0002;
const TEAM_CASES = 120;
const BACKUP_CASES = 80;

const team: Figures = { tried: 0, refused: 0, accepted: 0 };
const backups: Figures = { tried: 0, refused: 0, accepted: 0 };

/** Identity refusals name no path: the file as a whole is not a Keel file of this kind. */
const IDENTITY = /not a JSON file|made by another program|a Keel file of another kind|made by a newer Keel/;

function records(gen: Generator, count: number) {
  return Array.from({ length: count }, (_, i) =>
    makeRecord({
      id: `fuzz-${gen.int(1e9)}-${i}`,
      agent: gen.pick(['Ana', 'Ben', 'Cleo']),
      playbookId: gen.pick(['refund', 'bug', 'billing']),
      origin: 'import',
      score: gen.int(101),
      fullAdherence: gen.chance(0.5),
      time: Date.now() - gen.int(60) * 86_400_000,
      steps: [
        { id: 'greet', status: gen.pick(['pass', 'fail', 'na'] as const) },
        { id: 'apologise', status: gen.pick(['pass', 'fail', 'na'] as const) },
      ],
    }),
  );
}

function makeFile(gen: Generator, kind: 'team' | 'backup', index: number): { text: string; how: string } {
  const doc =
    kind === 'team'
      ? {
          format: gen.pick(['keel.replies/2', 'keel.replies/1']),
          app: 'keel',
          version: '0.1.0',
          agent: 'Ben',
          exportedAt: new Date().toISOString(),
          records: records(gen, 1 + gen.int(4)),
        }
      : {
          format: 'keel.backup/1',
          app: 'keel',
          version: '0.1.0',
          exportedAt: new Date().toISOString(),
          records: records(gen, 1 + gen.int(4)),
          imports: [],
        };
  const hows: string[] = [];
  const mutations = gen.int(3);
  for (let i = 0; i < mutations; i++) hows.push(mutate(gen, doc));
  let text = JSON.stringify(doc);
  if (gen.chance(0.15)) {
    const damaged = damageText(gen, text);
    text = damaged.text;
    hows.push(damaged.how);
  }
  return { text, how: `${kind} case ${index}: ${hows.join('; ') || 'unchanged'}` };
}

/** What a refusal must leave alone: every record and every summary number. */
async function state(): Promise<string> {
  const backup = (await send({ type: 'stats.exportBackup' })) as unknown as { text: string };
  const { exportedAt: _at, ...rest } = JSON.parse(backup.text) as Record<string, unknown>;
  const summary = await send({ type: 'stats.summary', period: 'all' });
  return JSON.stringify([rest, summary]);
}

beforeAll(async () => {
  startFreshBackground();
  // Some state of its own, so a refusal that changes anything shows.
  await send({ type: 'reply.sent', record: makeRecord({ agent: 'Ana' }) }, contentScript);
});
afterAll(() => {
  printFigures(`team files (seed ${SEED})`, team);
  printFigures(`backups (seed ${SEED})`, backups);
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

async function runCase(kind: 'team' | 'backup', gen: Generator, index: number, figures: Figures) {
  const { text, how } = makeFile(gen, kind, index);
  const name = `${kind}-${index}.json`;
  figures.tried += 1;
  const before = await state();
  const answer =
    kind === 'team'
      ? await send({ type: 'stats.importTeam', files: [{ name, text }] })
      : await send({ type: 'stats.restoreBackup', name, text });
  if (!answer.ok) {
    figures.refused += 1;
    const error = answer.error ?? '';
    expect(error.startsWith(`${name}: `), `${how}: ${error.slice(0, 200)}`).toBe(true);
    const detail = error.slice(name.length + 2);
    // Refused either as a whole (not a Keel file of this kind) or at a named path.
    expect(
      IDENTITY.test(detail) || /^[a-zA-Z]+(\[\d+\])?[.[:]/.test(detail),
      `${how}: ${detail.slice(0, 200)}`,
    ).toBe(true);
    expect(await state(), how).toBe(before);
  } else {
    figures.accepted += 1;
    const stored = (await send({ type: 'stats.exportBackup' })) as unknown as { text: string };
    expect(stored.text, how).not.toContain('"text"');
  }
  expect(Object.getOwnPropertyNames(Object.prototype), how).toEqual(PROTOTYPE_NAMES);
  // No accepted file poisons a later read, nor the agent's own next send.
  await expectReadsWork();
  expect(await send({ type: 'reply.sent', record: makeRecord() }, contentScript), how).toMatchObject({
    ok: true,
  });
}

describe('fuzz: malformed and hostile team files and backups', () => {
  it(`refuses each of ${TEAM_CASES} generated team files by name and path, or imports it safely`, async () => {
    const gen = new Generator(SEED);
    for (let index = 0; index < TEAM_CASES; index++) await runCase('team', gen, index, team);
    expect(team.refused).toBeGreaterThan(0);
    expect(team.accepted).toBeGreaterThan(0);
  }, 300_000);

  it(`refuses each of ${BACKUP_CASES} generated backups by name and path, or restores it safely`, async () => {
    const gen = new Generator(SEED + 1);
    for (let index = 0; index < BACKUP_CASES; index++) await runCase('backup', gen, index, backups);
    expect(backups.refused).toBeGreaterThan(0);
    expect(backups.accepted).toBeGreaterThan(0);
  }, 300_000);
});
