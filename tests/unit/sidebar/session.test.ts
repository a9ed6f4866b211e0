import { h, options, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { Sidebar } from '@/components/sidebar/Sidebar';
import { StepItem } from '@/components/sidebar/StepItem';
import { demoAdapter } from '@/utils/adapters/demo';
import { DEFAULT_SIDEBAR_LAYOUT } from '@/utils/config/content-shapes';
import { SidebarLayoutController } from '@/utils/sidebar/layout';
import { CHECK_MAX_WAIT_MS, TYPING_PAUSE_MS } from '@/utils/sidebar/page-watch';
import { snippetPosition, snippetText } from '@/utils/sidebar/snippets';
import { renderTicket, stepStatus, typeDraft, useDemoSession } from './demo-session';

describe('SidebarSession on the demo helpdesk', () => {
  const demo = useDemoSession();

  it('reads the ticket and picks the refund playbook, with every step pending before any typing', async () => {
    const session = demo.startSession();
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
    const session = demo.startSession();
    await session.start();
    typeDraft('Thanks for writing in about your refund.');
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('fail'));
    typeDraft('Hi María, thanks for writing in about your refund.');
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('pass'));
  });

  it('inserts a greeting snippet at the start of the draft with the first name filled', async () => {
    const session = demo.startSession();
    await session.start();
    typeDraft('Your refund is on its way.');
    await session.checkNow();
    session.insertSnippet('greet');
    const text = document.querySelector('.hd-editor')?.textContent ?? '';
    expect(text.startsWith('Hi María,')).toBe(true);
    await vi.waitFor(() => expect(stepStatus(session, 'greet')).toBe('pass'));
  });

  it('says a snippet did not take when the adapter reports so, without reading the draft back', async () => {
    const session = demo.startSession();
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
    const session = demo.startSession();
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
    expect([...demo.pendings, ...demo.records]).toEqual([]);
  });

  it('lists forbidden phrases found in the draft', async () => {
    const session = demo.startSession();
    await session.start();
    typeDraft('Hi María, I guarantee it will never happen again.');
    await session.checkNow();
    expect(session.state.get().forbidden.map((p) => p.toLowerCase())).toContain('guarantee');
  });

  it('remembers a playbook the agent chose for this ticket', async () => {
    const session = demo.startSession();
    await session.start();
    await session.switchPlaybook('billing');
    expect(session.state.get().playbook?.id).toBe('billing');
    expect(demo.choices.get('demo:1042')).toBe('billing');
    const again = demo.startSession();
    await again.start();
    expect(again.state.get().playbook?.id).toBe('billing');
  });

  it('follows a switch to another ticket on the same page', async () => {
    const session = demo.startSession();
    await session.start();
    renderTicket('1043', 'bug', 'The app crashes on login', 'The app crashes every time I log in.');
    await vi.waitFor(() => expect(session.state.get().ticket?.ticketId).toBe('1043'));
    expect(session.state.get().playbook?.id).toBe('bug');
  });

  it('stands the page observer down while the agent types and catches up on a ticket switch after the pause', async () => {
    const session = demo.startSession();
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
    const session = demo.startSession();
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
    const session = demo.startSession();
    await session.start();
    const layout = new SidebarLayoutController(
      DEFAULT_SIDEBAR_LAYOUT,
      document,
      async () => {},
      demo.abort.signal,
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
    const observer = new MutationObserver((mutations) => {
      for (const record of mutations) {
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
    const session = demo.startSession();
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
    const session = demo.startSession();
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

describe('snippetText', () => {
  it.each([
    ['an empty draft', 'start', false, 'Hi María,'],
    ['a greeting before the draft', 'start', true, 'Hi María,\n'],
    ['a sign-off after the draft', 'end', true, '\nHi María,'],
    ['a snippet at the caret', 'caret', true, 'Hi María,'],
  ] as const)(
    'puts %s on a line of its own only where the draft has text',
    (_label, position, hasText, expected) => {
      expect(snippetText('Hi María,', position, hasText)).toBe(expected);
    },
  );
});
