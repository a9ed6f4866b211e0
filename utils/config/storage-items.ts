import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CustomSite } from '../adapters/custom';
import type { Playbook } from '../playbook/schema';
import {
  DEFAULT_SETTINGS,
  DEFAULT_SIDEBAR_LAYOUT,
  type Settings,
  type SidebarLayout,
  STORAGE_KEYS,
  type TicketChoice,
} from './content-shapes';

/**
 * Settings and playbooks live in browser.storage (statistics live in IndexedDB). Every item has a
 * version so a later shape can migrate the stored value instead of dropping it. Resolving what is
 * in force (policy, validation, the built-in library) is in-force.ts; the content script reads
 * the same keys without the storage library (content-storage.ts). Pages and the background only.
 */

/** Playbooks the team lead wrote or imported; they replace built-in ones with the same id. */
export const teamPlaybooksItem = storage.defineItem<Playbook[]>(`local:${STORAGE_KEYS.playbooks}`, {
  fallback: [],
  version: 1,
});

export const ticketChoicesItem = storage.defineItem<Record<string, TicketChoice>>(
  `local:${STORAGE_KEYS.ticketChoices}`,
  {
    fallback: {},
    version: 1,
  },
);

export const settingsItem = storage.defineItem<Settings>(`local:${STORAGE_KEYS.settings}`, {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/**
 * Helpdesks the user set up on the options page (validated with customSiteSchema before saving).
 * Each has a content script registered at runtime under the id `customSiteScriptId(site.id)`.
 */
export const customSitesItem = storage.defineItem<CustomSite[]>(`local:${STORAGE_KEYS.customSites}`, {
  fallback: [],
  version: 1,
});

/** The Sites form as the user left it (components/options/siteFormModel.ts validates it on load). */
export const siteFormDraftItem = storage.defineItem<unknown>('local:siteFormDraft');

export const sidebarLayoutItem = storage.defineItem<SidebarLayout>(`local:${STORAGE_KEYS.sidebarLayout}`, {
  fallback: DEFAULT_SIDEBAR_LAYOUT,
  version: 1,
});

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
