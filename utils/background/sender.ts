import type { Browser } from 'wxt/browser';
import { CONTENT_SCRIPT_TYPES, type KeelMessage } from '../messages';

/**
 * Why the background refuses a message from `sender`, or null when it may answer.
 * Only this extension's own contexts are heard. Extension pages (popup, options; no tab, or a tab
 * showing an extension page) may send anything; content scripts run inside helpdesk pages, so they
 * may only report sent replies — a hostile page must not read, export or clear the statistics.
 */
export function refusalFor(
  type: KeelMessage['type'],
  sender: Browser.runtime.MessageSender,
  runtimeId: string,
  extensionOrigin: string,
): string | null {
  if (sender.id !== runtimeId) return 'refused: the message did not come from Keel';
  const fromExtensionPage = sender.url === undefined ? !sender.tab : sender.url.startsWith(extensionOrigin);
  if (fromExtensionPage) return null;
  if (!sender.tab) return 'refused: unknown sender';
  return CONTENT_SCRIPT_TYPES.has(type) ? null : `refused: a page may not send "${type}"`;
}
