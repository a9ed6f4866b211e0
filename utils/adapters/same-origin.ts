/**
 * Requests an adapter makes to its own helpdesk, from the helpdesk's page, with the agent's session
 * (credentials 'same-origin'), a short timeout, and nothing but null on any failure: the page's
 * reading never waits long on them nor breaks for them.
 */

/** GET a same-origin resource with the agent's session: the body of a 2xx answer, else null. */
export type FetchText = (url: string, accept: 'json' | 'html') => Promise<string | null>;

/** GET a same-origin JSON resource with the agent's session; null on any failure or timeout. */
export type FetchJson = (url: string) => Promise<unknown>;

/** The body of a 2xx answer of the type asked for (JSON or HTML); null otherwise, or after `timeoutMs`. */
export async function fetchSameOrigin(
  url: string,
  accept: 'json' | 'html',
  timeoutMs: number,
): Promise<string | null> {
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: accept === 'json' ? 'application/json' : 'text/html' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const type = response.headers.get('content-type') ?? '';
    if (accept === 'json' ? !type.includes('json') : !type.includes('html')) return null;
    return await response.text();
  } catch {
    return null;
  }
}

/** Parsed JSON, or null for no text or text that is not JSON. */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A JSON object (not an array, not null): what an answer's fields are read from. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
