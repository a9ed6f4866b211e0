import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PROBE_SITE_GLOBAL, type SiteDraft, testSelectors } from '@/utils/adapters/custom';

/**
 * "Test on the open tab" (options page, Sites): runs `testSelectors` in the helpdesk's tab and
 * hands its result back as `scripting.executeScript`'s result. The options page first leaves the
 * site under PROBE_SITE_GLOBAL in this same isolated world.
 */
export default defineUnlistedScript(() => {
  const scope = globalThis as Record<string, unknown>;
  const site = scope[PROBE_SITE_GLOBAL] as SiteDraft | undefined;
  delete scope[PROBE_SITE_GLOBAL];
  return site ? testSelectors(document, site) : null;
});
