import * as v from 'valibot';
import type { SameType } from '../same-type';
import type { ReplyRecord } from './types';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));

/** The earliest time a record may carry: Keel did not exist before, and Date handles it. */
export const EARLIEST_RECORD_TIME = Date.UTC(2000, 0, 1);
/** How far ahead of this clock a record may be: another agent's clock may run a little fast. */
export const RECORD_FUTURE_SLACK_MS = 2 * 86_400_000;

/** The first step id a list repeats, if any. */
function repeatedStepId(steps: readonly { id: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.id)) return step.id;
    seen.add(step.id);
  }
  return undefined;
}

/**
 * A ReplyRecord as it may arrive from a content script or a team file. Unknown fields are dropped
 * on parse, so a record can never carry a reply's text into the database.
 */
export const ReplyRecordSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  // A time out of range made CSV export fail for every period and a "NaN-NaN-NaN" day (issue 14).
  time: v.pipe(
    v.number(),
    v.integer(),
    v.check(
      (time) => time >= EARLIEST_RECORD_TIME && time <= Date.now() + RECORD_FUTURE_SLACK_MS,
      'must be a time from the year 2000 to today',
    ),
  ),
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
    v.maxLength(200, 'at most 200 steps'),
    v.check(
      (steps) => repeatedStepId(steps) === undefined,
      (issue) => `step id "${repeatedStepId(issue.input as { id: string }[])}" appears twice`,
    ),
  ),
  wordCount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
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
const sameShape: SameType<v.InferOutput<typeof ReplyRecordSchema>, ReplyRecord> = true;
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
