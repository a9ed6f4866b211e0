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
 * Usage: node tests/demo-helpdesk/server.mjs [--port 4173]
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const AGENT = { name: 'Sam Rivera', email: 'sam.rivera@northwind-support.example' };

/** Sample tickets, one of each kind Keel's default playbooks know, plus one they do not. */
const SAMPLE_TICKETS = [
  {
    id: '1042',
    subject: 'Refund for order #A10234',
    type: 'refund',
    status: 'open',
    priority: 'normal',
    tags: ['refund', 'vip'],
    requester: { name: 'María García', email: 'maria@example.com' },
    channel: 'Email',
    updated: '12 min ago',
    messages: [
      {
        author: 'customer',
        name: 'María García',
        time: 'Today, 09:14',
        body: [
          'Hello,',
          'I ordered the Aurora stand mixer (order #A10234) two weeks ago and it arrived with a cracked bowl. ' +
            'I would like my money back rather than a replacement, since I needed it for an event this weekend.',
          'I have photos of the damage if you need them. Can you tell me how long the refund will take?',
          'Thanks,\nMaría',
        ],
      },
    ],
  },
  {
    id: '1043',
    subject: 'My package is a week late',
    type: 'delivery',
    status: 'open',
    priority: 'high',
    tags: ['shipping', 'late-delivery'],
    requester: { name: 'Tom Becker', email: 'tom.becker@example.org' },
    channel: 'Web form',
    updated: '35 min ago',
    messages: [
      {
        author: 'customer',
        name: 'Tom Becker',
        time: 'Mon, 16:02',
        body: [
          'Hi, my order #B55810 was supposed to arrive last Tuesday. Tracking has said "in transit" for six days.',
        ],
      },
      {
        author: 'agent',
        name: 'Priya Nair',
        time: 'Mon, 17:40',
        body: [
          'Hi Tom, thanks for reaching out. I have asked the carrier for an update and will get back to you.',
          'Priya',
        ],
      },
      {
        author: 'customer',
        name: 'Tom Becker',
        time: 'Today, 08:31',
        body: [
          'It is now a full week late and still no news. This was a birthday present and the birthday was ' +
            'yesterday. Where is my package, and when will it actually get here?',
        ],
      },
    ],
  },
  {
    id: '1044',
    subject: 'Checkout crashes when I apply a discount code',
    type: 'bug',
    status: 'open',
    priority: 'urgent',
    tags: ['bug', 'checkout', 'web'],
    requester: { name: 'Aisha Khan', email: 'aisha.khan@example.net' },
    channel: 'Chat',
    updated: '1 h ago',
    messages: [
      {
        author: 'customer',
        name: 'Aisha Khan',
        time: 'Today, 07:55',
        body: [
          'Your checkout page is broken. Every time I enter the code SPRING15 and press Apply, the page goes ' +
            'blank and my cart is emptied. I tried Chrome and Firefox on Windows 11, same thing.',
          'The error in the corner said "Something went wrong (code 502)". I have tried four times now.',
        ],
      },
    ],
  },
  {
    id: '1045',
    subject: 'How do I add a second user to our account?',
    type: 'question',
    status: 'pending',
    priority: 'low',
    tags: ['how-to', 'account'],
    requester: { name: 'Kenji Watanabe', email: 'kenji@watanabe-design.example' },
    channel: 'Email',
    updated: '3 h ago',
    messages: [
      {
        author: 'customer',
        name: 'Kenji Watanabe',
        time: 'Today, 05:12',
        body: [
          'Hello, we just hired a new designer. How can I give her access to our company account so she can ' +
            'see our orders and invoices? I could not find the setting.',
          'Best regards,\nKenji',
        ],
      },
    ],
  },
  {
    id: '1046',
    subject: 'Please update my billing address',
    type: 'account',
    status: 'open',
    priority: 'normal',
    tags: ['billing'],
    requester: { name: 'Olivia Brown', email: 'olivia.brown@example.com' },
    channel: 'Email',
    updated: 'Yesterday',
    messages: [
      {
        author: 'customer',
        name: 'Olivia Brown',
        time: 'Yesterday, 18:20',
        body: [
          'Hi there, I moved last month. Could you change the billing address on my account to ' +
            '14 Harbour Street, Bristol BS1 4QA? Invoices still go to my old address.',
        ],
      },
    ],
  },
];

