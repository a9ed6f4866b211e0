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

/**
 * Median microseconds per call, from `samples` batches of `batch` calls after a warm-up. Uses the
 * process's CPU time, not the wall clock, so other work on a shared machine skews it less.
 */
function measure(run: () => unknown, batch: number, samples = 60): number {
  for (let i = 0; i < batch * 5; i++) run();
  const times: number[] = [];
  let sink = 0;
  for (let s = 0; s < samples; s++) {
    const start = process.cpuUsage();
    for (let i = 0; i < batch; i++) sink += run() ? 1 : 0;
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / batch);
  }
  if (sink < 0) console.log(sink);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const rows: { chars: number; check: number; floor: number; naive: number }[] = [];
for (const chars of [500, 2000, 20000]) {
  const text = makeReply(chars);
  const batch = Math.max(5, Math.round(400_000 / chars));
  rows.push({
    chars: text.length,
    check: measure(() => checkReply(text, ticket, playbook).score, batch),
    floor: measure(() => floor(text), batch),
    naive: measure(() => naive(text), Math.max(2, Math.round(batch / 10))),
  });
}

const format = (value: number, digits = 1) => value.toFixed(digits).padStart(9);
console.log('\nChecker: reply vs a 12-step playbook (CPU time, median of 60 batches after warm-up)');
console.log('    chars  check µs  floor µs  ×floor  naive µs  naive/check   µs per 1k chars');
for (const row of rows) {
  console.log(
    `${String(row.chars).padStart(9)} ${format(row.check)} ${format(row.floor)} ${format(row.check / row.floor).slice(2)} ${format(row.naive)} ${format(row.naive / row.check).slice(-8)}x ${format((row.check / row.chars) * 1000, 2).padStart(15)}`,
  );
}
const at2000 = rows[1] as (typeof rows)[number];
const targets = [
  [`median ≤ 100 µs at 2,000 chars`, at2000.check <= 100, `${at2000.check.toFixed(1)} µs`],
  [`≤ 10x the floor`, at2000.check / at2000.floor <= 10, `${(at2000.check / at2000.floor).toFixed(1)}x`],
  [
    `≥ 5x faster than naive`,
    at2000.naive / at2000.check >= 5,
    `${(at2000.naive / at2000.check).toFixed(1)}x`,
  ],
] as const;
for (const [label, met, value] of targets) console.log(`${met ? 'met ' : 'MISS'}  ${label}: ${value}`);
