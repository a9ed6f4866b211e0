/**
 * Selector registries: every adapter keeps all of its selectors in one object whose entries are
 * ordered fallbacks, newest UI first. `variant` names the UI the selector matches, so a convention
 * test and the "page changed" message can say which one was found (or that none was).
 */
export interface SelectorFallback {
  css: string;
  /** The helpdesk UI this selector matches, e.g. "Agent Workspace 2024". */
  variant: string;
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
    const element = root.querySelector<Element>(fallback.css);
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
    const found = root.querySelectorAll<Element>(fallback.css);
    if (found.length > 0) return Array.from(found) as T[];
  }
  return [];
}

/** Collapsed whitespace text of an element, or '' when absent. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
