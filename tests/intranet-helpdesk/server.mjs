/**
 * A seeded intranet helpdesk of the kind teams run on plain http (`http://helpdesk.corp`): no
 * JavaScript framework, full-page form posts, a reply box that opens on "Reply", a required
 * "status after reply" field the server checks (a refused post re-renders the form with an error
 * and the draft), a "private note" checkbox, and a second send button that goes back to the queue.
 * Keel has no adapter for it: the e2e suite adds it as a custom site through the options page
 * (tests/e2e/intranet-site.e2e.ts), reached under a made-up host name (Chromium's
 * --host-resolver-rules), so the page is not a secure context.
 */
import { createServer } from 'node:http';

/** @typedef {{ author: 'customer' | 'agent' | 'note', text: string }} Message */
/** @typedef {{ id: number, subject: string, type: string, tags: string[], requester: string, messages: Message[] }} Ticket */

/** @returns {Map<number, Ticket>} */
function seed() {
  return new Map([
    [
      1,
      {
        id: 1,
        subject: 'Refund for a double charge',
        type: 'Refund',
        tags: ['refund', 'billing'],
        requester: 'Jo Baker',
        messages: [
          { author: 'customer', text: 'I ordered a kettle (order #A5521) and was charged twice.' },
          { author: 'customer', text: 'Can I have the second payment back, please?' },
        ],
      },
    ],
    [
      2,
      {
        id: 2,
        subject: 'Parcel has not arrived',
        type: 'Delivery',
        tags: ['delivery'],
        requester: 'Sam Okafor',
        messages: [
          { author: 'customer', text: 'My order #B7730 was due on Monday and has not arrived yet.' },
        ],
      },
    ],
  ]);
}

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/**
 * @param {Ticket} ticket
 * @param {{ error?: string, draft?: string, open?: boolean }} [form]
 */
function ticketPage(ticket, form = {}) {
  const messages = ticket.messages
    .map(
      (m) =>
        `<article class="msg msg-${m.author}">${m.author === 'note' ? '<em>Private note:</em> ' : ''}${escapeHtml(m.text)}</article>`,
    )
    .join('\n    ');
  const open = form.open === true;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>#${ticket.id} ${escapeHtml(ticket.subject)} · Corp Helpdesk</title>
<style>
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; }
header { background: #134e4a; color: #fff; padding: 10px 20px; display: flex; justify-content: space-between; }
main { max-width: 720px; padding: 20px; }
.msg { background: #fff; border: 1px solid #e4e7eb; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.msg-agent { background: #ecfdf5; } .msg-note { background: #fef9c3; }
.form-error { color: #b91c1c; font-weight: 600; }
textarea { width: 100%; min-height: 110px; box-sizing: border-box; font: inherit; }
</style>
</head>
<body>
<header><strong>Corp Helpdesk</strong><span>Signed in as <span class="current-user">Ana Agent</span></span></header>
<main>
  <p><a href="/queue">Queue</a></p>
  <h1 class="ticket-subject">${escapeHtml(ticket.subject)}</h1>
  <p>From <span class="requester-name">${escapeHtml(ticket.requester)}</span>
    · <span class="ticket-type">${escapeHtml(ticket.type)}</span>
    · <span class="ticket-tags">${ticket.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join(' ')}</span></p>
  <section class="thread" aria-label="Conversation">
    ${messages}
  </section>
  <button type="button" id="open-reply"${open ? ' hidden' : ''}>Reply</button>
  <form class="composer" method="post" action="/tickets/${ticket.id}/reply"${open ? '' : ' hidden'}>
    ${form.error ? `<p class="form-error" role="alert">${escapeHtml(form.error)}</p>` : ''}
    <label for="reply-text">Your reply</label>
    <textarea id="reply-text" name="body">${escapeHtml(form.draft ?? '')}</textarea>
    <label><input type="checkbox" id="private" name="private" value="1"> Private note (not sent to the customer)</label>
    <label>Status after reply
      <select name="status" id="status">
        <option value="">Choose…</option><option value="open">Open</option><option value="pending">Pending</option><option value="resolved">Resolved</option>
      </select></label>
    <button type="submit" class="send-reply">Send</button>
    <button type="submit" class="send-reply" name="next" value="queue">Send and go to the queue</button>
  </form>
</main>
<script>
  document.getElementById('open-reply').addEventListener('click', (event) => {
    event.currentTarget.hidden = true;
    document.querySelector('form.composer').hidden = false;
    document.getElementById('reply-text').focus();
  });
</script>
</body>
</html>`;
}

function queuePage(tickets) {
  const rows = [...tickets.values()]
    .map((t) => `<li><a href="/tickets/${t.id}">#${t.id} ${escapeHtml(t.subject)}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue · Corp Helpdesk</title></head>
<body><h1>Queue</h1><ul class="queue">${rows}</ul></body></html>`;
}

/**
 * Starts the helpdesk on 127.0.0.1 (`port: 0` picks a free port). Each server has its own tickets.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ port: number, tickets: Map<number, Ticket>, close(): Promise<void> }>}
 */
export function startIntranetHelpdesk({ port = 0 } = {}) {
  const tickets = seed();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://helpdesk.invalid');
    const send = (status, html, headers = {}) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      response.end(html);
    };
    if (url.pathname === '/' || url.pathname === '/queue') return send(200, queuePage(tickets));
    const match = /^\/tickets\/(\d+)(\/reply)?$/.exec(url.pathname);
    const ticket = match ? tickets.get(Number(match[1])) : undefined;
    if (!ticket) return send(404, '<!doctype html><title>Not found</title><h1>Not found</h1>');
    if (!match?.[2]) return send(200, ticketPage(ticket));
    if (request.method !== 'POST') return send(405, 'POST only');
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const fields = new URLSearchParams(body);
      const text = (fields.get('body') ?? '').trim();
      const isPrivate = fields.get('private') === '1';
      if (!text) return send(200, ticketPage(ticket, { open: true, error: 'Write a reply first.' }));
      // A rule of this helpdesk: a customer reply needs the ticket's next status. Refused, the
      // page comes back with the error and the draft, as intranet tools do.
      if (!isPrivate && !fields.get('status')) {
        return send(
          200,
          ticketPage(ticket, { open: true, error: 'Choose a status after reply.', draft: text }),
        );
      }
      ticket.messages.push({ author: isPrivate ? 'note' : 'agent', text });
      const next = fields.get('next') === 'queue' ? '/queue' : `/tickets/${ticket.id}`;
      response.writeHead(303, { location: next });
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        port: boundPort,
        tickets,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
