import { judgeSend, replyProof } from './custom-evidence';
import type { CustomSite, SiteDraft } from './custom-site';
import { editorText } from './editing';
import { createSiteAdapter, valueOrText } from './generic';
import { MATCH_PATTERN } from './match-pattern';
import type { SelectorFallback } from './selectors';
import { watchSends } from './send';
import type { HelpdeskAdapter } from './types';

export type { CustomSite, SiteDraft } from './custom-site';

export const CUSTOM_SELECTOR_KEYS = [
  'subject',
  'type',
  'tags',
  'requester',
  'customerMessage',
  'editor',
  'send',
  'agent',
] as const;
export type CustomSelectorKey = (typeof CUSTOM_SELECTOR_KEYS)[number];

/**
 * Sites a user sets up on the options page: a match pattern, where the ticket id sits in the URL,
 * and one CSS selector per field (only the editor is required). No user-written regular
 * expressions: a path segment or a query parameter names the id.
 */

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
  const pathPart = globPath(path.split('*').map(escapeRegExp));
  // No port in the pattern: any port, as the browser's match patterns do (helpdesk.corp:8080).
  const portPart = port ? escapeRegExp(port) : '(?::\\d+)?';
  return new RegExp(`^${schemePart}://${hostPart}${portPart}${pathPart}$`);
}

/**
 * A path glob's pieces (split at `*`) as a linear expression. Each `*` as a plain `.*` backtracks
 * polynomially on a long URL that almost matches (`/*a*a*a*b`: issue 14); here each middle piece
 * is found at its first occurrence inside a lookahead, which never backtracks (a later occurrence
 * only leaves less room for what follows, so no match is lost), and only the last `*` is `.*`.
 */
function globPath(pieces: string[]): string {
  if (pieces.length === 1) return pieces[0] as string;
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces
    .slice(1, -1)
    .filter((piece) => piece !== '')
    .map((piece, index) => `(?=(?<piece${index}>.*?${piece}))\\k<piece${index}>`);
  return `${first}${middle.join('')}.*${last}`;
}

/** Whether a URL falls under a site's pattern. */
export function customSiteMatches(site: Pick<SiteDraft, 'urlPattern'>, url: URL): boolean {
  const target = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  try {
    return matchPatternToRegExp(site.urlPattern).test(target);
  } catch {
    return false;
  }
}

/** `TicketID` of `?Action=AgentTicketZoom;TicketID=7` (OTRS and Znuny separate parameters with `;`). */
function semicolonParam(url: URL, name: string): string | undefined {
  for (const pair of url.search.slice(1).split(/[;&]/)) {
    const [key, value] = pair.split('=');
    if (key !== undefined && decodeURIComponent(key) === name && value)
      return decodeURIComponent(value).trim();
  }
  return undefined;
}

/** The ticket id a site's rule finds in a URL, or null. */
export function customTicketId(site: Pick<SiteDraft, 'ticketId'>, url: URL): string | null {
  const { queryParam, pathSegment } = site.ticketId;
  if (queryParam !== undefined) {
    const value = url.searchParams.get(queryParam)?.trim() || semicolonParam(url, queryParam);
    if (value) return value;
  }
  if (pathSegment !== undefined) {
    const segments = url.pathname.split('/').filter(Boolean);
    const segment = segments.at(pathSegment);
    if (segment) return decodeURIComponent(segment);
    return null;
  }
  if (queryParam !== undefined) return null;
  // Neither rule set: the first numeric path segment (`/issues/1/edit` is ticket 1, not "edit").
  const numeric = url.pathname
    .split('/')
    .filter(Boolean)
    .find((segment) => /^\d+$/.test(segment));
  return numeric ?? null;
}

const userSelector = (css: string | undefined, key: string): SelectorFallback[] | undefined =>
  css ? [{ css, variant: `set by you (${key})` }] : undefined;

/**
 * Whether an element is on screen: not `hidden`, not `display: none` or `visibility: hidden`
 * itself or through an ancestor. A reply box the page keeps hidden until "Reply" is clicked is
 * no editor yet: snippets written there would be lost, and its draft is not the agent's.
 */
export function isShown(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return false;
    const style = view?.getComputedStyle(node);
    if (style && (style.display === 'none' || (node === element && style.visibility === 'hidden')))
      return false;
  }
  return true;
}

/** The first element a user's selector matches, or null (also for a selector the page refuses). */
function queryUser(doc: Document, css: string): Element | null {
  try {
    return doc.querySelector(css);
  } catch {
    return null;
  }
}

/**
 * Whether the composer is on a private note, as the page's own control says (the site's `note`):
 * a ticked checkbox, or a selected tab (aria-selected, aria-pressed, aria-current, a checked
 * radio, or a class active / selected / current, on the tab or its list item). A separate note
 * button says so only at the send (see isNoteSend).
 */
export function isPrivateNote(site: Pick<CustomSite, 'note'>, doc: Document): boolean {
  const note = site.note;
  if (!note || note.kind === 'button') return false;
  const control = queryUser(doc, note.selector);
  if (!control) return false;
  // By tag name, not instanceof: the control may come from another frame.
  const input =
    control.tagName === 'INPUT'
      ? (control as HTMLInputElement)
      : control.querySelector<HTMLInputElement>('input[type=checkbox], input[type=radio]');
  if (note.kind === 'checkbox')
    return input?.checked === true || control.getAttribute('aria-checked') === 'true';
  // A tab's state often sits on its list item (`<li class="active"><a id="note-tab">`).
  const marked = (element: Element | null) =>
    element !== null &&
    (element.getAttribute('aria-selected') === 'true' ||
      element.getAttribute('aria-pressed') === 'true' ||
      (element.hasAttribute('aria-current') && element.getAttribute('aria-current') !== 'false') ||
      /\b(active|selected|current)\b/i.test(element.getAttribute('class') ?? ''));
  return (
    input?.checked === true ||
    marked(control) ||
    (control.parentElement?.tagName === 'LI' && marked(control.parentElement))
  );
}

