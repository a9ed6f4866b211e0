/**
 * The send flow: what happens to a reply from the agent's Send (or Log reply) until its record is
 * stored, cancelled, or put in front of the agent. The session (session.ts) owns the sidebar's
 * state; this module only reads a snapshot of it at the moment of the send and reports back.
 */
import type { ReplyProof } from '../adapters/custom-evidence';
import type { SentReply } from '../adapters/types';
import type { CheckResult } from '../checker/types';
import { t } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { RECORD_FORMAT, type ReplyRecord } from '../store/types';
import { clip, TICKET_LIMITS, type TicketContext } from '../ticket';
import type { OverrideEntry } from './overrides';
import {
  cancelPendingReply,
  holdPendingDraft,
  holdPendingReply,
  type PendingDraft,
  type PendingDraftOutcome,
} from './record';
import { overridesToWire, type RecordBase, recordOf } from './record-verdict';
import { keepUnrecorded, type UnrecordedReason, type UnrecordedSend } from './unrecorded';
import type { Verdicts } from './verdicts';

export type SendState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; score: number; at: number }
  | { state: 'error'; message: string };

export type RecordOutcome = { ok: true } | { ok: false; error: string };

/** What the send flow needs from the page and the background (part of the session's deps). */
export interface RecorderDeps {
  /** Where sends Keel could not record go (default: utils/sidebar/unrecorded.ts). */
  keepUnrecorded?: (entry: UnrecordedSend) => Promise<void>;
  location: () => URL;
  /** Checks and picks: the background's by message in a page, the functions themselves in tests. */
  verdicts: Verdicts;
  /** Hands a record to the background; resolves once it is stored or definitely failed. */
  record: (record: ReplyRecord) => Promise<RecordOutcome>;
  /**
   * Hands a record to the background as pending at the moment of Send; it must send before its
   * first await (the tab may close right after). Defaults to utils/sidebar/record.ts.
   */
  holdPending?: (record: ReplyRecord, proof?: ReplyProof) => Promise<RecordOutcome>;
  /**
   * A send that needs evidence (custom sites) ended with none either way: it stays pending and
   * the agent is asked to record or discard it (utils/sidebar/unconfirmed.ts).
   */
  onUnconfirmed?: () => void;
  /**
   * Hands a send whose draft has no verdict yet to the background, which checks it and holds the
   * record as pending, in one message sent before the first await. Defaults to utils/sidebar/record.ts.
   */
  holdPendingDraft?: (hold: PendingDraft) => Promise<PendingDraftOutcome>;
  /** Tells the background a pending send was refused by the page. Defaults to utils/sidebar/record.ts. */
  cancelPending?: (id: string) => Promise<RecordOutcome>;
  now: () => number;
  newId: () => string;
  /** The agent's name from the options page, for helpdesks whose page does not show it. */
  fallbackAgentName: () => string;
}

/**
 * The ticket's page for the record (drill-down links): http(s) only, without fragment, at most
 * 2,000 characters (the record schema's cap); nothing otherwise.
 */
