import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { PROJECT_ROOT } from './paths';

/** Where fixture pages load their bundled editor frameworks from (served by `serveFramework`). */
export const FRAMEWORK_PATH = '/__keel-fixture/';

/** Each bundle's entry: a fixture's composer on its real framework from npm. */
const ENTRIES: Record<string, string> = {
  'slate-composer.js': join(PROJECT_ROOT, 'tests', 'fixtures', 'frameworks', 'slate-composer.mjs'),
};

const bundles = new Map<string, Promise<string>>();

/** Bundles an entry once per run with esbuild (React and Slate are CommonJS and ES modules mixed). */
function bundle(name: string, entry: string): Promise<string> {
  let built = bundles.get(name);
  if (!built) {
    built = (async () => {
      const esbuild = await import('esbuild');
      const result = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        format: 'iife',
        write: false,
        minify: true,
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      });
      return result.outputFiles[0]?.text ?? '';
    })();
    bundles.set(name, built);
  }
  return built;
}

/** Answers a fixture page's request for a framework bundle. */
export async function serveFramework(route: Route): Promise<void> {
  const name = new URL(route.request().url()).pathname.slice(FRAMEWORK_PATH.length);
  const entry = ENTRIES[name];
  if (!entry) {
    await route.fulfill({ status: 404, body: `not a fixture framework: ${name}` });
    return;
  }
  await route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: await bundle(name, entry) });
}
