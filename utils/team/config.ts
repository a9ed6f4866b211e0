import { browser } from 'wxt/browser';
import { readManagedStorage } from '../config/policy';
import { trimEndChars } from '../trim';

/**
 * Where this browser's records go: the team's CouchDB (or Cloudant). From the administrator's
 * policy (`storage.managed` key `team`) or, for a small team without one, the options page
 * (storage.local key `teamConfig`, never part of a backup). Credentials travel only to `url`.
 */
export type TeamConfig = TeamConfigBase & (TeamBasicAuth | TeamTokenAuth);

interface TeamConfigBase {
  /** The server's base URL, http(s), no credentials in it, e.g. `https://couch.example.com`. */
  url: string;
  database: string;
  /** Where it came from: a policy cannot be changed on the options page. */
  source: 'policy' | 'options';
}
interface TeamBasicAuth {
  username: string;
  password: string;
  token?: undefined;
}
interface TeamTokenAuth {
  /** A JWT issued by the team's identity provider (CouchDB's `jwt_authentication_handler`). */
  token: string;
  username?: undefined;
  password?: undefined;
}

/** storage.local key of the options-page team store. */
export const TEAM_CONFIG_KEY = 'teamConfig';

/** CouchDB database names: lowercase letter first, then lowercase letters, digits and `_$()+-/`. */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

export type TeamConfigResult =
  | { ok: true; config: TeamConfig }
  | { ok: false; path: string; message: string };

/** Validates a team store setting as a policy or the options page holds it. Pure. */
export function parseTeamConfig(raw: unknown, source: TeamConfig['source']): TeamConfigResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, path: 'team', message: 'must be an object' };
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!['url', 'database', 'username', 'password', 'token'].includes(key)) {
      return { ok: false, path: `team.${key}`, message: `unknown setting "${key}"` };
    }
  }
  let url: URL;
  try {
    url = new URL(String(input.url ?? ''));
  } catch {
    return { ok: false, path: 'team.url', message: 'must be an http or https address' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    return { ok: false, path: 'team.url', message: 'must be an http or https address without credentials' };
  }
  const database = input.database;
  if (typeof database !== 'string' || !DATABASE_NAME.test(database)) {
    return { ok: false, path: 'team.database', message: 'must be a CouchDB database name (lowercase)' };
  }
  const base = { url: trimEndChars(url.href, '/'), database, source };
  if (typeof input.token === 'string' && input.token !== '') {
    if (input.username !== undefined || input.password !== undefined) {
      return { ok: false, path: 'team.token', message: 'use a token or a username and password, not both' };
    }
    return { ok: true, config: { ...base, token: input.token } };
  }
  if (typeof input.username !== 'string' || input.username === '' || typeof input.password !== 'string') {
    return { ok: false, path: 'team.username', message: 'needs a username and password, or a token' };
  }
  return { ok: true, config: { ...base, username: input.username, password: input.password } };
}

/** The Authorization header for `config`. */
export function authorizationOf(config: TeamConfig): string {
  if (config.token !== undefined) return `Bearer ${config.token}`;
  const bytes = new TextEncoder().encode(`${config.username}:${config.password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** A secret as the options page may show it: its length hidden, at most its last 2 characters. */
export function maskSecret(secret: string): string {
  return secret.length < 8 ? '••••••' : `••••••${secret.slice(-2)}`;
}

/** The team store in force: the policy's when it has one (even a bad one), else the options page's. */
export async function loadTeamConfig(): Promise<TeamConfigResult | null> {
  const managed = await readManagedStorage();
  if (managed.team !== undefined) return parseTeamConfig(managed.team, 'policy');
  const stored = (await browser.storage.local.get(TEAM_CONFIG_KEY))[TEAM_CONFIG_KEY];
  return stored === undefined ? null : parseTeamConfig(stored, 'options');
}
