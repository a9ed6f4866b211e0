import { h, options, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '@/components/sidebar/Sidebar';
import { StepItem } from '@/components/sidebar/StepItem';
import type { ReplyProof } from '@/utils/adapters/custom-evidence';
import { demoAdapter } from '@/utils/adapters/demo';
import type { SentReply } from '@/utils/adapters/types';
import { DEFAULT_SIDEBAR_LAYOUT } from '@/utils/config/content-shapes';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import { SidebarLayoutController } from '@/utils/sidebar/layout';
import type { RecordOutcome } from '@/utils/sidebar/record';
import {
  CHECK_MAX_WAIT_MS,
  type SessionDeps,
  SidebarSession,
  snippetPosition,
  TYPING_PAUSE_MS,
} from '@/utils/sidebar/session';
import type { ReplyRecord } from '@/utils/store/types';
import { directHoldPendingDraft, directVerdicts } from './direct-verdicts';

/** A demo helpdesk ticket page, to the DOM contract of tests/demo-helpdesk/server.mjs. */
function renderTicket(id: string, type: string, subject: string, customerMessage: string): void {
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

function typeDraft(text: string): void {
  const editor = document.querySelector<HTMLElement>('.hd-editor');
  if (!editor) throw new Error('no editor');
  editor.textContent = text;
  editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

const stepStatus = (session: SidebarSession, stepId: string) =>
  session.state.get().result?.steps.find((s) => s.stepId === stepId)?.status ?? 'pending';

describe('SidebarSession on the demo helpdesk', () => {
  let abort: AbortController;
  let records: ReplyRecord[];
  let pendings: ReplyRecord[];
  let cancels: string[];
  let ids: number;
  let choices: Map<string, string>;
  let gateOn: boolean;
  let answer: boolean;
  let questions: string[];

  function startSession(outcome: RecordOutcome = { ok: true }, extra: Partial<SessionDeps> = {}) {
    const session = new SidebarSession({
      adapter: demoAdapter,
      doc: document,
      location: () => new URL('http://127.0.0.1:4173/tickets/1042'),
      verdicts: directVerdicts,
      loadPlaybooks: async () => DEFAULT_PLAYBOOKS,
      loadChoice: async (key) => choices.get(key),
      saveChoice: async (key, id) => void choices.set(key, id),
      record: async (record) => {
        records.push(record);
        return outcome;
      },
      holdPendingDraft: directHoldPendingDraft((record) => pendings.push(record)),
      holdPending: async (record) => {
        pendings.push(record);
        return { ok: true };
      },
      cancelPending: async (id) => {
        cancels.push(id);
        return { ok: true };
      },
      now: () => 1_700_000_000_000,
      newId: () => `reply-${++ids}`,
      sendGateOn: () => gateOn,
      fallbackAgentName: () => 'Agent from options',
      ask: (question) => {
        questions.push(question);
        return answer;
      },
      signal: abort.signal,
      ...extra,
    });
    return session;
  }

  beforeEach(() => {
    abort = new AbortController();
    records = [];
    pendings = [];
    cancels = [];
    ids = 0;
    choices = new Map();
    gateOn = false;
    answer = true;
    questions = [];
    renderTicket(
      '1042',
      'refund',
      'Refund for order #A10234',
      'I would like my money back for order #A10234.',
    );
  });

  afterEach(() => {
    abort.abort();
    vi.useRealTimers();
    // A spy a test put on the demo adapter must not outlive it, even when the test fails.
    vi.restoreAllMocks();
  });

  /** The demo page stops answering sends: the composer keeps the draft, no message appears. */
  function pageRefusesSends(): void {
    const form = document.querySelector('form');
    const deaf = form?.cloneNode(true) as HTMLFormElement | undefined;
    if (!form || !deaf) throw new Error('no composer');
    deaf.addEventListener('submit', (event) => event.preventDefault());
    form.replaceWith(deaf);
  }

  it('reads the ticket and picks the refund playbook, with every step pending before any typing', async () => {
    const session = startSession();
    await session.start();
    const state = session.state.get();
    expect(state.ticket?.ticketId).toBe('1042');
    expect(state.ticket?.requester.name).toBe('María García');
    expect(state.playbook?.id).toBe('refund');
    expect(state.reason).toContain('refund');
    expect(state.result).toBeNull();
    expect(state.status.state).toBe('ok');
  });

  it('turns the greeting step from fail to pass as the agent adds the name', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Thanks for writing in about your refund.');
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('fail'));
    typeDraft('Hi María, thanks for writing in about your refund.');
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('pass'));
  });

  it('inserts a greeting snippet at the start of the draft with the first name filled', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Your refund is on its way.');
    await session.checkNow();
    session.insertSnippet('greet');
    const text = document.querySelector('.hd-editor')?.textContent ?? '';
    expect(text.startsWith('Hi María,')).toBe(true);
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('pass'));
  });

  it('says a snippet did not take when the adapter reports so, without reading the draft back', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Your refund is on its way.');
    session.checkNow();
    const insertText = vi.spyOn(demoAdapter, 'insertText').mockReturnValue(false);
    const readDraft = vi.spyOn(demoAdapter, 'readDraft');
    session.insertSnippet('greet');
    expect(session.state.get().notice).toMatch(/Hi María,/);
    // One read to place the snippet (is the draft empty?), none to verify it.
    expect(readDraft).toHaveBeenCalledTimes(1);
    insertText.mockReturnValue(true);
    session.insertSnippet('greet');
    expect(session.state.get().notice).toBeNull();
    insertText.mockRestore();
    readDraft.mockRestore();
  });

  it('checks nothing while the composer is on an internal note', async () => {
    const session = startSession();
    await session.start();
    // The demo page's composer switched to its Internal note tab: the adapter reads it.
    document
      .querySelector('form.hd-composer')
      ?.insertAdjacentHTML(
        'afterbegin',
        '<div class="hd-composer-tabs" role="tablist"><button type="button" role="tab" data-channel="note" aria-selected="true">Internal note</button></div>',
      );
    typeDraft('Note: refund approved by the lead.');
    session.checkNow();
    expect(session.state.get().internalNote).toBe(true);
    expect(session.state.get().result).toBeNull();
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await new Promise((done) => setTimeout(done, 300));
    expect([...pendings, ...records]).toEqual([]);
  });

  it('records one reply per confirmed send, without the reply text', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Hi María, your refund for order #A10234 is on its way.');
    const send = document.querySelector<HTMLButtonElement>('.hd-send');
    send?.click();
    send?.click(); // a double click records once
    await vi.waitFor(() => expect(session.state.get().send.state).toBe('saved'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      ticketId: '1042',
      playbookId: 'refund',
      agent: 'Sam Rivera',
      origin: 'local',
    });
    expect(JSON.stringify(records[0])).not.toContain('on its way');
  });

  it('keeps a send with no evidence either way pending and asks about it: neither stored nor cancelled (custom sites)', async () => {
    let report: ((reply: SentReply) => void) | undefined;
    vi.spyOn(demoAdapter, 'observeSend').mockImplementation((_doc, _signal, onSend) => {
      report = onSend;
    });
    const onUnconfirmed = vi.fn();
    const held: { id: string; proof?: ReplyProof }[] = [];
    const session = startSession(
      { ok: true },
      {
        onUnconfirmed,
        holdPending: async (record, proof) => {
          held.push({ id: record.id, proof });
          return { ok: true };
        },
      },
    );
    await session.start();
    // The agent paused before Send: the verdict for this text is known, the record leaves at once.
    typeDraft('Hi María, your refund is on its way.');
    await session.checkNow();
    const proof = { hash: '0badf00d', words: 9 };
    report?.({ text: 'Hi María, your refund is on its way.', confirmed: Promise.resolve(null), proof });
    await vi.waitFor(() => expect(onUnconfirmed).toHaveBeenCalledOnce());
    expect(held).toEqual([{ id: 'reply-1', proof }]);
    expect(records).toEqual([]);
    expect(cancels).toEqual([]);
    expect(session.state.get().send.state).toBe('idle');
  });

  it('hands the record over as pending at the click, before the page confirms, then stores the same id', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Hi María, your refund for order #A10234 is on its way.');
    await session.checkNow(); // the agent paused: the draft's verdict is known
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    // Synchronously, in the click: a tab closed right now still leaves the record with the background.
    expect(pendings).toHaveLength(1);
    expect(records).toHaveLength(0);
    await vi.waitFor(() => expect(session.state.get().send.state).toBe('saved'));
    expect(records.map((r) => r.id)).toEqual(pendings.map((r) => r.id));
    expect(records[0]).toEqual(pendings[0]);
    expect(cancels).toEqual([]);
  });

  it('cancels the pending record when the page refuses the send, and shows nothing recorded', async () => {
    const session = startSession();
    await session.start();
    pageRefusesSends();
    typeDraft('Hi María, your refund is on its way.');
    await session.checkNow();
    vi.useFakeTimers();
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    expect(pendings).toHaveLength(1);
    expect(session.state.get().send.state).toBe('saving');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(cancels).toEqual([pendings[0]?.id]);
    expect(records).toEqual([]);
    expect(session.state.get().send.state).toBe('idle');
  });

  it('leaves the record pending for the background when the page goes away before confirming', async () => {
    const session = startSession();
    await session.start();
    pageRefusesSends();
    typeDraft('Hi María, your refund is on its way.');
    vi.useFakeTimers();
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    abort.abort(); // the tab closes, or the agent opens another ticket
    await vi.advanceTimersByTimeAsync(20_000);
    expect(pendings).toHaveLength(1);
    expect(cancels).toEqual([]);
    expect(records).toEqual([]);
  });

  it('records nothing when the page refuses an empty send', async () => {
    const session = startSession();
    await session.start();
    typeDraft('   ');
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(records).toHaveLength(0);
    expect(session.state.get().send.state).toBe('idle');
  });

  it('shows the background’s error when a record cannot be stored', async () => {
    const session = startSession({ ok: false, error: 'The browser has no room left for Keel’s statistics.' });
    await session.start();
    typeDraft('Hi María, all sorted.');
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(session.state.get().send).toMatchObject({ state: 'error' }));
  });

  it('lets every send through without asking while the send gate is off', async () => {
    const session = startSession();
    await session.start();
    typeDraft('We guarantee this will never happen again.');
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(questions).toEqual([]);
  });

  it('asks before a send that misses a critical step when the gate is on, and stops it on no', async () => {
    gateOn = true;
    answer = false;
    const session = startSession();
    await session.start();
    typeDraft('Hi María, we guarantee your refund arrives today.');
    await session.checkNow(); // the gate judges the verdict shown when Send is pressed
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain('critical');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.querySelectorAll('.hd-message[data-author="agent"]')).toHaveLength(0);
    expect(records).toHaveLength(0);
    expect(pendings).toHaveLength(0); // a send the gate stopped is not even pending
    answer = true;
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(records).toHaveLength(1));
  });

  it('lists forbidden phrases found in the draft', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Hi María, I guarantee it will never happen again.');
    await session.checkNow();
    expect(session.state.get().forbidden.map((p) => p.toLowerCase())).toContain('guarantee');
  });

  it('remembers a playbook the agent chose for this ticket', async () => {
    const session = startSession();
    await session.start();
    await session.switchPlaybook('billing');
    expect(session.state.get().playbook?.id).toBe('billing');
    expect(choices.get('demo:1042')).toBe('billing');
    const again = startSession();
    await again.start();
    expect(again.state.get().playbook?.id).toBe('billing');
  });

  it('follows a switch to another ticket on the same page', async () => {
    const session = startSession();
    await session.start();
    renderTicket('1043', 'bug', 'The app crashes on login', 'The app crashes every time I log in.');
    await vi.waitFor(() => expect(session.state.get().ticket?.ticketId).toBe('1043'));
    expect(session.state.get().playbook?.id).toBe('bug');
  });

  it('stands the page observer down while the agent types and catches up on a ticket switch after the pause', async () => {
    const session = startSession();
    await session.start();
    await vi.waitFor(() => expect(session.state.get().ticket?.ticketId).toBe('1042'));
    typeDraft('Hi María, I am looking into it');
    const typedAt = Date.now();
    renderTicket('1043', 'bug', 'The app crashes on login', 'The app crashes every time I log in.');
    // The page changed while the agent was typing: nothing is read until they pause.
    await new Promise((done) => setTimeout(done, TYPING_PAUSE_MS / 2));
    expect(session.state.get().ticket?.ticketId).toBe('1042');
    await vi.waitFor(() => expect(session.state.get().ticket?.ticketId).toBe('1043'), { timeout: 3000 });
    expect(Date.now() - typedAt).toBeGreaterThanOrEqual(TYPING_PAUSE_MS);
    expect(session.state.get().playbook?.id).toBe('bug');
  });

  it('follows an agent who types without pausing: the checklist keeps up before any pause', async () => {
    const session = startSession();
    await session.start();
    await vi.waitFor(() => expect(session.state.get().ticket?.ticketId).toBe('1042'));
    typeDraft('Hi María,');
    await vi.waitFor(() => expect(session.state.get().result?.wordCount).toBe(2));
    // A word every 100 ms for twice the longest wait: never a pause as long as TYPING_PAUSE_MS.
    let draft = 'Hi María,';
    const words = 2 + (CHECK_MAX_WAIT_MS * 2) / 100;
    for (let word = 3; word <= words; word++) {
      draft += ' refund';
      typeDraft(draft);
      await new Promise((done) => setTimeout(done, 100));
    }
    // Checked at least once on the way (once a second), so well past the first two words.
    expect(session.state.get().result?.wordCount).toBeGreaterThan(words / 2);
  });

  it('re-renders only the steps whose status or reason changed when the agent edits the draft', async () => {
    const session = startSession();
    await session.start();
    const layout = new SidebarLayoutController(
      DEFAULT_SIDEBAR_LAYOUT,
      document,
      async () => {},
      abort.signal,
    );
    const container = document.createElement('div');
    render(h(Sidebar, { session, layout }), container);
    typeDraft('Thanks for writing in about your refund.');
    await vi.waitFor(() =>
      expect(container.querySelector('[data-step-id=greet]')?.getAttribute('data-status')).toBe('fail'),
    );
    // What each step shows: its status and its text (title, guidance, reason).
    const shown = (step: HTMLElement) => `${step.dataset.status} ${step.textContent}`;
    const before = new Map(
      [...container.querySelectorAll<HTMLElement>('[data-testid=step]')].map((step) => [
        step.dataset.stepId,
        shown(step),
      ]),
    );
    const touched = new Set<string>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        const step = target?.closest<HTMLElement>('[data-testid=step]');
        if (step?.dataset.stepId) touched.add(step.dataset.stepId);
      }
    });
    observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
    // Preact's vnode hook sees every step rendered again, whether or not the DOM then changes.
    const rendered: string[] = [];
    const previousHook = options.vnode;
    options.vnode = (vnode) => {
      if (vnode.type === StepItem)
        rendered.push((vnode.props as unknown as { step: { id: string } }).step.id);
      previousHook?.(vnode);
    };
    typeDraft('Hi María, thanks for writing in about your refund.');
    await vi.waitFor(() =>
      expect(container.querySelector('[data-step-id=greet]')?.getAttribute('data-status')).toBe('pass'),
    );
    await new Promise((done) => setTimeout(done, 50));
    observer.disconnect();
    options.vnode = previousHook;
    const changed = [...container.querySelectorAll<HTMLElement>('[data-testid=step]')]
      .filter((step) => before.get(step.dataset.stepId) !== shown(step))
      .map((step) => step.dataset.stepId);
    expect(changed).toContain('greet');
    expect([...touched].sort()).toEqual([...changed].sort());
    expect([...new Set(rendered)].sort()).toEqual([...changed].sort());
    render(null, container);
  });

  it('leaves what the sidebar shows alone when a keystroke changes no step, so nothing re-renders', async () => {
    const session = startSession();
    await session.start();
    typeDraft('Hi María, thanks for writing in about your refund.');
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('pass'));
    const shownResult = session.state.get().result;
    const notified: unknown[] = [];
    const unsubscribe = session.state.subscribe((state) => notified.push(state));
    const readComposer = vi.spyOn(demoAdapter, 'readComposer');
    // Most keys land inside a word: the same words, the same verdict (the length step counts words).
    typeDraft('Hi María, thanks for writing in about your refund!');
    // The check ran on the new draft (it read it) and found the same verdict.
    await vi.waitFor(() => expect(readComposer).toHaveBeenCalled());
    await new Promise((done) => setTimeout(done, 50));
    expect(notified).toEqual([]);
    expect(session.state.get().result).toBe(shownResult);
    // A keystroke that does change a step still comes through.
    typeDraft('Hello, thanks for writing in about your refund!');
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('fail'));
    expect(notified.length).toBeGreaterThan(0);
    unsubscribe();
    readComposer.mockRestore();
  });

  it('says the editor is missing rather than checking another box', async () => {
    document.querySelector('.hd-composer')?.remove();
    const session = startSession();
    await session.start();
    expect(session.state.get().status).toEqual({ state: 'no-editor', missing: ['reply editor'] });
  });
});

describe('snippetPosition', () => {
  it.each([
    [{ kind: 'greeting' }, 'start'],
    [{ kind: 'phrase', where: 'opening' }, 'start'],
    [{ kind: 'closing' }, 'end'],
    [{ kind: 'phrase', where: 'closing' }, 'end'],
    [{ kind: 'expectation' }, 'caret'],
  ])('puts a %o snippet at the %s', (check, position) => {
    expect(snippetPosition(check)).toBe(position);
  });
});
