import * as v from 'valibot';
import { PLAYBOOK_LIMITS } from './fields';
import { describeJsonError } from './json';
import { PLAYBOOK_FORMAT, type PlaybookFile, PlaybookFileSchema } from './playbook';

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

/** A human-readable line for one problem, as DESIGN.md shows it. */
export function formatProblem(problem: PlaybookProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}
