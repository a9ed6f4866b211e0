import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncPolicySites } from '@/utils/background/policy-sites';
import { readCustomSites } from '@/utils/config/content-storage';

// Issue 15, deliverable 7: an administrator pushes the company's helpdesk by policy; each browser
// gets it without a form, and Keel runs there once the host is allowed (a click per browser).

const corp = {
  id: 'corp',
  name: 'Corp Helpdesk',
  urlPattern: 'http://helpdesk.corp/tickets/*',
  ticketId: {},
  selectors: { editor: '#reply-text' },
};

let managed: Record<string, unknown>;
let allowed: Set<string>;
let registered: Map<string, string[]>;

beforeEach(() => {
  fakeBrowser.reset();
  managed = {};
  allowed = new Set();
  registered = new Map();
  (browser.storage as unknown as { managed: object }).managed = { get: async () => managed };
  (browser as unknown as { permissions: object }).permissions = {
    contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => allowed.has(origin)),
  };
  (browser as unknown as { scripting: object }).scripting = {
    getRegisteredContentScripts: async () => [...registered.keys()].map((id) => ({ id })),
    registerContentScripts: async (scripts: { id: string; matches: string[] }[]) => {
      for (const script of scripts) registered.set(script.id, script.matches);
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      for (const id of ids) registered.delete(id);
    },
  };
});

describe('sites pushed by policy', () => {
  it('reach the sidebar without a form, and run where the host is allowed', async () => {
    managed = { sites: [corp, { ...corp, id: 'bad', urlPattern: 'nope' }] };
    expect(await syncPolicySites()).toEqual([]);
    expect(await readCustomSites()).toEqual([corp]);
    expect([...registered.keys()]).toEqual([]);

    allowed.add(corp.urlPattern); // the agent's one click ("Turn on"), or a force-installed grant
    expect(await syncPolicySites()).toEqual(['corp']);
    expect(registered.get('keel-custom-corp')).toEqual([corp.urlPattern]);
  });

  it('stop when the policy drops them, and win over a user’s site with the same id', async () => {
    await fakeBrowser.storage.local.set({
      customSites: [
        { ...corp, name: 'Mine' },
        { ...corp, id: 'own' },
      ],
    });
    managed = { sites: [corp] };
    allowed.add(corp.urlPattern);
    await syncPolicySites();
    expect((await readCustomSites()).map((site) => `${site.id}:${site.name}`)).toEqual([
      'corp:Corp Helpdesk',
      'own:Corp Helpdesk',
    ]);
    managed = {};
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await syncPolicySites()).toEqual([]);
    expect([...registered.keys()]).toEqual([]);
  });
});
