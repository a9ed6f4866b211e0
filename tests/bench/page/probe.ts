/**
 * What the page bench installs in the page (main world, before any page script) and how it turns a
 * demo ticket page into one whose ticket view arrives late, the way single-page helpdesks open a
 * ticket. The probe does the same work with and without Keel, so it cancels out of the comparison.
 */

/** What the probe records, in the page's `performance.now()` clock. */
export interface ProbeReadings {
  /** When the reply editor was attached to the document (a MutationObserver callback). */
  editorAt: number | null;
  /** When Keel's `keel-sidebar` host element was attached. */
  sidebarAt: number | null;
  /** When the first `keel-sidebar [data-testid=step]` was attached. */
  stepAt: number | null;
  /** Every long task (> 50 ms) the page saw, from the start of the document. */
  longTasks: { start: number; duration: number }[];
  /** Navigation timing: DOMContentLoaded and load event end, from navigation start. */
  domContentLoaded: number;
  loadEventEnd: number;
}

/** The global the probe lives on. */
export const PROBE = '__keelPageBench';

/**
 * Runs in every document before its own scripts (`context.addInitScript`). One MutationObserver
 * on the document (and on Keel's open shadow root once it appears) notes when the editor and the
 * first checklist step are attached, and a buffered PerformanceObserver collects long tasks.
 * `stop()` disconnects the MutationObserver so it costs nothing while the bench types.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = { editorAt: null, sidebarAt: null, stepAt: null, longTasks: [] };
  window.${PROBE} = probe;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  let observedRoot = null;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (probe.editorAt === null && document.querySelector('.hd-editor')) probe.editorAt = now;
    if (probe.stepAt === null) {
      const host = document.querySelector('keel-sidebar');
      if (host && probe.sidebarAt === null) probe.sidebarAt = now;
      const root = host?.shadowRoot ?? null;
      if (root && root !== observedRoot) {
        observedRoot = root;
        observer.observe(root, { childList: true, subtree: true });
      }
      if (root?.querySelector('[data-testid=step]')) probe.stepAt = now;
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  probe.stop = () => observer.disconnect();
  probe.read = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      editorAt: probe.editorAt,
      sidebarAt: probe.sidebarAt,
      stepAt: probe.stepAt,
      longTasks: probe.longTasks.slice(),
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : -1,
      loadEventEnd: nav ? nav.loadEventEnd : -1,
    };
  };
})();`;

/** The id of the template that holds the late ticket view, and the page function that inserts it. */
const TEMPLATE_ID = 'bench-late-ticket';
export const INSERT_TICKET = '__keelBenchInsertTicket';

/**
 * Rewrites a demo ticket page so that its `main.hd-ticket` (subject, fields, conversation and the
 * composer with its editor) sits in a <template> until `window.__keelBenchInsertTicket()` inserts
 * it and starts the composer's own script, like a single-page helpdesk rendering a ticket it has
 * just fetched. Throws when the demo page no longer has the shape this relies on.
 */
export function lateTicketPage(html: string): string {
  const main = /<main class="hd-ticket"[\s\S]*?<\/main>/;
  const lastScript = /<script>([\s\S]*?)<\/script>\s*<\/body>/;
  const composerScript = lastScript.exec(html)?.[1];
  if (!main.test(html) || !composerScript?.includes('.hd-composer')) {
    throw new Error('The demo ticket page changed shape: no main.hd-ticket or no composer script to defer');
  }
  return html
    .replace(main, (ticket) => `<template id="${TEMPLATE_ID}">${ticket}</template>`)
    .replace(
      lastScript,
      () => `<script>window.${INSERT_TICKET} = () => {
  const template = document.getElementById('${TEMPLATE_ID}');
  template.replaceWith(document.importNode(template.content, true));
  ${composerScript}
};</script>
</body>`,
    );
}
