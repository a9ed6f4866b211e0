import { afterEach, beforeEach, vi } from 'vitest';
import { demoAdapter } from '@/utils/adapters/demo';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import type { RecordOutcome } from '@/utils/sidebar/recorder';
import { SidebarSession } from '@/utils/sidebar/session';
import type { SessionDeps } from '@/utils/sidebar/session-state';
import type { ReplyRecord } from '@/utils/store/types';
import { directHoldPendingDraft, directVerdicts } from './direct-verdicts';

/** A demo helpdesk ticket page, to the DOM contract of tests/demo-helpdesk/server.mjs. */
export function renderTicket(id: string, type: string, subject: string, customerMessage: string): void {
  document.documentElement.dataset.helpdesk = 'keel-demo';
  document.body.innerHTML = `
    <header><span class="hd-agent" data-agent-name="Sam Rivera">Sam Rivera</span></header>
    <main class="hd-ticket" data-ticket-id="${id}">
      <h1 class="hd-subject">${subject}</h1>
      <dl class="hd-fields">
        <dd data-field="type">${type}</dd>
        <dd data-field="requester" data-email="maria@example.com">María García</dd>
        <dd data-field="tags"><span class="hd-tag">${type}</span></dd>
      </dl>
      <ol class="hd-conversation">
        <li class="hd-message" data-author="customer"><div class="hd-message-body">${customerMessage}</div></li>
      </ol>
      <form class="hd-composer">
        <div class="hd-editor" contenteditable="true" role="textbox"></div>
        <button type="submit" class="hd-send">Send</button>
      </form>
    </main>`;
  // The demo page appends the reply to the conversation when it sends.
  document.querySelector('form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const editor = document.querySelector<HTMLElement>('.hd-editor');
    if (!editor?.textContent?.trim()) return;
    const item = document.createElement('li');
    item.className = 'hd-message';
    item.dataset.author = 'agent';
    item.textContent = editor.textContent;
    document.querySelector('.hd-conversation')?.append(item);
    editor.textContent = '';
  });
}

export function typeDraft(text: string): void {
  const editor = document.querySelector<HTMLElement>('.hd-editor');
  if (!editor) throw new Error('no editor');
  editor.textContent = text;
  editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

export const stepStatus = (session: SidebarSession, stepId: string) =>
  session.state.get().result?.steps.find((s) => s.stepId === stepId)?.status ?? 'pending';

/** The demo page stops answering sends: the composer keeps the draft, no message appears. */
export function pageRefusesSends(): void {
  const form = document.querySelector('form');
  const deaf = form?.cloneNode(true) as HTMLFormElement | undefined;
  if (!form || !deaf) throw new Error('no composer');
  deaf.addEventListener('submit', (event) => event.preventDefault());
  form.replaceWith(deaf);
}

/** What a session on the demo ticket handed to the background and asked the agent; reset per test. */
export interface DemoSession {
  abort: AbortController;
  records: ReplyRecord[];
  pendings: ReplyRecord[];
  cancels: string[];
  choices: Map<string, string>;
  gateOn: boolean;
  answer: boolean;
  questions: string[];
  startSession: (outcome?: RecordOutcome, extra?: Partial<SessionDeps>) => SidebarSession;
}

/**
 * A session on demo ticket 1042 whose background is this test's arrays. Call inside a `describe`:
 * registers the per-test reset and clean-up.
 */
export function useDemoSession(): DemoSession {
  let ids = 0;
  const demo: DemoSession = {
    abort: new AbortController(),
    records: [],
    pendings: [],
    cancels: [],
    choices: new Map(),
    gateOn: false,
    answer: true,
    questions: [],
    startSession: (outcome = { ok: true }, extra = {}) =>
      new SidebarSession({
        adapter: demoAdapter,
        doc: document,
        location: () => new URL('http://127.0.0.1:4173/tickets/1042'),
        verdicts: directVerdicts,
        loadPlaybooks: async () => DEFAULT_PLAYBOOKS,
        loadChoice: async (key) => demo.choices.get(key),
        saveChoice: async (key, id) => void demo.choices.set(key, id),
        record: async (record) => {
          demo.records.push(record);
          return outcome;
        },
        holdPendingDraft: directHoldPendingDraft((record) => demo.pendings.push(record)),
        holdPending: async (record) => {
          demo.pendings.push(record);
          return { ok: true };
        },
        cancelPending: async (id) => {
          demo.cancels.push(id);
          return { ok: true };
        },
        now: () => 1_700_000_000_000,
        newId: () => `reply-${++ids}`,
        sendGateOn: () => demo.gateOn,
        fallbackAgentName: () => 'Agent from options',
        ask: (question) => {
          demo.questions.push(question);
          return demo.answer;
        },
        signal: demo.abort.signal,
        ...extra,
      }),
  };

  beforeEach(() => {
    demo.abort = new AbortController();
    demo.records = [];
    demo.pendings = [];
    demo.cancels = [];
    ids = 0;
    demo.choices = new Map();
    demo.gateOn = false;
    demo.answer = true;
    demo.questions = [];
    renderTicket(
      '1042',
      'refund',
      'Refund for order #A10234',
      'I would like my money back for order #A10234.',
    );
  });

  afterEach(() => {
    demo.abort.abort();
    vi.useRealTimers();
    // A spy a test put on the demo adapter must not outlive it, even when the test fails.
    vi.restoreAllMocks();
  });

  return demo;
}
