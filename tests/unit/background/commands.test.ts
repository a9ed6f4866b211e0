import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { listenForCommands } from '@/utils/background/commands';
import { TOGGLE_SIDEBAR_COMMAND, TOGGLE_SIDEBAR_MESSAGE } from '@/utils/sidebar/toggle';

type Trigger = { trigger(command: string, tab?: { id?: number }): void };

describe('listenForCommands', () => {
  it('forwards the toggle command to the active tab’s sidebar, and nothing else', () => {
    const sendMessage = vi.fn().mockResolvedValue(undefined);
    browser.tabs.sendMessage = sendMessage;
    listenForCommands();
    const onCommand = browser.commands.onCommand as unknown as Trigger;
    onCommand.trigger(TOGGLE_SIDEBAR_COMMAND, { id: 7 });
    onCommand.trigger('something-else', { id: 7 });
    onCommand.trigger(TOGGLE_SIDEBAR_COMMAND, {});
    expect(sendMessage.mock.calls).toEqual([[7, { type: TOGGLE_SIDEBAR_MESSAGE }]]);
  });
});
