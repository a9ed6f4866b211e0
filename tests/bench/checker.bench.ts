/**
 * Checker bench: a reply of 500, 2,000 and 20,000 characters against a 12-step playbook. Prints the
 * median time per check, its ratio to the floor (one lower-casing + NFD pass over the same text,
 * measured in the same run) and how much faster it is than the naive way (one RegExp per phrase,
 * built on every check). Targets at 2,000 characters: ≤ 0.1 ms, ≤ 10x the floor, ≥ 5x the naive way.
 * Run: npx tsx tests/bench/checker.bench.ts
 */
import { checkReply } from '../../utils/checker/index';
import { DEFAULT_PLAYBOOKS } from '../../utils/playbook/library';
import type { Playbook } from '../../utils/playbook/schema';
import type { TicketContext } from '../../utils/ticket';

const refund = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'refund') as Playbook;
const playbook: Playbook = { ...refund, steps: refund.steps.slice(0, 12) };
if (playbook.steps.length !== 12)
  throw new Error(`expected a 12-step playbook, got ${playbook.steps.length}`);

const ticket: TicketContext = {
  helpdesk: 'demo',
  ticketId: '4521',
  subject: 'Refund for order #A1234',
  type: 'refund',
  tags: ['refund'],
  requester: { name: 'María García', email: 'maria@example.com' },
  customerMessage:
    'Hello, the blender I ordered (order #A1234) arrived broken and I would like my money back.',
  agentName: 'Alex Kim',
};

const BODY = [
  "I understand you'd like a refund for order A1234, and I'm so sorry the blender arrived broken.",
  "I've processed a full refund to your original payment method; it will show within 5–10 business days.",
  "We can't guarantee how fast your bank posts it, but most customers see it sooner.",
  'You do not need to send the blender back — please recycle it responsibly, or keep the parts.',
  'If you would like a replacement instead, just reply and I will arrange it by Friday.',
  'Our help centre has more on refunds at https://help.example.com/refunds if you are curious.',
  'Naïve café orders and crème brûlée aside, we take product quality seriously and have told the warehouse. 🙂',
];

/** A realistic reply of about `length` characters: greeting, body sentences, thanks, sign-off. */
function makeReply(length: number): string {
  const opening = 'Hi María,\n\n';
  const closing =
    '\n\nThanks for your patience, and let me know if anything else comes up.\n\nBest regards,\nAlex';
  let body = '';
  for (let i = 0; body.length < length - opening.length - closing.length; i++) {
    body += `${BODY[i % BODY.length]} `;
  }
  return opening + body.slice(0, Math.max(0, length - opening.length - closing.length)).trimEnd() + closing;
}

const floor = (text: string) => text.toLowerCase().normalize('NFD').length;

/** Every phrase the playbook looks for, as written. */
const PHRASES: string[] = playbook.steps.flatMap((step) => {
  const check = step.check;
  const words = check.kind === 'phrase' || check.kind === 'forbid' ? check.any : [];
  return [...words, ...(step.when?.keywords ?? [])];
});
const GREETINGS = ['hi', 'hello', 'hey', 'dear', 'good morning'];
const CLOSINGS = ['best', 'regards', 'thanks', 'cheers', 'kind regards'];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The naive checker: normalise, then one RegExp per phrase, built on every check, every match found. */
function naive(text: string): number {
  const normalised = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  let found = 0;
  for (const phrase of [...PHRASES, ...GREETINGS, ...CLOSINGS]) {
    const source = escapeRegExp(phrase.toLowerCase()).replace(/\\\*/g, '[\\p{L}\\p{N}]*');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, 'gu');
    for (const _ of normalised.matchAll(pattern)) found++;
  }
  return found + (/\{\{|\[[A-Z]+\]/.test(normalised) ? 1 : 0) + normalised.split(/\s+/).length;
}

/** Microseconds of CPU time per call over one batch (CPU time: other work on a shared machine skews it less). */
function timeBatch(run: () => unknown, batch: number): number {
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < batch; i++) sink += run() ? 1 : 0;
  const used = process.cpuUsage(start);
  if (sink < 0) console.log(sink);
  return (used.user + used.system) / batch;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const SAMPLES = 60;

/**
 * The check, the floor and the naive way, measured in interleaved batches so that a burst of
 * load elsewhere hits all three alike; ratios are the median of per-sample ratios.
 */
function measureSize(chars: number) {
  const text = makeReply(chars);
  const batch = Math.max(5, Math.round(400_000 / chars));
  const naiveBatch = Math.max(2, Math.round(batch / 10));
  const check = () => checkReply(text, ticket, playbook).score;
  const floorRun = () => floor(text);
  const naiveRun = () => naive(text);
  for (let i = 0; i < 5; i++) {
    timeBatch(check, batch);
    timeBatch(floorRun, batch);
    timeBatch(naiveRun, naiveBatch);
  }
  const samples: { check: number; floor: number; naive: number }[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    samples.push({
      check: timeBatch(check, batch),
      floor: timeBatch(floorRun, batch),
      naive: timeBatch(naiveRun, naiveBatch),
    });
  }
  return {
    chars: text.length,
    check: median(samples.map((sample) => sample.check)),
    floor: median(samples.map((sample) => sample.floor)),
    naive: median(samples.map((sample) => sample.naive)),
    overFloor: median(samples.map((sample) => sample.check / sample.floor)),
    naiveOver: median(samples.map((sample) => sample.naive / sample.check)),
  };
}

const rows = [500, 2000, 20000].map(measureSize);

const format = (value: number, digits = 1) => value.toFixed(digits).padStart(9);
console.log(
  `\nChecker: reply vs a 12-step playbook (CPU time; medians of ${SAMPLES} interleaved batches after warm-up)`,
);
console.log('    chars  check ms  floor ms  ×floor  naive ms  naive/check  µs per 1k chars');
for (const row of rows) {
  const ms = (micros: number) => (micros / 1000).toFixed(4).padStart(9);
  console.log(
    `${String(row.chars).padStart(9)} ${ms(row.check)} ${ms(row.floor)} ${format(row.overFloor).slice(2)} ${ms(row.naive)} ${format(row.naiveOver).slice(-8)}x ${format((row.check / row.chars) * 1000, 1).padStart(15)}`,
  );
}
// Ratios are medians of per-sample ratios, so they can differ a little from the medians' ratio.
const at2000 = rows[1] as (typeof rows)[number];
const targets = [
  [`median ≤ 0.1 ms at 2,000 chars`, at2000.check <= 100, `${(at2000.check / 1000).toFixed(4)} ms`],
  [`≤ 10x the floor`, at2000.overFloor <= 10, `${at2000.overFloor.toFixed(1)}x`],
  [`≥ 5x faster than naive`, at2000.naiveOver >= 5, `${at2000.naiveOver.toFixed(1)}x`],
] as const;
for (const [label, met, value] of targets) console.log(`${met ? 'met ' : 'MISS'}  ${label}: ${value}`);
