/**
 * The sidebar's place in the page: `<keel-sidebar>` with an open shadow root holding Keel's
 * stylesheet and the UI container (the test hooks of DESIGN.md). This is what WXT's
 * `createShadowRootUi` did for a UI mounted once at the end of `body`, without its auto-mount
 * machinery (a DOM watcher and three libraries, about 8 KB of the content script that never ran).
 */
export interface SidebarHost {
  host: HTMLElement;
  /** Where Preact renders the sidebar. */
  container: HTMLElement;
}

/** Keys typed in the sidebar must not reach the helpdesk's own shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

/**
 * Builds the host (not yet in the page) with the stylesheet at `stylesheetUrl` inside. A
 * stylesheet that cannot be read leaves the sidebar unstyled rather than absent.
 */
export async function createSidebarHost(doc: Document, stylesheetUrl: string): Promise<SidebarHost> {
  const css = await fetch(stylesheetUrl)
    .then((response) => (response.ok ? response.text() : ''))
    .catch(() => '');
  const host = doc.createElement('keel-sidebar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  // Nothing the page sets on elements reaches in through the host.
  style.textContent = `:host{all:initial !important;}\n${css.replaceAll(':root', ':host')}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  return { host, container };
}
