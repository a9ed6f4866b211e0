import { browser } from 'wxt/browser';
import type { CustomSite } from '../adapters/custom';
import {
  DEFAULT_SIDEBAR_LAYOUT,
  pruneTicketChoices,
  type SidebarLayout,
  STORAGE_KEYS,
  type TicketChoice,
} from './content-shapes';

/**
 * The content script's view of browser.storage.local: the same keys as the versioned items of
 * storage-items.ts, read and written directly so helpdesk pages do not load the storage library
 * (about 16 KB). Values the extension's pages wrote are trusted: they were validated there.
 */

async function read<T>(key: string, fallback: T): Promise<T> {
  const stored = (await browser.storage.local.get(key))[key];
  return stored === undefined || stored === null ? fallback : (stored as T);
}

export const readSidebarLayout = () =>
  read<SidebarLayout>(STORAGE_KEYS.sidebarLayout, DEFAULT_SIDEBAR_LAYOUT);

export const writeSidebarLayout = (layout: SidebarLayout) =>
  browser.storage.local.set({ [STORAGE_KEYS.sidebarLayout]: layout });

/** The administrator's sites first (they win over a user's site with the same id), then the user's. */
export async function readCustomSites(): Promise<CustomSite[]> {
  const [policy, own] = await Promise.all([
    read<CustomSite[]>(STORAGE_KEYS.policySites, []),
    read<CustomSite[]>(STORAGE_KEYS.customSites, []),
  ]);
  return [...policy, ...own.filter((site) => !policy.some((pushed) => pushed.id === site.id))];
}

export async function loadTicketChoice(ticketKey: string): Promise<string | undefined> {
  return (await read<Record<string, TicketChoice>>(STORAGE_KEYS.ticketChoices, {}))[ticketKey]?.playbookId;
}

export async function saveTicketChoice(
  ticketKey: string,
  playbookId: string,
  now = Date.now(),
): Promise<void> {
  const choices = await read<Record<string, TicketChoice>>(STORAGE_KEYS.ticketChoices, {});
  const next = pruneTicketChoices({ ...choices, [ticketKey]: { playbookId, at: now } });
  await browser.storage.local.set({ [STORAGE_KEYS.ticketChoices]: next });
}

/**
 * Calls `callback` when the playbooks or settings in force may have changed: the team's playbooks
 * or the agent's settings were saved, or the administrator's policy changed.
 */
export function watchConfig(callback: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, areaName: string) => {
    const local =
      areaName === 'local' && (STORAGE_KEYS.playbooks in changes || STORAGE_KEYS.settings in changes);
    if (areaName === 'managed' || local) callback();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
