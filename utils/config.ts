import { loadManagedPolicy, type ManagedSettings } from './managed';
import { DEFAULT_PLAYBOOKS } from './playbook/library';
import type { Playbook } from './playbook/schema';
import { DEFAULT_SETTINGS, type Settings, settingsItem, teamPlaybooksItem } from './settings';

/**
 * What is in force: the administrator's policy (validated), then the team's playbooks and the
 * agent's settings, then the built-in library. The background answers the content script's
 * `config.get` from here, so helpdesk pages never load the library or the schema validator.
 */

/** The playbooks in force: the team's, then built-in ones the team has not replaced. */
export function mergePlaybooks(
  team: readonly Playbook[],
  builtIn: readonly Playbook[] = DEFAULT_PLAYBOOKS,
): Playbook[] {
  const teamIds = new Set(team.map((p) => p.id));
  return [...team, ...builtIn.filter((p) => !teamIds.has(p.id))];
}

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
  const [policy, team] = await Promise.all([loadManagedPolicy(), teamPlaybooksItem.getValue()]);
  return mergePlaybookSources(policy.playbooks, team).map((entry) => entry.playbook);
}

/** Local settings with the administrator's settings on top (those win and are read-only). */
export function applyManagedSettings(local: Settings, managed: ManagedSettings): Settings {
  const merged: Settings = { ...DEFAULT_SETTINGS, ...local };
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
  const [policy, local] = await Promise.all([loadManagedPolicy(), settingsItem.getValue()]);
  return applyManagedSettings(local, policy.settings);
}
