import type { SidebarLayout } from '../config/content-shapes';
import { type Observable, observable } from './observable';

export const MIN_WIDTH = 280;
export const MAX_WIDTH = 560;
export const COLLAPSED_WIDTH = 56;

export const clampWidth = (width: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));

/** The page attribute and style that make room for the docked sidebar instead of covering the page. */
const DOCK_ATTRIBUTE = 'data-keel-docked';

/**
 * The sidebar's width and collapsed state: shown by the UI, remembered in storage, and applied to
 * the page as a right margin so the helpdesk's composer and send button stay visible.
 */
export class SidebarLayoutController {
  readonly layout: Observable<SidebarLayout>;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    initial: SidebarLayout,
    private readonly doc: Document,
    private readonly save: (layout: SidebarLayout) => Promise<void>,
    signal: AbortSignal,
  ) {
    this.layout = observable({ ...initial, width: clampWidth(initial.width) });
    const style = doc.createElement('style');
    style.dataset.keel = 'dock';
    // Only the page's root margin changes, and only while Keel runs: a page without Keel looks as before.
    style.textContent = `html[${DOCK_ATTRIBUTE}] { margin-right: var(--keel-dock-width) !important; }`;
    doc.head.append(style);
    const unsubscribe = this.layout.subscribe((layout) => this.applyToPage(layout));
    this.applyToPage(this.layout.get());
    signal.addEventListener(
      'abort',
      () => {
        unsubscribe();
        clearTimeout(this.saveTimer);
        style.remove();
        doc.documentElement.removeAttribute(DOCK_ATTRIBUTE);
        doc.documentElement.style.removeProperty('--keel-dock-width');
      },
      { once: true },
    );
  }

  toggle(): void {
    this.change({ collapsed: !this.layout.get().collapsed });
  }

  setWidth(width: number): void {
    this.change({ width: clampWidth(width) });
  }

  private change(part: Partial<SidebarLayout>): void {
    this.layout.update((current) => ({ ...current, ...part }));
    // Dragging changes the width many times a second: store only where it settles.
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(this.layout.get()), 300);
  }

  private applyToPage({ width, collapsed }: SidebarLayout): void {
    const root = this.doc.documentElement;
    root.setAttribute(DOCK_ATTRIBUTE, '');
    root.style.setProperty('--keel-dock-width', `${collapsed ? COLLAPSED_WIDTH : width}px`);
  }
}
