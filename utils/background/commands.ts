import { browser } from 'wxt/browser';
import { TOGGLE_SIDEBAR_COMMAND, TOGGLE_SIDEBAR_MESSAGE } from '../sidebar/toggle';

/** Forwards the keyboard command to the active tab's sidebar. Registered synchronously at start. */
export function listenForCommands(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== TOGGLE_SIDEBAR_COMMAND || tab?.id === undefined) return;
    // A tab without Keel's content script has nobody to answer: nothing to toggle.
    browser.tabs.sendMessage(tab.id, { type: TOGGLE_SIDEBAR_MESSAGE }).catch(() => undefined);
  });
}
