import { afterEach, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, extensionIdFor, type KeelBrowser, launchKeel } from './harness';

describe('e2e harness', () => {
  let keel: KeelBrowser | undefined;
  afterEach(async () => {
    await keel?.close();
    keel = undefined;
  });

  it('loads the build into Chromium and finds its service worker under the id derived from the build', async () => {
    keel = await launchKeel();
    expect(keel.extensionId).toMatch(/^[a-p]{32}$/);
    expect(keel.extensionId).toBe(extensionIdFor(EXTENSION_DIR));
    const workerUrls = keel.context.serviceWorkers().map((worker) => worker.url());
    expect(workerUrls).toContain(`chrome-extension://${keel.extensionId}/background.js`);
  });

  it('opens the popup page of the build without script errors', async () => {
    keel = await launchKeel();
    const popup = await keel.openPopup();
    const errors: string[] = [];
    popup.on('pageerror', (error) => errors.push(error.message));
    await popup.reload();
    await popup.waitForLoadState('load');
    expect(popup.url()).toBe(`chrome-extension://${keel.extensionId}/popup.html`);
    // Rendered something a person can read, whatever the popup's markup is.
    await popup.waitForFunction(() => (document.body.textContent ?? '').trim().length > 0);
    expect(errors).toEqual([]);
  });

  it('restarts the browser on the same profile and keeps the same extension id', async () => {
    keel = await launchKeel();
    const { profileDir, extensionId } = keel;
    await keel.close();
    keel = await launchKeel({ profileDir });
    expect(keel.extensionId).toBe(extensionId);
    expect(keel.profileDir).toBe(profileDir);
  });
});
