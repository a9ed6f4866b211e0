import { browser } from 'wxt/browser';
import type { CustomSite } from '../adapters/custom-site';
import { MATCH_PATTERN } from '../adapters/match-pattern';

/**
 * The one place that turns Keel on and off on a custom site, whether the user set the site up on
 * the options page or the administrator pushed it by policy (utils/background/policy-sites.ts).
 * A site is on when Keel may read its host and the sidebar's content script is registered for its
 * URL pattern; the registration persists across browser restarts.
 */

/** The content script WXT builds from entrypoints/custom-sidebar.content. */
export const CUSTOM_SIDEBAR_SCRIPT = 'content-scripts/custom-sidebar.js';

/** The registered content script's id for a custom site. */
export function customSiteScriptId(siteId: string): string {
  return `keel-custom-${siteId}`;
}

/** Asks for a site's host permission: must be the first await of a click, for its user gesture. */
export function requestSiteAccess(site: CustomSite): Promise<boolean> {
  return browser.permissions.request({ origins: [site.urlPattern] });
}

/** Whether Keel may read the site's pages; a pattern the browser cannot check counts as no. */
export function hasSiteAccess(site: CustomSite): Promise<boolean> {
  return browser.permissions.contains({ origins: [site.urlPattern] }).catch(() => false);
}

/** Registers the sidebar for a site, replacing an earlier registration (its pattern may have changed). */
export async function registerSiteScript(site: CustomSite): Promise<void> {
  await unregisterSiteScripts([site.id]);
  await browser.scripting.registerContentScripts([
    {
      id: customSiteScriptId(site.id),
      matches: [site.urlPattern],
      js: [CUSTOM_SIDEBAR_SCRIPT],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

/**
 * Asks for the site's host, then registers the sidebar there; false when the user refused. Call it
 * first in a click (see requestSiteAccess).
 */
export async function turnOnSite(site: CustomSite): Promise<boolean> {
  if (!(await requestSiteAccess(site))) return false;
  await registerSiteScript(site);
  return true;
}

/** Stops the sidebar on these sites; ids that have no registration are skipped (the browser refuses them). */
export async function unregisterSiteScripts(siteIds: readonly string[]): Promise<void> {
  if (siteIds.length === 0) return;
  const wanted = new Set(siteIds.map(customSiteScriptId));
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [...wanted] });
  const ids = registered.map((script) => script.id).filter((id) => wanted.has(id));
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
}

/** Whether Keel runs on a site: allowed on its pages, with its content script registered. */
export async function isSiteOn(site: CustomSite): Promise<boolean> {
  const id = customSiteScriptId(site.id);
  const [allowed, registered] = await Promise.all([
    browser.permissions.contains({ origins: [site.urlPattern] }),
    browser.scripting.getRegisteredContentScripts({ ids: [id] }),
  ]);
  return allowed && registered.some((script) => script.id === id);
}

/** `https|support.acme.com|` of a match pattern: what a host permission really covers. */
function patternOrigin(pattern: string): string {
  return MATCH_PATTERN.exec(pattern)?.slice(1, 4).join('|') ?? pattern;
}

/**
 * Stops the sidebar on a user's site and gives its host permission back, unless another of the
 * user's sites is on the same host (Chrome grants hosts, not paths: removing it would stop that one too).
 */
export async function turnOffSite(site: CustomSite, others: readonly CustomSite[]): Promise<void> {
  await unregisterSiteScripts([site.id]);
  const origin = patternOrigin(site.urlPattern);
  if (others.some((other) => patternOrigin(other.urlPattern) === origin)) return;
  await browser.permissions.remove({ origins: [site.urlPattern] }).catch(() => false);
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
    old.map((script) => ({ id: script.id, js: [CUSTOM_SIDEBAR_SCRIPT] })),
  );
  return old.length;
}
