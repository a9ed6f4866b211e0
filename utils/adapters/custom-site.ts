import * as v from 'valibot';
import { MATCH_PATTERN } from './match-pattern';

/**
 * The shape of a site a user sets up on the options page, validated before it is saved. Kept
 * apart from the adapter (custom.ts) so helpdesk pages, which only read saved sites, never load
 * the validator.
 */

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

/** Text a person types, trimmed, not empty, bounded. */
const shortText = (max: number) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(max, `is longer than ${max} characters`));

/**
 * How the page marks a note as private, so a note is neither checked as a reply nor recorded: a
 * checkbox that is ticked for a note, a tab that is selected for a note, or a separate button that
 * sends a note (the same editor, another button).
 */
export const NOTE_KINDS = ['checkbox', 'tab', 'button'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Helpdesk software Keel has a built-in adapter for, on a host the user names ("this site is a …"). */
export const SITE_SOFTWARE = ['rt'] as const;

const siteEntries = {
  /** Stable id, stored with records as `custom:{id}`. */
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lower-case letters, digits or dashes'),
  ),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(80, 'is longer than 80 characters')),
  /** Absent: the user's own selectors. `rt`: the built-in Request Tracker adapter on this host. */
  software: v.optional(v.picklist(SITE_SOFTWARE)),
  /** e.g. `https://support.acme.com/*` or `https://*.acme.com/tickets/*`. */
  urlPattern: v.pipe(
    v.string(),
    v.trim(),
    v.regex(MATCH_PATTERN, 'is not a match pattern like https://support.example.com/*'),
  ),
  /** Neither field set: the first numeric path segment is the ticket id. */
  ticketId: v.pipe(
    v.object({
      /** Index into the URL path's non-empty segments; negative counts from the end (-1 = last). */
      pathSegment: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-20), v.maxValue(20))),
      /** A query parameter holding the id (`?id=123`); wins over `pathSegment` when both are set. */
      queryParam: v.optional(shortText(60)),
    }),
  ),
  selectors: v.object({
    subject: v.optional(selector),
    type: v.optional(selector),
    tags: v.optional(selector),
    requester: v.optional(selector),
    customerMessage: v.optional(selector),
    /** Required unless the site runs software Keel knows (`software`). */
    editor: v.optional(selector),
    send: v.optional(selector),
    /** The signed-in agent's name (records carry it; without it, the name from the options page). */
    agent: v.optional(selector),
  }),
  /**
   * How Keel knows a send went through (utils/adapters/custom-evidence.ts). Absent: the reply's
   * words appear on the page outside the editor.
   */
  sentWhen: v.optional(
    v.object({
      /** The reply appears in an element this selector matches (the conversation). */
      replyIn: v.optional(selector),
      /** The page goes to a URL matching this; `*` stands for anything. */
      urlMatches: v.optional(shortText(500)),
    }),
  ),
  note: v.optional(v.object({ kind: v.picklist(NOTE_KINDS), selector })),
};

export const customSiteSchema = v.pipe(
  v.object(siteEntries),
  v.forward(
    v.partialCheck(
      [['software'], ['selectors', 'editor']],
      (site) => site.software !== undefined || site.selectors.editor !== undefined,
      'is empty',
    ),
    ['selectors', 'editor'],
  ),
);

export type CustomSite = v.InferOutput<typeof customSiteSchema>;

/** A selector as typed, not yet parsed: "test on the open tab" reports the page's own error for it. */
const typedSelector = v.optional(
  v.pipe(v.string(), v.trim(), v.nonEmpty('is empty'), v.maxLength(500, 'is longer than 500 characters')),
);

/**
 * What "test on the open tab" needs of a site being set up: where it lives and how to find the
 * ticket id, checked as for saving; selectors as typed, none required (the editor may come last).
 */
export const siteDraftSchema = v.object({
  urlPattern: siteEntries.urlPattern,
  ticketId: siteEntries.ticketId,
  selectors: v.object({
    subject: typedSelector,
    type: typedSelector,
    tags: typedSelector,
    requester: typedSelector,
    customerMessage: typedSelector,
    editor: typedSelector,
    send: typedSelector,
    agent: typedSelector,
  }),
  sentWhen: v.optional(v.object({ replyIn: typedSelector, urlMatches: typedSelector })),
  note: v.optional(v.object({ kind: v.picklist(NOTE_KINDS), selector: v.pipe(v.string(), v.trim()) })),
});

/** A site being set up (every saved `CustomSite` is one too). */
export type SiteDraft = v.InferOutput<typeof siteDraftSchema>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs a schema; the first problem is named by its path ("selectors.editor: is empty"). */
function parseWith<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return { ok: false, error: `${path ?? 'site'}: ${issue?.message ?? 'invalid'}` };
}

/** Every problem of a site as typed, by the dot path of the field ("selectors.editor"), first one each. */
export function siteProblems(input: unknown): Map<string, string> {
  const problems = new Map<string, string>();
  const result = v.safeParse(customSiteSchema, input);
  if (result.success) return problems;
  for (const issue of result.issues) {
    const path = v.getDotPath(issue) ?? '';
    if (!problems.has(path)) problems.set(path, issue.message);
  }
  return problems;
}

/** Validates user input; the first problem is named by its path ("selectors.editor: is empty"). */
export function parseCustomSite(
  input: unknown,
): { ok: true; site: CustomSite } | { ok: false; error: string } {
  const parsed = parseWith(customSiteSchema, input);
  return parsed.ok ? { ok: true, site: parsed.value } : parsed;
}

/** Validates what a selector test needs: the pattern and the ticket id rule. */
export function parseSiteDraft(
  input: unknown,
): { ok: true; draft: SiteDraft } | { ok: false; error: string } {
  const parsed = parseWith(siteDraftSchema, input);
  return parsed.ok ? { ok: true, draft: parsed.value } : parsed;
}
