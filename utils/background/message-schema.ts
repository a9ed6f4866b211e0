import * as v from 'valibot';
import type { KeelMessage } from '../messages';
import { PlaybookSchema } from '../playbook/schema';
import type { SameType } from '../same-type';
import { PERIODS } from '../store/summary';
import { ReplyRecordSchema } from '../store/validation';

// Validation of messages lives with the background, their only receiver: content scripts, which
// only send, stay free of the schema library.

const PeriodSchema = v.picklist(PERIODS);
const MAX_FILE_CHARS = 200_000_000;
const DaySchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const FilterSchema = v.pipe(v.string(), v.maxLength(500));
/** A draft far longer than any reply is refused rather than checked (the checker reads it all). */
export const MAX_DRAFT_CHARS = 100_000;
const TicketText = v.pipe(v.string(), v.maxLength(MAX_DRAFT_CHARS));
const ShortText = v.pipe(v.string(), v.maxLength(2_000));
/** The period, range and filters a summary and its CSV export share (utils/messages.ts SummaryFilters). */
const SummaryFilterFields = {
  period: PeriodSchema,
  from: v.optional(DaySchema),
  to: v.optional(DaySchema),
  agent: v.optional(FilterSchema),
  playbookId: v.optional(FilterSchema),
  helpdesk: v.optional(FilterSchema),
};

/** What an adapter read from the page (utils/ticket.ts), as the checker and classifier take it. */
const TicketContextSchema = v.object({
  helpdesk: ShortText,
  ticketId: ShortText,
  subject: ShortText,
  type: v.optional(ShortText),
  tags: v.pipe(v.array(ShortText), v.maxLength(500)),
  requester: v.object({ name: v.optional(ShortText), email: v.optional(ShortText) }),
  customerMessage: TicketText,
  agentName: v.optional(ShortText),
});

/** A custom site's evidence of a send: a hash of the reply's first words, never the text. */
const ReplyProofSchema = v.object({
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/)),
  words: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
});

/** Validates messages at the background. Unknown fields are dropped. */
export const KeelMessageSchema = v.variant('type', [
  v.object({ type: v.literal('reply.sent'), record: ReplyRecordSchema }),
  v.object({
    type: v.literal('reply.pending'),
    record: ReplyRecordSchema,
    proof: v.optional(ReplyProofSchema),
  }),
  v.object({
    type: v.literal('reply.unconfirmed'),
    helpdesk: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  }),
  v.object({ type: v.literal('reply.cancel'), id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  v.object({
    type: v.literal('reply.pendingDraft'),
    record: v.omit(ReplyRecordSchema, ['score', 'fullAdherence', 'steps', 'wordCount']),
    draft: TicketText,
    ticket: TicketContextSchema,
    playbook: PlaybookSchema,
    proof: v.optional(ReplyProofSchema),
    overrides: v.pipe(
      v.array(
        v.object({
          stepId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
          kind: v.picklist(['done', 'na']),
          checked: v.picklist(['pass', 'fail']),
        }),
      ),
      v.maxLength(200),
    ),
  }),
  v.object({ type: v.literal('config.get') }),
  v.object({
    type: v.literal('verdict.check'),
    draft: TicketText,
    ticket: TicketContextSchema,
    playbook: PlaybookSchema,
  }),
  v.object({
    type: v.literal('verdict.pick'),
    ticket: TicketContextSchema,
    playbooks: v.pipe(v.array(PlaybookSchema), v.maxLength(500)),
  }),
  v.object({ type: v.literal('stats.summary'), ...SummaryFilterFields }),
  v.object({
    type: v.literal('stats.missed'),
    playbookId: FilterSchema,
    stepId: FilterSchema,
    agent: v.optional(FilterSchema),
    since: v.optional(v.number()),
    before: v.optional(v.number()),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  }),
  v.object({
    type: v.literal('stats.agentTrends'),
    period: PeriodSchema,
    from: v.optional(DaySchema),
    to: v.optional(DaySchema),
    playbookId: v.optional(FilterSchema),
    helpdesk: v.optional(FilterSchema),
  }),
  v.object({ type: v.literal('stats.exportTeam') }),
  v.object({
    type: v.literal('stats.exportCsv'),
    kind: v.optional(v.picklist(['replies', 'steps'])),
    ...SummaryFilterFields,
  }),
  v.object({ type: v.literal('stats.exportBackup') }),
  v.object({
    type: v.literal('stats.importTeam'),
    files: v.pipe(
      v.array(
        v.object({
          name: v.pipe(v.string(), v.maxLength(500)),
          text: v.pipe(v.string(), v.maxLength(MAX_FILE_CHARS)),
        }),
      ),
      v.minLength(1),
    ),
  }),
  v.object({
    type: v.literal('stats.restoreBackup'),
    name: v.pipe(v.string(), v.maxLength(500)),
    text: v.pipe(v.string(), v.maxLength(MAX_FILE_CHARS)),
  }),
  v.object({ type: v.literal('stats.clear') }),
  v.object({ type: v.literal('team.status') }),
  v.object({ type: v.literal('team.test') }),
  v.object({ type: v.literal('team.sendHistory') }),
]);

// The schema and the KeelMessage type must describe the same messages.
const sameMessages: SameType<v.InferOutput<typeof KeelMessageSchema>, KeelMessage> = true;
void sameMessages;
