/**
 * A real CouchDB protocol server for tests and benches: `pouchdb-server` (npm devDependency; Apache
 * CouchDB is not in Debian's archive) on a free 127.0.0.1 port, its files in a temp folder so a
 * test can kill it mid-push and start it again on the same data. Stop it with `stop()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

export const ADMIN = { name: 'admin', password: 'keel-admin-pw' } as const;

export interface CouchServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** The data folder (kept across `kill`/`start`). */
  dir: string;
  /** `Basic …` for the server admin. */
  adminAuth: string;
  /** Kills the server at once (SIGKILL: no clean shutdown, as a crash or a pulled cable). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Kills it and deletes its data. */
  stop(): Promise<void>;
  /** Creates (or updates) a CouchDB user with these roles. */
  addUser(name: string, password: string, roles: string[]): Promise<void>;
  /** A request as the admin; resolves the parsed JSON body, throws on a non-2xx answer. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export function basicAuth(name: string, password: string): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

async function freePort(): Promise<number> {
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

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode}): ${log()}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pouchdb-server did not answer at ${url} within 30 s: ${log()}`);
}

/**
 * Starts pouchdb-server on 127.0.0.1 with its database files on disk in a new temp folder, and
 * makes `ADMIN` its server admin (so it is no longer an "admin party"). `inMemory` keeps the
 * databases in memory (faster; a restart forgets them, the admin and users included).
 */
export async function startCouch(options: { inMemory?: boolean } = {}): Promise<CouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'keel-couch-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminAuth = basicAuth(ADMIN.name, ADMIN.password);
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    output = '';
    const started = spawn(
      process.execPath,
      [
        BIN,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        join(dir, 'data'),
        '--config',
        join(dir, 'config.json'),
        '--no-stdout-logs',
        ...(options.inMemory ? ['--in-memory'] : []),
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    child = started;
    await waitUntilUp(url, started, () => output);
  };

  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };

  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: adminAuth, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };

  await start();
  // The config file lives in `dir`, so the admin survives a restart.
  const created = await fetch(`${url}/_config/admins/${ADMIN.name}`, {
    method: 'PUT',
    body: JSON.stringify(ADMIN.password),
  });
  if (!created.ok) throw new Error(`could not create the server admin: ${created.status}`);

  return {
    url,
    port,
    dir,
    adminAuth,
    kill,
    start,
    admin,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
    async addUser(name, password, roles) {
      const id = `org.couchdb.user:${name}`;
      const existing = await fetch(`${url}/_users/${encodeURIComponent(id)}`, {
        headers: { Authorization: adminAuth },
      });
      const rev = existing.ok ? ((await existing.json()) as { _rev: string })._rev : undefined;
      await admin('PUT', `/_users/${encodeURIComponent(id)}`, {
        _id: id,
        ...(rev ? { _rev: rev } : {}),
        name,
        password,
        roles,
        type: 'user',
      });
    },
  };
}
