import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchSends } from '../../../utils/adapters/send';
import {
  AGENT_INPUT_MS,
  isAgentClick,
  setSyntheticEventsTrustedForTests,
  watchAgentInput,
} from '../../../utils/adapters/trust';
import type { SentReply } from '../../../utils/adapters/types';

/** An event as the browser makes it for the agent's own input (happy-dom makes none trusted). */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

let abort: AbortController;
let sends: SentReply[];

beforeEach(() => {
  setSyntheticEventsTrustedForTests(false);
  abort = new AbortController();
  sends = [];
  document.body.innerHTML =
    '<div class="editor" contenteditable="true">Hi Ana, done.</div><button class="send">Send</button>';
  watchSends(
    document,
    abort.signal,
    {
      sendButtonSelector: '.send',
      findEditor: () => document.querySelector<HTMLElement>('.editor'),
      readDraft: (editor) => editor.textContent ?? '',
      snapshot: () => 0,
      confirmed: () => true,
      replyMode: () => 'public',
    },
    (reply) => sends.push(reply),
    () => true,
  );
});
afterEach(() => {
  abort.abort();
  setSyntheticEventsTrustedForTests(true);
});

const sendButton = () => document.querySelector<HTMLButtonElement>('.send') as HTMLButtonElement;

describe('issue 14 Medium 10: the helpdesk page’s own script can forge records', () => {
  it('ignores a click on Send that the page’s script made with no input from the agent', () => {
    sendButton().click();
    expect(sends).toHaveLength(0);
  });

  it('ignores a Ctrl+Enter the page’s script dispatched', () => {
    document
      .querySelector('.editor')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(sends).toHaveLength(0);
  });

  it('counts the agent’s own click on Send', () => {
    sendButton().dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(sends).toHaveLength(1);
  });

  it('counts a macro or shortcut that clicks Send right after the agent pressed a key', () => {
    window.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 's', altKey: true })));
    sendButton().click();
    expect(sends).toHaveLength(1);
  });

  it(`ignores a synthetic click more than ${AGENT_INPUT_MS} ms after the agent's last input`, () => {
    let now = 0;
    const local = new AbortController();
    const fromAgent = watchAgentInput(window, local.signal, () => now);
    window.dispatchEvent(trusted(new PointerEvent('pointerdown')));
    now = AGENT_INPUT_MS;
    expect(fromAgent(new MouseEvent('click'))).toBe(true);
    now = AGENT_INPUT_MS + 1;
    expect(fromAgent(new MouseEvent('click'))).toBe(false);
    // A submit the browser fired for a script's requestSubmit() needs the agent's input too.
    expect(fromAgent(trusted(new SubmitEvent('submit')))).toBe(false);
    local.abort();
  });

  it('takes Log reply only from a trusted click: the page reaches the open shadow root, not the agent’s hand', () => {
    expect(isAgentClick(new MouseEvent('click'))).toBe(false);
    expect(isAgentClick(trusted(new MouseEvent('click')))).toBe(true);
  });
});
