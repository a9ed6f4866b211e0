/**
 * The sidebar's "copy page report": for the team that maintains playbooks and adapters, which of
 * the adapter's selectors match how many elements on this page, and what the adapter could not
 * find or read. Counts, selectors and the adapter's own words only: never any text of the page
 * (no subject, name, message, draft, value or URL path), so an agent can paste it anywhere.
 */

import { countMatches } from '../adapters/selectors';
import type { AdapterStatus, HelpdeskAdapter } from '../adapters/types';

export interface PageReport {
  report: 'keel-page-report';
  version: 1;
  adapter: string;
  /** The host only: which helpdesk account, not which ticket. */
  host: string;
  /** When the report was made, ISO 8601. */
  at: string;
  state: AdapterStatus['state'];
  missing: string[];
  unread: string[];
  selectors: {
    key: string;
    fallbacks: { variant: string; css: string; matches: number; evidence: 'source' | 'assumed' }[];
  }[];
}

/** `{id}` in a registry's selectors stands for the active ticket's id (Zendesk's panels). */
const withTicketId = (css: string, id: string | null) =>
  id === null ? css : css.replaceAll('{id}', id.replace(/["\\]/g, '\\$&'));

export function buildPageReport(
  adapter: HelpdeskAdapter,
  doc: Document,
  location: URL,
  status: AdapterStatus,
  now: number,
): PageReport {
  const ticketId = adapter.activeTicketId(location, doc);
  const selectors = Object.entries(adapter.selectors ?? {}).map(([key, fallbacks]) => {
    let counts: number[];
    try {
      counts = countMatches(
        doc,
        fallbacks.map((fallback) => ({ ...fallback, css: withTicketId(fallback.css, ticketId) })),
      );
    } catch {
      counts = fallbacks.map(() => 0);
    }
    return {
      key,
      fallbacks: fallbacks.map((fallback, index) => ({
        variant: fallback.variant,
        // The registry's selector as written (`{id}` kept): no ticket id leaves the page.
        css: fallback.shadowHost ? `${fallback.shadowHost} ⟶ shadow root ⟶ ${fallback.css}` : fallback.css,
        matches: counts[index] ?? 0,
        evidence: fallback.assumed ? ('assumed' as const) : ('source' as const),
      })),
    };
  });
  return {
    report: 'keel-page-report',
    version: 1,
    adapter: adapter.id,
    host: location.host,
    at: new Date(now).toISOString(),
    state: status.state,
    missing: status.missing.map((what) => (ticketId ? what.replaceAll(ticketId, '{id}') : what)),
    unread: [...(status.unread ?? [])],
    selectors,
  };
}

/** The report as the text the agent pastes: readable JSON. */
export function formatPageReport(report: PageReport): string {
  return JSON.stringify(report, null, 2);
}

/**
 * Copies text from a click in the sidebar: the Clipboard API where the page is a secure context,
 * else a hidden textarea and the copy command (intranet helpdesks on plain http). Resolves whether
 * the text was copied.
 */
export async function copyText(text: string, doc: Document, within: Node): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard && doc.defaultView?.isSecureContext) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // Denied (no focus, a policy): the copy command below may still work.
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  within.appendChild(area);
  area.select();
  const copied = doc.execCommand?.('copy') ?? false;
  area.remove();
  return copied;
}
