import type { StepCheck } from '../../playbook/schema';
import { trimEndChars } from '../../trim';
import type { Span } from '../types';
import type { CheckContext, CheckOutcome } from './context';

// Fixed patterns of ours (never a playbook's), tried only where a link can be: "://", "www." or a
// slash after a dotted host. Anchored, so each candidate costs one short match.
const SCHEME_LINK = /^(?:https?:\/\/|www\.)[^\s<>"'`)\]]+/i;
const BARE_LINK = /^(?:[a-z0-9-]+\.)+[a-z]{2,24}\/[^\s<>"'`)\]]*/i;
const TOKEN_BOUNDARY = /[\s<>"'`([]/;

export interface FoundLink extends Span {
  host: string;
}

function tokenStart(text: string, from: number): number {
  let start = from;
  while (start > 0 && !TOKEN_BOUNDARY.test(text.charAt(start - 1))) start--;
  return start;
}

export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  let searchFrom = 0;
  while (searchFrom < text.length) {
    const slash = text.indexOf('/', searchFrom);
    const www = text.indexOf('www.', searchFrom);
    const hit = slash === -1 ? www : www === -1 ? slash : Math.min(slash, www);
    if (hit === -1) break;
    const start = tokenStart(text, hit);
    const rest = text.slice(start, start + 2048);
    const match = SCHEME_LINK.exec(rest) ?? BARE_LINK.exec(rest);
    if (!match) {
      // Every candidate in this token starts at the same place: skip the token (keeps this linear).
      let end = hit + 1;
      while (end < text.length && !TOKEN_BOUNDARY.test(text.charAt(end))) end++;
      searchFrom = end;
      continue;
    }
    // A sentence's full stop or comma after a link is not part of it.
    const url = trimEndChars(match[0], '.,;:!?');
    const host = url
      .replace(/^https?:\/\//i, '')
      .split(/[/?#:]/)[0]
      ?.toLowerCase()
      .replace(/\.$/, '');
    if (host) links.push({ start, end: start + url.length, host });
    searchFrom = start + Math.max(1, match[0].length);
  }
  return links;
}

function hostMatches(host: string, allowed: string): boolean {
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  const wanted = allowed.startsWith('www.') ? allowed.slice(4) : allowed;
  return bare === wanted || bare.endsWith(`.${wanted}`);
}

export function checkLink(context: CheckContext, check: Extract<StepCheck, { kind: 'link' }>): CheckOutcome {
  const links = findLinks(context.reply.text);
  const hosts = check.hosts ?? [];
  const counted =
    hosts.length === 0 ? links : links.filter((link) => hosts.some((host) => hostMatches(link.host, host)));
  if (counted.length > 0)
    return { status: 'pass', evidence: counted.map(({ start, end }) => ({ start, end })) };
  if (hosts.length === 0) return { status: 'fail', reason: 'No link in the reply', evidence: [] };
  const reason =
    links.length > 0
      ? `Links go to ${[...new Set(links.map((link) => link.host))].join(', ')}, not ${hosts.join(' or ')}`
      : `No link to ${hosts.join(' or ')}`;
  return { status: 'fail', reason, evidence: [] };
}
