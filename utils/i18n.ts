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
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

const fixedMessages = new Map<MessageKey, string>();
