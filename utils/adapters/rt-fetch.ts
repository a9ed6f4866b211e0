/**
 * What the RT adapter asks Request Tracker for, with the agent's own session: the requestors
 * (REST 2.0, or the Display page when REST 2.0 is off) and the ticket history (the fragment the
 * Display page loads), and how their answers are read.
 */
import { trimLineEnds } from '../trim';
import { rtSelectors } from './rt-selectors';
import { type FetchText, fetchSameOrigin, isRecord, parseJson } from './same-origin';
import { queryAllFirst, queryFirst, textOf } from './selectors';

export type { FetchText } from './same-origin';

const FETCH_TIMEOUT_MS = 3000;

/** The default `FetchText`: `fetch` with the agent's session and a short timeout. */
export const fetchTextFromRt: FetchText = (url, accept) => fetchSameOrigin(url, accept, FETCH_TIMEOUT_MS);

/** RT's web path ("/rt" on Debian's default), read from where the page itself lives. */
export function rtBasePath(url: URL): string {
  const at = url.pathname.indexOf('/Ticket/');
  return at >= 0 ? url.pathname.slice(0, at) : '';
}

/** "María García <maria@example.com>" → name and email (RT shows users that way). */
export function parseRtUser(text: string): { name?: string; email?: string } {
  // "Name <email>" read with indexes: the pattern it replaces backtracked cubically (issue 14).
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('<');
  const email = open >= 0 && trimmed.endsWith('>') ? trimmed.slice(open + 1, -1) : '';
  const at = email.indexOf('@', 1);
  if (at > 0 && at < email.length - 1 && !/[<>\s]/.test(email)) {
    const name = trimmed.slice(0, open).trimEnd();
    return { name: name.replace(/^"|"$/g, '') || undefined, email };
  }
  if (/^[^\s@]+@[^\s@]+$/.test(text.trim())) return { email: text.trim() };
  return { name: text.trim() || undefined };
}

export interface Requestor {
  userId?: string;
  name?: string;
  email?: string;
}

const stringOr = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;

/** Plain text of a history message: `<br>` and blocks become line breaks (parsed pages have no layout). */
function messageText(body: Element): string {
  const clone = body.cloneNode(true) as Element;
  for (const br of Array.from(clone.querySelectorAll('br'))) br.replaceWith('\n');
  for (const block of Array.from(clone.querySelectorAll('div, p, pre, li'))) block.append('\n');
  return trimLineEnds((clone.textContent ?? '').replace(/\u00a0/g, ' '))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The customer's latest message in a ticket history: the newest message transaction written by a
 * requestor; when none is (an agent opened the ticket for them), the newest one not by the agent.
 */
export function latestCustomerMessage(
  history: ParentNode,
  requestorIds: readonly string[],
  agentUserId: string | undefined,
): string {
  const messages = queryAllFirst(history, rtSelectors.messageTransactions)
    .map((transaction) => ({
      id: Number(transaction.dataset.transactionId),
      author: queryFirst(transaction, rtSelectors.transactionAuthor)?.element.dataset.userId,
      body: queryFirst(transaction, rtSelectors.transactionBody)?.element,
    }))
    .filter((message) => message.body)
    // Users may show history newest first; transaction ids always grow.
    .sort((a, b) => a.id - b.id);
  const fromRequestor = messages.filter((m) => m.author && requestorIds.includes(m.author)).at(-1);
  const notByAgent = messages.filter((m) => m.author !== agentUserId).at(-1);
  const chosen = fromRequestor ?? notByAgent;
  return chosen?.body ? messageText(chosen.body) : '';
}

/**
 * Requestors through RT's REST 2.0 API (on by default in RT 5; the browser session is accepted):
 * two small JSON answers, about 0.1 s each. When REST 2.0 is off, the ticket's Display page,
 * which is slower (about 0.6 s) but always there.
 */
export async function readRequestors(
  fetchText: FetchText,
  base: string,
  id: string,
  doc: Document,
): Promise<Requestor[]> {
  const onPage = queryAllFirst(doc, rtSelectors.requestors);
  if (onPage.length > 0) return onPage.map(requestorFromElement);
  const ticket = parseJson(await fetchText(`${base}/REST/2.0/ticket/${id}`, 'json'));
  if (isRecord(ticket) && Array.isArray(ticket.Requestor)) {
    const users = await Promise.all(
      ticket.Requestor.filter(isRecord).map(async (ref) => {
        const name = stringOr(ref.id);
        if (!name) return null;
        const user = parseJson(await fetchText(`${base}/REST/2.0/user/${encodeURIComponent(name)}`, 'json'));
        if (!isRecord(user)) return { email: name.includes('@') ? name : undefined, name };
        const self = Array.isArray(user._hyperlinks)
          ? user._hyperlinks.filter(isRecord).find((link) => link.ref === 'self')
          : undefined;
        return {
          userId: stringOr(self?.id),
          name: stringOr(user.RealName) ?? stringOr(user.Name),
          email: stringOr(user.EmailAddress),
        } satisfies Requestor;
      }),
    );
    return users.filter((user): user is NonNullable<typeof user> => user !== null);
  }
  const display = await fetchText(`${base}/Ticket/Display.html?id=${id}`, 'html');
  if (!display) return [];
  const page = new DOMParser().parseFromString(display, 'text/html');
  return queryAllFirst(page, rtSelectors.requestors).map(requestorFromElement);
}

/** The ticket's history: the page's own once loaded, else the fragment RT's Display page loads. */
export async function readHistory(
  fetchText: FetchText,
  base: string,
  id: string,
  doc: Document,
): Promise<ParentNode | null> {
  // The Display page loads its history after the page; use it once it is there.
  if (queryAllFirst(doc, rtSelectors.messageTransactions).length > 0) return doc;
  const html = await fetchText(`${base}/Helpers/TicketHistory?id=${id}`, 'html');
  return html ? new DOMParser().parseFromString(html, 'text/html') : null;
}

function requestorFromElement(element: HTMLElement): Requestor {
  return { userId: element.dataset.userId, ...parseRtUser(textOf(element)) };
}