/** Whether a send event comes from the site's separate "add a private note" button. */
export function isNoteSend(site: Pick<CustomSite, 'note'>, event: Event): boolean {
  if (site.note?.kind !== 'button') return false;
  const selector = site.note.selector;
  const from = (node: unknown) => {
    try {
      return node instanceof Element && node.closest(selector) !== null;
    } catch {
      return false;
    }
  };
  return from(event.target) || from((event as SubmitEvent).submitter);
}

/**
 * An adapter for a user's site: their selectors, no guessing beyond them but the subject's page
 * title. A send counts on positive evidence only (custom-evidence.ts); a private note marked by
 * the page's own control is neither checked nor recorded.
 */
export function createCustomSiteAdapter(site: CustomSite): HelpdeskAdapter {
  const { selectors } = site;
  const base = createSiteAdapter({
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
      agent: userSelector(selectors.agent, 'agent'),
    },
  });
  const findEditor = (doc: Document): HTMLElement | null => {
    const editor = base.findEditor(doc);
    return editor && isShown(editor) ? editor : null;
  };
  const location = (doc: Document) => new URL(doc.location?.href ?? 'about:blank');
  const adapter: HelpdeskAdapter = {
    ...base,
    findEditor,
    async readTicket(doc) {
      const read = await base.readTicket(doc);
      // The editor is there but hidden (the page shows it on "Reply"): not open yet.
      if (read.ticket && read.status.state === 'ok' && !findEditor(doc)) {
        return { ticket: read.ticket, status: { state: 'no-editor', missing: ['reply editor'] } };
      }
      return read;
    },
    // The page's own private-note control decides; without one configured, every send is a reply.
    replyMode: (doc) => (isPrivateNote(site, doc) ? 'note' : 'public'),
    readComposer(url, doc) {
      const editor = findEditor(doc);
      const read = base.readComposer(url, doc);
      return { ...read, editor, draft: editor ? read.draft : '', mode: adapter.replyMode(doc) };
    },
    observeSend(doc, signal, onSend, gate) {
      watchSends(
        doc,
        signal,
        {
          // No send button set: the submit of the editor's form, or Ctrl/Cmd+Enter.
          sendButtonSelector: selectors.send ?? 'keel-no-send-button',
          findEditor: () => findEditor(doc),
          readDraft: editorText,
          snapshot: () => 0,
          confirmed: () => false,
          replyMode: () => adapter.replyMode(doc),
          isNoteSend: (event) => isNoteSend(site, event),
          isSendForm: (form) => {
            const editor = base.findEditor(doc);
            return editor !== null && form.contains(editor);
          },
          evidence: (text) => {
            const proof = replyProof(text);
            if (!proof) return null;
            const verdict = () => judgeSend(doc, site.sentWhen, proof, base.findEditor(doc), location(doc));
            return { proof, sent: () => verdict() === 'sent', refused: () => verdict() === 'refused' };
          },
        },
        onSend,
        gate,
      );
    },
  };
  return adapter;
}

export interface SelectorProbe {
  key: CustomSelectorKey | 'ticketId';
  /** How many elements the selector matches on the page (0 for a bad selector). */
  count: number;
  /**
   * What Keel reads there (text or input value), cut to 80 characters: the first match; every
   * tag, comma-separated; the last customer message, the one a reply answers.
   */
  sample: string;
  /** The element read, as `tag#id.class`, so an empty editor still shows what was found. */
  element?: string;
  /** Why the selector could not run, when it could not. */
  error?: string;
}

/**
 * Where the options page leaves the site for the probe script (entrypoints/probe.ts) in the
 * tab's isolated world, between its two `scripting.executeScript` calls.
 */
export const PROBE_SITE_GLOBAL = '__keelProbeSite';

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `textarea#reply-body` or `div.ProseMirror.composer`: enough to recognise an element by. */
function describeElement(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const classes = [...element.classList]
    .slice(0, 2)
    .map((name) => `.${name}`)
    .join('');
  return cut(`${element.tagName.toLowerCase()}${id}${classes}`, 60);
}

/** What each of a site's selectors finds on a page: the options page's "test on the open tab". */
export function testSelectors(doc: Document, site: SiteDraft): SelectorProbe[] {
  const probes: SelectorProbe[] = [];
  const url = doc.location ? new URL(doc.location.href) : null;
  const id = url ? customTicketId(site, url) : null;
  probes.push({ key: 'ticketId', count: id ? 1 : 0, sample: id ?? '' });
  for (const key of CUSTOM_SELECTOR_KEYS) {
    const css = site.selectors[key];
    if (!css) continue;
    try {
      const found = [...doc.querySelectorAll(css)];
      // What the adapter reads: every tag, the last customer message (the one being answered),
      // the first match of anything else.
      const read = key === 'customerMessage' ? found.at(-1) : found[0];
      const sample =
        key === 'tags'
          ? found
              .map((tag) => valueOrText(tag))
              .filter(Boolean)
              .join(', ')
          : valueOrText(read);
      probes.push({
        key,
        count: found.length,
        sample: cut(sample, 80),
        ...(read ? { element: describeElement(read) } : {}),
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
