#!/usr/bin/env node
// Runs every tests/bench/*.bench.ts with `npx tsx`, one after another (benches must not compete
// for the CPU), and exits non-zero if any bench fails to run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(root, 'tests', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((filter) => name.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`No bench files in ${benchDir}${only.length ? ` matching ${only.join(', ')}` : ''}`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync('npx', ['tsx', join('tests', 'bench', file)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} failed (${run.signal ?? `exit ${run.status}`})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
