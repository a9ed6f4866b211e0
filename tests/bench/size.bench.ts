/**
 * Size bench (issue 5 item 6): builds Keel for Chrome the way users get it and prints the size of
 * what every helpdesk page loads — the content script and its stylesheet — raw and gzipped
 * by the `gzip -9` command (as earlier figures were taken) and by Node's zlib at level 9, which packs
 * the same file a little differently, against the 35 KB gzipped budget, plus the other pages for
 * comparison. A bench reports and does not gate: it exits 0 either way.
 * Run: npx tsx tests/bench/size.bench.ts   (or node tests/tools/bench.mjs size)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILD_DIR = join(ROOT, '.tmp', 'size-build');
const OUT = join(BUILD_DIR, 'chrome-mv3');
const BUDGET_GZIP_BYTES = 35_000;

const wxt = join(ROOT, 'node_modules', '.bin', 'wxt');
// NODE_ENV as a user's build has it: under a test runner it would keep libraries' debug code.
const env = { ...process.env, KEEL_OUT_DIR: BUILD_DIR, NODE_ENV: 'production', NO_COLOR: '1' };
const result = spawnSync(wxt, ['build'], { cwd: ROOT, env, encoding: 'utf8' });
if (result.status !== 0 || !existsSync(join(OUT, 'manifest.json'))) {
  throw new Error(`wxt build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Bytes of `gzip -9 -c file`, or null where the command is missing. */
function gzipCommand(path: string): number | null {
  const run = spawnSync('gzip', ['-9', '-c', path], { maxBuffer: 64 * 1024 * 1024 });
  return run.status === 0 && run.stdout ? run.stdout.length : null;
}

const sizes = files(OUT)
  .filter((path) => /\.(js|css|html)$/.test(path))
  .map((path) => {
    const bytes = readFileSync(path);
    const zlib = gzipSync(bytes, { level: 9 }).length;
    return { file: relative(OUT, path), raw: bytes.length, gzip: gzipCommand(path) ?? zlib, zlib };
  })
  .sort((a, b) => b.gzip - a.gzip);

const kb = (bytes: number) => `${bytes.toLocaleString('en-US')} B`.padStart(12);
console.log('\nBuild sizes (Chrome MV3, production build)');
console.log(
  `  ${'file'.padEnd(44)} ${'raw'.padStart(12)} ${'gzip -9'.padStart(12)} ${'zlib 9'.padStart(12)}`,
);
for (const { file, raw, gzip, zlib } of sizes)
  console.log(`  ${file.padEnd(44)} ${kb(raw)} ${kb(gzip)} ${kb(zlib)}`);
const content = sizes.find((entry) => entry.file === join('content-scripts', 'sidebar.js'));
if (!content) throw new Error('no content-scripts/sidebar.js in the build');
const met = content.gzip <= BUDGET_GZIP_BYTES;
console.log(
  `${met ? 'met ' : 'MISS'}  content script ≤ ${BUDGET_GZIP_BYTES.toLocaleString('en-US')} bytes gzipped: ${content.gzip.toLocaleString('en-US')} bytes by gzip -9 (${((content.gzip / BUDGET_GZIP_BYTES) * 100).toFixed(1)}% of the budget; zlib ${content.zlib.toLocaleString('en-US')})`,
);
