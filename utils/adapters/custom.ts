import * as v from 'valibot';
import { createSiteAdapter, valueOrText } from './generic';
import type { SelectorFallback } from './selectors';
import type { HelpdeskAdapter } from './types';

/**
 * Sites a user sets up on the options page: a match pattern, where the ticket id sits in the URL,
 * and one CSS selector per field (only the editor is required). No user-written regular
 * expressions: a path segment or a query parameter names the id.
 */

/** `scheme://host/path` as in extension manifests: scheme http, https or *, host `*`, `*.x` or exact. */
const MATCH_PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d+)?(\/.*)$/;

/** Whether `css` parses as a selector, where a DOM is at hand to ask (the service worker has none). */
function isSelector(css: string): boolean {
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(css);
    return true;
  } catch {
    return false;
  }
}

const selector = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('is empty'),
  v.maxLength(500, 'is longer than 500 characters'),
  v.check(isSelector, (issue) => `is not a CSS selector: ${String(issue.input)}`),
);

export const CUSTOM_SELECTOR_KEYS = [
  'subject',
  'type',
  'tags',
  'requester',
  'customerMessage',
  'editor',
  'send',
] as const;
export type CustomSelectorKey = (typeof CUSTOM_SELECTOR_KEYS)[number];

export const customSiteSchema = v.object({
  /** Stable id, stored with records as `custom:{id}`. */
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lower-case letters, digits or dashes'),
  ),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(80)),
  /** e.g. `https://support.acme.com/*` or `https://*.acme.com/tickets/*`. */
  urlPattern: v.pipe(
    v.string(),
    v.trim(),
    v.regex(MATCH_PATTERN, 'is not a match pattern like https://support.example.com/*'),
  ),
  ticketId: v.pipe(
    v.object({
      /** Index into the URL path's non-empty segments; negative counts from the end (-1 = last). */
      pathSegment: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-20), v.maxValue(20))),
      /** A query parameter holding the id (`?id=123`); wins over `pathSegment` when both are set. */
      queryParam: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(60))),
    }),
    v.check(
      (ticketId) => ticketId.pathSegment !== undefined || ticketId.queryParam !== undefined,
      'needs a path segment or a query parameter',
    ),
  ),
  selectors: v.object({
    subject: v.optional(selector),
    type: v.optional(selector),
    tags: v.optional(selector),
    requester: v.optional(selector),
    customerMessage: v.optional(selector),
    editor: selector,
    send: v.optional(selector),
  }),
});

export type CustomSite = v.InferOutput<typeof customSiteSchema>;

/** Validates user input; the first problem is named by its path ("selectors.editor: is empty"). */
export function parseCustomSite(
  input: unknown,
): { ok: true; site: CustomSite } | { ok: false; error: string } {
  const result = v.safeParse(customSiteSchema, input);
  if (result.success) return { ok: true, site: result.output };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return { ok: false, error: `${path ?? 'site'}: ${issue?.message ?? 'invalid'}` };
}

/** A match pattern as a regular expression over the whole URL (without the fragment). */
export function matchPatternToRegExp(pattern: string): RegExp {
  const parts = MATCH_PATTERN.exec(pattern);
  if (!parts) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme = '', host = '', port = '', path = ''] = parts;
  const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemePart = scheme === '*' ? 'https?' : escapeRegExp(scheme);
  const hostPart =
    host === '*'
      ? '[^/:]+'
      : host.startsWith('*.')
        ? `(?:[^/:]+\\.)?${escapeRegExp(host.slice(2))}`
        : escapeRegExp(host);
  const pathPart = escapeRegExp(path).replace(/\*/g, '.*');
  return new RegExp(`^${schemePart}://${hostPart}${escapeRegExp(port)}${pathPart}$`);
}

/** Whether a URL falls under a site's pattern. */
export function customSiteMatches(site: CustomSite, url: URL): boolean {
  const target = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  try {
    return matchPatternToRegExp(site.urlPattern).test(target);
  } catch {
    return false;
  }
}

/** The ticket id a site's rule finds in a URL, or null. */
export function customTicketId(site: CustomSite, url: URL): string | null {
  const { queryParam, pathSegment } = site.ticketId;
  if (queryParam !== undefined) {
    const value = url.searchParams.get(queryParam)?.trim();
    if (value) return value;
  }
  if (pathSegment !== undefined) {
    const segments = url.pathname.split('/').filter(Boolean);
    const segment = segments.at(pathSegment);
    if (segment) return decodeURIComponent(segment);
  }
  return null;
}

const userSelector = (css: string | undefined, key: string): SelectorFallback[] | undefined =>
  css ? [{ css, variant: `set by you (${key})` }] : undefined;

/** An adapter for a user's site: their selectors, no guessing beyond them but the subject's page title. */
export function createCustomSiteAdapter(site: CustomSite): HelpdeskAdapter {
  const { selectors } = site;
  return createSiteAdapter({
    id: `custom:${site.id}`,
    name: site.name,
    matches: (url) => customSiteMatches(site, url),
    ticketId: (url) => customTicketId(site, url),
    fields: {
      subject: userSelector(selectors.subject, 'subject'),
      type: userSelector(selectors.type, 'type'),
      tags: userSelector(selectors.tags, 'tags'),
      requester: userSelector(selectors.requester, 'requester'),
      customerMessages: userSelector(selectors.customerMessage, 'customer message'),
      editor: userSelector(selectors.editor, 'editor'),
      send: userSelector(selectors.send, 'send'),
    },
  });
}

export interface SelectorProbe {
  key: CustomSelectorKey | 'ticketId';
  /** How many elements the selector matches on the page (0 for a bad selector). */
  count: number;
  /** What the first match shows (text or input value), cut to 80 characters. */
  sample: string;
  /** Why the selector could not run, when it could not. */
  error?: string;
}

/** What each of a site's selectors finds on a page: the options page's "test on the open tab". */
export function testSelectors(doc: Document, site: CustomSite): SelectorProbe[] {
  const probes: SelectorProbe[] = [];
  const url = doc.location ? new URL(doc.location.href) : null;
  const id = url ? customTicketId(site, url) : null;
  probes.push({ key: 'ticketId', count: id ? 1 : 0, sample: id ?? '' });
  for (const key of CUSTOM_SELECTOR_KEYS) {
    const css = site.selectors[key];
    if (!css) continue;
    try {
      const found = doc.querySelectorAll(css);
      const sample = valueOrText(found[0]);
      probes.push({
        key,
        count: found.length,
        sample: sample.length > 80 ? `${sample.slice(0, 79)}…` : sample,
      });
    } catch (error) {
      probes.push({
        key,
        count: 0,
        sample: '',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return probes;
}