function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function initials(name) {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/**
 * Paragraphs of plain text as HTML. Line breaks stay as "\n" (paragraphs are pre-wrap) and
 * paragraphs are joined by newlines, so an adapter's textContent reads "Hello,\nI ordered…".
 */
function paragraphs(parts) {
  return parts.map((part) => `<p>${escapeHtml(part)}</p>`).join('\n');
}

const STYLE = `
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --brand:#2563eb; --brand-dark:#1d4ed8;
  --agent-bg:#eef4ff; --danger:#b42318; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin:0; color:var(--ink); background:var(--bg); font-size:14px; line-height:1.45; }
a { color:inherit; text-decoration:none; }
.hd-topbar { height:52px; display:flex; align-items:center; gap:16px; padding:0 20px; background:#111827; color:#fff; }
.hd-brand { font-weight:700; letter-spacing:.2px; display:flex; align-items:center; gap:8px; }
.hd-brand-mark { width:24px; height:24px; border-radius:6px; background:var(--brand); display:grid; place-items:center; font-size:13px; }
.hd-search { flex:1; max-width:420px; background:#1f2937; border:1px solid #374151; border-radius:6px; padding:7px 10px; color:#9ca3af; }
.hd-spacer { flex:1; }
.hd-user { display:flex; align-items:center; gap:8px; }
.hd-avatar { width:30px; height:30px; border-radius:50%; background:#4b5563; color:#fff; display:grid; place-items:center; font-size:12px; font-weight:600; flex:none; }
.hd-layout { display:flex; min-height:calc(100vh - 52px); }
.hd-queue-nav { width:280px; flex:none; background:#fff; border-right:1px solid var(--line); }
.hd-queue-nav h2 { font-size:12px; text-transform:uppercase; letter-spacing:.6px; color:var(--muted); margin:16px 16px 8px; }
.hd-queue-item { display:block; padding:10px 16px; border-left:3px solid transparent; border-bottom:1px solid var(--line); }
.hd-queue-item:hover { background:#f9fafb; }
.hd-queue-item[aria-current="page"] { background:var(--agent-bg); border-left-color:var(--brand); }
.hd-queue-item .subj { font-weight:600; display:block; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.hd-queue-item .meta { color:var(--muted); font-size:12px; }
.hd-content { flex:1; min-width:0; padding:20px 24px; }
.hd-ticket { max-width:860px; }
.hd-ticket-head { display:flex; align-items:baseline; gap:10px; }
.hd-subject, .hd-page-title { font-size:20px; margin:0 0 4px; }
.hd-ticket-id { color:var(--muted); }
.hd-fields { display:grid; grid-template-columns:repeat(4, minmax(0, 1fr)); gap:4px 16px; background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; margin:12px 0 16px; }
.hd-fields dt { font-size:11px; text-transform:uppercase; letter-spacing:.5px; color:var(--muted); grid-row:1; }
.hd-fields dd { margin:0; grid-row:2; font-weight:500; }
.hd-tag { display:inline-block; background:#eef2f6; border:1px solid #d9e2ec; border-radius:10px; padding:0 8px; margin:0 4px 2px 0; font-size:12px; font-weight:500; }
.hd-badge { display:inline-block; border-radius:4px; padding:1px 6px; font-size:11px; font-weight:600; text-transform:uppercase; background:#e0e7ff; color:#3730a3; }
.hd-badge.status-open { background:#fee4e2; color:#b42318; } .hd-badge.status-pending { background:#fef0c7; color:#93370d; }
.hd-conversation { list-style:none; margin:0; padding:0; display:flex; flex-direction:column; gap:12px; }
.hd-message { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; display:flex; gap:12px; }
.hd-message[data-author="agent"] { background:var(--agent-bg); border-color:#c7d7fe; }
.hd-message[data-author="agent"] .hd-avatar { background:var(--brand); }
.hd-message-main { min-width:0; flex:1; }
.hd-message-meta { display:flex; gap:8px; align-items:baseline; color:var(--muted); font-size:12px; }
.hd-message-meta strong { color:var(--ink); font-size:14px; }
.hd-message-body p { margin:6px 0; white-space:pre-wrap; }
.hd-composer { background:#fff; border:1px solid var(--line); border-radius:8px; margin-top:16px; }
.hd-composer-tabs { display:flex; gap:16px; padding:8px 12px 0; border-bottom:1px solid var(--line); font-size:13px; }
.hd-composer-tabs button { padding:0 0 6px; color:var(--muted); background:none; border:0; border-bottom:2px solid transparent; font:inherit; cursor:pointer; }
.hd-composer-tabs button[aria-selected="true"] { color:var(--ink); border-bottom-color:var(--brand); font-weight:600; }
.hd-composer--note, .hd-composer--note .hd-composer-foot { background:#fffbea; }
.hd-message[data-author="note"] { background:#fffbea; border-color:#f5e3a3; }
.hd-message[data-author="note"] .hd-avatar { background:#b7791f; }
.hd-editor { min-height:140px; padding:12px; outline:none; white-space:pre-wrap; }
.hd-editor:empty::before { content:attr(data-placeholder); color:#9aa5b1; }
.hd-composer-foot { display:flex; align-items:center; gap:12px; padding:8px 12px; border-top:1px solid var(--line); background:#fafbfc; border-radius:0 0 8px 8px; }
.hd-hint { color:var(--muted); font-size:12px; }
.hd-send { margin-left:auto; background:var(--brand); color:#fff; border:0; border-radius:6px; padding:8px 18px; font-weight:600; font-size:14px; cursor:pointer; }
.hd-send:hover { background:var(--brand-dark); } .hd-send:disabled { opacity:.6; cursor:progress; }
.hd-error { color:var(--danger); margin:0; font-size:13px; font-weight:500; }
.hd-sink { display:none; }
.hd-queue-table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); border-radius:8px; overflow:hidden; }
.hd-queue-table th, .hd-queue-table td { text-align:left; padding:10px 12px; border-bottom:1px solid var(--line); }
.hd-queue-table th { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.5px; background:#fafbfc; }
.hd-queue-table tr:hover td { background:#f9fafb; }
.hd-queue-table .subj { font-weight:600; color:var(--brand-dark); }
`;

/** The composer's behaviour: blank replies are refused, others posted into the hidden iframe. */
const COMPOSER_SCRIPT = `
(() => {
  const form = document.querySelector('.hd-composer');
  if (!form) return;
  const editor = form.querySelector('.hd-editor');
  const error = form.querySelector('.hd-error');
  const sendButton = form.querySelector('.hd-send');
  const bodyField = form.querySelector('input[name=body]');
  const sink = document.querySelector('iframe[name=hd-sink]');
  const conversation = document.querySelector('.hd-conversation');
  const agentName = document.querySelector('.hd-agent').dataset.agentName;
  let pendingText = null;

  const channelField = form.querySelector('input[name=channel]');
  const requesterName = editor.dataset.placeholder;
  for (const tab of form.querySelectorAll('[role=tab][data-channel]')) {
    tab.addEventListener('click', () => {
      for (const other of form.querySelectorAll('[role=tab]')) other.setAttribute('aria-selected', String(other === tab));
      channelField.value = tab.dataset.channel;
      form.classList.toggle('hd-composer--note', tab.dataset.channel === 'note');
      editor.dataset.placeholder = tab.dataset.channel === 'note' ? 'Write a note only your team sees…' : requesterName;
      editor.focus();
    });
  }

  const replyText = () => editor.innerText.replace(/\\u00a0/g, ' ').replace(/\\n+$/, '');

  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  editor.addEventListener('input', () => { error.hidden = true; });

  form.addEventListener('submit', (event) => {
    const text = replyText();
    if (text.trim() === '' || pendingText !== null) {
      event.preventDefault();
      if (pendingText === null) {
        error.textContent = 'Write a reply before sending';
        error.hidden = false;
      }
      return;
    }
    error.hidden = true;
    bodyField.value = text;
    pendingText = text;
    sendButton.disabled = true;
    sendButton.textContent = 'Sending…';
    // Not cancelled: the browser posts the form into the hidden iframe.
  });

  sink.addEventListener('load', () => {
    if (pendingText === null) return;
    const text = pendingText;
    pendingText = null;
    const isNote = channelField.value === 'note';
    const item = document.createElement('li');
    item.className = 'hd-message';
    item.dataset.author = isNote ? 'note' : 'agent';
    const avatar = document.createElement('div');
    avatar.className = 'hd-avatar';
    avatar.textContent = agentName.split(/\\s+/).map((p) => p[0]).join('').slice(0, 2).toUpperCase();
    const main = document.createElement('div');
    main.className = 'hd-message-main';
    const meta = document.createElement('div');
    meta.className = 'hd-message-meta';
    const who = document.createElement('strong');
    who.textContent = isNote ? agentName + ' · internal note' : agentName;
    const when = document.createElement('time');
    when.textContent = 'Just now';
    meta.append(who, when);
    const body = document.createElement('div');
    body.className = 'hd-message-body';
    for (const part of text.split(/\\n{2,}/)) {
      const p = document.createElement('p');
      p.textContent = part;
      body.append(p);
    }
    main.append(meta, body);
    item.append(avatar, main);
    conversation.append(item);
    editor.replaceChildren();
    sendButton.disabled = false;
    sendButton.textContent = 'Send';
    form.dispatchEvent(new CustomEvent(isNote ? 'hd-note-added' : 'hd-reply-sent', { bubbles: true, detail: { text } }));
  });
})();
`;

function page({ title, body, script = '' }) {
  return `<!doctype html>
<html lang="en" data-helpdesk="keel-demo">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="keel-demo-helpdesk">
<title>${escapeHtml(title)} · Northwind Support</title>
<style>${STYLE}</style>
</head>
<body>
<header class="hd-topbar">
  <a class="hd-brand" href="/"><span class="hd-brand-mark">N</span>Northwind Support</a>
  <div class="hd-search">Search tickets, customers…</div>
  <div class="hd-spacer"></div>
  <div class="hd-user"><span class="hd-avatar">${initials(AGENT.name)}</span>
    <span class="hd-agent" data-agent-name="${escapeHtml(AGENT.name)}">${escapeHtml(AGENT.name)}</span></div>
</header>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}

function queueNav(tickets, currentId) {
  const items = tickets
    .map(
      (
        ticket,
      ) => `<a class="hd-queue-item" href="/tickets/${ticket.id}"${ticket.id === currentId ? ' aria-current="page"' : ''}>
    <span class="subj">${escapeHtml(ticket.subject)}</span>
    <span class="meta">#${ticket.id} · ${escapeHtml(ticket.requester.name)} · ${escapeHtml(ticket.updated)}</span></a>`,
    )
    .join('\n');
  return `<nav class="hd-queue-nav" aria-label="Ticket queue"><h2>My open tickets (${tickets.length})</h2>\n${items}\n</nav>`;
}

