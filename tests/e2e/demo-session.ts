import { afterAll, afterEach, beforeAll } from 'vitest';
import type { DemoHelpdesk } from '../demo-helpdesk/server.mjs';
import { type KeelBrowser, launchKeel, startDemoHelpdesk } from './harness';

/**
 * For a describe block: the demo helpdesk and one Keel browser, started before its first test
 * (then `prepare` runs on the browser) and closed after its last. `started` receives both.
 */
export function demoHelpdeskAndKeel(
  started: (session: { helpdesk: DemoHelpdesk; keel: KeelBrowser }) => void,
  prepare?: (keel: KeelBrowser) => Promise<void>,
): void {
  let helpdesk: DemoHelpdesk | undefined;
  let keel: KeelBrowser | undefined;
  beforeAll(async () => {
    helpdesk = await startDemoHelpdesk();
    keel = await launchKeel();
    await prepare?.(keel);
    started({ helpdesk, keel });
  });
  afterAll(async () => {
    await keel?.close();
    await helpdesk?.close();
  });
}

/**
 * For a describe block whose tests launch their own Keel browsers (a restart keeps the profile):
 * the demo helpdesk for all its tests (`started` receives it), and the `launchKeel` it returns,
 * whose browsers close after each test.
 */
export function demoHelpdeskForTests(
  started: (helpdesk: DemoHelpdesk) => void,
): (options?: Parameters<typeof launchKeel>[0]) => Promise<KeelBrowser> {
  let helpdesk: DemoHelpdesk | undefined;
  const launched = new Set<KeelBrowser>();
  beforeAll(async () => {
    helpdesk = await startDemoHelpdesk();
    started(helpdesk);
  });
  afterEach(async () => {
    // Closing a browser the test already closed does nothing.
    for (const keel of launched) await keel.close();
    launched.clear();
  });
  afterAll(async () => {
    await helpdesk?.close();
  });
  return async (options) => {
    const keel = await launchKeel(options);
    launched.add(keel);
    return keel;
  };
}
