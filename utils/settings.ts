import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CustomSite } from './adapters/custom';
import { loadManagedPolicy, type ManagedSettings } from './managed';
import { DEFAULT_PLAYBOOKS } from './playbook/library';
import type { Playbook } from './playbook/schema';

/**
 * Settings and playbooks live in browser.storage (statistics live in IndexedDB). Every item has a
 * version so a later shape can migrate the stored value instead of dropping it.
 */

/** Playbooks the team lead wrote or imported; they replace built-in ones with the same id. */
export const teamPlaybooksItem = storage.defineItem<Playbook[]>('local:playbooks', {
  fallback: [],
  version: 1,
});

/** The playbook an agent chose by hand for a ticket, keyed `helpdesk:ticketId`. */
export interface TicketChoice {
  playbookId: string;
  at: number;
}
export const ticketChoicesItem = storage.defineItem<Record<string, TicketChoice>>('local:ticketChoices', {
  fallback: {},
  version: 1,
});

/** How many per-ticket choices to keep: old tickets are long closed. */
const MAX_TICKET_CHOICES = 500;

export interface Settings {
  /** The agent's name when the helpdesk page does not show it. */
  agentName: string;
  retentionDays: number;
  /** Ask before sending a reply whose critical step fails. Off: Keel never blocks a send otherwise. */
  sendGate: boolean;
  /** Built-in helpdesk adapter ids Keel stays off on (absent: on everywhere). */
  disabledHelpdesks?: string[];
}

export const DEFAULT_SETTINGS: Settings = { agentName: '', retentionDays: 365, sendGate: false };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/**
 * Helpdesks the user set up on the options page (validated with customSiteSchema before saving).
 * Each has a content script registered at runtime under the id `customSiteScriptId(site.id)`.
 */
export const customSitesItem = storage.defineItem<CustomSite[]>('local:customSites', {
  fallback: [],
  version: 1,
});

/** The registered content script's id for a custom site. */
export function customSiteScriptId(siteId: string): string {
  return `keel-custom-${siteId}`;
}

/** The sidebar's own layout, remembered across pages. */
export interface SidebarLayout {
  width: number;
  collapsed: boolean;
}
export const sidebarLayoutItem = storage.defineItem<SidebarLayout>('local:sidebarLayout', {
  fallback: { width: 340, collapsed: false },
  version: 1,
});

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

/**
 * Calls `callback` when the playbooks in force may have changed: the team's were saved (options
 * page, import) or the administrator's policy changed. Returns the function that stops watching.
 */
export function watchPlaybooks(callback: () => void): () => void {
  const unwatchTeam = teamPlaybooksItem.watch(() => callback());
  const onChanged = (_changes: unknown, areaName: string) => {
    if (areaName === 'managed') callback();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    unwatchTeam();
    browser.storage.onChanged.removeListener(onChanged);
  };
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

/** Whether Keel runs on a helpdesk (adapter id), by the settings in force. */
export function isHelpdeskEnabled(settings: Settings, helpdeskId: string): boolean {
  return !(settings.disabledHelpdesks ?? []).includes(helpdeskId);
}

export async function loadTicketChoice(ticketKey: string): Promise<string | undefined> {
  return (await ticketChoicesItem.getValue())[ticketKey]?.playbookId;
}

export async function saveTicketChoice(
  ticketKey: string,
  playbookId: string,
  now = Date.now(),
): Promise<void> {
  const choices = { ...(await ticketChoicesItem.getValue()), [ticketKey]: { playbookId, at: now } };
  const keys = Object.keys(choices);
  if (keys.length > MAX_TICKET_CHOICES) {
    const oldest = keys.sort((a, b) => (choices[a]?.at ?? 0) - (choices[b]?.at ?? 0));
    for (const key of oldest.slice(0, keys.length - MAX_TICKET_CHOICES)) delete choices[key];
  }
  await ticketChoicesItem.setValue(choices);
}
