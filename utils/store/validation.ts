import * as v from 'valibot';
import type { ReplyRecord } from './types';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * A ReplyRecord as it may arrive from a content script or a team file. Unknown fields are dropped
 * on parse, so a record can never carry a reply's text into the database.
 */
export const ReplyRecordSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  time: v.pipe(v.number(), v.integer(), v.minValue(0)),
  helpdesk: text(100),
  ticketId: text(200),
  playbookId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  playbookVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  agent: text(200),
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  fullAdherence: v.boolean(),
  steps: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        status: v.picklist(['pass', 'fail', 'na']),
        override: v.optional(v.picklist(['done', 'na'])),
      }),
    ),
    v.maxLength(200),
  ),
  wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  origin: v.picklist(['local', 'import']),
  format: v.optional(v.picklist([1, 2])),
  lowConfidence: v.optional(v.boolean()),
  ticketUrl: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(2000),
      v.check((url) => /^https?:\/\/[^\s#]+$/i.test(url), 'must be an http(s) address without a fragment'),
    ),
  ),
});

// Keeps the schema and the shared type in step: a mismatch fails the type check.
const sameShape: v.InferOutput<typeof ReplyRecordSchema> extends ReplyRecord
  ? ReplyRecord extends v.InferOutput<typeof ReplyRecordSchema>
    ? true
    : false
  : false = true;
void sameShape;

/** The first problem of a failed parse, named by its path: `records[3].score: Invalid value`. */
export function firstProblem(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  let path = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
