/**
 * The test build: `KEEL_TEST_BUILD=1 wxt build`, made by `npm run demo` and the e2e suite (never
 * a store build). wxt.config.ts replaces `import.meta.env.KEEL_TEST_BUILD` with a literal, so a
 * store build drops whatever only the test build has: the demo helpdesk's adapter, the local hosts
 * (the manifest's, added in wxt.config.ts) and the e2e suite's short grace period. Write the test
 * as `import.meta.env.KEEL_TEST_BUILD === 'true'` where the code must go: the bundler folds it
 * there (an imported constant is not folded, and its dead branch would ship).
 */

/**
 * Hosts only the test build runs on: the demo helpdesk and a local Request Tracker. A store build
 * asks for the listed helpdesks alone; an intranet helpdesk is a site the user (or the
 * administrator's policy) adds.
 */
export const TEST_BUILD_MATCHES: readonly string[] = ['http://localhost/*', 'http://127.0.0.1/*'];

declare global {
  interface ImportMetaEnv {
    /** 'true' in the test build, 'false' in every other build (wxt.config.ts). */
    readonly KEEL_TEST_BUILD?: string;
  }
}
