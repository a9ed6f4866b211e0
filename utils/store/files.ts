import * as v from 'valibot';
import { StoreFileError, toStoreError } from './errors';
import type { KeelDatabase } from './open';
import { type BatchOutcome, writeBatches } from './replies';
import { dayTotalsOf, missesOf, rollupsOf } from './rollups';
import type { ImportEntry } from './schema';
import { settle, Writes } from './transaction';
import type { ReplyRecord } from './types';
import { firstProblem, ReplyRecordSchema } from './validation';

/**
 * The team file format this version writes: 2 since record format 2 (step overrides,
 * lowConfidence, ticketUrl). Format 1 files (records without those fields) still import.
 */
export const TEAM_FORMAT = 'keel.replies/2';
/** The newest team file format this version reads. */
const TEAM_FORMAT_VERSION = 2;
export const BACKUP_FORMAT = 'keel.backup/1';

/** What an agent exports for the team lead: records without any reply text. */
export interface TeamFile {
  format: typeof TEAM_FORMAT | 'keel.replies/1';
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

/** Records one file may hold: far above a year of a busy team, far below what freezes a browser. */
export const MAX_FILE_RECORDS = 1_000_000;
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));
const RecordListSchema = v.pipe(
  v.array(ReplyRecordSchema),
  v.maxLength(MAX_FILE_RECORDS, `at most ${MAX_FILE_RECORDS} records`),
);

const TeamFileSchema = v.object({
  format: v.picklist([TEAM_FORMAT, 'keel.replies/1']),
  app: v.literal('keel'),
  version: text(50),
  agent: text(200),
  exportedAt: text(50),
  records: RecordListSchema,
});

const BackupFileSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  app: v.literal('keel'),
  version: text(50),
  exportedAt: text(50),
  records: RecordListSchema,
  // Read for the format's sake, never restored (see restoreBackup).
  imports: v.pipe(v.array(v.unknown()), v.maxLength(100_000, 'at most 100000 entries')),
});

/**
 * Checks a file's identity before its content: another program's file, a Keel file of another kind,
 * and a newer format each get their own message. Returns the parsed JSON when the identity fits.
 */
function checkIdentity(name: string, text: string, family: 'keel.replies' | 'keel.backup'): unknown {
  let data: unknown;
  try {
    // Notepad and other editors start a UTF-8 file with a byte order mark: not part of the JSON.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
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
  if (Number(match[2]) > (family === 'keel.replies' ? TEAM_FORMAT_VERSION : 1)) {
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
  const tx = db.transaction(['replies', 'imports', 'pending'], 'readonly');
  const [stored, imports, pending] = await Promise.all([
    tx.objectStore('replies').index('by-time').getAll(),
    tx.objectStore('imports').getAll(),
    tx.objectStore('pending').getAll(),
    tx.done,
  ]);
  // Sends still pending (the disk may be full) go in too, so a backup never misses a reply.
  const ids = new Set(stored.map((record) => record.id));
  const records = [
    ...stored,
    ...pending.map((entry) => entry.record).filter((record) => !ids.has(record.id)),
  ];
  return {
    format: BACKUP_FORMAT,
    app: 'keel',
    version,
    exportedAt: new Date(now).toISOString(),
    records,
    imports,
  };
}

/** Parses and validates one backup. @throws StoreFileError naming the file and the first problem. */
export function parseBackupFile(name: string, text: string): BackupFile {
  const data = checkIdentity(name, text, 'keel.backup');
  const result = v.safeParse(BackupFileSchema, data);
  if (!result.success) throw new StoreFileError([`${name}: ${firstProblem(result.issues)}`]);
  return { ...result.output, imports: [] };
}

/**
 * Replaces everything with a backup's content and rebuilds the rollups, in one transaction.
 * Everything the transaction writes is computed before it opens, and any failed write aborts it,
 * so a refused restore leaves the database as it was (issue 14: one failed rollup put had left the
 * stores cleared). The backup's list of imported files is not restored: it cannot be checked
 * against anything, and a file imported before adds nothing when imported again anyway (its
 * records are stored, by id).
 * @throws StoreFileError (nothing changed) when the text is not a Keel backup Keel can read.
 */
export async function restoreBackup(db: KeelDatabase, name: string, text: string): Promise<number> {
  const backup = parseBackupFile(name, text);
  const unique = [...new Map(backup.records.map((record) => [record.id, record])).values()];
  const plan = {
    replies: unique,
    rollups: [...rollupsOf(unique).values()],
    monthly: [...rollupsOf(unique, true).values()],
    days: [...dayTotalsOf(unique).values()],
    misses: unique.flatMap(missesOf),
  };
  const storeNames = ['replies', 'rollups', 'monthly', 'days', 'imports', 'misses'] as const;
  try {
    const tx = db.transaction([...storeNames], 'readwrite');
    await settle(tx, async () => {
      await Promise.all(storeNames.map((store) => tx.objectStore(store).clear()));
      const writes = new Writes();
      for (const record of plan.replies) writes.add(tx.objectStore('replies').put(record));
      for (const rollup of plan.rollups) writes.add(tx.objectStore('rollups').put(rollup));
      for (const rollup of plan.monthly) writes.add(tx.objectStore('monthly').put(rollup));
      for (const total of plan.days) writes.add(tx.objectStore('days').put(total));
      for (const entry of plan.misses) writes.add(tx.objectStore('misses').put(entry));
      await writes.all();
    });
    return unique.length;
  } catch (error) {
    throw toStoreError(error);
  }
}
