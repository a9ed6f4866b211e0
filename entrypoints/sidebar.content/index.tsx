import '@/components/sidebar/sidebar.css';
import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Sidebar } from '@/components/sidebar/Sidebar';
import { demoAdapter } from '@/utils/adapters/demo';
import { loadPlaybooks, loadTicketChoice, saveTicketChoice, teamPlaybooksItem } from '@/utils/settings';
import { recordReply } from '@/utils/sidebar/record';
import { SidebarSession } from '@/utils/sidebar/session';

export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',

  async main(ctx) {
    const adapter = [demoAdapter].find((a) => a.matches(new URL(location.href), document));
    if (!adapter) return;

    const session = new SidebarSession({
      adapter,
      doc: document,
      location: () => new URL(location.href),
      loadPlaybooks,
      loadChoice: loadTicketChoice,
      saveChoice: saveTicketChoice,
      record: recordReply,
      now: () => Date.now(),
      newId: () => crypto.randomUUID(),
      signal: ctx.signal,
    });

    const ui = await createShadowRootUi(ctx, {
      name: 'keel-sidebar',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      // Keys typed in the sidebar must not reach the helpdesk's own shortcuts.
      isolateEvents: true,
      onMount(container) {
        render(<Sidebar session={session} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();

    // A saved change on the options page reaches open tickets without a reload.
    const unwatch = teamPlaybooksItem.watch(() => void session.reloadPlaybooks());
    ctx.onInvalidated(unwatch);

    await session.start();
  },
});
