/**
 * Scores Keel against the blind corpus (tests/corpus/blind/part-*.json): cases and tickets written
 * from the playbooks' titles and guidance by people who had not read the checker or its phrase
 * lists. Used by tests/unit/checker/blind-corpus.test.ts and by `npm run corpus` (prints a report).
 * The figures come with 95% Wilson intervals: the samples are small.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReply } from '../../../utils/checker/index';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { pickPlaybook } from '../../../utils/playbook/pick';
import type { Playbook } from '../../../utils/playbook/schema';
import type { TicketContext } from '../../../utils/ticket';
import { htmlToText } from '../html-to-text';

type Status = 'pass' | 'fail' | 'na';

export interface BlindTicket {
  ticketId: string;
  subject: string;
  type?: string;
  tags?: string[];
  requester?: { name?: string; email?: string };
  customerMessage: string;
  agentName?: string;
}

export interface BlindCase {
  id: string;
  helpdesk: string;
  ticket: BlindTicket;
  expectPlaybook: string;
  replyFormat: 'text' | 'html';
  reply: string;
  expect: Record<string, Status>;
}

export interface BlindTicketOnly {
  id: string;
  helpdesk: string;
  ticket: BlindTicket;
  expectPlaybook: string;
}

export interface BlindFile {
  format: 'keel.blind-corpus/1';
  author: string;
  /** Clerical corrections, each logged: `{ id, step?, from, to, why }`. */
  changes: unknown[];
  cases: BlindCase[];
  tickets: BlindTicketOnly[];
}

const HELPDESK_IDS = new Map([
  ['requesttracker', 'rt'],
  ['request tracker', 'rt'],
  ['help scout', 'helpscout'],
  ['zoho', 'zohodesk'],
]);

export function loadBlindCorpus(dir = dirname(fileURLToPath(import.meta.url))): BlindFile[] {
  return readdirSync(dir)
    .filter((name) => /^part-.*\.json$/.test(name))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as BlindFile);
}

export function ticketOf(helpdesk: string, ticket: BlindTicket): TicketContext {
  const id = helpdesk.toLowerCase();
  return {
    helpdesk: HELPDESK_IDS.get(id) ?? id,
    ticketId: ticket.ticketId,
    subject: ticket.subject,
    ...(ticket.type ? { type: ticket.type.toLowerCase() } : {}),
    tags: (ticket.tags ?? []).map((tag) => tag.toLowerCase()),
    requester: ticket.requester ?? {},
    customerMessage: ticket.customerMessage,
    ...(ticket.agentName ? { agentName: ticket.agentName } : {}),
  };
}

/** A proportion with its 95% Wilson score interval. */
export interface Rate {
  hits: number;
  total: number;
  value: number;
  low: number;
  high: number;
}

export function rate(hits: number, total: number): Rate {
  if (total === 0) return { hits, total, value: Number.NaN, low: Number.NaN, high: Number.NaN };
  const z = 1.96;
  const p = hits / total;
  const denominator = 1 + (z * z) / total;
  const centre = (p + (z * z) / (2 * total)) / denominator;
  const spread = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / denominator;
  return { hits, total, value: p, low: Math.max(0, centre - spread), high: Math.min(1, centre + spread) };
}

interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  naRight: number;
  naWrong: number;
}

const emptyConfusion = (): Confusion => ({ tp: 0, fp: 0, fn: 0, tn: 0, naRight: 0, naWrong: 0 });

function tally(counts: Confusion, wanted: Status, got: Status): void {
  if (wanted === 'na' || got === 'na') {
    if (wanted === got) counts.naRight++;
    else counts.naWrong++;
  } else if (wanted === 'fail') {
    if (got === 'fail') counts.tp++;
    else counts.fn++;
  } else if (got === 'fail') counts.fp++;
  else counts.tn++;
}

export interface BlindReport {
  cases: number;
  tickets: number;
  classifier: Rate;
  stepAccuracy: Rate;
  precision: Rate;
  recall: Rate;
  criticalPrecision: Rate;
  criticalRecall: Rate;
  criticalAccuracy: Rate;
  /** Of the replies a reviewer calls fully adherent, the share Keel also calls fully adherent. */
  fullAdherenceKept: Rate;
  byKind: Map<string, Confusion>;
  /** Steps Keel got wrong, for reading: `caseId step expected→got`. */
  misses: string[];
  misPicks: string[];
}

function playbookById(id: string): Playbook {
  const playbook = DEFAULT_PLAYBOOKS.find((candidate) => candidate.id === id);
  if (!playbook) throw new Error(`blind corpus names unknown playbook "${id}"`);
  return playbook;
}

