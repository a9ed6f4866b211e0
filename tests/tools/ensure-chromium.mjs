#!/usr/bin/env node
/**
 * Finds the Chromium the e2e tests and the demo drive (Playwright cannot download browsers here).
 * Looks at KEEL_CHROMIUM, then the usual Debian/Ubuntu paths. When none exists and we run as root
 * on Debian (as CI does), installs Debian's `chromium` package; anywhere else it says exactly what
 * to install and exits 1.
 *
 * Usage: node tests/tools/ensure-chromium.mjs   (prints the path it found or installed)
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium executable to use, or null. KEEL_CHROMIUM wins when set. */
export function findChromium() {
  const fromEnv = process.env.KEEL_CHROMIUM;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : null;
  return CANDIDATES.find(isExecutable) ?? null;
}

/** What a person should run to get a Chromium Keel's tests can drive. */
export function installAdvice() {
  return [
    'Keel needs a Chromium to run its browser tests and demo (Playwright does not download one here).',
    'Install one of:',
    '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
    '  Fedora:         sudo dnf install -y chromium',
    '  Arch:           sudo pacman -S chromium',
    'or point KEEL_CHROMIUM at a Chromium or Chrome executable: KEEL_CHROMIUM=/path/to/chromium npm test',
  ].join('\n');
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/**
 * Returns the Chromium path, installing Debian's package first when that is possible and allowed.
 * Throws with install advice when there is none.
 * @param {{ install?: boolean }} [options]
 */
export function ensureChromium({ install = true } = {}) {
  const found = findChromium();
  if (found) return found;
  if (process.env.KEEL_CHROMIUM) {
    throw new Error(
      `KEEL_CHROMIUM=${process.env.KEEL_CHROMIUM} is not an executable file.\n${installAdvice()}`,
    );
  }
  const canInstall = install && process.getuid?.() === 0 && existsSync('/etc/debian_version');
  if (!canInstall)
    throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}).\n${installAdvice()}`);
  console.log("No Chromium found; installing Debian's chromium package (running as root on Debian).");
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);
  const installed = findChromium();
  if (!installed)
    throw new Error(`apt-get installed chromium but no executable appeared.\n${installAdvice()}`);
  return installed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const path = ensureChromium();
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`Chromium: ${path}${version ? ` (${version})` : ''}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
