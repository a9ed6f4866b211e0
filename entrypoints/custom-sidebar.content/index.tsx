import '@/components/sidebar/sidebar.css';
import '@/components/sidebar/steps.css';
import '@/components/sidebar/send.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { UnconfirmedSends as UnconfirmedPanel } from '@/components/sidebar/UnconfirmedSends';
import { createCustomSiteAdapter, customSiteMatches } from '@/utils/adapters/custom';
import { judgeSend } from '@/utils/adapters/custom-evidence';
import type { CustomSite } from '@/utils/adapters/custom-site';
import { findBuiltInAdapter } from '@/utils/adapters/registry';
import { readCustomSites } from '@/utils/config/content-storage';
import { bootSidebar } from '@/utils/sidebar/boot';
import { cancelPendingReply, listUnconfirmedSends, recordReply } from '@/utils/sidebar/record';
import { UnconfirmedSends } from '@/utils/sidebar/unconfirmed';

/**
 * The sidebar on the user's own sites and the administrator's (registered at runtime for the hosts
 * allowed: components/options/SitesSection.tsx, utils/background/policy-sites.ts). Software Keel
 * knows (Request Tracker on the company's host) gets its built-in adapter; anything else the
 * site's selectors, with sends counted on evidence and the record-or-discard ask.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    let site: CustomSite | undefined;
    return bootSidebar(ctx.signal, {
      stylesheet: '/content-scripts/custom-sidebar.css',
      async findAdapter(url, doc) {
        const builtIn = findBuiltInAdapter(url, doc);
        if (builtIn) return builtIn;
        site = (await readCustomSites()).find((candidate) => customSiteMatches(candidate, url));
        return site ? createCustomSiteAdapter(site) : null;
      },
      extras(adapter, signal) {
        const own = site;
        if (!own) return null;
        // Sends count on evidence; those left without any are judged here or asked about.
        const unconfirmed = new UnconfirmedSends({
          helpdesk: adapter.id,
          list: listUnconfirmedSends,
          record: recordReply,
          discard: cancelPendingReply,
          judge: (proof) =>
            judgeSend(document, own.sentWhen, proof, adapter.findEditor(document), new URL(location.href)),
          ticketId: () => adapter.activeTicketId(new URL(location.href), document),
          now: () => Date.now(),
          signal,
        });
        return {
          panel: <UnconfirmedPanel controller={unconfirmed} />,
          onUnconfirmed: () => void unconfirmed.refresh(),
          started: () => unconfirmed.refresh(),
        };
      },
    });
  },
});