export function scoreBlindCorpus(files: BlindFile[] = loadBlindCorpus()): BlindReport {
  const byKind = new Map<string, Confusion>();
  const all = emptyConfusion();
  const critical = emptyConfusion();
  const misses: string[] = [];
  const misPicks: string[] = [];
  let picks = 0;
  let rightPicks = 0;
  let stepRight = 0;
  let stepTotal = 0;
  let adherent = 0;
  let adherentKept = 0;
  let cases = 0;
  let tickets = 0;
  const judgePick = (id: string, ticket: TicketContext, expected: string) => {
    picks++;
    const got = pickPlaybook(ticket, DEFAULT_PLAYBOOKS)?.playbook.id;
    if (got === expected) rightPicks++;
    else misPicks.push(`${id}: expected ${expected}, got ${got}`);
  };
  for (const file of files) {
    for (const entry of file.tickets) {
      tickets++;
      judgePick(entry.id, ticketOf(entry.helpdesk, entry.ticket), entry.expectPlaybook);
    }
    for (const entry of file.cases) {
      cases++;
      const ticket = ticketOf(entry.helpdesk, entry.ticket);
      judgePick(entry.id, ticket, entry.expectPlaybook);
      // Steps are judged against the playbook the reviewer expects, whatever the classifier picked.
      const playbook = playbookById(entry.expectPlaybook);
      const text = entry.replyFormat === 'html' ? htmlToText(entry.reply) : entry.reply;
      const result = checkReply(text, ticket, playbook);
      let reviewerAdherent = true;
      for (const step of result.steps) {
        const wanted = entry.expect[step.stepId];
        if (wanted === undefined) throw new Error(`${entry.id} has no expectation for ${step.stepId}`);
        const kind = (playbook.steps.find((s) => s.id === step.stepId) as Playbook['steps'][number]).check
          .kind;
        let counts = byKind.get(kind);
        if (!counts) {
          counts = emptyConfusion();
          byKind.set(kind, counts);
        }
        tally(counts, wanted, step.status);
        tally(all, wanted, step.status);
        if (step.severity === 'critical') tally(critical, wanted, step.status);
        if (wanted === 'fail' && step.severity !== 'recommended') reviewerAdherent = false;
        stepTotal++;
        if (wanted === step.status) stepRight++;
        else
          misses.push(
            `${entry.id} ${step.stepId} ${wanted}→${step.status}${step.reason ? ` (${step.reason})` : ''}`,
          );
      }
      if (reviewerAdherent) {
        adherent++;
        if (result.fullAdherence) adherentKept++;
      }
    }
  }
  return {
    cases,
    tickets,
    classifier: rate(rightPicks, picks),
    stepAccuracy: rate(stepRight, stepTotal),
    precision: rate(all.tp, all.tp + all.fp),
    recall: rate(all.tp, all.tp + all.fn),
    criticalPrecision: rate(critical.tp, critical.tp + critical.fp),
    criticalRecall: rate(critical.tp, critical.tp + critical.fn),
    criticalAccuracy: rate(
      critical.tp + critical.tn + critical.naRight,
      critical.tp + critical.tn + critical.fp + critical.fn + critical.naRight + critical.naWrong,
    ),
    fullAdherenceKept: rate(adherentKept, adherent),
    byKind,
    misses,
    misPicks,
  };
}

const percent = (r: Rate) =>
  Number.isNaN(r.value)
    ? '   —'
    : `${(100 * r.value).toFixed(1).padStart(5)}% [${(100 * r.low).toFixed(0)}–${(100 * r.high).toFixed(0)}] (${r.hits}/${r.total})`;

export function formatBlindReport(report: BlindReport): string {
  const lines = [
    `Blind corpus: ${report.cases} replies, ${report.cases + report.tickets} tickets (95% Wilson intervals)`,
    `  classifier          ${percent(report.classifier)}`,
    `  step accuracy       ${percent(report.stepAccuracy)}`,
    `  findings precision  ${percent(report.precision)}`,
    `  findings recall     ${percent(report.recall)}`,
    `  critical precision  ${percent(report.criticalPrecision)}`,
    `  critical recall     ${percent(report.criticalRecall)}`,
    `  critical accuracy   ${percent(report.criticalAccuracy)}`,
    `  full adherence kept ${percent(report.fullAdherenceKept)}`,
    '  kind           precision                 recall                    na right/wrong',
  ];
  for (const [kind, c] of [...report.byKind.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `  ${kind.padEnd(13)} ${percent(rate(c.tp, c.tp + c.fp)).padEnd(25)} ${percent(rate(c.tp, c.tp + c.fn)).padEnd(25)} ${c.naRight}/${c.naWrong}`,
    );
  }
  return lines.join('\n');
}
