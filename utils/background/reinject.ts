import { browser } from 'wxt/browser';

/**
 * After an install or an update, helpdesk tabs that were already open have no (or an orphaned)
 * Keel content script: the agent would lose the sidebar mid-ticket until a reload. Inject the
 * sidebar into those tabs again; WXT's context makes the old instance stand down first.
 */
export function reinjectOnUpdate(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install' && reason !== 'update') return;
    void reinjectIntoOpenTabs();
  });
}

export async function reinjectIntoOpenTabs(): Promise<number> {
  const manifest = browser.runtime.getManifest();
  const sidebar = manifest.content_scripts?.find((script) =>
    script.js?.some((file) => file.includes('sidebar')),
  );
  if (!sidebar?.js || !sidebar.matches || !browser.scripting) return 0;
  const tabs = await browser.tabs.query({ url: sidebar.matches });
  let injected = 0;
  // The manifest's own file names: the same script the browser injects on page load.
  const files = sidebar.js as NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;
  for (const tab of tabs) {
    // A tab still loading gets the manifest's own injection: injecting too would run Keel twice.
    if (tab.id === undefined || tab.discarded || tab.status !== 'complete') continue;
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files });
      injected++;
    } catch {
      // A tab we may not script (a Chrome page, a host the user withdrew): it reloads on its own.
    }
  }
  return injected;
}
