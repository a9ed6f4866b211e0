import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Browser, browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { matchPatternToRegExp } from '@/utils/adapters/custom';
import { reinjectIntoOpenTabs } from '@/utils/background/reinject';
import { customSiteScriptId } from '@/utils/sites/registration';

describe('reinjectIntoOpenTabs', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Keel',
      version: '0.1.0',
      content_scripts: [{ matches: ['*://*.zendesk.com/*'], js: ['content-scripts/sidebar.js'] }],
    });
  });

  it('injects the sidebar into every loaded helpdesk tab, not discarded or still-loading ones', async () => {
    const query = vi.fn().mockResolvedValue([
      { id: 1, discarded: false, status: 'complete' },
      { id: 2, discarded: true, status: 'complete' },
      { id: 3, discarded: false, status: 'complete' },
      { id: 4, discarded: false, status: 'loading' },
    ]);
    browser.tabs.query = query;
    const executeScript = vi.fn().mockResolvedValue([]);
    (browser as unknown as { scripting: object }).scripting = { executeScript };
    expect(await reinjectIntoOpenTabs()).toBe(2);
    expect(query).toHaveBeenCalledWith({ url: ['*://*.zendesk.com/*'] });
    expect(executeScript.mock.calls.map(([call]) => call.target.tabId)).toEqual([1, 3]);
    expect(executeScript.mock.calls[0]?.[0].files).toEqual(['content-scripts/sidebar.js']);
  });

  it('carries on past a tab it may not script', async () => {
    browser.tabs.query = vi.fn().mockResolvedValue([
      { id: 1, status: 'complete' },
      { id: 2, status: 'complete' },
    ]);
    const executeScript = vi
      .fn()
      .mockRejectedValueOnce(new Error('Cannot access contents of the page'))
      .mockResolvedValue([]);
    (browser as unknown as { scripting: object }).scripting = { executeScript };
    expect(await reinjectIntoOpenTabs()).toBe(1);
  });

  describe('the user’s own sites', () => {
    const openTabs = [
      { id: 1, url: 'https://acme.zendesk.com/agent/tickets/1', status: 'complete' },
      { id: 2, url: 'https://support.acme.com/tickets/42', status: 'complete' },
      { id: 3, url: 'https://help.unknown.com/tickets/7', status: 'complete' },
      { id: 4, url: 'https://desk.withdrawn.com/t/9', status: 'complete' },
    ] as Browser.tabs.Tab[];
    const registered = [
      {
        id: customSiteScriptId('acme'),
        matches: ['https://support.acme.com/*'],
        js: ['content-scripts/sidebar.js'],
      },
      {
        id: customSiteScriptId('withdrawn'),
        matches: ['https://desk.withdrawn.com/*'],
        js: ['content-scripts/sidebar.js'],
      },
    ];
    let grantedOrigins: Set<string>;

    /** Answers like the browser: the open tabs whose URL one of the match patterns covers. */
    function queryByPatterns(info: Browser.tabs.QueryInfo): Promise<Browser.tabs.Tab[]> {
      const patterns = typeof info.url === 'string' ? [info.url] : (info.url ?? []);
      const regExps = patterns.map(matchPatternToRegExp);
      return Promise.resolve(openTabs.filter((tab) => regExps.some((re) => re.test(tab.url ?? ''))));
    }

    let executeScript: ReturnType<typeof vi.fn>;
    /** Keel's scripting API with these content scripts registered at runtime. */
    function fakeScripting(scripts: typeof registered): void {
      (browser as unknown as { scripting: object }).scripting = {
        executeScript,
        getRegisteredContentScripts: vi.fn().mockResolvedValue(scripts),
      };
    }
    beforeEach(() => {
      grantedOrigins = new Set(['https://support.acme.com/*']);
      browser.tabs.query = vi.fn(queryByPatterns) as unknown as typeof browser.tabs.query;
      vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async ({
        origins,
      }: Browser.permissions.Permissions) =>
        (origins ?? []).every((origin) =>
          grantedOrigins.has(origin),
        )) as typeof fakeBrowser.permissions.contains);
      executeScript = vi.fn().mockResolvedValue([]);
      fakeScripting(registered);
    });
    const injectedTabs = () => executeScript.mock.calls.map(([call]) => call.target.tabId);

    it('injects the sidebar into a tab of a registered site the user allowed, not into an unknown host', async () => {
      expect(await reinjectIntoOpenTabs()).toBe(2);
      expect(injectedTabs()).toEqual([1, 2]);
      expect(executeScript.mock.calls[1]?.[0].files).toEqual(['content-scripts/sidebar.js']);
    });

    it('leaves a registered site alone once its host permission was withdrawn', async () => {
      await reinjectIntoOpenTabs();
      expect(injectedTabs()).not.toContain(4);
    });

    it('injects only once into a tab that a built-in and a custom pattern both cover', async () => {
      const zendeskToo = {
        id: customSiteScriptId('zendesk-too'),
        matches: ['https://acme.zendesk.com/*'],
        js: ['content-scripts/sidebar.js'],
      };
      fakeScripting([...registered, zendeskToo]);
      grantedOrigins.add('https://acme.zendesk.com/*');
      await reinjectIntoOpenTabs();
      expect(injectedTabs()).toEqual([1, 2]);
    });

    it('still injects the built-in helpdesk tabs when the registered scripts cannot be listed', async () => {
      (browser as unknown as { scripting: object }).scripting = {
        executeScript,
        getRegisteredContentScripts: vi.fn().mockRejectedValue(new Error('not supported')),
      };
      expect(await reinjectIntoOpenTabs()).toBe(1);
      expect(injectedTabs()).toEqual([1]);
    });

    it('carries on to the custom site’s tab when a built-in helpdesk tab refuses the script', async () => {
      executeScript.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
      expect(await reinjectIntoOpenTabs()).toBe(1);
      expect(injectedTabs()).toEqual([1, 2]);
    });
  });
});