function queuePage(tickets) {
  const rows = tickets
    .map(
      (ticket) => `<tr data-ticket-id="${ticket.id}">
      <td>#${ticket.id}</td>
      <td><a class="subj" href="/tickets/${ticket.id}">${escapeHtml(ticket.subject)}</a></td>
      <td>${escapeHtml(ticket.requester.name)}</td>
      <td><span class="hd-badge">${escapeHtml(ticket.type)}</span></td>
      <td><span class="hd-badge status-${ticket.status}">${escapeHtml(ticket.status)}</span></td>
      <td>${escapeHtml(ticket.priority)}</td>
      <td>${escapeHtml(ticket.updated)}</td></tr>`,
    )
    .join('\n');
  return page({
    title: 'My open tickets',
    body: `<div class="hd-layout">${queueNav(tickets, null)}
<main class="hd-content hd-queue">
  <h1 class="hd-page-title">My open tickets</h1>
  <table class="hd-queue-table">
    <thead><tr><th>ID</th><th>Subject</th><th>Requester</th><th>Type</th><th>Status</th><th>Priority</th><th>Updated</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
</main></div>`,
  });
}

function messageHtml(message) {
  return `<li class="hd-message" data-author="${message.author}">
      <div class="hd-avatar">${initials(message.name)}</div>
      <div class="hd-message-main">
        <div class="hd-message-meta"><strong>${escapeHtml(message.name)}</strong><time>${escapeHtml(message.time)}</time></div>
        <div class="hd-message-body">${paragraphs(message.body)}</div>
      </div>
    </li>`;
}

