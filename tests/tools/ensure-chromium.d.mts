/** The Chromium executable to use (KEEL_CHROMIUM first), or null. */
export function findChromium(): string | null;
/** What a person should run to get a Chromium Keel's tests can drive. */
export function installAdvice(): string;
/** The Chromium path; installs Debian's package when running as root on Debian. Throws with advice otherwise. */
export function ensureChromium(options?: { install?: boolean }): string;
