import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSameOrigin, parseJson } from '@/utils/adapters/same-origin';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchSameOrigin, the one way RT and Zendesk ask their own helpdesk', () => {
  it.each<[string, 'json' | 'html', () => Promise<Response>, string | null]>([
    [
      'returns the body of a JSON answer asked as JSON',
      'json',
      async () => new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }),
      '{"a":1}',
    ],
    [
      'returns the body of an HTML answer asked as HTML',
      'html',
      async () => new Response('<p>x</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      '<p>x</p>',
    ],
    [
      'gives null for a login page served where JSON was asked',
      'json',
      async () => new Response('<form>', { headers: { 'content-type': 'text/html' } }),
      null,
    ],
    [
      'gives null for an error status',
      'html',
      async () => new Response('<p>no</p>', { status: 403, headers: { 'content-type': 'text/html' } }),
      null,
    ],
    [
      'gives null when the request fails',
      'json',
      async () => {
        throw new TypeError('Failed to fetch');
      },
      null,
    ],
  ])('%s', async (_label, accept, answer, expected) => {
    const fetch = vi.fn(answer);
    vi.stubGlobal('fetch', fetch);
    expect(await fetchSameOrigin('https://acme.example/api', accept, 1000)).toBe(expected);
    expect(fetch).toHaveBeenCalledWith(
      'https://acme.example/api',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
  });

  it.each([
    ['{"ticket":{"id":5}}', { ticket: { id: 5 } }],
    ['not json', null],
    [null, null],
  ])('parses %j as JSON, null when it is none', (text, expected) => {
    expect(parseJson(text)).toEqual(expected);
  });
});
