import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '@/assets/public/_locales/en/messages.json';

// Each test is a new extension context: no policy read is kept from the test before.
// (Imported here, not at the top: @wxt-dev/storage must load after the fake browser is in place.)
beforeEach(async () => (await import('@/utils/config/in-force')).forgetManagedPolicyRead());

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** The fake browser has no i18n: answer from the English messages the way Chrome resolves them. */
fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
  const entry = (en as Messages)[key];
  if (!entry) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name: string) =>
    fill(entry.placeholders?.[name.toLowerCase()]?.content ?? ''),
  );
}) as typeof fakeBrowser.i18n.getMessage;

/** The fake browser has no commands API: a minimal event, so code under test can listen and tests can fire. */
type CommandListener = (command: string, tab?: { id?: number }) => void;
const commandListeners = new Set<CommandListener>();
(fakeBrowser as unknown as { commands: object }).commands = {
  onCommand: {
    addListener: (listener: CommandListener) => commandListeners.add(listener),
    removeListener: (listener: CommandListener) => commandListeners.delete(listener),
    hasListener: (listener: CommandListener) => commandListeners.has(listener),
    /** Test helper, like the fake's other events. */
    trigger: (command: string, tab?: { id?: number }) => {
      for (const listener of commandListeners) listener(command, tab);
    },
  },
};
