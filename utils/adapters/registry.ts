import { type CustomSite, createCustomSiteAdapter } from './custom';
import { demoAdapter } from './demo';
import { freshdeskAdapter } from './freshdesk';
import { frontAdapter } from './front';
import { gorgiasAdapter } from './gorgias';
import { helpscoutAdapter } from './helpscout';
import { INTERCOM_HOSTS, intercomAdapter } from './intercom';
import { rtAdapter } from './rt';
import type { HelpdeskAdapter } from './types';
import { zendeskAdapter } from './zendesk';
import { ZOHODESK_HOSTS, zohodeskAdapter } from './zohodesk';

/**
 * Every built-in adapter, most specific first: the first whose `matches` holds handles the page.
 * Adapters only touch the DOM when called, so importing this module is safe anywhere (the content
 * script's entrypoint options are evaluated at build time).
 */
export const ADAPTERS: readonly HelpdeskAdapter[] = [
  zendeskAdapter,
  freshdeskAdapter,
  helpscoutAdapter,
  intercomAdapter,
  frontAdapter,
  gorgiasAdapter,
  zohodeskAdapter,
  demoAdapter,
  rtAdapter,
];

/**
 * Where the content script runs: the built-in helpdesks' hosts (regional and company ones
 * included), and localhost for the demo helpdesk and a local Request Tracker. Users' own sites are registered at runtime instead.
 */
export const HELPDESK_MATCHES: string[] = [
  '*://*.zendesk.com/*',
  '*://*.freshdesk.com/*',
  '*://secure.helpscout.net/*',
  ...INTERCOM_HOSTS.map((host) => `*://${host}/*`),
  // app.frontapp.com and company subdomains (acme.frontapp.com).
  '*://*.frontapp.com/*',
  '*://*.gorgias.com/*',
  ...ZOHODESK_HOSTS.map((host) => `*://${host}/*`),
  'http://localhost/*',
  'http://127.0.0.1/*',
];

/** The adapter for this page: a built-in one, else the first of the user's sites that matches. */
export function findAdapter(
  url: URL,
  doc: Document,
  customSites: readonly CustomSite[] = [],
): HelpdeskAdapter | null {
  const builtIn = ADAPTERS.find((adapter) => adapter.matches(url, doc));
  if (builtIn) return builtIn;
  for (const site of customSites) {
    const adapter = createCustomSiteAdapter(site);
    if (adapter.matches(url, doc)) return adapter;
  }
  return null;
}
