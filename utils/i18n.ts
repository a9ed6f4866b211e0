import { browser } from 'wxt/browser';
import type en from '@/assets/public/_locales/en/messages.json';

/** A key of `_locales/en/messages.json`: a typo is a type error, not a blank label. */
export type MessageKey = keyof typeof en;

/**
 * UI text through `browser.i18n`, so Keel can ship other languages by adding `_locales/<lang>`.
 * A missing message shows its key rather than nothing, so it is noticed.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}
