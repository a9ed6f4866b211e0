import { browser } from 'wxt/browser';
import type en from '@/assets/public/_locales/en/messages.json';

/** A key of `_locales/en/messages.json`: a typo is a type error, not a blank label. */
export type MessageKey = keyof typeof en;

/**
 * UI text through `browser.i18n`, so Keel can ship other languages by adding `_locales/<lang>`.
 * A missing message shows its key rather than nothing, so it is noticed.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  if (substitutions.length === 0) {
    // The sidebar renders its labels often; a fixed message never changes while the page lives.
    let message = fixedMessages.get(key);
    if (message === undefined) {
      message = browser.i18n.getMessage(key) || key;
      fixedMessages.set(key, message);
    }
    return message;
  }
  // Labels with a step's title or a count repeat from render to render: ask the browser once.
  const cacheKey = `${key}\u0000${substitutions.join('\u0000')}`;
  let message = filledMessages.get(cacheKey);
  if (message === undefined) {
    message = browser.i18n.getMessage(key, substitutions.map(String)) || key;
    if (filledMessages.size >= 500) filledMessages.clear();
    filledMessages.set(cacheKey, message);
  }
  return message;
}

const fixedMessages = new Map<MessageKey, string>();
const filledMessages = new Map<string, string>();
