import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { HELPDESK_MATCHES } from './utils/adapters/registry';
import { stripSelectorEvidence } from './utils/adapters/strip-evidence';
import { TEST_BUILD_MATCHES } from './utils/build-mode';

/**
 * The test build (`KEEL_TEST_BUILD=1`: `npm run demo` and the e2e suite) adds the local hosts of
 * the demo helpdesk and a local Request Tracker, and the demo adapter (utils/build-mode.ts). Any
 * other build is a store build and carries neither.
 */
const TEST_BUILD = process.env.KEEL_TEST_BUILD === '1';

/** Adds the test build's hosts to the manifest's sidebar script and host permissions. */
export function addTestHosts(manifest: {
  host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
}): void {
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...TEST_BUILD_MATCHES];
  for (const script of manifest.content_scripts ?? []) {
    script.matches = [...(script.matches ?? []), ...TEST_BUILD_MATCHES];
  }
}

/**
 * The public half of Keel's manifest key: it pins the Chrome extension id to
 * lfdnbflgnlnalodmjjfldeflbckhgnpj wherever the build is loaded from, so an administrator's
 * policy (which names the id) and the e2e tests find it. No private key is needed to load it.
 */
const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0PeGGBZRLeQvLvLhaPiN+ANCv3XsHRw3Egd0AmYoaEFO5+DqggiOHT8Xx+FR7mUVgycYXOMY8mcPVhnZhFWUNypZj1x0EmhTbjaVhlduT5AR72sgctNU6Cb7bfhMNsHd2HG4OvLSoBvmDaO4vxDEmOLqSyK8sekeGrWRxE4jGbpra+Lhbp07aC1+ygGxjhLg7qizQZS3ZyIAzIdgj4kAwEltr000o3KR4tYisvicLMQFX/O1AZ51Kg5yXBUoDUjx97ipKDTWWe0VSQtVXIbaStlTOAGPKXQWq/SZyBLWLaup6Ua8T5BHDOg24BZZbxKn/33/s/8A+cpuOpUjZLJQBQIDAQAB';

/**
 * What git ignores stays out of the Firefox sources zip too (screenshots, logs, build folders):
 * WXT zips every non-hidden file otherwise. Each .gitignore line becomes a glob. (WXT, npm scripts
 * and the tests all run from the project's root.)
 */
const GIT_IGNORED = readFileSync(join(process.cwd(), '.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
  .map((line) => (line.endsWith('/') ? `**/${line}**` : `**/${line}`));

/** The sidebar's stylesheets: the built-in helpdesks' content script's and the user's sites' one's. */
const SIDEBAR_STYLESHEETS = ['content-scripts/sidebar.css', 'content-scripts/custom-sidebar.css'];

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  // Tests and tools that build in parallel set KEEL_OUT_DIR so they never share an output folder.
  outDir: process.env.KEEL_OUT_DIR ?? '.output',
  // Copied as-is into the build: _locales (UI text through browser.i18n) and the icons.
  publicDir: 'assets/public',
  // Explicit imports only: auto-imports turned a parameter named `v` into an import of valibot.
  imports: false,
  zip: { excludeSources: GIT_IGNORED },
  vite: () => ({
    plugins: [preact(), stripSelectorEvidence()],
    // A literal in every build, so a store build drops what is behind `TEST_BUILD` (utils/build-mode.ts)
    // and never reads a test hook (utils/background/pending.ts).
    define: { 'import.meta.env.KEEL_TEST_BUILD': JSON.stringify(String(TEST_BUILD)) },
  }),
  hooks: {
    // WXT lets pages load the sidebar's stylesheets only on the content scripts' listed hosts, but
    // custom sites are registered at runtime: without this the sidebar shows unstyled on them.
    // use_dynamic_url (set by WXT) keeps pages from probing for the file.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (TEST_BUILD) addTestHosts(manifest);
      for (const entry of manifest.web_accessible_resources ?? []) {
        if (typeof entry === 'object' && entry.resources.some((file) => SIDEBAR_STYLESHEETS.includes(file)))
          entry.matches = ['*://*/*'];
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: custom sites' content scripts are registered at runtime, for hosts the user grants.
    permissions: ['storage', 'alarms', 'scripting'],
    // The built-in helpdesks' hosts: Keel re-injects its sidebar into their open tabs after an update.
    host_permissions: HELPDESK_MATCHES,
    optional_host_permissions: ['*://*/*'],
    // What an administrator may push through enterprise policy (storage.managed).
    storage: { managed_schema: 'managed_schema.json' },
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    ...(browser === 'firefox'
      ? {
          // MV2 has no optional_host_permissions (WXT drops it): custom sites ask through this.
          optional_permissions: ['*://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'keel@keel.invalid',
              strict_min_version: '140.0',
              // Nothing is sent unless a team store is configured; then each record (agent name,
              // ticket id and URL, scores; never text) goes to that CouchDB only. The options page
              // asks for this consent when the user saves a team store (README "Team store").
              data_collection_permissions: {
                required: ['none'],
                optional: ['personallyIdentifyingInfo', 'browsingActivity', 'websiteActivity'],
              },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          key: CHROME_PUBLIC_KEY,
          // Chrome 120 is the first to let alarms fire every 30 s (the team store's retry), and the
          // popup's colour-mix() (111) and :has() (105) come before it.
          minimum_chrome_version: '120',
        }),
  }),
});
