import { browser } from 'wxt/browser';
import {
  type CustomSelectorKey,
  customSiteMatches,
  customTicketId,
  PROBE_SITE_GLOBAL,
  type SelectorProbe,
  type SiteDraft,
} from '@/utils/adapters/custom';

/** What the options page calls each part of a custom site's page. */
export const PART_LABELS: Record<CustomSelectorKey | 'ticketId', string> = {
  ticketId: 'Ticket id (from the URL)',
  editor: 'Reply editor',
  subject: 'Subject',
  requester: 'Customer name',
  customerMessage: 'Customer’s message',
  type: 'Ticket type',
  tags: 'Tags',
  send: 'Send button',
  agent: 'Agent name',
};

/** Parts of which Keel reads only the first match (tags and messages are lists). */
const SINGLE_PARTS = new Set<SelectorProbe['key']>([
  'editor',
  'subject',
  'requester',
  'type',
  'send',
  'agent',
]);

export type ProbeOutcome =
  | { kind: 'done'; url: string; title: string; probes: SelectorProbe[]; otherTabs: number }
  | { kind: 'refused'; urlPattern: string }
  | { kind: 'no-tab'; urlPattern: string }
  | { kind: 'failed'; url: string; error: string };

interface TabLike {
  id?: number;
  url?: string;
  title?: string;
  lastAccessed?: number;
}

/**
 * The tab to test on among those open at the site: a ticket (the id rule finds an id) before any
 * other page of the site, then the one used last.
 */
export function chooseProbeTab<T extends TabLike>(tabs: readonly T[], draft: SiteDraft): T | undefined {
  const ticketIdOf = (tab: T) => {
    try {
      const url = new URL(tab.url ?? '');
      return customSiteMatches(draft, url) ? customTicketId(draft, url) : undefined;
    } catch {
      return undefined;
    }
  };
  const candidates = tabs
    .filter((tab) => tab.id !== undefined && ticketIdOf(tab) !== undefined)
    .map((tab) => ({ tab, isTicket: ticketIdOf(tab) !== null }));
  candidates.sort(
    (a, b) =>
      Number(b.isTicket) - Number(a.isTicket) || (b.tab.lastAccessed ?? 0) - (a.tab.lastAccessed ?? 0),
  );
  return candidates[0]?.tab;
}

/**
 * "Test on the open tab": asks for the site's host permission (it must be the first await, to
 * keep the click's user gesture), finds an open tab of the site and runs the probe script there.
 */
export async function probeOpenTab(draft: SiteDraft): Promise<ProbeOutcome> {
  const granted = await browser.permissions.request({ origins: [draft.urlPattern] });
  if (!granted) return { kind: 'refused', urlPattern: draft.urlPattern };
  return probeAllowedTab(draft);
}

/** The test, once Keel may read the site's pages (the permission was asked for already). */
export async function probeAllowedTab(draft: SiteDraft): Promise<ProbeOutcome> {
  const tabs = await browser.tabs.query({ url: draft.urlPattern });
  const tab = chooseProbeTab(tabs, draft);
  if (tab?.id === undefined) return { kind: 'no-tab', urlPattern: draft.urlPattern };
  const url = tab.url ?? '';
  try {
    // A separate unlisted script (not `func`, whose imports would be lost; not a message to the
    // sidebar, which is not in the tab before the site is added): testSelectors stays the one probe.
    await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: (key: string, site: SiteDraft) => {
        (globalThis as Record<string, unknown>)[key] = site;
      },
      args: [PROBE_SITE_GLOBAL, draft],
    });
    const [frame] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      files: ['/probe.js'],
    });
    const probes = frame?.result as SelectorProbe[] | null | undefined;
    if (!Array.isArray(probes)) return { kind: 'failed', url, error: 'the page gave no answer' };
    return { kind: 'done', url, title: tab.title ?? url, probes, otherTabs: tabs.length - 1 };
  } catch (error) {
    return { kind: 'failed', url, error: error instanceof Error ? error.message : String(error) };
  }
}

function probeNote(probe: SelectorProbe): string {
  if (probe.error) return `Not a selector this page accepts: ${probe.error}`;
  if (probe.count === 0) {
    if (probe.key === 'ticketId') return 'No id at that place in this URL';
    if (probe.key === 'editor') return 'Nothing matches: Keel would say it cannot find the editor';
    return 'Nothing matches';
  }
  if (probe.count > 1 && SINGLE_PARTS.has(probe.key)) return 'Keel uses the first';
  if (probe.count > 1 && probe.key === 'customerMessage') return 'the last: the one a reply answers';
  return '';
}

/** The outcome of a test, as the person setting up the site reads it. */
export function ProbeReport(props: { outcome: ProbeOutcome }) {
  const { outcome } = props;
  if (outcome.kind === 'refused') {
    return (
      <p class="probe-message" role="alert" data-testid="probe-message" data-kind="refused">
        Keel was not allowed to read {outcome.urlPattern}, so it cannot test there. Allow it when your browser
        asks.
      </p>
    );
  }
  if (outcome.kind === 'no-tab') {
    return (
      <p class="probe-message" role="alert" data-testid="probe-message" data-kind="no-tab">
        No open tab matches {outcome.urlPattern}. Open a ticket of that site in a tab, then test again.
      </p>
    );
  }
  if (outcome.kind === 'failed') {
    return (
      <p class="probe-message" role="alert" data-testid="probe-message" data-kind="failed">
        Could not test on {outcome.url}: {outcome.error}. Reload that tab, then test again.
      </p>
    );
  }
  return (
    <div class="probe" data-testid="probe-results" data-url={outcome.url}>
      <p class="small">
        Tested on <strong>{outcome.title}</strong> <span class="muted">{outcome.url}</span>
        {outcome.otherTabs > 0 &&
          ` (${outcome.otherTabs} more tab${outcome.otherTabs === 1 ? '' : 's'} of this site open)`}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Found</th>
            <th scope="col">What Keel reads</th>
          </tr>
        </thead>
        <tbody>
          {outcome.probes.map((probe) => {
            const state = probe.error ? 'error' : probe.count > 0 ? 'found' : 'missing';
            const note = probeNote(probe);
            return (
              <tr
                key={probe.key}
                data-testid="probe"
                data-key={probe.key}
                data-count={probe.count}
                data-state={state}
                class={`probe-${state}`}
              >
                <th scope="row">{PART_LABELS[probe.key]}</th>
                <td class="probe-count">{probe.error ? '—' : probe.count}</td>
                <td>
                  {probe.sample && <span class="probe-sample">“{probe.sample}”</span>}
                  {probe.element && <code class="probe-element">{probe.element}</code>}
                  {note && <span class="probe-note">{note}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
