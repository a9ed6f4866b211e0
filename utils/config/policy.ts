import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type CustomSite, customSiteSchema } from '../adapters/custom-site';
import {
  type Playbook,
  type PlaybookProblem,
  parsePlaybookFile,
  parsePlaybookFileText,
} from '../playbook/schema';

/** How long records may be kept, in days: the policy's and the options page's bounds. */
export const RETENTION_DAYS_RANGE = { min: 1, max: 3650 } as const;

const WHOLE_DAYS = `must be a whole number from ${RETENTION_DAYS_RANGE.min} to ${RETENTION_DAYS_RANGE.max}`;
const TRUE_OR_FALSE = 'must be true or false';
const HELPDESK_IDS = 'must be a list of helpdesk ids';

/** A retention period, whether the administrator or the agent (options page) sets it. */
const retentionDaysSchema = v.pipe(
  v.number(WHOLE_DAYS),
  v.integer(WHOLE_DAYS),
  v.minValue(RETENTION_DAYS_RANGE.min, WHOLE_DAYS),
  v.maxValue(RETENTION_DAYS_RANGE.max, WHOLE_DAYS),
);

export const isRetentionDays = (days: unknown): days is number => v.is(retentionDaysSchema, days);

/**
 * The settings an administrator pushes through the browser's enterprise policy (`storage.managed`;
 * Chrome reads its shape from assets/public/managed_schema.json, Firefox from policies.json
 * `3rdparty`). Agents cannot change any of it: the options page shows it read-only. Each entry is
 * checked on its own (parseManagedSettings), so one bad setting does not drop the good ones.
 */
export const managedSettingsSchema = v.object(
  {
    retentionDays: v.optional(retentionDaysSchema),
    sendGate: v.optional(v.boolean(TRUE_OR_FALSE)),
    /** Built-in helpdesk adapter ids Keel stays off on (ids are lower case). */
    disabledHelpdesks: v.optional(
      v.pipe(
        v.array(v.string(HELPDESK_IDS), HELPDESK_IDS),
        v.transform((ids) => ids.map((id) => id.toLowerCase())),
      ),
    ),
    /**
     * false: agents cannot override the checker's verdict on critical steps (no "Done in my own
     * words" or "Not needed here" there). Absent or true: they can, as on every other step.
     */
    allowCriticalOverrides: v.optional(v.boolean(TRUE_OR_FALSE)),
  },
  'must be an object',
);

export type ManagedSettings = v.InferOutput<typeof managedSettingsSchema>;
type ManagedSettingKey = keyof typeof managedSettingsSchema.entries;

/** A JSON object: not null, and not a list (which valibot's object schema would let through). */
const jsonObjectSchema = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  'must be an object',
);

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

/** The valid settings of the policy; each bad one is left out and named (`settings.sendGate: …`). */
function parseManagedSettings(raw: unknown): { settings: ManagedSettings; problems: PlaybookProblem[] } {
  if (raw === undefined) return { settings: {}, problems: [] };
  const object = v.safeParse(jsonObjectSchema, raw);
  if (!object.success)
    return { settings: {}, problems: [{ path: 'settings', message: 'must be an object' }] };
  const settings: Record<string, unknown> = {};
  const problems: PlaybookProblem[] = [];
  const entries = managedSettingsSchema.entries;
  for (const [key, value] of Object.entries(object.output)) {
    if (!Object.hasOwn(entries, key)) {
      problems.push({ path: `settings.${key}`, message: `unknown setting "${key}"` });
      continue;
    }
    // The entry without its `optional`: a key that is there must hold a value.
    const result = v.safeParse(entries[key as ManagedSettingKey].wrapped, value);
    if (result.success) settings[key] = result.output;
    else problems.push({ path: `settings.${key}`, message: result.issues[0]?.message ?? 'is not valid' });
  }
  return { settings: settings as ManagedSettings, problems };
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
