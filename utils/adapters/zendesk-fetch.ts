/**
 * What the Zendesk adapter asks Zendesk's own API for, with the agent's session (https pages only):
 * the ticket's type, tags and requester, and the signed-in agent's name. A ticket is asked at most
 * once per `cacheMs`; the agent once per page.
 */
import { type FetchJson, fetchSameOrigin, isRecord, parseJson } from './same-origin';

export type { FetchJson } from './same-origin';

/** What the same-origin API tells about a ticket, trimmed to what Keel reads. */
export interface ZendeskApiTicket {
  type?: string;
  tags: string[];
  requester?: { name?: string; email?: string };
}

export interface ZendeskApiOptions {
  /** Replaced in tests; the default calls `fetch` with credentials 'same-origin' and a short timeout. */
  fetchJson?: FetchJson;
  /** The API is asked at most once per ticket in this window. */
  cacheMs?: number;
  now?: () => number;
}

const API_TIMEOUT_MS = 1500;
const API_CACHE_MS = 60_000;

const fetchJsonFromZendesk: FetchJson = async (url) =>
  parseJson(await fetchSameOrigin(url, 'json', API_TIMEOUT_MS));

const stringOr = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined;

export function createZendeskApi(options: ZendeskApiOptions = {}): {
  readApiTicket: (origin: string, id: string) => Promise<ZendeskApiTicket | null>;
  readAgentName: (origin: string) => Promise<string | undefined>;
} {
  const fetchJson = options.fetchJson ?? fetchJsonFromZendesk;
  const cacheMs = options.cacheMs ?? API_CACHE_MS;
  const now = options.now ?? Date.now;
  const apiCache = new Map<string, { at: number; ticket: Promise<ZendeskApiTicket | null> }>();
  let agentName: Promise<string | undefined> | null = null;

  const readApiTicket = (origin: string, id: string): Promise<ZendeskApiTicket | null> => {
    const cached = apiCache.get(id);
    if (cached && now() - cached.at < cacheMs) return cached.ticket;
    const ticket = (async (): Promise<ZendeskApiTicket | null> => {
      const body = await fetchJson(`${origin}/api/v2/tickets/${id}.json`);
      const raw = isRecord(body) && isRecord(body.ticket) ? body.ticket : null;
      if (!raw) return null;
      const tags = Array.isArray(raw.tags)
        ? raw.tags.filter((tag): tag is string => typeof tag === 'string')
        : [];
      let requester: ZendeskApiTicket['requester'];
      if (typeof raw.requester_id === 'number' || typeof raw.requester_id === 'string') {
        const userBody = await fetchJson(`${origin}/api/v2/users/${raw.requester_id}.json`);
        const user = isRecord(userBody) && isRecord(userBody.user) ? userBody.user : null;
        if (user) requester = { name: stringOr(user.name), email: stringOr(user.email) };
      }
      return { type: stringOr(raw.type)?.toLowerCase(), tags: tags.map((t) => t.toLowerCase()), requester };
    })();
    apiCache.set(id, { at: now(), ticket });
    return ticket;
  };

  const readAgentName = (origin: string): Promise<string | undefined> => {
    agentName ??= (async () => {
      const body = await fetchJson(`${origin}/api/v2/users/me.json`);
      const user = isRecord(body) && isRecord(body.user) ? body.user : null;
      // Anonymous "me" has id null: that is no agent.
      return user && user.id != null ? stringOr(user.name) : undefined;
    })();
    return agentName;
  };

  return { readApiTicket, readAgentName };
}
