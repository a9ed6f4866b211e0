import { storage } from 'wxt/utils/storage';
import type { CustomSite } from '../adapters/custom';
import type { Playbook } from '../playbook/schema';
import { DEFAULT_SETTINGS, type Settings, STORAGE_KEYS } from './content-shapes';

/**
 * Settings and playbooks live in browser.storage (statistics live in IndexedDB). Every item has a
 * version so a later shape can migrate the stored value instead of dropping it. Resolving what is
 * in force (policy, validation, the built-in library) is in-force.ts; the content script reads
 * the same keys without the storage library (content-storage.ts); the sidebar's layout and the
 * agents' ticket choices have no item, as only the content script keeps them. Pages and the
 * background only.
 */

/** Playbooks the team lead wrote or imported; they replace built-in ones with the same id. */
export const teamPlaybooksItem = storage.defineItem<Playbook[]>(`local:${STORAGE_KEYS.playbooks}`, {
  fallback: [],
  version: 1,
});

export const settingsItem = storage.defineItem<Settings>(`local:${STORAGE_KEYS.settings}`, {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/**
 * Helpdesks the user set up on the options page (validated with customSiteSchema before saving).
 * Each has a content script registered at runtime by utils/sites/registration.ts.
 */
export const customSitesItem = storage.defineItem<CustomSite[]>(`local:${STORAGE_KEYS.customSites}`, {
  fallback: [],
  version: 1,
});

/** The Sites form as the user left it (components/options/siteFormModel.ts validates it on load). */
export const siteFormDraftItem = storage.defineItem<unknown>('local:siteFormDraft');
