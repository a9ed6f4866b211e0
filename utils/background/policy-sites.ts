import { browser } from 'wxt/browser';
import type { CustomSite } from '../adapters/custom-site';
import { customSiteScriptId, STORAGE_KEYS } from '../config/content-shapes';
import { loadManagedPolicy } from '../config/policy';

/**
 * Sites an administrator pushes by policy (`sites` in the managed schema). The background keeps the
 * validated list in storage.local for the content script (which loads no validator) and registers
 * the sidebar on each site whose host Keel may read. A browser cannot grant a host by policy: each
 * agent allows it once (the options page's "Turn on"), or the policy force-installs Keel with the
 * host already allowed (Chrome's ExtensionSettings `runtime_allowed_hosts` only lifts a block).
 */

/** The content script file WXT builds from entrypoints/custom-sidebar.content. */
const SIDEBAR_SCRIPT = 'content-scripts/custom-sidebar.js';

/** Reads the policy, stores its sites and (un)registers their sidebar. Resolves the ids now on. */
export async function syncPolicySites(): Promise<string[]> {
  const { sites } = await loadManagedPolicy();
  const key = STORAGE_KEYS.policySites;
  const before = ((await browser.storage.local.get(key))[key] as CustomSite[] | undefined) ?? [];
  // No policy sites, then or now: nothing to register or remove.
  if (sites.length === 0 && before.length === 0) return [];
  await browser.storage.local.set({ [key]: sites });
  const gone = before.filter((old) => !sites.some((site) => site.id === old.id)).map((site) => site.id);
  const registered = new Set(
    (await browser.scripting.getRegisteredContentScripts()).map((script) => script.id),
  );
  const stale = gone.map(customSiteScriptId).filter((id) => registered.has(id));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const on: string[] = [];
  for (const site of sites) {
    const id = customSiteScriptId(site.id);
    const allowed = await browser.permissions.contains({ origins: [site.urlPattern] }).catch(() => false);
    if (!allowed) {
      if (registered.has(id)) await browser.scripting.unregisterContentScripts({ ids: [id] });
      continue;
    }
    if (registered.has(id)) await browser.scripting.unregisterContentScripts({ ids: [id] });
    await browser.scripting.registerContentScripts([
      {
        id,
        matches: [site.urlPattern],
        js: [SIDEBAR_SCRIPT],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    on.push(site.id);
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

/**
 * Sites turned on before custom sites had their own content script ran the built-in one, which no
 * longer knows them: after an update, point their registrations at custom-sidebar.js.
 */
export async function moveCustomSiteScripts(): Promise<number> {
  const prefix = customSiteScriptId('');
  const old = (await browser.scripting.getRegisteredContentScripts()).filter(
    (script) =>
      script.id.startsWith(prefix) && script.js?.some((file) => file.endsWith('content-scripts/sidebar.js')),
  );
  if (old.length === 0) return 0;
  await browser.scripting.updateContentScripts(
    old.map((script) => ({ id: script.id, js: [SIDEBAR_SCRIPT] })),
  );
  return old.length;
}
