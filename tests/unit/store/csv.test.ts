import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { labelsFrom } from '../../../components/popup/labels';
import {
  csvField,
  exportCsv,
  exportStepsCsv,
  localTime,
  REPLY_COLUMNS,
  STEP_COLUMNS,
} from '../../../utils/store/csv';
import { makeRecord } from './fixtures';

const names = labelsFrom([
  {
    id: 'refund',
    name: 'Remboursement, vite',
    steps: [
      { id: 'greet', title: 'Saluer le client' },
      { id: 'thank', title: 'Remercier « toujours »' },
    ],
  },
]);

const records = [
  makeRecord({
    id: 'r1',
    time: Date.UTC(2025, 0, 2, 3, 4, 5),
    agent: 'Łukasz Żółć',
    ticketId: '=1+2',
    ticketUrl: 'https://acme.zendesk.com/agent/tickets/12',
    score: 50,
    fullAdherence: false,
    steps: [
      { id: 'greet', status: 'pass', override: 'done' },
      { id: 'thank', status: 'fail' },
      { id: 'apologise', status: 'na' },
    ],
  }),
  makeRecord({ id: 'r2', agent: 'Zoë "the lead", Müller', ticketId: '17', playbookId: 'other' }),
];

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

/** The file as a spreadsheet reads it: csv-parse with the BOM honoured, one object per row. */
function read(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, record_delimiter: '\r\n', relax_quotes: false });
}

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Smith, Ana')).toBe('"Smith, Ana"');
    expect(csvField('the "best"')).toBe('"the ""best"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(42)).toBe('42');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@agent')).toBe("'@agent");
    expect(csvField('-1')).toBe("'-1");
  });

  it('starts with a UTF-8 byte order mark and ends every line with CRLF', () => {
    const text = exportCsv(records, names);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe(REPLY_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r]/);
  });

  it.each([
    ['Europe/Warsaw', '2025-01-02 04:04:05', 'UTC+01:00'],
    ['America/New_York', '2025-01-01 22:04:05', 'UTC-05:00'],
    ['Asia/Kolkata', '2025-01-02 08:34:05', 'UTC+05:30'],
    ['UTC', '2025-01-02 03:04:05', 'UTC+00:00'],
  ])('writes times in local time with the offset from UTC (%s)', (zone, time, utcOffset) => {
    process.env.TZ = zone;
    expect(localTime(Date.UTC(2025, 0, 2, 3, 4, 5))).toEqual({ time, utcOffset });
  });

  it('round-trips one row per reply through a CSV parser, with names beside ids and non-ASCII intact', () => {
    process.env.TZ = 'Europe/Warsaw';
    const rows = read(exportCsv(records, names));
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0] ?? {})).toEqual([...REPLY_COLUMNS]);
    expect(rows[0]).toEqual({
      id: 'r1',
      time: '2025-01-02 04:04:05',
      utcOffset: 'UTC+01:00',
      helpdesk: 'demo',
      ticketId: "'=1+2",
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/12',
      playbookId: 'refund',
      playbookName: 'Remboursement, vite',
      playbookVersion: '1',
      agent: 'Łukasz Żółć',
      score: '50',
      fullAdherence: 'false',
      stepsPassed: '1',
      stepsMissed: '1',
      stepsNotApplicable: '1',
      missedSteps: 'Remercier « toujours »',
      wordCount: '80',
      origin: 'local',
    });
    // An unknown playbook is named by its id, so a pivot by name still groups it.
    expect(rows[1]).toMatchObject({
      agent: 'Zoë "the lead", Müller',
      playbookId: 'other',
      playbookName: 'other',
    });
  });

  it('round-trips the steps export: one row per reply × step (long format)', () => {
    process.env.TZ = 'UTC';
    const rows = read(exportStepsCsv(records, names));
    expect(Object.keys(rows[0] ?? {})).toEqual([...STEP_COLUMNS]);
    expect(rows).toHaveLength(records.reduce((sum, r) => sum + r.steps.length, 0));
    expect(rows.slice(0, 3)).toEqual([
      {
        replyId: 'r1',
        time: '2025-01-02 03:04:05',
        utcOffset: 'UTC+00:00',
        helpdesk: 'demo',
        ticketId: "'=1+2",
        agent: 'Łukasz Żółć',
        playbookId: 'refund',
        playbookName: 'Remboursement, vite',
        stepId: 'greet',
        stepName: 'Saluer le client',
        status: 'pass',
        override: 'done',
        score: '50',
      },
      expect.objectContaining({
        stepId: 'thank',
        stepName: 'Remercier « toujours »',
        status: 'fail',
        override: '',
      }),
      expect.objectContaining({ stepId: 'apologise', stepName: 'apologise', status: 'na' }),
    ]);
    expect(rows.filter((row) => row.replyId === 'r2').map((row) => row.agent)).toEqual([
      'Zoë "the lead", Müller',
      'Zoë "the lead", Müller',
    ]);
  });
});
