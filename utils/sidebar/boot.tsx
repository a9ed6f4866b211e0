import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Sidebar } from '@/components/sidebar/Sidebar';
import type { HelpdeskAdapter } from '@/utils/adapters/types';
import { fetchSidebarConfig } from '@/utils/config/content-request';
import { isHelpdeskEnabled } from '@/utils/config/content-shapes';
import {
  loadTicketChoice,
  readSidebarLayout,
  saveTicketChoice,
  watchConfig,
  writeSidebarLayout,
} from '@/utils/config/content-storage';
import { newRandomId } from '@/utils/ids';
import { createSidebarHost } from '@/utils/sidebar/host';
import { SidebarLayoutController } from '@/utils/sidebar/layout';
import { claimPage } from '@/utils/sidebar/ownership';
import { recordReply } from '@/utils/sidebar/record';
import { SidebarSession } from '@/utils/sidebar/session';
import { isToggleShortcut, TOGGLE_SIDEBAR_MESSAGE } from '@/utils/sidebar/toggle';
import { backgroundVerdicts } from './verdicts';

/**
 * What differs between Keel's two content scripts: the built-in helpdesks' (in the manifest, loaded
 * on every helpdesk page, so kept small) and the one registered for the user's own sites, which
 * adds their adapter, the evidence of a send and the record-or-discard ask.
 */
export interface SidebarKind {
  /** The adapter for this page, or null to stay out. */
  findAdapter: (url: URL, doc: Document) => Promise<HelpdeskAdapter | null>;
  /** This content script's stylesheet, as WXT names it (`/content-scripts/<entry>.css`). */
  stylesheet: string;
  /** More for the page once the sidebar is claimed: a panel above the checklist, and a hook for sends left unconfirmed. */
  extras?: (
    adapter: HelpdeskAdapter,
    signal: AbortSignal,
  ) => { panel: ComponentChildren; onUnconfirmed: () => void; started: () => Promise<void> } | null;
}

/** Starts the sidebar on this page. Everything it sets up ends with `ctxSignal`. */
export async function bootSidebar(ctxSignal: AbortSignal, kind: SidebarKind): Promise<void> {
  const adapter = await kind.findAdapter(new URL(location.href), document);
  if (!adapter) return;
  // Start-up reads run side by side: the checklist should show within a blink of the editor.
  const [firstConfig, savedLayout] = await Promise.all([fetchSidebarConfig(), readSidebarLayout()]);
  let config = firstConfig;
  // Off for this helpdesk (options page, or the administrator's policy): no sidebar, no listeners.
  if (!isHelpdeskEnabled(config.settings, adapter.id)) return;
  // Everything below lives until the content script goes or a newer Keel instance takes the page.
  const signal = claimPage(document, ctxSignal);

  const extras = kind.extras?.(adapter, signal) ?? null;
  const session = new SidebarSession({
    adapter,
    doc: document,
    location: () => new URL(location.href),
    loadPlaybooks: async () => config.playbooks,
    verdicts: backgroundVerdicts,
    loadChoice: loadTicketChoice,
    saveChoice: saveTicketChoice,
    record: recordReply,
    now: () => Date.now(),
    newId: newRandomId,
    sendGateOn: () => config.settings.sendGate,
    allowCriticalOverrides: () => config.settings.allowCriticalOverrides !== false,
    fallbackAgentName: () => config.settings.agentName,
    ask: (question) => window.confirm(question),
    onUnconfirmed: () => extras?.onUnconfirmed(),
    signal,
  });
  const layout = new SidebarLayoutController(savedLayout, document, writeSidebarLayout, signal);

  // The session reads the ticket while the sidebar's styles load.
  const started = session.start();
  // The stylesheet WXT builds for this entrypoint (cssInjectionMode 'ui'); WXT's path types list
  // only HTML pages, hence the widened signature.
  const stylesheetUrl = (browser.runtime.getURL as (path: string) => string)(kind.stylesheet);
  const { host, container } = await createSidebarHost(document, stylesheetUrl);
  if (signal.aborted) return;
  document.body.append(host);
  render(<Sidebar session={session} layout={layout} extra={extras?.panel} />, container);
  signal.addEventListener(
    'abort',
    () => {
      render(null, container);
      host.remove();
    },
    { once: true },
  );

  // The shortcut works in the page directly, and through the browser command where one is bound.
  window.addEventListener(
    'keydown',
    (event) => {
      if (!isToggleShortcut(event)) return;
      event.preventDefault();
      layout.toggle();
    },
    { capture: true, signal },
  );
  const onMessage = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === TOGGLE_SIDEBAR_MESSAGE) layout.toggle();
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), {
    once: true,
  });

  // A saved change on the options page, or a new policy, reaches open tickets without a reload.
  const unwatch = watchConfig(async () => {
    config = await fetchSidebarConfig();
    await session.reloadPlaybooks();
  });
  signal.addEventListener('abort', unwatch, { once: true });

  await started;
  if (config.error) session.showNotice(config.error);
  await extras?.started();
}
