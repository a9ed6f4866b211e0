export const TEMP_PREFIX: string;
/** This process's folder for `purpose`: `{os.tmpdir()}/keel-{purpose}-XXXXXX`. */
export function shortTempRoot(purpose: string): string;
/** A fresh profile folder under this process's short root. */
export function newProfileDir(purpose: string): string;
/** The browser's TMPDIR under this process's short root. */
export function browserTmpDir(purpose: string): string;
/** Removes `keel-{purpose}-*` folders in `os.tmpdir()` older than `maxAgeMs`. */
export function sweepOldTempRoots(purpose: string, maxAgeMs: number): void;
