import * as v from 'valibot';

/**
 * Every string and list of the format has a cap (issue 14: 10 MB titles and 100,000-entry lists
 * were accepted and slowed every helpdesk page). The caps are far above any real playbook.
 */
export const PLAYBOOK_LIMITS = {
  /** The whole file, in characters (chrome.storage.local holds 10 MB in all). */
  fileChars: 2_000_000,
  playbooks: 500,
  steps: 100,
  /** Entries of any list of phrases, types, tags or hosts. */
  listEntries: 200,
  phrase: 200,
  /** Short text: names, titles, types, tags, hosts. */
  shortText: 200,
  /** Long text: descriptions, guidance, snippets. */
  longText: 5_000,
  wordCount: 100_000,
} as const;

export const capped = (what: string, max: number) =>
  v.maxLength<string, number, string>(max, `${what} must be at most ${max} characters`);

export const text = (what: string, max: number = PLAYBOOK_LIMITS.shortText) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    capped(what, max),
  );

export const longText = (what: string) =>
  v.pipe(v.string(`${what} must be text`), capped(what, PLAYBOOK_LIMITS.longText));

/** A list of at most PLAYBOOK_LIMITS.listEntries entries. */
export const list = <T extends v.GenericSchema>(item: T, message: string) =>
  v.pipe(
    v.array(item, message),
    v.maxLength(PLAYBOOK_LIMITS.listEntries, `at most ${PLAYBOOK_LIMITS.listEntries} entries`),
  );

export const id = (what: string) =>
  v.pipe(
    text(what),
    v.maxLength(64, `${what} must be at most 64 characters`),
    v.regex(/^[a-z0-9][a-z0-9._-]*$/, `${what} may use only a-z, 0-9, ".", "_" and "-"`),
  );

/** Words or short phrases, never regular expressions: see utils/words/phrases.ts. */
export const phrase = v.pipe(
  text('a phrase', PLAYBOOK_LIMITS.phrase),
  v.regex(/[\p{L}\p{N}]/u, 'a phrase needs at least one letter or digit'),
);
export const phraseList = v.pipe(
  v.array(phrase, 'must be a list of phrases'),
  v.minLength(1, 'needs at least one phrase'),
  v.maxLength(PLAYBOOK_LIMITS.listEntries, `at most ${PLAYBOOK_LIMITS.listEntries} phrases`),
);
export const optionalPhraseList = v.optional(list(phrase, 'must be a list of phrases'));
export const lowerList = v.optional(
  list(v.pipe(text('an entry'), v.toLowerCase()), 'must be a list of text entries'),
  [],
);

/**
 * The ticket a step or a playbook is for. Lists are alternatives: the ticket's type is one of
 * `types`, OR it has one of `tags`, OR the customer's message (or subject) contains one of
 * `keywords`.
 */
export const TICKET_ALTERNATIVES = {
  types: lowerList,
  tags: lowerList,
  keywords: v.optional(list(phrase, 'must be a list of phrases'), []),
};
