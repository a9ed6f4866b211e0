#!/usr/bin/env node
/**
 * `npm test`: every check, in order, stopping at the first failure.
 *   chromium → type check → lint → unit tests → build → e2e in real Chromium
 * Two builds: the test build (KEEL_TEST_BUILD=1: local hosts and the demo adapter) in
 * .tmp/e2e-build and the store build in .tmp/e2e-build-store; the e2e suite reuses both
 * (KEEL_SKIP_BUILD=1) and loads the store build wherever it needs no local host.
 * Ends with a line "N passed, N failed[, N skipped]" counting the stages.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const buildDir = join(root, '.tmp', 'e2e-build');

const stages = [
  {
    name: 'chromium',
    command: process.execPath,
    args: [join(root, 'tests', 'tools', 'ensure-chromium.mjs')],
  },
  {
    // The e2e suite works a reply in a real Request Tracker 5 (installed from Debian's packages).
    name: 'request tracker',
    command: process.execPath,
    args: [join(root, 'tests', 'rt', 'ensure-rt.mjs')],
  },
  { name: 'type check', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'lint', command: bin('biome'), args: ['check', '.'] },
  { name: 'unit tests', command: bin('vitest'), args: ['run'] },
  {
    name: 'build (test)',
    command: bin('wxt'),
    args: ['build'],
    env: { KEEL_OUT_DIR: buildDir, KEEL_TEST_BUILD: '1' },
  },
  {
    name: 'build (store)',
    command: bin('wxt'),
    args: ['build'],
    env: { KEEL_OUT_DIR: `${buildDir}-store`, KEEL_TEST_BUILD: '' },
  },
  {
    name: 'e2e (Chromium)',
    command: bin('vitest'),
    args: ['run', '--config', 'vitest.e2e.config.ts'],
    env: { KEEL_SKIP_BUILD: '1' },
  },
];

const results = [];
for (const stage of stages) {
  if (results.some((result) => result.status === 'failed')) {
    results.push({ name: stage.name, status: 'skipped' });
    continue;
  }
  console.log(`\n━━ ${stage.name}: ${[stage.command.replace(`${root}/`, ''), ...stage.args].join(' ')}`);
  const started = Date.now();
  const run = spawnSync(stage.command, stage.args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...stage.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  const why = run.error
    ? run.error.message
    : run.signal
      ? `killed by ${run.signal}`
      : `exit code ${run.status}`;
  results.push({
    name: stage.name,
    status: ok ? 'passed' : 'failed',
    detail: ok ? `${seconds}s` : `${why}, ${seconds}s`,
  });
}

const mark = { passed: '✓', failed: '✗', skipped: '-' };
console.log('\n━━ Summary');
for (const result of results) {
  console.log(
    `  ${mark[result.status]} ${result.name.padEnd(16)} ${result.status}${result.detail ? ` (${result.detail})` : ''}`,
  );
}
const count = (status) => results.filter((result) => result.status === status).length;
const failed = count('failed');
const skipped = count('skipped');
if (failed > 0) {
  const first = results.find((result) => result.status === 'failed');
  console.log(`\nnpm test failed at "${first?.name}"; the stages after it did not run.`);
}
console.log(`${count('passed')} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
