import { describe, expect, it } from 'vitest';
import {
  checkReply,
  fillTemplate,
  findOrderNumber,
  nonReplyRanges,
  scoreSteps,
  ticketVariables,
} from '../../../utils/checker/index';
import { maskRanges } from '../../../utils/checker/reply';
import type { StepResult } from '../../../utils/checker/types';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import {
  analyseText,
  createAnalysisBuffers,
  type TextAnalysis,
  withoutWordsIn,
} from '../../../utils/words/text';
import { stepResult, ticket } from './helpers';

describe('the scan that lets most replies skip the quoted-history search', () => {
  // checkReply only looks for quoted history and signatures when the scan flagged a marker, so
  // the flag must be set for every text in which nonReplyRanges finds something.
  it.each([
    'Thanks!\n> old message',
    'Done.\n\nOn Mon, 3 Mar 2026, Maria <m@x.com> wrote:\nHi',
    'Done.\nOn Mon, 3 Mar 2026 at 10:00 Maria Garcia <\nmaria@example.com> wrote:\nold',
    'Done.\n-- \nAlex Kim',
    'Done.\n--\nAlex',
    'Done.\n\nFrom: Maria\nSent: Monday\nSubject: x',
    'Done.\nFROM: Maria\nDATE: Monday',
    'Done.\n-----Original Message-----\nold',
    'Done.\n__________\nold',
    'Done.\nSent from my iPhone',
    'Done.\nsent from my Galaxy phone',
    'Done.\nLe lundi, Maria a écrit: no, but\nOn Monday Maria WROTE:\nold',
  ])('flags %j, where nonReplyRanges finds quoted history or a signature', (text) => {
    expect(nonReplyRanges(text).length).toBeGreaterThan(0);
    expect(analyseText(text).mayHaveNonReply).toBe(true);
  });

  it.each([
    'Hi María,\n\nYour refund is on its way: it will show within 5 business days. Thanks!\nAlex',
    'We wrote to the courier and heard from them today.',
    'Go to Settings, then Billing — the first tab.',
  ])('does not flag %j, so it is scanned once', (text) => {
    expect(analyseText(text).mayHaveNonReply).toBe(false);
    expect(nonReplyRanges(text)).toEqual([]);
  });

  it('checks a reply with quoted history against the reply alone', () => {
    const forbid = { check: { kind: 'forbid' as const, any: ['guarantee'] } };
    const quoted = 'Thanks, it is on its way.\n\nOn Mon, Maria wrote:\n> Can you guarantee it arrives?';
    expect(stepResult(quoted, forbid).status).toBe('pass');
    expect(stepResult('We guarantee it arrives.\n> Thanks', forbid).status).toBe('fail');
  });
});

describe('dropping quoted history and the signature from the one analysis', () => {
  /** Everything a check can read of an analysis, as plain data. */
  const snapshot = (analysis: TextAnalysis) => ({
    text: analysis.text,
    words: Array.from({ length: analysis.count }, (_, i) => ({
      word: analysis.word(i),
      hash: analysis.hashes[i],
      stemHash: analysis.stemHashes[i],
      start: analysis.starts[i],
      end: analysis.ends[i],
      flags: analysis.flags[i],
    })),
    after: [
      analysis.hashes[analysis.count],
      analysis.stemHashes[analysis.count],
      analysis.flags[analysis.count],
    ],
  });

  // The checker analyses a reply once and drops the masked words; it must see exactly what a
  // second scan of the masked text would (the second scan was a third of a signed reply's cost).
  it.each([
    'Hi María,\n\nYour refund is on its way, "as promised".\n\nBest regards,\nAlex Kim\nSupport lead | +1 555 0100\nhttps://acme.example',
    'Thanks!\n> old "quoted, message"\n> more\nAnd one more line: after it.',
    "> quoted first\nthen the reply, which can't wait.\n-- \nAlex",
    'Done.\n\nOn Mon, 3 Mar 2026, Maria <m@x.com> wrote:\n> Can you guarantee it?',
    'We sent it today, so it should arrive soon.\nCheers\nAlex\n\nFrom: Maria\nSent: Monday\nSubject: x',
    'Hello there, the naïve café is fine\n> “quoted” line\n— and the reply goes on… really!\nKind regards,\nZoë',
  ])('gives what a fresh scan of the masked text gives for %j', (text) => {
    const ranges = nonReplyRanges(text);
    expect(ranges.length).toBeGreaterThan(0);
    const masked = maskRanges(text, ranges);
    const buffers = createAnalysisBuffers();
    const dropped = withoutWordsIn(analyseText(text, buffers), ranges, masked, buffers);
    expect(snapshot(dropped)).toEqual(snapshot(analyseText(masked)));
  });

  it('scans the masked text again when a range does not follow line boundaries', () => {
    const text = 'Keep these words, drop these words, keep the end.';
    const ranges = [{ start: 18, end: 34 }];
    const masked = maskRanges(text, ranges);
    const dropped = withoutWordsIn(analyseText(text), ranges, masked);
    expect(snapshot(dropped)).toEqual(snapshot(analyseText(masked)));
    expect(dropped.word(3)).toBe('keep');
  });
});

