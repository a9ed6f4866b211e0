import * as v from 'valibot';
import { StoreFileError, toStoreError } from './errors';
import type { KeelDatabase } from './open';
import { type BatchOutcome, writeBatches } from './replies';
import { dayTotalsOf, missesOf, rollupsOf } from './rollups';
import type { ImportEntry } from './schema';
import type { ReplyRecord } from './types';
import { firstProblem, ReplyRecordSchema } from './validation';

export const TEAM_FORMAT = 'keel.replies/1';
export const BACKUP_FORMAT = 'keel.backup/1';

/** What an agent exports for the team lead: records without any reply text. */
export interface TeamFile {
  format: typeof TEAM_FORMAT;
  app: 'keel';
  /** Keel's version that wrote the file. */
  version: string;
  agent: string;
  /** ISO time. */
  exportedAt: string;
  records: ReplyRecord[];
}

/** Everything in the database, to restore on another profile or after clearing. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  app: 'keel';
  version: string;
  exportedAt: string;
  records: ReplyRecord[];
  imports: ImportEntry[];
}

/** A file picked by the user: its name (for messages) and text. */
export interface NamedText {
  name: string;
  text: string;
}

export interface FileImportOutcome extends BatchOutcome {
  name: string;
  agent: string;
}

const TeamFileSchema = v.object({
  format: v.literal(TEAM_FORMAT),
  app: v.literal('keel'),
  version: v.pipe(v.string(), v.maxLength(50)),
  agent: v.pipe(v.string(), v.maxLength(200)),
  exportedAt: v.string(),
  records: v.array(ReplyRecordSchema),
});

const BackupFileSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  app: v.literal('keel'),
  version: v.pipe(v.string(), v.maxLength(50)),
  exportedAt: v.string(),
  records: v.array(ReplyRecordSchema),
  imports: v.array(
    v.object({
      hash: v.string(),
      name: v.string(),
      agent: v.string(),
      importedAt: v.number(),
      records: v.number(),
    }),
  ),
});

/**
 * Checks a file's identity before its content: another program's file, a Keel file of another kind,
 * and a newer format each get their own message. Returns the parsed JSON when the identity fits.
 */
function checkIdentity(name: string, text: string, family: 'keel.replies' | 'keel.backup'): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StoreFileError([`${name}: not a JSON file, so not a Keel ${kindOf(family)}.`]);
  }
  const { app, format } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (app !== 'keel' || typeof format !== 'string') {
    throw new StoreFileError([`${name}: made by another program, not a Keel ${kindOf(family)}.`]);
  }
  const match = /^(keel\.[a-z]+)\/(\d+)$/.exec(format);
  if (match?.[1] !== family) {
    const hint = format.startsWith('keel.playbooks/')
      ? ' It is a playbook file: import it in Keel’s options.'
      : '';
    throw new StoreFileError([
      `${name}: a Keel file of another kind (${format}), not a ${kindOf(family)}.${hint}`,
    ]);
  }
  if (Number(match[2]) > 1) {
    throw new StoreFileError([
      `${name}: made by a newer Keel (format ${format}). Update Keel, then import it again.`,
    ]);
  }
  return data;
}

function kindOf(family: 'keel.replies' | 'keel.backup'): string {
  return family === 'keel.replies' ? 'team file' : 'backup';
}

/** SHA-256 of a text, hex. Computed before any transaction opens (it is not IndexedDB work). */
export async function hashText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Parses and validates one team file. @throws StoreFileError naming the file and the first problem. */
export function parseTeamFile(name: string, text: string): TeamFile {
  const data = checkIdentity(name, text, 'keel.replies');
  const result = v.safeParse(TeamFileSchema, data);
  if (!result.success) throw new StoreFileError([`${name}: ${firstProblem(result.issues)}`]);
  return result.output;
}

