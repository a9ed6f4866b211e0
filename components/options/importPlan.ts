import type { PlaybookSource } from '@/utils/config/in-force';
import { PLAYBOOK_FORMAT, type Playbook, type PlaybookFile } from '@/utils/playbook/schema';

/**
 * What importing one playbook does: `add` a new id, `replace` the team's or a built-in playbook,
 * leave it `unchanged` (identical to the one in force), or `overridden` when the administrator's
 * playbook with that id stays in force (the team copy is stored but not used).
 */
export type ImportAction = 'add' | 'replace' | 'unchanged' | 'overridden';

export interface ImportPlanEntry {
  id: string;
  name: string;
  action: ImportAction;
  /** The source of the playbook it replaces or matches (absent for `add`). */
  current?: PlaybookSource;
  currentVersion?: number;
  importedVersion: number;
  playbook: Playbook;
}

/** JSON with object keys sorted, so two playbooks compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner;
    const record = inner as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

export function samePlaybook(a: Playbook, b: Playbook): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Says, per playbook of a validated file, what applying it would do. Pure: `inForce` is what
 * mergePlaybookSources returns now.
 */
export function planImport(
  file: PlaybookFile,
  inForce: readonly { playbook: Playbook; source: PlaybookSource }[],
): ImportPlanEntry[] {
  const byId = new Map(inForce.map((entry) => [entry.playbook.id, entry]));
  return file.playbooks.map((playbook): ImportPlanEntry => {
    const base = { id: playbook.id, name: playbook.name, importedVersion: playbook.version, playbook };
    const existing = byId.get(playbook.id);
    if (!existing) return { ...base, action: 'add' };
    const current = { current: existing.source, currentVersion: existing.playbook.version };
    if (existing.source === 'managed') return { ...base, ...current, action: 'overridden' };
    if (samePlaybook(existing.playbook, playbook)) return { ...base, ...current, action: 'unchanged' };
    return { ...base, ...current, action: 'replace' };
  });
}

/**
 * The team's playbooks after applying a plan: replacements keep their place, additions go to the
 * end, unchanged ones are not copied (a built-in stays built-in).
 */
export function applyImport(team: readonly Playbook[], plan: readonly ImportPlanEntry[]): Playbook[] {
  const incoming = new Map(
    plan.filter((entry) => entry.action !== 'unchanged').map((entry) => [entry.id, entry.playbook]),
  );
  const result = team.map((playbook) => {
    const replacement = incoming.get(playbook.id);
    if (!replacement) return playbook;
    incoming.delete(playbook.id);
    return replacement;
  });
  return [...result, ...incoming.values()];
}

/** The text of a `keel.playbooks/1` file holding `playbooks`. */
export function playbookFileText(playbooks: readonly Playbook[]): string {
  const file: PlaybookFile = { format: PLAYBOOK_FORMAT, playbooks: [...playbooks] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for an export: the playbook's id for one, `keel-playbooks-<date>` for several. */
export function exportFileName(playbooks: readonly Playbook[], now = new Date()): string {
  const only = playbooks.length === 1 ? playbooks[0] : undefined;
  if (only) return `keel-playbook-${only.id}.json`;
  return `keel-playbooks-${now.toISOString().slice(0, 10)}.json`;
}