describe('ticketVariables and fillTemplate', () => {
  it('reads names, ids and the order number from the ticket', () => {
    expect(ticketVariables(ticket)).toMatchObject({
      'customer.firstName': 'María',
      'customer.lastName': 'García',
      'customer.name': 'María García',
      'ticket.id': '4521',
      'agent.firstName': 'Alex',
      'agent.name': 'Alex Kim',
      'order.number': 'A1234',
    });
  });

  it('reads "Last, First" names and drops titles', () => {
    expect(ticketVariables({ ...ticket, requester: { name: 'García, María' } })['customer.firstName']).toBe(
      'María',
    );
    expect(ticketVariables({ ...ticket, requester: { name: 'Dr. Ana Silva' } })['customer.firstName']).toBe(
      'Ana',
    );
  });

  it.each([
    ['order #A1234 is late', 'A1234'],
    ['Order number: 123456', '123456'],
    ['my order 55-1234 never came', '55-1234'],
    ['see #B7788', 'B7788'],
    ['ticket #4521 again', ''],
    ['no numbers here', ''],
  ])('finds the order number in "%s"', (message, expected) => {
    expect(findOrderNumber({ subject: '', customerMessage: message })).toBe(expected);
  });

  it('fills known variables, uses fallbacks, and leaves unknown ones visible', () => {
    const variables = { 'customer.firstName': 'Maria' };
    expect(fillTemplate('Hi {{customer.firstName}},', variables)).toBe('Hi Maria,');
    expect(fillTemplate('Hi {{ customer.firstName }},', variables)).toBe('Hi Maria,');
    expect(fillTemplate('Hi {{agent.firstName|the team}}', variables)).toBe('Hi the team');
    expect(fillTemplate('Order {{order.number}}', variables)).toBe('Order {{order.number}}');
  });
});

describe('scoring', () => {
  const step = (status: StepResult['status'], severity: StepResult['severity'], weight = 1): StepResult => ({
    stepId: `${status}-${severity}-${weight}`,
    title: 't',
    severity,
    weight,
    status,
    evidence: [],
  });

  it('weights passed steps over applicable ones and leaves na steps out', () => {
    expect(
      scoreSteps([step('pass', 'required', 3), step('fail', 'required', 1), step('na', 'required', 5)]),
    ).toEqual({
      score: 75,
      fullAdherence: false,
      criticalMiss: false,
    });
  });

  it('scores 0 when a critical step fails, however well the rest went', () => {
    expect(scoreSteps([step('pass', 'required', 10), step('fail', 'critical')])).toMatchObject({
      score: 0,
      criticalMiss: true,
      fullAdherence: false,
    });
  });

  it('lowers the score for a missed recommended step but keeps full adherence', () => {
    expect(scoreSteps([step('pass', 'required'), step('fail', 'recommended')])).toEqual({
      score: 50,
      fullAdherence: true,
      criticalMiss: false,
    });
  });

  it('scores 100 when no step applies', () => {
    expect(scoreSteps([step('na', 'required')]).score).toBe(100);
  });
});

describe('checkReply', () => {
  const refund = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'refund');
  if (!refund) throw new Error('refund playbook missing');

  it('returns every step with its status, the filled snippet and the word count', () => {
    const result = checkReply('Hi Maria, refund done.', ticket, refund);
    expect(result.steps.map((step) => step.stepId)).toEqual(refund.steps.map((step) => step.id));
    expect(result.steps.find((step) => step.stepId === 'greet')?.snippet).toBe('Hi María,');
    expect(result.steps.find((step) => step.stepId === 'mention-order')?.snippet).toBe('order #A1234');
    expect(result.wordCount).toBe(4);
  });

  it('gives the same result for a playbook and its compiled form, and for repeated calls', () => {
    const text = "Hi Maria, I'm sorry. We guarantee it.";
    const first = checkReply(text, ticket, refund);
    expect(checkReply(text, ticket, refund)).toEqual(first);
    expect(first.criticalMiss).toBe(true);
    expect(first.score).toBe(0);
  });

  it('follows a change of ticket between calls', () => {
    const text = 'Hi Tom, done.';
    const greet = (name: string) =>
      checkReply(text, { ...ticket, requester: { name } }, refund).steps.find(
        (step) => step.stepId === 'greet',
      )?.status;
    expect(greet('María García')).toBe('fail');
    expect(greet('Tom Becker')).toBe('pass');
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      ' ',
      '\n\n',
      '>',
      '-- ',
      '{{',
      '[',
      '"',
      '“',
      "'",
      '’s',
      '🙂'.repeat(500),
      'a'.repeat(100_000),
    ]) {
      expect(() => checkReply(text, ticket, refund)).not.toThrow();
    }
  });
});

describe('adversarial replies', () => {
  const refund = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'refund');
  it.each([
    ['slashes', '/'.repeat(20_000)],
    ['one long token with slashes', 'a/'.repeat(10_000)],
    ['apostrophes', "a'".repeat(10_000)],
    ['quotes', '"a '.repeat(7_000)],
    ['numbers before a unit', `${'1 '.repeat(10_000)}days`],
    ['quoted lines', '> x\n'.repeat(5_000)],
    ['brackets', '[A'.repeat(10_000)],
    ['combining marks', 'e\u0301'.repeat(10_000)],
    ['emoji', '🙂'.repeat(10_000)],
  ])('checks 20,000 characters of %s in linear time', (_, text) => {
    if (!refund) throw new Error('refund playbook missing');
    const started = performance.now();
    checkReply(text, ticket, refund);
    // Generous for a loaded machine: a quadratic path would take seconds here.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
