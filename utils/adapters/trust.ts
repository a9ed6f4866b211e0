/**
 * Whether an event that would record a reply comes from the agent. The helpdesk page's own script
 * can click Send, or Keel's "Log reply" through the open shadow root, with `.click()`: such
 * events are not trusted, and used to forge records (issue 14). Helpdesk macros and keyboard
 * shortcuts do click Send for the agent, though, so a synthetic event counts when it follows a
 * trusted key or pointer event within AGENT_INPUT_MS.
 */

/** How long after the agent's own key or pointer input a synthetic send still counts as theirs. */
export const AGENT_INPUT_MS = 1_000;

const INPUT_EVENTS = [
  'keydown',
  'keyup',
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'touchend',
] as const;

/**
 * Watches the agent's input on `win` (capture phase, so it sees the key before the page's own
 * handlers click anything) until `signal` aborts. Returns the check for a send's event.
 */
export function watchAgentInput(
  win: Window,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
): (event: Event) => boolean {
  let lastInput = Number.NEGATIVE_INFINITY;
  const note = (event: Event): void => {
    if (event.isTrusted) lastInput = now();
  };
  for (const type of INPUT_EVENTS) win.addEventListener(type, note, { capture: true, passive: true, signal });
  return (event) => {
    // A form submit is fired by the browser for a script's requestSubmit() too: it needs input.
    if (event.isTrusted && event.type !== 'submit') return true;
    return now() - lastInput <= AGENT_INPUT_MS || syntheticEventsTrusted();
  };
}

/**
 * Whether a click on Keel's own controls (Log reply) is the agent's: only trusted events. The
 * page can reach the open shadow root, but it cannot make a trusted click.
 */
export function isAgentClick(event: Event): boolean {
  return event.isTrusted || syntheticEventsTrusted();
}

/**
 * Unit tests run in happy-dom, where no event is trusted: there, synthetic events count unless a
 * test says otherwise. Production builds replace `import.meta.env.MODE` and drop this branch.
 */
let trustSyntheticInTests = true;
const UNIT_TESTS = import.meta.env.MODE === 'test';

function syntheticEventsTrusted(): boolean {
  return UNIT_TESTS && trustSyntheticInTests;
}

/** Unit tests only: whether synthetic events count as the agent's (default true). */
export function setSyntheticEventsTrustedForTests(trusted: boolean): void {
  if (UNIT_TESTS) trustSyntheticInTests = trusted;
}
