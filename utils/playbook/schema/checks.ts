import * as v from 'valibot';
import { list, optionalPhraseList, PLAYBOOK_LIMITS, phraseList, text } from './fields';

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

export type StepCheck = v.InferOutput<typeof StepCheckSchema>;
/** A check as a playbook author writes it (defaults such as `where` may be left out). */
export type StepCheckInput = v.InferInput<typeof StepCheckSchema>;
export type CheckKind = StepCheck['kind'];
