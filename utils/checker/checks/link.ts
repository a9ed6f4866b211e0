import type { StepCheck } from '../../playbook/schema';
import type { Span } from '../types';
import type { CheckContext, CheckOutcome } from './context';

// Fixed patterns of ours (never a playbook's): a scheme or "www." link, or a bare host with a path.
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]+|(?<![\w@./-])(?:[a-z0-9-]+\.)+[a-z]{2,24}\/[^\s<>"'`)\]]*/gi;

export interface FoundLink extends Span {
  host: string;
}

export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  LINK.lastIndex = 0;
  for (let match = LINK.exec(text); match !== null; match = LINK.exec(text)) {
    // A sentence's full stop or comma after a link is not part of it.
    const url = match[0].replace(/[.,;:!?]+$/, '');
    const host = url
      .replace(/^https?:\/\//i, '')
      .split(/[/?#:]/)[0]
      ?.toLowerCase()
      .replace(/\.$/, '');
    if (host) links.push({ start: match.index, end: match.index + url.length, host });
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
