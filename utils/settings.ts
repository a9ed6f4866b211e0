import { storage } from 'wxt/utils/storage';
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
}

export const DEFAULT_SETTINGS: Settings = { agentName: '', retentionDays: 365, sendGate: false };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

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

export async function loadPlaybooks(): Promise<Playbook[]> {
  return mergePlaybooks(await teamPlaybooksItem.getValue());
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
