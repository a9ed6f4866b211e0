import type { ReplyRecord } from './types';

const COLUMNS = [
  'id',
  'time',
  'helpdesk',
  'ticketId',
  'playbookId',
  'playbookVersion',
  'agent',
  'score',
  'fullAdherence',
  'wordCount',
  'origin',
  'steps',
] as const;

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

/** Records as CSV for spreadsheets: a header line, CRLF line ends, steps as `id:status;…`. */
export function exportCsv(records: readonly ReplyRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const record of records) {
    const row: Record<(typeof COLUMNS)[number], string | number | boolean> = {
      ...record,
      // A time Date cannot hold (a record stored before times were checked) is an empty cell, not a failed export.
      time: Number.isFinite(new Date(record.time).getTime()) ? new Date(record.time).toISOString() : '',
      steps: record.steps.map((step) => `${step.id}:${step.status}`).join(';'),
    };
    lines.push(COLUMNS.map((column) => csvField(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
