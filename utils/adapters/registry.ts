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
 * Every built-in adapter of a store build, most specific first: the first whose `matches` holds
 * handles the page. Request Tracker runs on the hosts of sites the user marks as one. Adapters only
 * touch the DOM when called, so importing this module is safe anywhere (the content script's
 * entrypoint options are evaluated at build time).
 */
export const STORE_ADAPTERS: readonly HelpdeskAdapter[] = [
  zendeskAdapter,
  freshdeskAdapter,
  helpscoutAdapter,
  intercomAdapter,
  frontAdapter,
  gorgiasAdapter,
  zohodeskAdapter,
  rtAdapter,
];

/** The adapters of this build: the test build adds the demo helpdesk's (utils/build-mode.ts). */
export const ADAPTERS: readonly HelpdeskAdapter[] =
  import.meta.env.KEEL_TEST_BUILD === 'true'
    ? [...STORE_ADAPTERS.slice(0, -1), demoAdapter, rtAdapter]
    : STORE_ADAPTERS;

/**
 * Where the content script runs: the built-in helpdesks' hosts, regional and company ones included
 * (the test build adds TEST_BUILD_MATCHES in wxt.config.ts). Users' own sites are registered at
 * runtime instead.
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
];

/** The built-in adapter for this page, or null (no custom-site code: the built-in content script uses it). */
export function findBuiltInAdapter(url: URL, doc: Document): HelpdeskAdapter | null {
  return ADAPTERS.find((adapter) => adapter.matches(url, doc)) ?? null;
}

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
