import { afterAll, beforeAll } from 'vitest';
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
