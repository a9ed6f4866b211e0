import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAdapter } from '@/utils/adapters/demo';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import { SidebarSession } from '@/utils/sidebar/session';
import type { ReplyRecord } from '@/utils/store/types';
import { directVerdicts } from '../sidebar/direct-verdicts';

let abort: AbortController;
let records: ReplyRecord[];

function startSession(): SidebarSession {
  let ids = 0;
  return new SidebarSession({
    adapter: demoAdapter,
    doc: document,
    location: () => new URL('http://127.0.0.1:4173/tickets/1042'),
    loadPlaybooks: async () => DEFAULT_PLAYBOOKS,
    verdicts: directVerdicts,
    loadChoice: async () => undefined,
    saveChoice: async () => {},
    record: async (record) => {
      // The background takes a moment: a second click lands while the first is saving.
      await new Promise((resolve) => setTimeout(resolve, 20));
      records.push(record);
      return { ok: true };
    },
    holdPending: async () => ({ ok: true }),
    cancelPending: async () => ({ ok: true }),
    now: () => 1_700_000_000_000,
    newId: () => `reply-${++ids}`,
    sendGateOn: () => false,
    fallbackAgentName: () => '',
    ask: () => true,
    signal: abort.signal,
  });
}

function typeDraft(text: string): void {
  const editor = document.querySelector<HTMLElement>('.hd-editor');
  if (!editor) throw new Error('no editor');
  editor.textContent = text;
  editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

beforeEach(() => {
  abort = new AbortController();
  records = [];
  document.documentElement.dataset.helpdesk = 'keel-demo';
  document.body.innerHTML = `
    <header><span class="hd-agent" data-agent-name="Sam Rivera">Sam Rivera</span></header>
    <main class="hd-ticket" data-ticket-id="1042">
      <h1 class="hd-subject">Refund</h1>
      <dl class="hd-fields"><dd data-field="type">refund</dd></dl>
      <ol class="hd-conversation"><li class="hd-message" data-author="customer"><div class="hd-message-body">Money back please.</div></li></ol>
      <form class="hd-composer"><div class="hd-editor" contenteditable="true" role="textbox"></div><button type="submit" class="hd-send">Send</button></form>
    </main>`;
});
afterEach(() => abort.abort());

describe('issue 14 Low 11: "Log reply" double-clicked records twice', () => {
  it('records a double-clicked Log reply once, and again only for a changed draft', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Hi Ana, your refund is on its way.');
    await Promise.all([session.logReplyByHand(), session.logReplyByHand()]);
    await session.logReplyByHand();
    expect(records).toHaveLength(1);
    typeDraft('Hi Ana, one more thing: the refund takes 3 days.');
    await session.logReplyByHand();
    expect(records).toHaveLength(2);
  });
});
