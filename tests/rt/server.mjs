#!/usr/bin/env node
/**
 * Starts and seeds Debian's Request Tracker 5 for Keel's e2e tests (install it first with
 * tests/rt/ensure-rt.mjs). RT runs from its standalone Plack server as the current user, which must
 * be able to write RT's SQLite database (/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb,
 * root:www-data 0660): root, or a member of www-data.
 *
 * Usage: node tests/rt/server.mjs [--port 8080]   (seeds, starts, prints the URL, runs until Ctrl+C)
 */
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RT_SERVER } from './ensure-rt.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves with the status of any HTTP answer, rejects when nothing listens. */
function httpStatus(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end();
  });
}

/**
 * Seeds RT (queue, agent, customer, tickets) through its Perl API; idempotent.
 * @returns {{ queue: string, agent: { name: string, realName: string, password: string }, tickets: { refund: number, bug: number } }}
 */
export function seedRt() {
  const result = spawnSync('perl', [join(HERE, 'seed.pl')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tests/rt/seed.pl failed (${result.status}):\n${result.stderr}`);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine);
}

/**
 * Starts RT's standalone server on 127.0.0.1 and waits until it answers HTTP (the login page
 * answers 302, which counts). `port: 0`, the default, picks a free port; RT's config follows it
 * through KEEL_RT_PORT, so redirects and its Referer check agree with the returned URL.
 * @param {{ port?: number, timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, startSeconds: number, close(): Promise<void> }>}
 */
export async function startRt({ port = 0, timeoutMs = 30_000 } = {}) {
  const started = Date.now();
  const chosenPort = port || (await freePort());
  const child = spawn(RT_SERVER, ['--host', '127.0.0.1', '--port', String(chosenPort), '--webpath', '/rt'], {
    env: { ...process.env, KEEL_RT_PORT: String(chosenPort) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', resolve));
  child.once('exit', () => {
    exited = true;
  });
  const close = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitedPromise;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${chosenPort}/rt`;
  while (true) {
    if (exited) throw new Error(`rt-server exited before answering:\n${stderr}`);
    if (Date.now() - started > timeoutMs) {
      await close();
      throw new Error(`rt-server did not answer on ${url} within ${timeoutMs} ms:\n${stderr}`);
    }
    try {
      await httpStatus(`${url}/NoAuth/Login.html`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, port: chosenPort, startSeconds: (Date.now() - started) / 1000, close };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 8080;
  const seed = seedRt();
  const rt = await startRt({ port });
  console.log(`Request Tracker on ${rt.url} (started in ${rt.startSeconds.toFixed(1)} s)`);
  console.log(
    `Log in as ${seed.agent.name} / ${seed.agent.password}; tickets: ${JSON.stringify(seed.tickets)}`,
  );
  const stop = () => rt.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
