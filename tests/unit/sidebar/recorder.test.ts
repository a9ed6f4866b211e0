import { describe, expect, it, vi } from 'vitest';
import type { ReplyProof } from '@/utils/adapters/custom-evidence';
import { demoAdapter } from '@/utils/adapters/demo';
import type { SentReply } from '@/utils/adapters/types';
import { checkReply } from '@/utils/checker';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import type { Playbook } from '@/utils/playbook/schema';
import { buildRecord, recordBaseOf, type SendMoment } from '@/utils/sidebar/recorder';
import { RECORD_FORMAT, type ReplyRecord } from '@/utils/store/types';
import { TICKET_LIMITS, type TicketContext } from '@/utils/ticket';
import { pageRefusesSends, typeDraft, useDemoSession } from './demo-session';

describe('the send flow of a session on the demo helpdesk', () => {
  const demo = useDemoSession();

  it('demo.records one reply per confirmed send, without the reply text', async () => {
    const session = demo.startSession();
    await session.start();
    typeDraft('Hi María, your refund for order #A10234 is on its way.');
    const send = document.querySelector<HTMLButtonElement>('.hd-send');
    send?.click();
    send?.click(); // a double click demo.records once
    await vi.waitFor(() => expect(session.state.get().send.state).toBe('saved'));
    expect(demo.records).toHaveLength(1);
    expect(demo.records[0]).toMatchObject({
      ticketId: '1042',
      playbookId: 'refund',
      agent: 'Sam Rivera',
      origin: 'local',
    });
    expect(JSON.stringify(demo.records[0])).not.toContain('on its way');
  });

  it('keeps a send with no evidence either way pending and asks about it: neither stored nor cancelled (custom sites)', async () => {
    let report: ((reply: SentReply) => void) | undefined;
    vi.spyOn(demoAdapter, 'observeSend').mockImplementation((_doc, _signal, onSend) => {
      report = onSend;
    });
    const onUnconfirmed = vi.fn();
    const held: { id: string; proof?: ReplyProof }[] = [];
    const session = demo.startSession(
      { ok: true },
      {
        onUnconfirmed,
        holdPending: async (record, proof) => {
          held.push({ id: record.id, proof });
          return { ok: true };
        },
      },
    );
    await session.start();
    // The agent paused before Send: the verdict for this text is known, the record leaves at once.
    typeDraft('Hi María, your refund is on its way.');
    await session.checkNow();
    const proof = { hash: '0badf00d', words: 9 };
    report?.({ text: 'Hi María, your refund is on its way.', confirmed: Promise.resolve(null), proof });
    await vi.waitFor(() => expect(onUnconfirmed).toHaveBeenCalledOnce());
    expect(held).toEqual([{ id: 'reply-1', proof }]);
    expect(demo.records).toEqual([]);
    expect(demo.cancels).toEqual([]);
    expect(session.state.get().send.state).toBe('idle');
  });

  it('hands the record over as pending at the click, before the page confirms, then stores the same id', async () => {
    const session = demo.startSession();
    await session.start();
    typeDraft('Hi María, your refund for order #A10234 is on its way.');
    await session.checkNow(); // the agent paused: the draft's verdict is known
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    // Synchronously, in the click: a tab closed right now still leaves the record with the background.
    expect(demo.pendings).toHaveLength(1);
    expect(demo.records).toHaveLength(0);
    await vi.waitFor(() => expect(session.state.get().send.state).toBe('saved'));
    expect(demo.records.map((r) => r.id)).toEqual(demo.pendings.map((r) => r.id));
    expect(demo.records[0]).toEqual(demo.pendings[0]);
    expect(demo.cancels).toEqual([]);
  });

  it('demo.cancels the pending record when the page refuses the send, and shows nothing recorded', async () => {
    const session = demo.startSession();
    await session.start();
    pageRefusesSends();
    typeDraft('Hi María, your refund is on its way.');
    await session.checkNow();
    vi.useFakeTimers();
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    expect(demo.pendings).toHaveLength(1);
    expect(session.state.get().send.state).toBe('saving');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(demo.cancels).toEqual([demo.pendings[0]?.id]);
    expect(demo.records).toEqual([]);
    expect(session.state.get().send.state).toBe('idle');
  });

  it('leaves the record pending for the background when the page goes away before confirming', async () => {
    const session = demo.startSession();
    await session.start();
    pageRefusesSends();
    typeDraft('Hi María, your refund is on its way.');
    vi.useFakeTimers();
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    demo.abort.abort(); // the tab closes, or the agent opens another ticket
    await vi.advanceTimersByTimeAsync(20_000);
    expect(demo.pendings).toHaveLength(1);
    expect(demo.cancels).toEqual([]);
    expect(demo.records).toEqual([]);
  });

  it('demo.records nothing when the page refuses an empty send', async () => {
    const session = demo.startSession();
    await session.start();
    typeDraft('   ');
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(demo.records).toHaveLength(0);
    expect(session.state.get().send.state).toBe('idle');
  });

  it('shows the background’s error when a record cannot be stored', async () => {
    const session = demo.startSession({
      ok: false,
      error: 'The browser has no room left for Keel’s statistics.',
    });
    await session.start();
    typeDraft('Hi María, all sorted.');
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(session.state.get().send).toMatchObject({ state: 'error' }));
  });

  it('lets every send through without asking while the send gate is off', async () => {
    const session = demo.startSession();
    await session.start();
    typeDraft('We guarantee this will never happen again.');
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(demo.records).toHaveLength(1));
    expect(demo.questions).toEqual([]);
  });

  it('asks before a send that misses a critical step when the gate is on, and stops it on no', async () => {
    demo.gateOn = true;
    demo.answer = false;
    const session = demo.startSession();
    await session.start();
    typeDraft('Hi María, we guarantee your refund arrives today.');
    await session.checkNow(); // the gate judges the verdict shown when Send is pressed
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    expect(demo.questions).toHaveLength(1);
    expect(demo.questions[0]).toContain('critical');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.querySelectorAll('.hd-message[data-author="agent"]')).toHaveLength(0);
    expect(demo.records).toHaveLength(0);
    expect(demo.pendings).toHaveLength(0); // a send the gate stopped is not even pending
    demo.answer = true;
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(demo.records).toHaveLength(1));
  });
});

