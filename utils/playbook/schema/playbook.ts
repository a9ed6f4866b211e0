import * as v from 'valibot';
import { StepCheckSchema } from './checks';
import { id, longText, PLAYBOOK_LIMITS, TICKET_ALTERNATIVES, text } from './fields';

/** The only file format this version reads and writes. */
export const PLAYBOOK_FORMAT = 'keel.playbooks/1';

/**
 * When a step applies. Lists are alternatives: the step applies when the ticket's type is one of
 * `types`, OR it has one of `tags`, OR the customer's message (or subject) contains one of
 * `keywords`. A `when` with no entries always holds.
 */
export const StepWhenSchema = v.strictObject(TICKET_ALTERNATIVES);

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
  ...TICKET_ALTERNATIVES,
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

export type StepWhen = v.InferOutput<typeof StepWhenSchema>;
export type PlaybookStep = v.InferOutput<typeof PlaybookStepSchema>;
export type PlaybookMatch = v.InferOutput<typeof PlaybookMatchSchema>;
export type Playbook = v.InferOutput<typeof PlaybookSchema>;
export type PlaybookFile = v.InferOutput<typeof PlaybookFileSchema>;
/** What a playbook author writes: defaults (weight, severity, …) may be left out. */
export type PlaybookInput = v.InferInput<typeof PlaybookSchema>;
