import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoAdapter } from '@/utils/adapters/demo';
import { checkReply } from '@/utils/checker';
import type { CheckResult } from '@/utils/checker/types';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import type { Playbook } from '@/utils/playbook/schema';
import type { PendingDraft, PendingDraftOutcome } from '@/utils/sidebar/record';
import { SidebarSession } from '@/utils/sidebar/session';
import type { Verdicts } from '@/utils/sidebar/verdicts';
import type { ReplyRecord } from '@/utils/store/types';
import type { TicketContext } from '@/utils/ticket';
import { renderTicket as renderDemoTicket } from './demo-session';
import { directHoldPendingDraft, directVerdicts } from './direct-verdicts';

/** A refund ticket on a demo helpdesk page that confirms every send. */
function renderTicket(id: string, subject: string, customerMessage: string): void {
  renderDemoTicket(id, 'refund', subject, customerMessage);
}

function typeDraft(text: string): void {
  const editor = document.querySelector<HTMLElement>('.hd-editor');
  if (!editor) throw new Error('no editor');
  editor.textContent = text;
}

/** Verdicts whose checks answer only when the test says so (a background round trip held open). */
function heldVerdicts() {
  const calls: { draft: string; answer: () => void; fail: (error: Error) => void }[] = [];
  const verdicts: Verdicts = {
    check: (draft, ticket, playbook) =>
      new Promise<CheckResult>((resolve, reject) => {
        calls.push({ draft, answer: () => resolve(checkReply(draft, ticket, playbook)), fail: reject });
      }),
    pick: directVerdicts.pick,
  };
  return { verdicts, calls };
}

const GOOD = 'Hi María, I am sorry for the wait. Your refund of $20 was approved today. Thanks, Sam';
const SHORT = 'Hi María';

describe('SidebarSession gets its verdicts through the injected interface', () => {
  let abort: AbortController;
  let records: ReplyRecord[];
  let pendings: ReplyRecord[];
  /** Drafts handed over with a send (`reply.pendingDraft`), and how the background answers them. */
  let drafts: string[];
  let holdDraft: (hold: PendingDraft) => Promise<PendingDraftOutcome>;

  function startSession(verdicts: Verdicts) {
    return new SidebarSession({
      adapter: demoAdapter,
      doc: document,
      location: () => new URL('http://127.0.0.1:4173/tickets/1042'),
      loadPlaybooks: async () => DEFAULT_PLAYBOOKS,
      verdicts,
      loadChoice: async () => undefined,
      saveChoice: async () => {},
      record: async (record) => {
        records.push(record);
        return { ok: true };
      },
      holdPendingDraft: async (hold) => {
        drafts.push(hold.draft);
        return holdDraft(hold);
      },
      holdPending: async (record) => {
        pendings.push(record);
        return { ok: true };
      },
      cancelPending: async () => ({ ok: true }),
      now: () => 1_700_000_000_000,
      newId: () => 'reply-1',
      sendGateOn: () => false,
      fallbackAgentName: () => '',
      ask: () => true,
      signal: abort.signal,
    });
  }

  /** The verdict the record of `draft` must carry on the refund playbook. */
  function expectedSteps(draft: string, ticket: TicketContext, playbook: Playbook) {
    return checkReply(draft, ticket, playbook).steps.map((s) => ({ id: s.stepId, status: s.status }));
  }

  beforeEach(() => {
    abort = new AbortController();
    records = [];
    pendings = [];
    drafts = [];
    holdDraft = directHoldPendingDraft((record) => pendings.push(record));
    renderTicket('1042', 'Refund for order #A10234', 'I would like my money back for order #A10234.');
  });

  afterEach(() => abort.abort());

  it('drops the answer for an older draft when a newer one was asked after it, whichever answers first', async () => {
    const { verdicts, calls } = heldVerdicts();
    const session = startSession(verdicts);
    await session.start();
    typeDraft(SHORT);
    const older = session.checkNow();
    typeDraft(GOOD);
    const newer = session.checkNow();
    expect(calls.map((call) => call.draft)).toEqual([SHORT, GOOD]);
    calls[1]?.answer();
    await newer;
    const shown = session.state.get().result;
    expect(shown?.steps.find((s) => s.stepId === 'refund-outcome')?.status).toBe('pass');
    calls[0]?.answer();
    await older;
    expect(session.state.get().result).toBe(shown);
  });

  it('ignores a check still on its way when the agent moves to another ticket', async () => {
    const { verdicts, calls } = heldVerdicts();
    const session = startSession(verdicts);
    await session.start();
    typeDraft(GOOD);
    const inFlight = session.checkNow();
    renderTicket('1043', 'Refund for order #B20000', 'Please refund order #B20000.');
    await vi.waitFor(() => expect(session.state.get().ticket?.ticketId).toBe('1043'));
    calls[0]?.answer();
    await inFlight;
    expect(session.state.get().result).toBeNull();
  });

  it('says so when the background cannot check, keeps the checklist it showed, and clears the notice once it answers again', async () => {
    const { verdicts, calls } = heldVerdicts();
    const session = startSession(verdicts);
    await session.start();
    typeDraft(GOOD);
    const check = session.checkNow();
    calls[0]?.fail(new Error('no answer'));
    await check;
    expect(session.state.get().notice).toContain('no answer');
    expect(session.state.get().result).toBeNull();
    const again = session.checkNow();
    calls[1]?.answer();
    await again;
    expect(session.state.get().notice).toBeNull();
    expect(session.state.get().result).not.toBeNull();
  });

  it('records a send typed without a pause once, with the verdict of the text sent, not the last one shown', async () => {
    const { verdicts, calls } = heldVerdicts();
    const session = startSession(verdicts);
    await session.start();
    typeDraft(SHORT);
    const pause = session.checkNow();
    calls[0]?.answer();
    await pause;
    typeDraft(GOOD);
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    // In the click: the draft goes with the pending record, checked where the checker lives.
    expect(drafts).toEqual([GOOD]);
    await vi.waitFor(() => expect(records).toHaveLength(1));
    const { ticket, playbook } = session.state.get() as { ticket: TicketContext; playbook: Playbook };
    expect(records[0]?.steps).toEqual(expectedSteps(GOOD, ticket, playbook));
    expect(pendings).toEqual(records);
    expect(calls).toHaveLength(1); // no second trip for the send
    expect(JSON.stringify(records[0])).not.toContain('approved');
  });

  it('hands over the verdict it knows when the agent paused before Send, with no draft', async () => {
    const session = startSession(directVerdicts);
    await session.start();
    typeDraft(GOOD);
    await session.checkNow();
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    expect(pendings).toHaveLength(1);
    expect(drafts).toEqual([]);
    await vi.waitFor(() => expect(records).toEqual(pendings));
  });

  it('shows the error and records nothing when the background cannot take a send it has no verdict for', async () => {
    holdDraft = async () => ({
      ok: false,
      error: 'Keel could not reach its background after 6 tries (no answer).',
    });
    const session = startSession(directVerdicts);
    await session.start();
    typeDraft(GOOD);
    document.querySelector<HTMLButtonElement>('.hd-send')?.click();
    await vi.waitFor(() => expect(session.state.get().send.state).toBe('error'));
    expect(session.state.get().send).toMatchObject({ message: expect.stringContaining('could not reach') });
    expect(records).toEqual([]);
  });
});
