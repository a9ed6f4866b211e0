import * as v from 'valibot';

/** The only file format this version reads and writes. */
export const PLAYBOOK_FORMAT = 'keel.playbooks/1';

const CHECK_KINDS = [
  'greeting',
  'closing',
  'phrase',
  'forbid',
  'mention',
  'expectation',
  'link',
  'length',
  'placeholders',
] as const;

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

const capped = (what: string, max: number) =>
  v.maxLength<string, number, string>(max, `${what} must be at most ${max} characters`);

const text = (what: string, max: number = PLAYBOOK_LIMITS.shortText) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    capped(what, max),
  );

const longText = (what: string) =>
  v.pipe(v.string(`${what} must be text`), capped(what, PLAYBOOK_LIMITS.longText));

/** A list of at most PLAYBOOK_LIMITS.listEntries entries. */
const list = <T extends v.GenericSchema>(item: T, message: string) =>
  v.pipe(
    v.array(item, message),
    v.maxLength(PLAYBOOK_LIMITS.listEntries, `at most ${PLAYBOOK_LIMITS.listEntries} entries`),
  );

const id = (what: string) =>
  v.pipe(
    text(what),
    v.maxLength(64, `${what} must be at most 64 characters`),
    v.regex(/^[a-z0-9][a-z0-9._-]*$/, `${what} may use only a-z, 0-9, ".", "_" and "-"`),
  );

/** Words or short phrases, never regular expressions: see utils/words/phrases.ts. */
const phrase = v.pipe(
  text('a phrase', PLAYBOOK_LIMITS.phrase),
  v.regex(/[\p{L}\p{N}]/u, 'a phrase needs at least one letter or digit'),
);
const phraseList = v.pipe(
  v.array(phrase, 'must be a list of phrases'),
  v.minLength(1, 'needs at least one phrase'),
  v.maxLength(PLAYBOOK_LIMITS.listEntries, `at most ${PLAYBOOK_LIMITS.listEntries} phrases`),
);
const optionalPhraseList = v.optional(list(phrase, 'must be a list of phrases'));
const lowerList = v.optional(
  list(v.pipe(text('an entry'), v.toLowerCase()), 'must be a list of text entries'),
  [],
);

const GreetingCheckSchema = v.strictObject({
  kind: v.literal('greeting'),
  /** Also require the customer's first or last name in the greeting line. */
  useName: v.optional(v.boolean('useName must be true or false'), false),
  /** Greeting words that count; defaults to hi, hello, dear, good morning, … */
  words: optionalPhraseList,
});

const ClosingCheckSchema = v.strictObject({
  kind: v.literal('closing'),
  /** Sign-off words that count; defaults to best, regards, thanks, cheers, … */
  words: optionalPhraseList,
});

const PhraseCheckSchema = v.strictObject({
  kind: v.literal('phrase'),
  any: phraseList,
  where: v.optional(
    v.picklist(['opening', 'closing', 'anywhere'], 'where must be "opening", "closing" or "anywhere"'),
    'anywhere',
  ),
  /**
   * Also passes when the reply's opening restates the customer's own words (two or more of the
   * content words of their subject or message): an acknowledgement in the agent's own words.
   */
  restates: v.optional(v.boolean('restates must be true or false')),
});

const ForbidCheckSchema = v.strictObject({
  kind: v.literal('forbid'),
  any: phraseList,
  /**
   * How a phrase must be used to count. `words` (the default): wherever it occurs, unless negated
   * or quoted. `promise`: only where it promises (not hedged, not a policy's name or an amount),
   * and any certainty about an outcome we do not control counts too ("you have my word", "it
   * will definitely arrive"). `request`: the phrases name sensitive data, which counts only where
   * the reply asks the customer to send, tell or confirm it, not where it says to enter it in the
   * product.
   */
  meaning: v.optional(
    v.picklist(['words', 'promise', 'request'], 'meaning must be "words", "promise" or "request"'),
  ),
});

const MentionCheckSchema = v.strictObject({
  kind: v.literal('mention'),
  /** A ticket variable, e.g. `customer.firstName`, `ticket.id`, `order.number`. */
  variable: v.pipe(
    text('variable', 100),
    v.regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/, 'variable looks like "order.number"'),
  ),
});

const ExpectationCheckSchema = v.strictObject({
  kind: v.literal('expectation'),
});

const LinkCheckSchema = v.strictObject({
  kind: v.literal('link'),
  /** When given, only links to these hosts (or their subdomains) count. */
  hosts: v.optional(list(v.pipe(text('a host', 253), v.toLowerCase()), 'hosts must be a list of host names')),
});

const wordCount = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must be 0 or more'),
  v.maxValue(PLAYBOOK_LIMITS.wordCount, `must be at most ${PLAYBOOK_LIMITS.wordCount}`),
);
const LengthCheckSchema = v.pipe(
  v.strictObject({
    kind: v.literal('length'),
    min: v.optional(wordCount),
    max: v.optional(wordCount),
  }),
  v.check(
    (check) => check.min === undefined || check.max === undefined || check.min <= check.max,
    'min must not be greater than max',
  ),
);

