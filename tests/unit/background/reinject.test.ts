import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { reinjectIntoOpenTabs } from '@/utils/background/reinject';

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
});