const refund = DEFAULT_PLAYBOOKS.find((playbook) => playbook.id === 'refund') as Playbook;
const ticket: TicketContext = {
  helpdesk: 'demo',
  ticketId: '1042',
  subject: 'Refund for order #A10234',
  type: 'refund',
  tags: ['refund'],
  requester: { name: 'María García' },
  customerMessage: 'I would like my money back for order #A10234.',
  agentName: 'Sam Rivera',
};
const moment: SendMoment = {
  id: 'reply-1',
  time: 1_700_000_000_000,
  ticket,
  playbook: refund,
  lowConfidence: false,
  fallbackAgentName: 'Agent from options',
  location: new URL('https://acme.example/tickets/1042'),
};
const draft = 'Hi María, your refund for order #A10234 is on its way.';
const checked = checkReply(draft, ticket, refund);

describe('buildRecord: the record of a send, from its moment and the verdict of the text sent', () => {
  it.each<[string, Partial<SendMoment>, Partial<ReplyRecord>]>([
    ['names the agent the page shows', {}, { agent: 'Sam Rivera' }],
    [
      'names the agent from the options page when the page shows none',
      { ticket: { ...ticket, agentName: '' } },
      { agent: 'Agent from options' },
    ],
    [
      'clips an agent name longer than the record allows',
      { ticket: { ...ticket, agentName: undefined }, fallbackAgentName: 'x'.repeat(500) },
      { agent: 'x'.repeat(TICKET_LIMITS.agentName) },
    ],
    ['marks a best-guess playbook', { lowConfidence: true }, { lowConfidence: true }],
    [
      'links the ticket page without its fragment',
      { location: new URL('https://acme.example/tickets/1042#reply') },
      { ticketUrl: 'https://acme.example/tickets/1042' },
    ],
    [
      'links no page that is not http(s)',
      { location: new URL('file:///tmp/ticket.html') },
      { ticketUrl: undefined },
    ],
  ])('%s', (_label, change, expected) => {
    const record = buildRecord({ ...moment, ...change }, checked, new Map());
    expect(record).toMatchObject({
      id: 'reply-1',
      time: 1_700_000_000_000,
      helpdesk: 'demo',
      ticketId: '1042',
      playbookId: 'refund',
      playbookVersion: refund.version,
      origin: 'local',
      format: RECORD_FORMAT,
      score: checked.score,
      wordCount: checked.wordCount,
    });
    for (const [key, value] of Object.entries(expected))
      expect(record[key as keyof ReplyRecord]).toEqual(value);
    if (!change.lowConfidence) expect(record).not.toHaveProperty('lowConfidence');
    expect(JSON.stringify(record)).not.toContain('on its way');
  });

  it('keeps an override that still holds and scores the record with it', () => {
    const failed = checked.steps.find((step) => step.status === 'fail' && step.severity !== 'critical');
    if (!failed) throw new Error('the draft fails no ordinary step');
    const overrides = new Map([[failed.stepId, { kind: 'done' as const, checked: 'fail' as const }]]);
    const record = buildRecord(moment, checked, overrides);
    expect(record.steps.find((step) => step.id === failed.stepId)).toEqual({
      id: failed.stepId,
      status: 'pass',
      override: 'done',
    });
    expect(record.score).toBeGreaterThan(checked.score);
    // The session's own map is left as it was.
    expect(overrides.size).toBe(1);
  });

  it('equals its base and the verdict: the base alone is what goes with a draft still to be checked', () => {
    const { score, fullAdherence, steps, wordCount, ...base } = buildRecord(moment, checked, new Map());
    expect(base).toEqual(recordBaseOf(moment));
    expect({ score, fullAdherence, wordCount }).toEqual({
      score: checked.score,
      fullAdherence: checked.fullAdherence,
      wordCount: checked.wordCount,
    });
    expect(steps.map((step) => step.id)).toEqual(checked.steps.map((step) => step.stepId));
  });
});