const PlaceholdersCheckSchema = v.strictObject({
  kind: v.literal('placeholders'),
});

export const StepCheckSchema = v.variant(
  'kind',
  [
    GreetingCheckSchema,
    ClosingCheckSchema,
    PhraseCheckSchema,
    ForbidCheckSchema,
    MentionCheckSchema,
    ExpectationCheckSchema,
    LinkCheckSchema,
    LengthCheckSchema,
    PlaceholdersCheckSchema,
  ],
  (issue) =>
    issue.input === undefined
      ? `needs a kind (one of ${CHECK_KINDS.join(', ')})`
      : `unknown kind ${issue.received}`,
);

/**
 * When a step applies. Lists are alternatives: the step applies when the ticket's type is one of
 * `types`, OR it has one of `tags`, OR the customer's message (or subject) contains one of
 * `keywords`. A `when` with no entries always holds.
 */
export const StepWhenSchema = v.strictObject({
  types: lowerList,
  tags: lowerList,
  keywords: v.optional(list(phrase, 'must be a list of phrases'), []),
});

export const PlaybookStepSchema = v.strictObject({
  id: id('step id'),
  title: text('title'),
  guidance: v.optional(longText('guidance')),
  severity: v.optional(
    v.picklist(
      ['critical', 'required', 'recommended'],
      'severity must be "critical", "required" or "recommended"',
    ),
    'required',
  ),
  weight: v.optional(
    v.pipe(v.number('weight must be a number'), v.minValue(0, 'weight must be 0 or more'), v.maxValue(100)),
    1,
  ),
  when: v.optional(StepWhenSchema),
  check: StepCheckSchema,
  snippet: v.optional(longText('snippet')),
});

export const PlaybookMatchSchema = v.strictObject({
  types: lowerList,
  tags: lowerList,
  keywords: v.optional(list(phrase, 'must be a list of phrases'), []),
  priority: v.optional(
    v.pipe(
      v.number('priority must be a number'),
      v.integer('priority must be a whole number'),
      v.minValue(-1000, 'priority must be -1000 or more'),
      v.maxValue(1000, 'priority must be 1000 or less'),
    ),
    0,
  ),
});

export const PlaybookSchema = v.strictObject({
  id: id('playbook id'),
  name: text('name'),
  description: v.optional(longText('description')),
  version: v.optional(
    v.pipe(
      v.number('version must be a number'),
      v.integer('version must be a whole number'),
      v.minValue(1, 'version must be 1 or more'),
      v.maxValue(1_000_000_000, 'version must be at most 1000000000'),
    ),
    1,
  ),
  locale: v.optional(text('locale', 35), 'en'),
  match: v.optional(PlaybookMatchSchema, { types: [], tags: [], keywords: [], priority: 0 }),
  steps: v.pipe(
    v.array(PlaybookStepSchema, 'steps must be a list'),
    v.minLength(1, 'a playbook needs at least one step'),
    v.maxLength(PLAYBOOK_LIMITS.steps, `a playbook has at most ${PLAYBOOK_LIMITS.steps} steps`),
  ),
});

export const PlaybookFileSchema = v.strictObject({
  format: v.literal(PLAYBOOK_FORMAT, `format must be "${PLAYBOOK_FORMAT}"`),
  playbooks: v.pipe(
    v.array(PlaybookSchema, 'playbooks must be a list'),
    v.maxLength(PLAYBOOK_LIMITS.playbooks, `at most ${PLAYBOOK_LIMITS.playbooks} playbooks`),
  ),
});

export type StepCheck = v.InferOutput<typeof StepCheckSchema>;
/** A check as a playbook author writes it (defaults such as `where` may be left out). */
export type StepCheckInput = v.InferInput<typeof StepCheckSchema>;
export type CheckKind = StepCheck['kind'];
export type StepWhen = v.InferOutput<typeof StepWhenSchema>;
export type PlaybookStep = v.InferOutput<typeof PlaybookStepSchema>;
export type PlaybookMatch = v.InferOutput<typeof PlaybookMatchSchema>;
export type Playbook = v.InferOutput<typeof PlaybookSchema>;
export type PlaybookFile = v.InferOutput<typeof PlaybookFileSchema>;
/** What a playbook author writes: defaults (weight, severity, …) may be left out. */
export type PlaybookInput = v.InferInput<typeof PlaybookSchema>;

export interface PlaybookProblem {
  /** Where the problem is, e.g. `playbooks[2].steps[0].check.kind`; '' for the whole file. */
  path: string;
  message: string;
}

export type ParsePlaybookResult = { ok: true; file: PlaybookFile } | { ok: false; errors: PlaybookProblem[] };

