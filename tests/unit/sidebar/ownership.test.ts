import { describe, expect, it } from 'vitest';
import { claimPage, INSTANCE_ATTRIBUTE } from '@/utils/sidebar/ownership';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('claimPage', () => {
  it('makes an older instance stand down when a newer one claims the page', async () => {
    const first = claimPage(document, new AbortController().signal, 'old');
    const second = claimPage(document, new AbortController().signal, 'new');
    await settle();
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    expect(document.documentElement.getAttribute(INSTANCE_ATTRIBUTE)).toBe('new');
  });

  it('stands down with its content script context', () => {
    const context = new AbortController();
    const owned = claimPage(document, context.signal, 'only');
    context.abort();
    expect(owned.aborted).toBe(true);
  });
});
