/**
 * Whether this build may read test hooks (utils/background/pending.ts TEST_GRACE_KEY, the trust
 * rule's test switch): unit tests (Vitest's mode `test`) and the builds that tests and tools make
 * (wxt.config.ts defines KEEL_TEST_HOOKS for them). Release builds get `false` here at build time,
 * so they never read a hook (issue 14).
 */
export const TEST_HOOKS_ENABLED: boolean =
  import.meta.env.MODE === 'test' || import.meta.env.KEEL_TEST_HOOKS === true;
