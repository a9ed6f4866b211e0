import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../../utils/background/main';
import { MAX_DRAFT_CHARS } from '../../../utils/background/message-schema';
import { checkReply } from '../../../utils/checker';
import { DEFAULT_PLAYBOOKS } from '../../../utils/playbook/library';
import { pickPlaybook } from '../../../utils/playbook/pick';
import { overridesFromWire, recordOf } from '../../../utils/sidebar/record-verdict';
import { openKeelDB } from '../../../utils/store/open';
import { allPending } from '../../../utils/store/pending';
import type { TicketContext } from '../../../utils/ticket';
import { freshDbName, makeRecord } from '../store/fixtures';

const contentScript: Browser.runtime.MessageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://acme.zendesk.com/agent/tickets/1',
  tab: { id: 3 } as Browser.tabs.Tab,
};

/** Triggers the background's listener like a real sendMessage would and resolves its answer. */
async function send(message: unknown): Promise<unknown> {
  let respond: (value: unknown) => void = () => {};
  const answer = new Promise((resolve) => {
    respond = resolve;
  });
  await fakeBrowser.runtime.onMessage.trigger(message, contentScript, respond);
  return answer;
}

const ticket: TicketContext = {
  helpdesk: 'zendesk',
  ticketId: '1',
  subject: 'Refund for order #A10234',
  tags: ['refund'],
  requester: { name: 'María García', email: 'maria@example.com' },
  customerMessage: 'I would like my money back for order #A10234.',
  agentName: 'Sam',
};
const refund = DEFAULT_PLAYBOOKS.find((p) => p.id === 'refund');
const DRAFT = 'Hi María, sorry for the trouble. Your refund for order #A10234 was approved. Thanks, Sam';

let dbName: string;
beforeEach(() => {
  fakeBrowser.reset();
  dbName = freshDbName();
  startBackground(dbName);
});
afterEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('verdict messages from a helpdesk page', () => {
  it('answers verdict.check with what checkReply gives for the same draft, ticket and playbook', async () => {
    if (!refund) throw new Error('no refund playbook');
    const answer = await send({ type: 'verdict.check', draft: DRAFT, ticket, playbook: refund });
    expect(answer).toEqual({ ok: true, result: checkReply(DRAFT, ticket, refund) });
  });

  it('answers verdict.pick with the playbook pickPlaybook picks, by id', async () => {
    const expected = pickPlaybook(ticket, DEFAULT_PLAYBOOKS);
    const answer = await send({ type: 'verdict.pick', ticket, playbooks: DEFAULT_PLAYBOOKS });
    expect(answer).toMatchObject({
      ok: true,
      pick: { playbookId: expected?.playbook.id, reason: expected?.reason },
    });
  });

  it('refuses a malformed check with an answer that names the field and never echoes the draft', async () => {
    const table: [string, unknown][] = [
      ['no playbook', { type: 'verdict.check', draft: DRAFT, ticket }],
      [
        'a draft too long',
        { type: 'verdict.check', draft: 'x'.repeat(MAX_DRAFT_CHARS + 1), ticket, playbook: refund },
      ],
      [
        'a ticket without tags',
        { type: 'verdict.check', draft: DRAFT, ticket: { ...ticket, tags: undefined }, playbook: refund },
      ],
    ];
    for (const [what, message] of table) {
      const answer = (await send(message)) as { ok: boolean; error: string };
      expect(answer.ok, what).toBe(false);
      expect(answer.error, what).toMatch(/^refused: malformed message/);
      expect(answer.error, what).not.toContain('María');
    }
  });

  it('never logs the draft it checked', async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    await send({ type: 'verdict.check', draft: DRAFT, ticket, playbook: refund });
    for (const spy of [log, error, warn]) expect(JSON.stringify(spy.mock.calls)).not.toContain('approved');
  });

  it('holds a send it had to check itself as pending, with the verdict of the draft sent and without its text', async () => {
    if (!refund) throw new Error('no refund playbook');
    const {
      score: _s,
      fullAdherence: _f,
      steps: _st,
      wordCount: _w,
      ...base
    } = makeRecord({ playbookId: 'refund' });
    const overrides = [{ stepId: 'thank', kind: 'na' as const, checked: 'pass' as const }];
    const answer = (await send({
      type: 'reply.pendingDraft',
      record: base,
      draft: DRAFT,
      ticket,
      playbook: refund,
      overrides,
    })) as { ok: true; pending: boolean; record: unknown };
    const expected = recordOf(base, checkReply(DRAFT, ticket, refund), overridesFromWire(overrides));
    expect(answer).toEqual({ ok: true, pending: true, record: expected });
    const held = await allPending(await openKeelDB(dbName));
    expect(held.map((entry) => entry.record)).toEqual([expected]);
    expect(JSON.stringify(held)).not.toContain('approved');
  });
});