/** The team file an agent sends to their lead: every stored record, never any reply text. */
export async function exportTeamFile(
  db: KeelDatabase,
  agent: string,
  version: string,
  now: number = Date.now(),
): Promise<TeamFile> {
  return {
    format: TEAM_FORMAT,
    app: 'keel',
    version,
    agent,
    exportedAt: new Date(now).toISOString(),
    records: await db.getAllFromIndex('replies', 'by-time'),
  };
}

/**
 * Merges agents' team files. Every file is checked first; if any is refused, nothing changes and
 * the error lists each refused file. Then all files are written in one transaction: a file imported
 * before adds nothing (by its hash), nor does a record already stored (by its id).
 * @throws StoreFileError for refused files, StoreQuotaError when the browser has no room.
 */
export async function importTeamFiles(
  db: KeelDatabase,
  files: readonly NamedText[],
  now: number = Date.now(),
): Promise<FileImportOutcome[]> {
  const problems: string[] = [];
  const parsed: { file: NamedText; team: TeamFile }[] = [];
  for (const file of files) {
    try {
      parsed.push({ file, team: parseTeamFile(file.name, file.text) });
    } catch (error) {
      if (!(error instanceof StoreFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new StoreFileError(problems);

  const hashes = await Promise.all(parsed.map(({ file }) => hashText(file.text)));
  const outcomes = await writeBatches(
    db,
    parsed.map(({ file, team }, index) => ({
      records: team.records.map((record) => ({ ...record, origin: 'import' as const })),
      source: { hash: hashes[index] ?? '', name: file.name, agent: team.agent },
    })),
    now,
  );
  return outcomes.map((outcome, index) => ({
    ...outcome,
    name: parsed[index]?.file.name ?? '',
    agent: parsed[index]?.team.agent ?? '',
  }));
}

/** Everything, for a backup. */
export async function exportBackup(
  db: KeelDatabase,
  version: string,
  now: number = Date.now(),
): Promise<BackupFile> {
  const tx = db.transaction(['replies', 'imports'], 'readonly');
  const [records, imports] = await Promise.all([
    tx.objectStore('replies').index('by-time').getAll(),
    tx.objectStore('imports').getAll(),
    tx.done,
  ]);
  return {
    format: BACKUP_FORMAT,
    app: 'keel',
    version,
    exportedAt: new Date(now).toISOString(),
    records,
    imports,
  };
}

/**
 * Replaces everything with a backup's content and rebuilds the rollups, in one transaction.
 * @throws StoreFileError (nothing changed) when the text is not a Keel backup Keel can read.
 */
export async function restoreBackup(db: KeelDatabase, name: string, text: string): Promise<number> {
  const data = checkIdentity(name, text, 'keel.backup');
  const result = v.safeParse(BackupFileSchema, data);
  if (!result.success) throw new StoreFileError([`${name}: ${firstProblem(result.issues)}`]);
  const backup = result.output;
  try {
    const tx = db.transaction(['replies', 'rollups', 'monthly', 'days', 'imports', 'misses'], 'readwrite');
    const replies = tx.objectStore('replies');
    const misses = tx.objectStore('misses');
    const rollups = tx.objectStore('rollups');
    const monthly = tx.objectStore('monthly');
    const days = tx.objectStore('days');
    const imports = tx.objectStore('imports');
    await Promise.all([
      replies.clear(),
      rollups.clear(),
      monthly.clear(),
      days.clear(),
      imports.clear(),
      misses.clear(),
    ]);
    const unique = new Map(backup.records.map((record) => [record.id, record]));
    await Promise.all([
      ...[...unique.values()].map((record) => replies.put(record)),
      ...[...rollupsOf(unique.values()).values()].map((rollup) => rollups.put(rollup)),
      ...[...rollupsOf(unique.values(), true).values()].map((rollup) => monthly.put(rollup)),
      ...[...dayTotalsOf(unique.values()).values()].map((total) => days.put(total)),
      ...[...unique.values()].flatMap(missesOf).map((entry) => misses.put(entry)),
      ...backup.imports.map((entry) => imports.put(entry)),
      tx.done,
    ]);
    return unique.size;
  } catch (error) {
    throw toStoreError(error);
  }
}
