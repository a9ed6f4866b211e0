import type { BrowserContext } from 'playwright-core';

/** Starts Chromium (new headless mode unless `headless: false`) with the unpacked extension loaded. */
export function launchChromiumWithExtension(options: {
  extensionDir: string;
  profileDir: string;
  tmpDir: string;
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
  /** More Chromium switches. */
  args?: string[];
}): Promise<BrowserContext>;

/** Keel's extension id, read from its service worker (which also proves the extension loaded). */
export function extensionIdOf(context: BrowserContext): Promise<string>;
