import { browser } from 'wxt/browser';
import { DEFAULT_PLAYBOOKS } from '../playbook/library';
import type { Playbook } from '../playbook/schema';
import { DEFAULT_SETTINGS, type Settings, STORAGE_KEYS } from './content-shapes';
import {
  EMPTY_POLICY,
  loadManagedPolicy,
  type ManagedPolicy,
  type ManagedSettings,
  watchManagedPolicy,
} from './policy';
import { settingsItem, teamPlaybooksItem } from './storage-items';

/** How long a helpdesk page may wait for the browser's policy before the last known one is used. */
export const MANAGED_READ_WAIT_MS = 300;

/** This context's live read of the policy (see loadManagedPolicyQuickly). */
const live: {
  policy?: ManagedPolicy;
  read?: Promise<ManagedPolicy>;
  waitedOut: boolean;
  unwatch?: () => void;
} = { waitedOut: false };

/**
 * The administrator's policy, without making the agent wait. Chromium's storage.managed read can
 * take seconds (3.6 s here, the first read after a browser start, on a machine without a policy).
 * The last policy read is kept in storage.local, and when there is one it answers at once while the
 * live read runs; when the live read then differs, the cache is rewritten, which tells open
 * sidebars (they watch that key) to ask again. Only with no policy known yet does the first caller
 * wait for the live read, up to `waitMs`.
 *
 * A live read is made once per context (the background's worker, an options page) and kept until
 * the browser says the policy changed. Reading it again for every `config.get` made every helpdesk
 * page load wait the full `waitMs` whenever the browser's read was slow; waiting for it even with a
 * policy cached made the first ticket after a browser start wait it too.
 */
export async function loadManagedPolicyQuickly(waitMs = MANAGED_READ_WAIT_MS): Promise<ManagedPolicy> {
  if (live.policy) return live.policy;
  live.read ??= loadManagedPolicy().then(rememberPolicy);
  const reading = live.read;
  // The browser reloaded its policies: keep the new one, which rewrites the cache and so tells sidebars.
  live.unwatch ??= watchManagedPolicy((policy) => void rememberPolicy(policy));
  const key = STORAGE_KEYS.managedPolicyCache;
  const cached = browser.storage.local.get(key).then((stored) => stored[key] as ManagedPolicy | undefined);
  // Whichever is known first: a live read that is quick, or the last policy read.
  const first = await Promise.race([reading, cached]);
  if (first) return first;
  if (live.waitedOut) return EMPTY_POLICY;
  // No policy known yet: only the first caller waits; the others do not wait twice.
  live.waitedOut = true;
  const read = await Promise.race([
    reading,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs)),
  ]);
  return read ?? EMPTY_POLICY;
}

/** Keeps a policy the browser gave as this context's, and as the cache when it differs. */
async function rememberPolicy(policy: ManagedPolicy): Promise<ManagedPolicy> {
  live.policy = policy;
  live.read = undefined;
  const key = STORAGE_KEYS.managedPolicyCache;
  const cached = (await browser.storage.local.get(key))[key];
  if (JSON.stringify(cached) !== JSON.stringify(policy)) await browser.storage.local.set({ [key]: policy });
  return policy;
}

/** Forgets this context's live read (tests). */
export function forgetManagedPolicyRead(): void {
  live.unwatch?.();
  live.policy = undefined;
  live.read = undefined;
  live.waitedOut = false;
  live.unwatch = undefined;
}

/**
 * What is in force: the administrator's policy (validated), then the team's playbooks and the
 * agent's settings, then the built-in library. The background answers the content script's
 * `config.get` from here, so helpdesk pages never load the library or the schema validator.
 */

/** Where a playbook in force comes from; the first source that has an id wins. */
export type PlaybookSource = 'managed' | 'team' | 'built-in';

/**
 * The playbooks in force with their source: the administrator's (managed) first, then the team's,
 * then built-in ones neither has replaced.
 */
export function mergePlaybookSources(
  managed: readonly Playbook[],
  team: readonly Playbook[],
  builtIn: readonly Playbook[] = DEFAULT_PLAYBOOKS,
): { playbook: Playbook; source: PlaybookSource }[] {
  const seen = new Set<string>();
  const out: { playbook: Playbook; source: PlaybookSource }[] = [];
  const add = (list: readonly Playbook[], source: PlaybookSource) => {
    for (const playbook of list) {
      if (seen.has(playbook.id)) continue;
      seen.add(playbook.id);
      out.push({ playbook, source });
    }
  };
  add(managed, 'managed');
  add(team, 'team');
  add(builtIn, 'built-in');
  return out;
}

/** The playbooks in force: managed, then team, then built-in (see mergePlaybookSources). */
export async function loadPlaybooks(): Promise<Playbook[]> {
  const [policy, team] = await Promise.all([loadManagedPolicyQuickly(), teamPlaybooksItem.getValue()]);
  return mergePlaybookSources(policy.playbooks, team).map((entry) => entry.playbook);
}

/** Local settings with the administrator's settings on top (those win and are read-only). */
export function applyManagedSettings(local: Settings, managed: ManagedSettings): Settings {
  const merged: Settings = { ...DEFAULT_SETTINGS, ...local };
  // Only the administrator decides this one: an agent's own settings never carry it.
  delete merged.allowCriticalOverrides;
  if (managed.allowCriticalOverrides !== undefined)
    merged.allowCriticalOverrides = managed.allowCriticalOverrides;
  if (managed.retentionDays !== undefined) merged.retentionDays = managed.retentionDays;
  if (managed.sendGate !== undefined) merged.sendGate = managed.sendGate;
  if (managed.disabledHelpdesks !== undefined) {
    merged.disabledHelpdesks = [
      ...new Set([...(local.disabledHelpdesks ?? []), ...managed.disabledHelpdesks]),
    ];
  }
  return merged;
}

/** The settings in force: defaults, then the agent's own, then the administrator's. */
export async function loadSettings(): Promise<Settings> {
  const [policy, local] = await Promise.all([loadManagedPolicyQuickly(), settingsItem.getValue()]);
  return applyManagedSettings(local, policy.settings);
}
