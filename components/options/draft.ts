import {
  type CheckKind,
  PLAYBOOK_FORMAT,
  type Playbook,
  type PlaybookInput,
  type PlaybookProblem,
  parsePlaybookFile,
} from '@/utils/playbook/schema';
import { trimEndChars } from '@/utils/trim';

/** The playbook being edited: what the author typed, valid or not yet. */
export type PlaybookDraft = PlaybookInput;
export type StepDraft = PlaybookDraft['steps'][number];
export type CheckDraft = StepDraft['check'];

export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  greeting: 'Greeting',
  closing: 'Closing / sign-off',
  phrase: 'Says a phrase',
  forbid: 'Never says',
  mention: 'Mentions a ticket detail',
  expectation: 'Sets a time expectation',
  link: 'Includes a link',
  length: 'Length in words',
  placeholders: 'No unfilled placeholders',
};

export type DraftValidation =
  | { ok: true; playbook: Playbook; errors: Map<string, string> }
  | { ok: false; errors: Map<string, string> };

/**
 * Runs the file schema on the draft, so the editor and import accept exactly the same playbooks.
 * Errors are keyed by their path inside the playbook (`steps[1].check.any`); '' is the playbook.
 */
export function validateDraft(draft: PlaybookDraft): DraftValidation {
  const result = parsePlaybookFile({ format: PLAYBOOK_FORMAT, playbooks: [draft] });
  if (result.ok) {
    const playbook = result.file.playbooks[0];
    if (playbook) return { ok: true, playbook, errors: new Map() };
  }
  const errors = new Map<string, string>();
  for (const problem of result.ok ? [] : result.errors) {
    const path = problem.path.replace(/^playbooks\[0\]\.?/, '');
    if (!errors.has(path)) errors.set(path, problem.message);
  }
  return { ok: false, errors };
}

/** Errors at paths no field of the editor shows, so none is ever hidden. */
export function unplacedErrors(errors: Map<string, string>, shown: ReadonlySet<string>): PlaybookProblem[] {
  return [...errors].filter(([path]) => !shown.has(path)).map(([path, message]) => ({ path, message }));
}

/** The check each kind starts with in the editor: valid where the kind allows it. */
export function defaultCheck(kind: CheckKind): CheckDraft {
  switch (kind) {
    case 'greeting':
      return { kind, useName: true };
    case 'closing':
      return { kind };
    case 'phrase':
      return { kind, any: [], where: 'anywhere' };
    case 'forbid':
      return { kind, any: [] };
    case 'mention':
      return { kind, variable: 'customer.firstName' };
    case 'expectation':
      return { kind };
    case 'link':
      return { kind };
    case 'length':
      return { kind, min: 20, max: 300 };
    case 'placeholders':
      return { kind };
  }
}

/** Switching kind keeps the phrases when both kinds have them (phrase ↔ forbid). */
export function changeCheckKind(check: CheckDraft, kind: CheckKind): CheckDraft {
  const next = defaultCheck(kind);
  if (
    (next.kind === 'phrase' || next.kind === 'forbid') &&
    (check.kind === 'phrase' || check.kind === 'forbid')
  ) {
    return { ...next, any: [...check.any] };
  }
  return next;
}

/** An id not in `taken`: `base`, `base-2`, `base-3`, … (`fallback` when `base` has no usable letter). */
export function uniqueId(base: string, taken: Iterable<string>, fallback = 'item'): string {
  const used = new Set(taken);
  const clean =
    trimEndChars(
      base
        // “María” → “maria”: accents go, the letter stays.
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, 56),
      '-',
    ) || fallback;
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

/** A new playbook's id, made from its name: unique among the playbooks in force. */
export function playbookIdFromName(name: string, takenIds: Iterable<string>): string {
  return uniqueId(name, takenIds, 'playbook');
}

/** A step's id, made from its title: unique among the playbook's other steps. */
export function stepIdFromTitle(title: string, steps: readonly StepDraft[], index: number): string {
  const others = steps.filter((_, at) => at !== index).map((step) => step.id);
  return uniqueId(title, others, 'step');
}

/**
 * Gives step `index` a new title. While its id follows the title (a step added since the last
 * save whose id the author has not typed), the id is made from the title again, and `following`
 * learns the new id.
 */
export function retitleStep(
  steps: readonly StepDraft[],
  index: number,
  title: string,
  following: ReadonlySet<string>,
): { steps: StepDraft[]; following: Set<string> } {
  const step = steps[index];
  const nextFollowing = new Set(following);
  if (!step) return { steps: [...steps], following: nextFollowing };
  let id = step.id;
  if (following.has(step.id)) {
    id = stepIdFromTitle(title, steps, index);
    nextFollowing.delete(step.id);
    nextFollowing.add(id);
  }
  return {
    steps: steps.map((entry, at) => (at === index ? { ...entry, title, id } : entry)),
    following: nextFollowing,
  };
}

export function newStep(steps: readonly StepDraft[]): StepDraft {
  return {
    id: uniqueId(
      'step',
      steps.map((step) => step.id),
    ),
    title: '',
    severity: 'required',
    weight: 1,
    check: defaultCheck('phrase'),
  };
}

export function newPlaybook(takenIds: Iterable<string>): PlaybookDraft {
  return {
    id: uniqueId('new-playbook', takenIds),
    name: 'New playbook',
    version: 1,
    locale: 'en',
    match: { types: [], tags: [], keywords: [], priority: 0 },
    steps: [
      {
        id: 'greet',
        title: 'Greet the customer by name',
        severity: 'required',
        check: defaultCheck('greeting'),
      },
    ],
  };
}

/** A copy to edit under a new id and name; it starts again at version 1. */
export function duplicatePlaybook(playbook: Playbook, takenIds: Iterable<string>): PlaybookDraft {
  const copy = structuredClone(playbook) as PlaybookDraft;
  return {
    ...copy,
    id: uniqueId(`${playbook.id}-copy`, takenIds),
    name: `${playbook.name} (copy)`,
    version: 1,
  };
}

/** Moves the item at `from` by `delta` places; out-of-range moves return the list unchanged. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

/**
 * The version a save stores: one more than the saved playbook's, or the draft's own for a
 * playbook never saved by the team.
 */
export function versionOnSave(draftVersion: number | undefined, saved: Playbook | undefined): number {
  if (!saved) return Math.max(1, draftVersion ?? 1);
  return Math.max(saved.version, draftVersion ?? 0) + 1;
}

/** The team's playbooks after saving `playbook`, replacing the entry `previousId` (or its own id). */
export function saveIntoTeam(
  team: readonly Playbook[],
  playbook: Playbook,
  previousId = playbook.id,
): Playbook[] {
  const index = team.findIndex((entry) => entry.id === previousId);
  if (index === -1) return [...team.filter((entry) => entry.id !== playbook.id), playbook];
  const next = team.filter((entry, at) => at === index || entry.id !== playbook.id);
  return next.map((entry) => (entry.id === previousId ? playbook : entry));
}

/** Text area ↔ list: one entry per line, blank lines ignored. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Comma-separated input ↔ list (ticket types and tags). */
export function commasToList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
