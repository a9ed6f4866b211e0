/**
 * Build step for the content script's budget (35 KB gzipped): the `source` of every selector
 * registry entry (which public repository, file and date it rests on) is for the people who
 * maintain the adapters and for the unit test that holds every entry to a source or `assumed`;
 * the page never needs it. Production builds drop those properties (and so the strings they name)
 * from utils/adapters; tests and the dev server keep them. Imported by wxt.config.ts only.
 */
import type { Plugin } from 'vite';

/** `source: NAME`, `source: 'text'` or `source: "text"`, with the comma that separates it. */
const SOURCE_PROPERTY =
  /(,\s*source:\s*(?:[A-Z][A-Z0-9_]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))|(\bsource:\s*(?:[A-Z][A-Z0-9_]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*,)/g;

export function stripSelectorEvidence(): Plugin {
  return {
    name: 'keel:strip-selector-evidence',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]utils[\\/]adapters[\\/][\w-]+\.ts$/.test(id) || !code.includes('source:')) return null;
      return { code: code.replace(SOURCE_PROPERTY, ''), map: null };
    },
  };
}
