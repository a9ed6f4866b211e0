import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CustomSite } from '@/utils/adapters/custom-site';
import { syncPolicySites } from '@/utils/background/policy-sites';
import {
  isSiteOn,
  moveCustomSiteScripts,
  registerSiteScript,
  turnOffSite,
  turnOnSite,
  unregisterSiteScripts,
} from '@/utils/sites/registration';

// Custom sites are registered in one place, whether the options page or the policy turns them on.

const acme: CustomSite = {
  id: 'acme',
  name: 'Acme Desk',
  urlPattern: 'https://support.acme.test/*',
  ticketId: {},
  selectors: { editor: '#reply' },
};
const acmeBilling: CustomSite = {
  ...acme,
  id: 'acme-billing',
  urlPattern: 'https://support.acme.test/billing/*',
};

let granted: Set<string>;
let answerPrompt: boolean;
let registered: Map<string, { id: string; matches: string[]; js: string[]; persistAcrossSessions: boolean }>;
let unregisterCalls: string[][];
let removedOrigins: string[];

beforeEach(() => {
  fakeBrowser.reset();
  granted = new Set();
  answerPrompt = true;
  registered = new Map();
  unregisterCalls = [];
  removedOrigins = [];
  (browser as unknown as { permissions: object }).permissions = {
    request: async ({ origins }: { origins: string[] }) => {
      if (answerPrompt) for (const origin of origins) granted.add(origin);
      return answerPrompt;
    },
    contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.has(origin)),
    remove: async ({ origins }: { origins: string[] }) => {
      for (const origin of origins) granted.delete(origin);
      removedOrigins.push(...origins);
      return true;
    },
  };
  (browser as unknown as { scripting: object }).scripting = {
    // Like Chrome: a filter answers only the scripts it names.
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
      [...registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)),
    registerContentScripts: async (scripts: { id: string; matches: string[]; js: string[] }[]) => {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.set(script.id, { persistAcrossSessions: false, ...script });
      }
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      for (const id of ids) if (!registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
      unregisterCalls.push(ids);
    },
  };
});

describe('registering custom sites', () => {
  it('registers the custom sidebar for the site’s pattern, to last across restarts', async () => {
    await registerSiteScript(acme);
    expect(registered.get('keel-custom-acme')).toMatchObject({
      matches: [acme.urlPattern],
      js: ['content-scripts/custom-sidebar.js'],
      persistAcrossSessions: true,
    });
  });

  it('replaces an earlier registration of the same site, as after its pattern changed', async () => {
    await registerSiteScript({ ...acme, urlPattern: 'https://old.acme.test/*' });
    await registerSiteScript(acme);
    expect([...registered.values()].map((script) => script.matches)).toEqual([[acme.urlPattern]]);
  });

  it('unregisters only the sites that are registered, since the browser refuses unknown ids', async () => {
    await registerSiteScript(acme);
    await unregisterSiteScripts(['acme', 'never-on']);
    await unregisterSiteScripts([]);
    expect(unregisterCalls).toEqual([['keel-custom-acme']]);
  });

  it('turns a site on only when the user allows its host, and says whether it did', async () => {
    answerPrompt = false;
    expect(await turnOnSite(acme)).toBe(false);
    expect(await isSiteOn(acme)).toBe(false);
    answerPrompt = true;
    expect(await turnOnSite(acme)).toBe(true);
    expect(await isSiteOn(acme)).toBe(true);
  });

  it('keeps the host allowed when another of the user’s sites is on the same host', async () => {
    await turnOnSite(acme);
    await turnOnSite(acmeBilling);
    await turnOffSite(acme, [acmeBilling]);
    expect(await isSiteOn(acme)).toBe(false);
    // The browser grants hosts, not paths: giving acme's back would stop acme-billing too.
    expect(removedOrigins).toEqual([]);
    await turnOffSite(acmeBilling, []);
    expect(removedOrigins).toEqual([acmeBilling.urlPattern]);
  });

  it('registers a policy’s site exactly as the options page registers a user’s site', async () => {
    await turnOnSite(acme);
    const fromOptions = registered.get('keel-custom-acme');
    registered.clear();
    (browser.storage as unknown as { managed: object }).managed = { get: async () => ({ sites: [acme] }) };
    expect(await syncPolicySites()).toEqual(['acme']);
    expect(registered.get('keel-custom-acme')).toEqual(fromOptions);
  });
});

describe('sites turned on before they had their own content script', () => {
  it('are moved to custom-sidebar.js after an update; the built-in script and others stay', async () => {
    const scripts = [
      { id: 'keel-custom-corp', js: ['content-scripts/sidebar.js'] },
      { id: 'keel-custom-new', js: ['content-scripts/custom-sidebar.js'] },
      { id: 'someone-else', js: ['content-scripts/sidebar.js'] },
    ];
    const updates: unknown[] = [];
    (browser as unknown as { scripting: object }).scripting = {
      getRegisteredContentScripts: async () => scripts,
      updateContentScripts: async (changes: unknown[]) => void updates.push(...changes),
    };
    expect(await moveCustomSiteScripts()).toBe(1);
    expect(updates).toEqual([{ id: 'keel-custom-corp', js: ['content-scripts/custom-sidebar.js'] }]);
  });
});
