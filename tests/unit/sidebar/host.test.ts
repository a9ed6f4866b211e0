import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSidebarHost } from '@/utils/sidebar/host';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('createSidebarHost', () => {
  it('puts the stylesheet and the UI container in an open shadow root of <keel-sidebar>', async () => {
    vi.stubGlobal('fetch', async () => new Response(':root { --x: 1 } .keel { color: red }'));
    const { host, container } = await createSidebarHost(document, 'chrome-extension://id/sidebar.css');
    expect(host.tagName).toBe('KEEL-SIDEBAR');
    expect(host.shadowRoot).not.toBeNull();
    const style = host.shadowRoot?.querySelector('style')?.textContent ?? '';
    expect(style).toContain(':host{all:initial !important;}');
    expect(style).toContain(':host { --x: 1 } .keel { color: red }');
    expect(container.parentNode).toBe(host.shadowRoot);
    expect(host.isConnected).toBe(false);
  });

  it('keeps keys typed in the sidebar from reaching the page', async () => {
    vi.stubGlobal('fetch', async () => new Response(''));
    const { host, container } = await createSidebarHost(document, 'chrome-extension://id/sidebar.css');
    document.body.append(host);
    const input = document.createElement('input');
    container.append(input);
    const seenByPage = vi.fn();
    document.addEventListener('keydown', seenByPage);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true, composed: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    expect(seenByPage).toHaveBeenCalledTimes(1);
    expect(seenByPage.mock.calls[0]?.[0]).toMatchObject({ key: 'j' });
    document.removeEventListener('keydown', seenByPage);
  });

  it('still gives a sidebar, unstyled, when the stylesheet cannot be read', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const { host, container } = await createSidebarHost(document, 'chrome-extension://id/sidebar.css');
    expect(host.shadowRoot?.querySelector('style')?.textContent).toBe(':host{all:initial !important;}\n');
    expect(container).toBeInstanceOf(HTMLElement);
  });
});
