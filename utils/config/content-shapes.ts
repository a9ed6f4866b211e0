/**
 * The shapes and keys of what Keel keeps in browser.storage.local, with no storage library: the
 * content script reads these keys directly (content-storage.ts) to stay small, while the
 * extension's pages use the versioned items of storage-items.ts over the same keys.
 * Any context may load this file, the content script included (it imports nothing).
 */

/** Keys in browser.storage.local. A `local:` item in storage-items.ts uses the same name. */
export const STORAGE_KEYS = {
  playbooks: 'playbooks',
  settings: 'settings',
  customSites: 'customSites',
  /** The administrator's sites, validated by the background (utils/background/policy-sites.ts). */
  policySites: 'policySites',
  sidebarLayout: 'sidebarLayout',
  ticketChoices: 'ticketChoices',
  /** The administrator's policy as last read (the browser's first read after a start is slow). */
  managedPolicyCache: 'managedPolicyCache',
} as const;

export interface Settings {
  /** The agent's name when the helpdesk page does not show it. */
  agentName: string;
  retentionDays: number;
  /** Ask before sending a reply whose critical step fails. Off: Keel never blocks a send otherwise. */
  sendGate: boolean;
  /** Built-in helpdesk adapter ids Keel stays off on (absent: on everywhere). */
  disabledHelpdesks?: string[];
  /** Set only by the administrator's policy: false forbids overrides on critical steps. */
  allowCriticalOverrides?: boolean;
}

export const DEFAULT_SETTINGS: Settings = { agentName: '', retentionDays: 365, sendGate: false };

/** The sidebar's own layout, remembered across pages. */
export interface SidebarLayout {
  width: number;
  collapsed: boolean;
}

export const DEFAULT_SIDEBAR_LAYOUT: SidebarLayout = { width: 340, collapsed: false };

/** The playbook an agent chose by hand for a ticket, keyed `helpdesk:ticketId`. */
export interface TicketChoice {
  playbookId: string;
  at: number;
}

/** How many per-ticket choices to keep: old tickets are long closed. */
export const MAX_TICKET_CHOICES = 500;

/** Whether Keel runs on a helpdesk (adapter id), by the settings in force. */
export function isHelpdeskEnabled(settings: Settings, helpdeskId: string): boolean {
  return !(settings.disabledHelpdesks ?? []).includes(helpdeskId);
}

/** Choices with the oldest dropped past MAX_TICKET_CHOICES. */
export function pruneTicketChoices(choices: Record<string, TicketChoice>): Record<string, TicketChoice> {
  const keys = Object.keys(choices);
  if (keys.length <= MAX_TICKET_CHOICES) return choices;
  const kept = { ...choices };
  const oldest = keys.sort((a, b) => (choices[a]?.at ?? 0) - (choices[b]?.at ?? 0));
  for (const key of oldest.slice(0, keys.length - MAX_TICKET_CHOICES)) delete kept[key];
  return kept;
}
