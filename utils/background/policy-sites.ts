import { browser } from 'wxt/browser';
import type { CustomSite } from '../adapters/custom-site';
import { STORAGE_KEYS } from '../config/content-shapes';
import { loadManagedPolicy } from '../config/policy';
import { hasSiteAccess, registerSiteScript, unregisterSiteScripts } from '../sites/registration';

/**
 * Sites an administrator pushes by policy (`sites` in the managed schema). The background keeps the
 * validated list in storage.local for the content script (which loads no validator) and registers
 * the sidebar (utils/sites/registration.ts) on each site whose host Keel may read. A browser cannot
 * grant a host by policy: each agent allows it once (the options page's "Turn on"), or the policy
 * force-installs Keel with the host already allowed (Chrome's ExtensionSettings
 * `runtime_allowed_hosts` only lifts a block).
 */

/** Reads the policy, stores its sites and (un)registers their sidebar. Resolves the ids now on. */
export async function syncPolicySites(): Promise<string[]> {
  const { sites } = await loadManagedPolicy();
  const key = STORAGE_KEYS.policySites;
  const before = ((await browser.storage.local.get(key))[key] as CustomSite[] | undefined) ?? [];
  // No policy sites, then or now: nothing to register or remove.
  if (sites.length === 0 && before.length === 0) return [];
  await browser.storage.local.set({ [key]: sites });
  await unregisterSiteScripts(
    before.filter((old) => !sites.some((site) => site.id === old.id)).map((site) => site.id),
  );
  const on: string[] = [];
  for (const site of sites) {
    if (await hasSiteAccess(site)) {
      await registerSiteScript(site);
      on.push(site.id);
    } else await unregisterSiteScripts([site.id]);
  }
  return on;
}

/**
 * Keeps the policy's sites in force: at start and when the policy changes. A host allowed later
 * ("Turn on" on the options page) is registered there, in the same click.
 */
export function watchPolicySites(): void {
  const sync = () => {
    syncPolicySites().catch((error: unknown) =>
      console.error('Keel: could not apply the policy’s sites', error),
    );
  };
  sync();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') sync();
  });
}
