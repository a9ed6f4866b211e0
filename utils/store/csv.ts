import type { ReplyRecord } from './types';

/** Human names for ids (the playbooks in force); an unknown id stands for its own name. */
export interface CsvNames {
  playbook(id: string): string;
  step(playbookId: string, stepId: string): string;
}

/** Without playbooks to name them, ids name themselves. */
export const IDS_AS_NAMES: CsvNames = { playbook: (id) => id, step: (_playbookId, stepId) => stepId };

/** Spreadsheets (Excel above all) read a file as UTF-8 only when it starts with this. */
const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe:
 * agent names and ticket ids come from web pages.
 */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The local time of an epoch-ms instant as `YYYY-MM-DD HH:MM:SS`, which spreadsheets read as a
 * date and time, and its offset from UTC as `UTC+01:00` (never a bare `+01:00`, which a
 * spreadsheet would take for a time or a formula).
 */
export function localTime(time: number): { time: string; utcOffset: string } {
  const date = new Date(time);
  // A time Date cannot hold (a record stored before times were checked) is an empty cell, not a failed export.
  if (!Number.isFinite(date.getTime())) return { time: '', utcOffset: '' };
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return {
    time:
      `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
      `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`,
    utcOffset: `UTC${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`,
  };
}

type Row<C extends readonly string[]> = Record<C[number], string | number | boolean>;

function csvText<C extends readonly string[]>(columns: C, rows: Iterable<Row<C>>): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column: C[number]) => csvField(row[column])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** The replies export's columns: one row per reply. */
export const REPLY_COLUMNS = [
  'id',
  'time',
  'utcOffset',
  'helpdesk',
  'ticketId',
  'ticketUrl',
  'playbookId',
  'playbookName',
  'playbookVersion',
  'agent',
  'score',
  'fullAdherence',
  'stepsPassed',
  'stepsMissed',
  'stepsNotApplicable',
  'missedSteps',
  'wordCount',
  'origin',
] as const;

/**
 * Records as CSV for spreadsheets, one row per reply: UTF-8 with a BOM, CRLF line ends, local
 * time with its UTC offset, names beside ids. Step counts in their own columns; the missed steps'
 * names in one readable cell (the steps export has one row per step, for pivot tables).
 */
export function exportCsv(records: readonly ReplyRecord[], names: CsvNames = IDS_AS_NAMES): string {
  return csvText(
    REPLY_COLUMNS,
    records.map((record) => {
      const count = (status: string) => record.steps.filter((step) => step.status === status).length;
      return {
        ...record,
        ...localTime(record.time),
        ticketUrl: record.ticketUrl ?? '',
        playbookName: names.playbook(record.playbookId),
        stepsPassed: count('pass'),
        stepsMissed: count('fail'),
        stepsNotApplicable: count('na'),
        missedSteps: record.steps
          .filter((step) => step.status === 'fail')
          .map((step) => names.step(record.playbookId, step.id))
          .join('; '),
      };
    }),
  );
}

/** The steps export's columns: one row per reply × step (long format). */
export const STEP_COLUMNS = [
  'replyId',
  'time',
  'utcOffset',
  'helpdesk',
  'ticketId',
  'agent',
  'playbookId',
  'playbookName',
  'stepId',
  'stepName',
  'status',
  'override',
  'score',
] as const;

/**
 * Records as a long-format CSV, one row per reply × step, so a pivot table can count misses by
 * step, agent or week. Same encoding as `exportCsv`; `override` is the agent's correction, if any.
 */
export function exportStepsCsv(records: readonly ReplyRecord[], names: CsvNames = IDS_AS_NAMES): string {
  return csvText(
    STEP_COLUMNS,
    records.flatMap((record) => {
      const when = localTime(record.time);
      const playbookName = names.playbook(record.playbookId);
      return record.steps.map((step) => ({
        replyId: record.id,
        ...when,
        helpdesk: record.helpdesk,
        ticketId: record.ticketId,
        agent: record.agent,
        playbookId: record.playbookId,
        playbookName,
        stepId: step.id,
        stepName: names.step(record.playbookId, step.id),
        status: step.status,
        override: step.override ?? '',
        score: record.score,
      }));
    }),
  );
}
