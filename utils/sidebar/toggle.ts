/** Sent by the background to a tab's content script when the agent presses the toggle command. */
export const TOGGLE_SIDEBAR_MESSAGE = 'sidebar.toggle';
/** The manifest command that toggles the sidebar (Alt+Shift+K by default). */
export const TOGGLE_SIDEBAR_COMMAND = 'toggle-sidebar';

/** The same shortcut, caught in the page too: browsers leave commands unbound when keys clash. */
export const isToggleShortcut = (event: KeyboardEvent) =>
  event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyK';
