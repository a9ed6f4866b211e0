import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type CustomSite, customSiteSchema } from '../adapters/custom-site';
import {
  type Playbook,
  type PlaybookProblem,
  parsePlaybookFile,
  parsePlaybookFileText,
} from '../playbook/schema';

/**
 * What an administrator pushes through the browser's enterprise policy (`storage.managed`; Chrome
 * reads its shape from assets/public/managed_schema.json, Firefox from policies.json `3rdparty`). Agents
 * cannot change any of it: the options page shows it read-only.
 */
export interface ManagedSettings {
  retentionDays?: number;
  sendGate?: boolean;
  /** Built-in helpdesk adapter ids Keel stays off on. */
  disabledHelpdesks?: string[];
  /**
   * false: agents cannot override the checker's verdict on critical steps (no "Done in my own
   * words" or "Not needed here" there). Absent or true: they can, as on every other step.
   */
  allowCriticalOverrides?: boolean;
}

export interface ManagedPolicy {
  playbooks: Playbook[];
  settings: ManagedSettings;
  /**
   * The company's own helpdesks, as the Sites form makes them: every browser gets them without
   * anyone filling the form (each still needs the host allowed once: utils/background/policy-sites.ts).
   */
  sites: CustomSite[];
  /** What was wrong with the policy (with paths); the bad part is ignored, never half-applied. */
  problems: PlaybookProblem[];
}

export const EMPTY_POLICY: ManagedPolicy = { playbooks: [], settings: {}, sites: [], problems: [] };

/**
 * Reads `storage.managed`. Without a policy (Firefox throws "Managed storage manifest not found"),
 * or without a managed schema (Chrome may reject), there is simply nothing pushed: resolves `{}`.
 */
export async function readManagedStorage(): Promise<Record<string, unknown>> {
  try {
    const managed = browser.storage?.managed;
    if (!managed) return {};
    const values: unknown = await managed.get();
    return typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseManagedPlaybooks(raw: unknown): { playbooks: Playbook[]; problems: PlaybookProblem[] } {
  if (raw === undefined) return { playbooks: [], problems: [] };
  // Some policy tools can only set strings: accept the file's JSON text as well as the object.
  const result = typeof raw === 'string' ? parsePlaybookFileText(raw) : parsePlaybookFile(raw);
  if (!result.ok) {
    return {
      playbooks: [],
      problems: result.errors.map((problem) => ({
        path: problem.path ? `playbooks.${problem.path}` : 'playbooks',
        message: problem.message,
      })),
    };
  }
  return { playbooks: result.file.playbooks, problems: [] };
}

function parseManagedSettings(raw: unknown): { settings: ManagedSettings; problems: PlaybookProblem[] } {
  const settings: ManagedSettings = {};
  const problems: PlaybookProblem[] = [];
  if (raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, problems: [{ path: 'settings', message: 'must be an object' }] };
  }
  const input = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (key === 'retentionDays') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 3650) {
        settings.retentionDays = value;
      } else
        problems.push({ path: 'settings.retentionDays', message: 'must be a whole number from 1 to 3650' });
    } else if (key === 'sendGate') {
      if (typeof value === 'boolean') settings.sendGate = value;
      else problems.push({ path: 'settings.sendGate', message: 'must be true or false' });
    } else if (key === 'allowCriticalOverrides') {
      if (typeof value === 'boolean') settings.allowCriticalOverrides = value;
      else problems.push({ path: 'settings.allowCriticalOverrides', message: 'must be true or false' });
    } else if (key === 'disabledHelpdesks') {
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
        settings.disabledHelpdesks = value.map((entry) => entry.toLowerCase());
      } else problems.push({ path: 'settings.disabledHelpdesks', message: 'must be a list of helpdesk ids' });
    } else {
      problems.push({ path: `settings.${key}`, message: `unknown setting "${key}"` });
    }
  }
  return { settings, problems };
}

/** Each valid site of the policy; a bad one is left out and named (`sites[1].urlPattern: …`). */
function parseManagedSites(raw: unknown): { sites: CustomSite[]; problems: PlaybookProblem[] } {
  if (raw === undefined) return { sites: [], problems: [] };
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      return { sites: [], problems: [{ path: 'sites', message: 'is not JSON' }] };
    }
  }
  if (!Array.isArray(list))
    return { sites: [], problems: [{ path: 'sites', message: 'must be a list of sites' }] };
  const sites: CustomSite[] = [];
  const problems: PlaybookProblem[] = [];
  const ids = new Set<string>();
  list.forEach((entry, index) => {
    const result = v.safeParse(customSiteSchema, entry);
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue ? v.getDotPath(issue) : null;
      problems.push({
        path: `sites[${index}]${path ? `.${path}` : ''}`,
        message: issue?.message ?? 'invalid',
      });
    } else if (ids.has(result.output.id)) {
      problems.push({ path: `sites[${index}].id`, message: `"${result.output.id}" is used twice` });
    } else {
      ids.add(result.output.id);
      sites.push(result.output);
    }
  });
  return { sites, problems };
}

/** Validates the raw `storage.managed` values. Pure: the tests feed it what a policy could hold. */
export function parseManagedPolicy(raw: Record<string, unknown>): ManagedPolicy {
  const playbooks = parseManagedPlaybooks(raw.playbooks);
  const settings = parseManagedSettings(raw.settings);
  const sites = parseManagedSites(raw.sites);
  return {
    playbooks: playbooks.playbooks,
    settings: settings.settings,
    sites: sites.sites,
    problems: [...playbooks.problems, ...settings.problems, ...sites.problems],
  };
}

export async function loadManagedPolicy(): Promise<ManagedPolicy> {
  return parseManagedPolicy(await readManagedStorage());
}

/** The playbooks the administrator pushed (none without a policy, or when the policy's file is bad). */
export async function loadManagedPlaybooks(): Promise<Playbook[]> {
  return (await loadManagedPolicy()).playbooks;
}

/**
 * Calls `callback` with the new policy whenever the administrator's policy changes (the browser
 * reloads policies while running). Returns the function that stops watching.
 */
export function watchManagedPolicy(callback: (policy: ManagedPolicy) => void): () => void {
  const onChanged = (_changes: unknown, areaName: string) => {
    if (areaName === 'managed') void loadManagedPolicy().then(callback);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