function ticketPage(tickets, ticket, sentReplies, sentNotes = []) {
  const messages = [
    ...ticket.messages,
    ...sentReplies.map((text) => ({
      author: 'agent',
      name: AGENT.name,
      time: 'Today',
      body: text.split(/\n{2,}/),
    })),
    ...sentNotes.map((text) => ({
      author: 'note',
      name: `${AGENT.name} · internal note`,
      time: 'Today',
      body: text.split(/\n{2,}/),
    })),
  ];
  const tags = ticket.tags.map((tag) => `<span class="hd-tag">${escapeHtml(tag)}</span>`).join('');
  return page({
    title: `#${ticket.id} ${ticket.subject}`,
    body: `<div class="hd-layout">${queueNav(tickets, ticket.id)}
<div class="hd-content">
<main class="hd-ticket" data-ticket-id="${ticket.id}">
  <div class="hd-ticket-head">
    <h1 class="hd-subject">${escapeHtml(ticket.subject)}</h1>
    <span class="hd-ticket-id">#${ticket.id}</span>
    <span class="hd-badge status-${ticket.status}">${escapeHtml(ticket.status)}</span>
  </div>
  <dl class="hd-fields">
    <dt>Type</dt><dd data-field="type">${escapeHtml(ticket.type)}</dd>
    <dt>Requester</dt><dd data-field="requester" data-email="${escapeHtml(ticket.requester.email)}">${escapeHtml(ticket.requester.name)}</dd>
    <dt>Tags</dt><dd data-field="tags">${tags}</dd>
    <dt>Priority</dt><dd data-field="priority">${escapeHtml(ticket.priority)}</dd>
  </dl>
  <ol class="hd-conversation">
    ${messages.map(messageHtml).join('\n    ')}
  </ol>
  <form class="hd-composer" method="post" action="/tickets/${ticket.id}/replies" target="hd-sink">
    <div class="hd-composer-tabs" role="tablist" aria-label="Reply or note">
      <button type="button" role="tab" data-channel="public" aria-selected="true">Public reply</button>
      <button type="button" role="tab" data-channel="note" aria-selected="false">Internal note</button>
    </div>
    <div class="hd-editor" contenteditable="true" role="textbox" aria-multiline="true" aria-label="Reply"
      data-placeholder="Reply to ${escapeHtml(ticket.requester.name)}…"></div>
    <input type="hidden" name="body">
    <input type="hidden" name="channel" value="public">
    <div class="hd-composer-foot">
      <span class="hd-hint">Ctrl+Enter to send · via ${escapeHtml(ticket.channel)}</span>
      <p class="hd-error" role="alert" hidden></p>
      <button type="submit" class="hd-send">Send</button>
    </div>
  </form>
  <iframe class="hd-sink" name="hd-sink" title="Send status" src="about:blank"></iframe>
</main>
</div></div>`,
    script: COMPOSER_SCRIPT,
  });
}

function notFoundPage() {
  return page({
    title: 'Not found',
    body: '<main class="hd-content"><h1 class="hd-page-title">Ticket not found</h1><p><a href="/">Back to the queue</a></p></main>',
  });
}

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
