import { type Browser, browser } from 'wxt/browser';
import { customSiteScriptId, moveCustomSiteScripts } from '../sites/registration';

/**
 * After an install or an update, helpdesk tabs that were already open have no (or an orphaned)
 * Keel content script: the agent would lose the sidebar mid-ticket until a reload. Inject the
 * sidebar into those tabs again; WXT's context makes the old instance stand down first.
 */
export function reinjectOnUpdate(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install' && reason !== 'update') return;
    void moveCustomSiteScripts()
      .catch((error: unknown) => console.error('Keel: could not move custom sites to their script', error))
      .then(() => reinjectIntoOpenTabs());
  });
}

type ScriptFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;

/** Where the sidebar runs: URL patterns and the script files the browser injects there. */
interface SidebarTarget {
  matches: string[];
  files: ScriptFiles;
}

/** The built-in helpdesks: the manifest's own sidebar entry. */
function manifestTarget(): SidebarTarget | null {
  const sidebar = browser.runtime
    .getManifest()
    .content_scripts?.find((script) => script.js?.some((file) => file.includes('sidebar')));
  if (!sidebar?.js || !sidebar.matches) return null;
  return { matches: sidebar.matches, files: sidebar.js as ScriptFiles };
}

/**
 * The user's own sites that are on: a registered script means the options page turned the site on,
 * and only a site whose host permission is still granted can be scripted.
 */
async function customSiteTargets(): Promise<SidebarTarget[]> {
  const prefix = customSiteScriptId('');
  let registered: Browser.scripting.RegisteredContentScript[];
  try {
    registered = await browser.scripting.getRegisteredContentScripts();
  } catch {
    return [];
  }
  const targets: SidebarTarget[] = [];
  for (const script of registered) {
    if (!script.id.startsWith(prefix) || !script.js?.length || !script.matches?.length) continue;
    try {
      if (await browser.permissions.contains({ origins: script.matches })) {
        targets.push({ matches: script.matches, files: script.js as ScriptFiles });
      }
    } catch {
      // A pattern the browser cannot check: treat the site as off rather than stop the rest.
    }
  }
  return targets;
}

/** Injects the sidebar into open tabs of built-in helpdesks and of the user's sites that are on. */
export async function reinjectIntoOpenTabs(): Promise<number> {
  if (!browser.scripting) return 0;
  const builtIn = manifestTarget();
  const targets = [...(builtIn ? [builtIn] : []), ...(await customSiteTargets())];
  // A tab under both a built-in and a custom pattern gets the sidebar once.
  const handled = new Set<number>();
  let injected = 0;
  for (const target of targets) {
    let tabs: Browser.tabs.Tab[];
    try {
      tabs = await browser.tabs.query({ url: target.matches });
    } catch {
      continue; // A pattern this browser refuses to query: the other targets still count.
    }
    for (const tab of tabs) {
      // A tab still loading gets the browser's own injection: injecting too would run Keel twice.
      if (tab.id === undefined || tab.discarded || tab.status !== 'complete' || handled.has(tab.id)) continue;
      handled.add(tab.id);
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files: target.files });
        injected++;
      } catch {
        // A tab we may not script (a Chrome page, a host the user withdrew): it reloads on its own.
      }
    }
  }
  return injected;
}
