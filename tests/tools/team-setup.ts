/**
 * npm run team:setup -- --url http://127.0.0.1:5984 --database keel-team --admin admin:pass
 *   [--per-agent-users] [--purge-days N] [--erase-agent NAME]
 * Creates the database if needed, installs (or upgrades) the design document and _security.
 * --purge-days deletes records older than N days; --erase-agent deletes one agent's records.
 */
import { DESIGN_ID, designDoc, securityDoc } from '../../utils/team/design';

export interface SetupOptions {
  url: string;
  database: string;
  admin: string;
  perAgentUsers: boolean;
  purgeDays?: number;
  eraseAgent?: string;
}

async function call(options: SetupOptions, method: string, path: string, body?: unknown): Promise<Response> {
  const [user, ...rest] = options.admin.split(':');
  const auth = `Basic ${Buffer.from(`${user}:${rest.join(':')}`).toString('base64')}`;
  return fetch(`${options.url.replace(/\/+$/, '')}/${encodeURIComponent(options.database)}${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Deletes the documents a view's rows name (ids), in batches. Resolves how many. */
async function deleteRows(options: SetupOptions, query: string): Promise<number> {
  const rows = (await (await call(options, 'GET', `/${DESIGN_ID}/_view/${query}`)).json()) as {
    rows: { id: string }[];
  };
  let deleted = 0;
  for (let i = 0; i < rows.rows.length; i += 500) {
    const ids = rows.rows.slice(i, i + 500).map((row) => row.id);
    const all = (await (await call(options, 'POST', '/_all_docs', { keys: ids })).json()) as {
      rows: { id: string; value?: { rev: string } }[];
    };
    const docs = all.rows.flatMap((row) =>
      row.value ? [{ _id: row.id, _rev: row.value.rev, _deleted: true }] : [],
    );
    await call(options, 'POST', '/_bulk_docs', { docs });
    deleted += docs.length;
  }
  return deleted;
}

export async function setupTeam(options: SetupOptions): Promise<Record<string, unknown>> {
  const created = await call(options, 'PUT', '');
  if (!created.ok && created.status !== 412) throw new Error(`creating the database: ${created.status}`);
  const existing = await call(options, 'GET', `/${DESIGN_ID}`);
  const rev = existing.ok ? ((await existing.json()) as { _rev: string })._rev : undefined;
  const put = await call(options, 'PUT', `/${DESIGN_ID}`, {
    ...designDoc(options),
    ...(rev ? { _rev: rev } : {}),
  });
  if (!put.ok) throw new Error(`installing the design document: ${put.status} ${await put.text()}`);
  const security = await call(options, 'PUT', '/_security', securityDoc());
  if (!security.ok) throw new Error(`setting _security: ${security.status}`);
  const report: Record<string, unknown> = { database: options.database, design: 'installed' };
  if (options.purgeDays !== undefined) {
    const before = Date.now() - options.purgeDays * 86_400_000;
    report.purged = await deleteRows(options, `by_time?endkey=${before}`);
  }
  if (options.eraseAgent !== undefined) {
    const agent = JSON.stringify(options.eraseAgent);
    report.erased = await deleteRows(
      options,
      `by_agent?startkey=${encodeURIComponent(`[${agent}]`)}&endkey=${encodeURIComponent(`[${agent},{}]`)}`,
    );
  }
  return report;
}

function parseArgs(argv: string[]): SetupOptions {
  const get = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at === -1 ? undefined : argv[at + 1];
  };
  const url = get('url');
  const database = get('database');
  const admin = get('admin');
  if (!url || !database || !admin) throw new Error('usage: --url URL --database NAME --admin user:pass');
  const purge = get('purge-days');
  const erase = get('erase-agent');
  return {
    url,
    database,
    admin,
    perAgentUsers: argv.includes('--per-agent-users'),
    ...(purge !== undefined ? { purgeDays: Number(purge) } : {}),
    ...(erase !== undefined ? { eraseAgent: erase } : {}),
  };
}

if (process.argv[1]?.endsWith('team-setup.ts')) {
  setupTeam(parseArgs(process.argv.slice(2))).then(
    (report) => console.log(JSON.stringify(report)),
    (error: unknown) => {
      console.error(String(error));
      process.exitCode = 1;
    },
  );
}
