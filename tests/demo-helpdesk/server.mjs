#!/usr/bin/env node
/**
 * The bundled demo helpdesk: a small, dependency-free web app that looks and behaves enough like a
 * real helpdesk for Keel's demo and e2e tests. Replies are kept in memory per ticket.
 *
 * DOM contract (Keel's "demo" adapter reads exactly this; keep it stable):
 *   <html data-helpdesk="keel-demo">, <meta name="generator" content="keel-demo-helpdesk">
 *   .hd-agent[data-agent-name]                         signed-in agent, in the top bar
 *   main.hd-ticket[data-ticket-id]                     the open ticket
 *     h1.hd-subject
 *     dl.hd-fields dd[data-field=type|requester|tags|priority]   (requester has data-email,
 *                                                      tags hold span.hd-tag)
 *     ol.hd-conversation li.hd-message[data-author=customer|agent] .hd-message-body
 *     form.hd-composer .hd-editor[contenteditable] button.hd-send p.hd-error[hidden]
 *
 * Sending: a submit with a blank reply is cancelled (preventDefault) and shows .hd-error. Any other
 * submit is NOT cancelled: the form posts natively into a hidden iframe, so "the submit event was not
 * default-prevented" means "the page sent it". When the server has stored the reply, the page appends
 * it as an agent message, clears the editor and dispatches `hd-reply-sent` (detail: { text }) on the
 * form. Ctrl+Enter (or Cmd+Enter) in the editor submits the form.
 *
 * Beside this file: data.json (the agent and sample tickets), pages.mjs (the page templates),
 * style.css and composer.js (the page's style and the composer's behaviour, inlined into each page).
 *
 * Usage: node tests/demo-helpdesk/server.mjs [--port 4173]
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { notFoundPage, queuePage, SAMPLE_TICKETS, ticketPage } from './pages.mjs';

async function readBody(request, limit = 100_000) {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > limit) throw new Error('body too large');
  }
  return body;
}

/** Reply text from a native form post (urlencoded) or a JSON post `{ "body": "…" }`. */
function replyFromBody(contentType, raw) {
  if (contentType.includes('application/json')) {
    const parsed = JSON.parse(raw);
    return typeof parsed?.body === 'string' ? parsed.body : '';
  }
  return new URLSearchParams(raw).get('body') ?? '';
}

function channelFromBody(contentType, raw) {
  if (contentType.includes('application/json'))
    return JSON.parse(raw)?.channel === 'note' ? 'note' : 'public';
  return new URLSearchParams(raw).get('channel') === 'note' ? 'note' : 'public';
}

function send(response, status, contentType, body) {
  response.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'cache-control': 'no-store',
  });
  response.end(body);
}

/**
 * Starts the demo helpdesk on 127.0.0.1. `port: 0` picks a free port. Each server keeps its own
 * replies, so tests that start their own never see each other's.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startDemoHelpdesk({ port = 0 } = {}) {
  const tickets = structuredClone(SAMPLE_TICKETS);
  /** @type {Map<string, string[]>} */
  const replies = new Map();
  const notes = new Map();

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (request.method === 'GET' && (path === '/' || path === '/tickets')) {
        return send(response, 200, 'text/html', queuePage(tickets));
      }
      const ticketMatch = /^\/tickets\/([^/]+)$/.exec(path);
      if (request.method === 'GET' && ticketMatch) {
        const ticket = tickets.find((candidate) => candidate.id === ticketMatch[1]);
        if (!ticket) return send(response, 404, 'text/html', notFoundPage());
        return send(
          response,
          200,
          'text/html',
          ticketPage(tickets, ticket, replies.get(ticket.id) ?? [], notes.get(ticket.id) ?? []),
        );
      }
      const replyMatch = /^\/tickets\/([^/]+)\/replies$/.exec(path);
      if (replyMatch && request.method === 'GET') {
        return send(response, 200, 'application/json', JSON.stringify(replies.get(replyMatch[1]) ?? []));
      }
      if (replyMatch && request.method === 'POST') {
        const ticket = tickets.find((candidate) => candidate.id === replyMatch[1]);
        if (!ticket) return send(response, 404, 'text/plain', 'no such ticket');
        const raw = await readBody(request);
        const text = replyFromBody(request.headers['content-type'] ?? '', raw);
        if (text.trim() === '') return send(response, 422, 'text/plain', 'Write a reply before sending');
        // Internal notes are kept apart: they never reach the customer.
        const store =
          channelFromBody(request.headers['content-type'] ?? '', raw) === 'note' ? notes : replies;
        const list = store.get(ticket.id) ?? [];
        list.push(text);
        store.set(ticket.id, list);
        return send(response, 201, 'text/html', '<!doctype html><title>Sent</title><p>Reply sent.</p>');
      }
      if (path === '/favicon.ico') {
        response.writeHead(204);
        return response.end();
      }
      return send(response, 404, 'text/html', notFoundPage());
    } catch (error) {
      return send(response, 400, 'text/plain', String(error instanceof Error ? error.message : error));
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${boundPort}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag >= 0 ? Number(process.argv[portFlag + 1]) : 4173;
  const helpdesk = await startDemoHelpdesk({ port });
  console.log(
    `Demo helpdesk running at ${helpdesk.url}/ (tickets: ${SAMPLE_TICKETS.map((t) => t.id).join(', ')})`,
  );
  const stop = async () => {
    await helpdesk.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
