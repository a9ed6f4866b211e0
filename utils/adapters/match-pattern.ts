/**
 * Its own file so the adapter (custom.ts) and the options-page validator (custom-site.ts) share it
 * without importing each other.
 */

/** `scheme://host/path` as in extension manifests: scheme http, https or *, host `*`, `*.x` or exact. */
export const MATCH_PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d+)?(\/.*)$/;
