#!/usr/bin/env node
/**
 * Makes sure Request Tracker 5 (Debian's packages, SQLite, standalone server) is installed for the
 * e2e tests. When `rt-server` is missing and we run as root on Debian (as CI does), installs RT
 * non-interactively (debconf preseed) and writes Keel's site config; anywhere else it says exactly
 * what to install and exits 1. Fast (a few stat calls) when RT is already there.
 *
 * The site config reads the port from KEEL_RT_PORT (default 8080) so that tests can start RT on a
 * free port: RT builds its redirects from $WebBaseURL and refuses POSTs whose Referer does not match
 * $WebDomain/$WebPort, so the URL the browser opens must agree with the config.
 *
 * Usage: node tests/rt/ensure-rt.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
export const RT_LIB = '/usr/share/request-tracker5/lib';
const SITE_CONFIG_DIR = '/etc/request-tracker5/RT_SiteConfig.d';
const SITE_CONFIG = `${SITE_CONFIG_DIR}/99-local.pm`;
const PACKAGES = ['request-tracker5', 'rt5-db-sqlite', 'rt5-standalone'];

/** Answers for the packages' debconf questions, so apt-get asks nothing. */
const PRESEED = [
  'request-tracker5 request-tracker5/dbconfig-install boolean true',
  'request-tracker5 request-tracker5/database-type select sqlite3',
  'request-tracker5 request-tracker5/rtname string keel-test',
  'request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1:8080',
  'request-tracker5 request-tracker5/webpath string /rt',
  'request-tracker5 request-tracker5/install-cronjobs boolean false',
  'request-tracker5 request-tracker5/initial-root-password password keel-root-pass',
  'request-tracker5 request-tracker5/correspondaddress string support@keel-test.example',
  'request-tracker5 request-tracker5/commentaddress string support-comment@keel-test.example',
].join('\n');

/** Keel's RT site config. Perl: the port follows KEEL_RT_PORT so a test can pick a free one. */
export const SITE_CONFIG_TEXT = `# Written by Keel's tests/rt/ensure-rt.mjs. RT must agree with the URL the browser opens.
my $keel_port = $ENV{KEEL_RT_PORT} || 8080;
Set($rtname, 'keel-test');
Set($Organization, 'keel-test.example');
Set($WebDomain, '127.0.0.1');
Set($WebPort, $keel_port);
Set($WebPath, '/rt');
Set($WebBaseURL, "http://127.0.0.1:$keel_port");
Set($WebURL, "http://127.0.0.1:$keel_port/rt/");
# Tests send no mail: keep outgoing mail off the machine's MTA.
Set($MailCommand, 'testfile');
Set($LogToSTDERR, 'warning');
1;
`;

/** Whether RT's standalone server is installed. */
export function isRtInstalled() {
  return existsSync(RT_SERVER) && existsSync(`${RT_LIB}/RT.pm`);
}

/** What a person should run to get Request Tracker for Keel's e2e tests. */
export function installAdvice() {
  return [
    "Keel's Request Tracker e2e test needs RT 5 from Debian's packages (Debian 12 or later).",
    'As root, run: node tests/rt/ensure-rt.mjs   (preseeds debconf and installs)',
    'or by hand:',
    '  sudo apt-get update',
    `  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`,
    `and put Keel's site config (see tests/rt/ensure-rt.mjs) in ${SITE_CONFIG}.`,
  ].join('\n');
}

function run(command, args, input) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'],
    input,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/** Writes the site config when it differs; returns whether it wrote. */
function writeSiteConfig() {
  if (existsSync(SITE_CONFIG) && readFileSync(SITE_CONFIG, 'utf8') === SITE_CONFIG_TEXT) return false;
  mkdirSync(SITE_CONFIG_DIR, { recursive: true });
  writeFileSync(SITE_CONFIG, SITE_CONFIG_TEXT);
  return true;
}

/**
 * Installs RT when missing (root on Debian only) and makes sure Keel's site config is in place.
 * Throws with install advice when RT is missing and cannot be installed here.
 * @param {{ install?: boolean }} [options]
 * @returns {{ installed: boolean, seconds: number }} whether this call installed RT, and how long it took
 */
export function ensureRt({ install = true } = {}) {
  const started = Date.now();
  const isRoot = process.getuid?.() === 0;
  if (isRtInstalled()) {
    if (isRoot) writeSiteConfig();
    else if (!existsSync(SITE_CONFIG))
      throw new Error(`RT is installed but ${SITE_CONFIG} is missing.\n${installAdvice()}`);
    return { installed: false, seconds: (Date.now() - started) / 1000 };
  }
  const canInstall = install && isRoot && existsSync('/etc/debian_version');
  if (!canInstall)
    throw new Error(`Request Tracker 5 is not installed (no ${RT_SERVER}).\n${installAdvice()}`);
  console.log("Request Tracker 5 is missing; installing Debian's packages (running as root on Debian).");
  run('debconf-set-selections', [], `${PRESEED}\n`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES]);
  writeSiteConfig();
  if (!isRtInstalled()) throw new Error(`apt-get finished but ${RT_SERVER} is missing.\n${installAdvice()}`);
  return { installed: true, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { installed, seconds } = ensureRt();
    console.log(
      `Request Tracker 5: ${installed ? `installed in ${seconds.toFixed(1)} s` : 'already installed'}`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
