/**
 * The demo helpdesk's pages (see server.mjs for the DOM contract Keel's demo adapter reads). The
 * page's style and the composer's behaviour are the real files style.css and composer.js beside
 * this one, inlined into each page as before.
 */
import { readFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(name, import.meta.url), 'utf8');

/** The signed-in agent and the sample tickets: data.json. */
export const { agent: AGENT, tickets: SAMPLE_TICKETS } = JSON.parse(read('./data.json'));

const STYLE = read('./style.css');
/** The composer's behaviour: blank replies are refused, others posted into the hidden iframe. */
const COMPOSER_SCRIPT = read('./composer.js');

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

function page({ title, body, script = '' }) {
  return `<!doctype html>
<html lang="en" data-helpdesk="keel-demo">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="keel-demo-helpdesk">
<title>${escapeHtml(title)} · Northwind Support</title>
<style>
${STYLE}</style>
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
${
  script
    ? `<script>
${script}</script>`
    : ''
}
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

export function queuePage(tickets) {
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

export function ticketPage(tickets, ticket, sentReplies, sentNotes = []) {
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

export function notFoundPage() {
  return page({
    title: 'Not found',
    body: '<main class="hd-content"><h1 class="hd-page-title">Ticket not found</h1><p><a href="/">Back to the queue</a></p></main>',
  });
}