function formatPath(path: v.IssuePathItem[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'variant') return issue.message;
  // Keys that are not part of the format: name the key itself, not its parent.
  if (issue.type === 'strict_object' && issue.expected === 'never' && issue.path?.length) {
    return `unknown field "${String(issue.path[issue.path.length - 1]?.key)}"`;
  }
  if (issue.input === undefined && issue.kind === 'schema') return 'is missing';
  // A wrong type named in the format's words, without echoing the value (it may be megabytes).
  if (issue.type === 'strict_object' || issue.type === 'object') return 'must be an object ({ … })';
  return issue.message;
}

/**
 * Validates a parsed playbook file. Every problem comes with its path; nothing is returned on
 * failure, so a bad file never replaces good playbooks.
 */
export function parsePlaybookFile(input: unknown): ParsePlaybookResult {
  // A list (or any non-object) would otherwise be read as an object with keys "0", "1", …
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [
        { path: '', message: `expected an object with "format": "${PLAYBOOK_FORMAT}" and "playbooks"` },
      ],
    };
  }
  const parsed = v.safeParse(PlaybookFileSchema, input, { abortPipeEarly: true });
  if (!parsed.success) {
    const errors = parsed.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: describeIssue(issue),
    }));
    return { ok: false, errors };
  }
  const errors: PlaybookProblem[] = [];
  const playbookIds = new Map<string, number>();
  parsed.output.playbooks.forEach((playbook, index) => {
    const first = playbookIds.get(playbook.id);
    if (first !== undefined) {
      errors.push({
        path: `playbooks[${index}].id`,
        message: `duplicate playbook id "${playbook.id}" (also playbooks[${first}])`,
      });
    } else playbookIds.set(playbook.id, index);
    const stepIds = new Map<string, number>();
    playbook.steps.forEach((step, stepIndex) => {
      const firstStep = stepIds.get(step.id);
      if (firstStep !== undefined) {
        errors.push({
          path: `playbooks[${index}].steps[${stepIndex}].id`,
          message: `duplicate step id "${step.id}" (also steps[${firstStep}])`,
        });
      } else stepIds.set(step.id, stepIndex);
    });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, file: parsed.output };
}

/** Parses and validates the text of a playbook file; JSON syntax errors name the line and column. */
export function parsePlaybookFileText(text: string): ParsePlaybookResult {
  if (text.length > PLAYBOOK_LIMITS.fileChars) {
    const megabytes = (text.length / 1_000_000).toFixed(1);
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `the file holds ${megabytes} million characters; a playbook file may hold at most ${PLAYBOOK_LIMITS.fileChars / 1_000_000} million. Split it into smaller files.`,
        },
      ],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, errors: [{ path: '', message: describeJsonError(body) }] };
  }
  return parsePlaybookFile(data);
}

function describeJsonError(text: string): string {
  if (text.trim() === '') return 'the file is empty: expected a JSON playbook file';
  // Engines differ in whether they give a position; find it ourselves so every browser says where.
  const offset = jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found =
    offset < text.length ? `unexpected ${JSON.stringify(text.charAt(offset))}` : 'unexpected end of file';
  return `not valid JSON at line ${line}, column ${column}: ${found}`;
}

/** Offset of the first character that makes `text` invalid JSON (a small recursive-descent scan). */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const literal = (word: string) => {
    for (const char of word)
      if (text.charAt(at) === char) at++;
      else fail();
  };
  const string = () => {
    at++; // opening quote
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        at++;
        const escaped = text.charAt(at);
        if (escaped === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text.charAt(at + k))) {
              at += k;
              fail();
            }
          }
          at += 5;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') at++;
        else fail();
      } else if (char < ' ') fail();
      else at++;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail();
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    space();
    const char = text.charAt(at);
    if (char === '{') {
      at++;
      space();
      if (text.charAt(at) === '}') return void at++;
      while (true) {
        space();
        if (text.charAt(at) !== '"') fail();
        string();
        space();
        if (text.charAt(at) !== ':') fail();
        at++;
        value(depth + 1);
        space();
        if (text.charAt(at) === ',') at++;
        else if (text.charAt(at) === '}') return void at++;
        else fail();
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text.charAt(at) === ']') return void at++;
      while (true) {
        value(depth + 1);
        space();
        if (text.charAt(at) === ',') at++;
        else if (text.charAt(at) === ']') return void at++;
        else fail();
      }
    }
    if (char === '"') {
      string();
      return;
    }
    if (char === 't') {
      literal('true');
      return;
    }
    if (char === 'f') {
      literal('false');
      return;
    }
    if (char === 'n') {
      literal('null');
      return;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      number();
      return;
    }
    fail();
  };
  try {
    value(0);
    space();
    if (at < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
  return text.length;
}

/** A human-readable line for one problem, as DESIGN.md shows it. */
export function formatProblem(problem: PlaybookProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}
