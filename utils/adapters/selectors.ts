/**
 * Selector registries: every adapter keeps all of its selectors in one object whose entries are
 * ordered fallbacks, newest UI first. `variant` names the UI the selector matches, so a convention
 * test and the "page changed" message can say which one was found (or that none was).
 */
export interface SelectorFallback {
  css: string;
  /** The helpdesk UI this selector matches, e.g. "Agent Workspace 2024". */
  variant: string;
  /**
   * Where the selector comes from: a public repository and file with the date seen, or the
   * helpdesk's documentation. Every built-in entry has a source or says `assumed` (a unit test
   * holds this), so the next engineer knows which selectors rest on evidence.
   */
  source?: string;
  /** No public evidence: our guess of the page. */
  assumed?: true;
  /**
   * The element whose open shadow root holds `css` (micro-frontends such as Freshdesk's contact
   * card render inside one, out of reach of a document query).
   */
  shadowHost?: string;
}

/** The root a fallback's selector runs in: `root` itself, or its shadow host's open shadow root. */
function searchRoot(root: ParentNode, fallback: SelectorFallback): ParentNode | null {
  if (!fallback.shadowHost) return root;
  return root.querySelector(fallback.shadowHost)?.shadowRoot ?? null;
}

export type SelectorRegistry<Key extends string = string> = Readonly<
  Record<Key, readonly SelectorFallback[]>
>;

/** The first element any fallback matches, in fallback order, with the variant that matched. */
export function queryFirst<T extends Element = HTMLElement>(
  root: ParentNode,
  fallbacks: readonly SelectorFallback[],
): { element: T; variant: string } | null {
  for (const fallback of fallbacks) {
    const element = searchRoot(root, fallback)?.querySelector<Element>(fallback.css);
    if (element) return { element: element as T, variant: fallback.variant };
  }
  return null;
}

/** Every element the first matching fallback finds (later fallbacks are older UIs, not additions). */
export function queryAllFirst<T extends Element = HTMLElement>(
  root: ParentNode,
  fallbacks: readonly SelectorFallback[],
): T[] {
  for (const fallback of fallbacks) {
    const found = searchRoot(root, fallback)?.querySelectorAll<Element>(fallback.css);
    if (found && found.length > 0) return Array.from(found) as T[];
  }
  return [];
}

/** Collapsed whitespace text of an element, or '' when absent. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * How many elements each fallback matches: the page report's raw material. Counts only, never
 * an element's text or attributes.
 */
export function countMatches(root: ParentNode, fallbacks: readonly SelectorFallback[]): number[] {
  return fallbacks.map((fallback) => searchRoot(root, fallback)?.querySelectorAll(fallback.css).length ?? 0);
}
