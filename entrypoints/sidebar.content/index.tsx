import '@/components/sidebar/sidebar.css';
import '@/components/sidebar/steps.css';
import '@/components/sidebar/send.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { findBuiltInAdapter, HELPDESK_MATCHES } from '@/utils/adapters/registry';
import { bootSidebar } from '@/utils/sidebar/boot';

/**
 * The built-in helpdesks' sidebar, loaded on every page of their hosts: no custom-site code, to
 * stay within the content script's size budget (the user's sites run custom-sidebar.content).
 */
export default defineContentScript({
  matches: HELPDESK_MATCHES,
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: (ctx) =>
    bootSidebar(ctx.signal, {
      findAdapter: async (url, doc) => findBuiltInAdapter(url, doc),
      stylesheet: '/content-scripts/sidebar.css',
    }),
});
