export const RT_SERVER: string;
export const RT_LIB: string;
export const SITE_CONFIG_TEXT: string;
/** Whether RT's standalone server is installed. */
export function isRtInstalled(): boolean;
/** What a person should run to get Request Tracker for Keel's e2e tests. */
export function installAdvice(): string;
/** Installs RT when missing (root on Debian only) and writes Keel's site config; throws with advice otherwise. */
export function ensureRt(options?: { install?: boolean }): { installed: boolean; seconds: number };