export function ticketUrlOf(location: URL): { ticketUrl?: string } {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return {};
  const url = new URL(location.href);
  url.hash = '';
  const text = url.href.replace(/#$/, '');
  return text.length <= 2000 && !/\s/.test(text) ? { ticketUrl: text } : {};
}

/** Everything a send's record is made of, taken at the moment of the send. */
export interface SendMoment {
  id: string;
  time: number;
  ticket: TicketContext;
  playbook: Playbook;
  /** The classifier's pick was a best guess. */
  lowConfidence: boolean;
  /** The agent's name from the options page, used when the page shows none. */
  fallbackAgentName: string;
  location: URL;
}

/** A send's record before its verdict: who, where, when and which playbook. Pure. */
export function recordBaseOf(moment: SendMoment): RecordBase {
  const { ticket, playbook } = moment;
  return {
    id: moment.id,
    time: moment.time,
    helpdesk: ticket.helpdesk,
    ticketId: ticket.ticketId,
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    agent: clip(ticket.agentName || moment.fallbackAgentName, TICKET_LIMITS.agentName),
    origin: 'local',
    format: RECORD_FORMAT,
    ...(moment.lowConfidence ? { lowConfidence: true } : {}),
    ...ticketUrlOf(moment.location),
  };
}

/**
 * A send's record: its moment and the verdict of the text sent, with the agent's overrides that
 * still hold. Pure; never holds the reply's text.
 */
export function buildRecord(
  moment: SendMoment,
  checked: CheckResult,
  overrides: ReadonlyMap<string, OverrideEntry>,
): ReplyRecord {
  return recordOf(recordBaseOf(moment), checked, new Map(overrides));
}

/** What the send flow reads of the session at the moment of a send. */
export interface SendContext {
  ticket: TicketContext | null;
  playbook: Playbook | null;
  lowConfidence: boolean;
  overrides: ReadonlyMap<string, OverrideEntry>;
  /** The verdict already shown for exactly this text, ticket and playbook, if any. */
  known: (text: string, ticket: TicketContext, playbook: Playbook) => CheckResult | null;
  /** Steps needing a field the page did not show, set aside (health.ts). */
  excuseUnread: (result: CheckResult, playbook: Playbook) => CheckResult;
}

/** How the send flow reports back to the session, the sidebar state's only writer. */
export interface RecorderHost {
  context(): SendContext;
  showSend(send: SendState): void;
  /** The send is over (stored, or failed and kept as unrecorded): shown, and the checklist starts over. */
  finishSend(send: SendState): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Records the sends of one sidebar session. */
export class SendRecorder {
  private loggingByHand = false;
  /** The draft last recorded with Log reply on this ticket. */
  private loggedByHand: string | null = null;

  constructor(
    private readonly deps: RecorderDeps,
    private readonly host: RecorderHost,
  ) {}

  /** Another ticket opened: Log reply may record the same text again there. */
  openTicket(): void {
    this.loggedByHand = null;
  }

  /** Records a draft by hand (for helpdesks whose send Keel cannot see). */
  async logByHand(text: string): Promise<void> {
    if (!text.trim()) {
      this.host.showSend({ state: 'error', message: t('nothingToRecord') });
      return;
    }
    // A double click records once: nothing while one is saving, nor the same draft again.
    if (this.loggingByHand || text === this.loggedByHand) return;
    this.loggingByHand = true;
    try {
      if (await this.recordSend(text)) this.loggedByHand = text;
    } finally {
      this.loggingByHand = false;
    }
  }

  /** Records a reply logged by hand: there is no page confirmation to wait for. True once saved. */
  private async recordSend(text: string): Promise<boolean> {
    const send = this.sendOf(text);
    if (!send) return false;
    this.host.showSend({ state: 'saving' });
    let checked = send.known;
    try {
      checked ??= await this.deps.verdicts.check(text, send.ticket, send.playbook);
    } catch (error) {
      this.host.showSend({ state: 'error', message: messageOf(error) });
      return false;
    }
    return this.storeRecord(send.build(checked));
  }

  /**
   * A send the agent started. Its record goes to the background at once as pending, because the
   * tab may close before the page confirms (DESIGN.md: a lost record is a bug); then it is stored
   * when the page confirms, or cancelled when the page refuses it. Unconfirmed and uncancelled
   * (the tab or ticket went away), the background stores it after a grace period.
   *
   * The record carries the verdict of the text sent: the page's, when the agent paused before
   * Send; otherwise the draft goes with the pending record and the background checks it there.
   */
  async recordIntent(reply: SentReply): Promise<void> {
    const send = this.sendOf(reply.text);
    if (!send) return;
    let record: ReplyRecord;
    let held: Promise<unknown>;
    if (send.known) {
      record = send.build(send.known);
      held = (this.deps.holdPending ?? holdPendingReply)(record, reply.proof);
      this.host.showSend({ state: 'saving' });
    } else {
      const holding = (this.deps.holdPendingDraft ?? holdPendingDraft)({
        record: send.base,
        draft: reply.text,
        ticket: send.ticket,
        playbook: send.playbook,
        overrides: overridesToWire(send.overrides),
        ...(reply.proof ? { proof: reply.proof } : {}),
      });
      held = holding;
      this.host.showSend({ state: 'saving' });
      const answer = await holding;
      if (!answer.ok) {
        this.host.showSend({ state: 'error', message: answer.error });
        return;
      }
      record = answer.record;
    }
    const confirmed = await reply.confirmed;
    if (confirmed) {
      await this.storeRecord(record);
      return;
    }
    if (confirmed === null) {
      // No evidence either way: never stored silently, never dropped; the agent decides.
      await held;
      this.host.showSend({ state: 'idle' });
      this.deps.onUnconfirmed?.();
      return;
    }
    // The cancel must not overtake the pending copy, or that copy would outlive it and be stored.
    await held;
    await (this.deps.cancelPending ?? cancelPendingReply)(record.id);
    this.host.showSend({ state: 'idle' });
    // No confirmation in the page's window: refused, or confirmed late (issue 14 saw 9 s). The
    // agent decides, from the "not recorded" list.
    await this.keepUnrecorded(record, 'unconfirmed');
  }

  /** Puts a send Keel could not record in front of the agent (utils/sidebar/unrecorded.ts). */
  private keepUnrecorded(record: ReplyRecord, reason: UnrecordedReason): Promise<void> {
    return (this.deps.keepUnrecorded ?? keepUnrecorded)({ record, reason, at: this.deps.now() });
  }

  /**
   * What a send's record needs, taken at the moment of the send (the ticket may change while a
   * verdict is on its way): its base, the verdict for this text if known, and how to finish it.
   */
  private sendOf(text: string) {
    const { ticket, playbook, lowConfidence, overrides: current, known, excuseUnread } = this.host.context();
    if (!ticket || !playbook) return null;
    const overrides = new Map(current);
    const moment: SendMoment = {
      id: this.deps.newId(),
      time: this.deps.now(),
      ticket,
      playbook,
      lowConfidence,
      fallbackAgentName: ticket.agentName ? '' : this.deps.fallbackAgentName(),
      location: this.deps.location(),
    };
    const build = (checked: CheckResult) => buildRecord(moment, excuseUnread(checked, playbook), overrides);
    return {
      ticket,
      playbook,
      base: recordBaseOf(moment),
      overrides,
      known: known(text, ticket, playbook),
      build,
    };
  }

  /** Hands the record to the background; true once it is stored. */
  private async storeRecord(record: ReplyRecord): Promise<boolean> {
    this.host.showSend({ state: 'saving' });
    const outcome = await this.deps.record(record);
    if (!outcome.ok) {
      await this.keepUnrecorded(
        record,
        outcome.error === t('extensionUpdated') ? 'extension-updated' : 'unreachable',
      );
    }
    this.host.finishSend(
      outcome.ok
        ? { state: 'saved', score: record.score, at: record.time }
        : { state: 'error', message: outcome.error },
    );
    return outcome.ok;
  }
}
