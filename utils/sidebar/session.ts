import type { ReplyProof } from '../adapters/custom-evidence';
import type { InsertPosition } from '../adapters/editing';
import type { AdapterStatus, HelpdeskAdapter, SentReply } from '../adapters/types';
import type { CheckResult } from '../checker/types';
import { ticketVariables } from '../checker/variables';
import { t } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { RECORD_FORMAT, type ReplyRecord, type StepOverride } from '../store/types';
import { boundTicket, clip, TICKET_LIMITS, type TicketContext } from '../ticket';
import { fillTemplate } from '../words/template';
import { excuseUnreadSteps, UNREAD_MESSAGE } from './health';
import { paintForbidden } from './highlight';
import { type Observable, observable } from './observable';
import { applyOverrides, type OverrideEntry, overrideAllowed } from './overrides';
import { buildPageReport, type PageReport } from './page-report';
import {
  cancelPendingReply,
  holdPendingDraft,
  holdPendingReply,
  type PendingDraft,
  type PendingDraftOutcome,
  type RecordOutcome,
} from './record';
import { overridesToWire, type RecordBase, recordOf } from './record-verdict';
import { followTyping, throttle } from './timing';
import { keepUnrecorded, type UnrecordedReason, type UnrecordedSend } from './unrecorded';
import type { Verdicts } from './verdicts';

/** What the sidebar shows; the session is its only writer. */
export interface SidebarState {
  adapter: { id: string; name: string };
  status: AdapterStatus;
  ticket: TicketContext | null;
  playbooks: Playbook[];
  playbook: Playbook | null;
  /** Why this playbook: the classifier's reason, or "chosen by you". */
  reason: string;
  /** The classifier's pick was a best guess (weak or tied evidence); false once the agent chose. */
  lowConfidence: boolean;
  /**
   * Null while the draft is empty: steps show as pending rather than all failing. Replaced only
   * when what the sidebar shows of it changes (see `sameVerdict`), so its evidence offsets and
   * word count may be those of an earlier draft with the same verdict.
   */
  result: CheckResult | null;
  send: SendState;
  /** Set when a snippet insertion did not take in the editor. */
  notice: string | null;
  /** Forbidden phrases in the draft, for the sidebar's list (and the editor's highlight). */
  forbidden: string[];
  /** Whether the editor itself shows the forbidden phrases (CSS Custom Highlight API). */
  highlighted: boolean;
  /** The composer is on an internal note: not a reply to the customer, so nothing is checked. */
  internalNote: boolean;
}

export type SendState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; score: number; at: number }
  | { state: 'error'; message: string };

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

export interface SessionDeps {
  /** Where sends Keel could not record go (default: utils/sidebar/unrecorded.ts). */
  keepUnrecorded?: (entry: UnrecordedSend) => Promise<void>;
  adapter: HelpdeskAdapter;
  doc: Document;
  location: () => URL;
  loadPlaybooks: () => Promise<Playbook[]>;
  /** Checks and picks: the background's by message in a page, the functions themselves in tests. */
  verdicts: Verdicts;
  /** The playbook an agent chose for a ticket, remembered across reloads. */
  loadChoice: (ticketKey: string) => Promise<string | undefined>;
  saveChoice: (ticketKey: string, playbookId: string) => Promise<void>;
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
  /** Whether the optional send gate is on (settings), read at each send. */
  sendGateOn: () => boolean;
  /** Whether the administrator's policy lets agents override critical steps (default: yes). */
  allowCriticalOverrides?: () => boolean;
  /** Asks the agent a yes/no question at the moment of a send (window.confirm on a real page). */
  ask: (question: string) => boolean;
  /** Aborted when the content script goes away (navigation, extension update). */
  signal: AbortSignal;
}

/**
 * A pause in typing: the checklist catches up and the page observer comes back. Longer than the
 * gap between an agent's keys (about 150–250 ms at 50–80 words a minute), so a check does not run
 * after every key: at 120 ms it did, and at a human pace that was most of what Keel cost the page
 * per keystroke.
 */
export const TYPING_PAUSE_MS = 250;
/** While an agent types without pausing, the checklist still follows at least this often. */
export const CHECK_MAX_WAIT_MS = 1000;
/** Page mutations are batched; Zendesk-sized pages mutate constantly. */
const PAGE_SCAN_THROTTLE_MS = 250;

/**
 * Whether two check results show the same in the sidebar: score and, per step, what it says
 * (title, severity, status, reason, snippet). Evidence offsets and the word count move with every
 * key and are not shown.
 */
export function sameVerdict(shown: CheckResult | null, next: CheckResult | null): boolean {
  if (shown === null || next === null) return shown === next;
  if (shown.score !== next.score || shown.steps.length !== next.steps.length) return false;
  return shown.steps.every((step, i) => {
    const other = next.steps[i];
    return (
      other !== undefined &&
      step.stepId === other.stepId &&
      step.title === other.title &&
      step.severity === other.severity &&
      step.status === other.status &&
      step.reason === other.reason &&
      step.snippet === other.snippet &&
      step.override === other.override
    );
  });
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Greetings and openings go first, sign-offs last, anything else where the agent's caret is. */
export function snippetPosition(check: { kind: string; where?: string }): InsertPosition {
  if (check.kind === 'greeting' || (check.kind === 'phrase' && check.where === 'opening')) return 'start';
  if (check.kind === 'closing' || (check.kind === 'phrase' && check.where === 'closing')) return 'end';
  return 'caret';
}

/** A verdict and what it judged: the draft, the ticket and the playbook it was checked against. */
interface KnownVerdict {
  draft: string;
  ticket: TicketContext;
  playbook: Playbook;
  /** Before the agent's overrides. */
  result: CheckResult;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const ticketKey = (ticket: Pick<TicketContext, 'helpdesk' | 'ticketId'>) =>
  `${ticket.helpdesk}:${ticket.ticketId}`;

/**
 * One sidebar's life on one page: follows the active ticket, keeps the checklist in step with the
 * draft, and records sends. Knows nothing of Preact; the UI subscribes to `state`.
 */
export class SidebarSession {
  readonly state: Observable<SidebarState>;
  private ticketAbort: AbortController | null = null;
  private currentTicketId: string | null = null;
  private lastDraft = '';
  /** Numbers each check asked for: an answer to any but the latest is for an older draft, dropped. */
  private checkRequest = 0;
  /** The latest verdict shown, so an override, a re-check or a send of the same draft needs no trip. */
  private known: KnownVerdict | null = null;
  /** The notice shown when the background could not check, cleared by its next answer. */
  private checkFailure: string | null = null;
  /** The agent's corrections for the open ticket and playbook, by step id. */
  private readonly overrides = new Map<string, OverrideEntry>();
  private observedEditorDoc: Document | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.state = observable<SidebarState>({
      adapter: { id: deps.adapter.id, name: deps.adapter.name },
      status: { state: 'ok', missing: [] },
      ticket: null,
      playbooks: [],
      playbook: null,
      reason: '',
      lowConfidence: false,
      result: null,
      send: { state: 'idle' },
      notice: null,
      forbidden: [],
      highlighted: false,
      internalNote: false,
    });
  }

  /** Starts following the page. Every listener and observer ends with `deps.signal`. */
  async start(): Promise<void> {
    const { doc, signal } = this.deps;
    const playbooks = await this.deps.loadPlaybooks();
    this.patch({ playbooks });
    const scan = throttle(() => void this.scanPage(), PAGE_SCAN_THROTTLE_MS, signal);
    // Typing is followed through input events (below); the page observer only needs structure
    // (tickets, panels and editors coming and going) and the few attributes that switch the
    // active ticket or the reply/note channel. Text and style changes on every keystroke would
    // wake it for nothing. Keel's own nodes live in a shadow root, which this does not see.
    const observer = new MutationObserver(scan);
    const observe = () =>
      observer.observe(doc.body, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: [
          'aria-current',
          'aria-selected',
          'data-is-active',
          'data-ticket-id',
          'data-entity-id',
          'data-channel',
          'contenteditable',
          'hidden',
        ],
      });
    observe();
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    // Helpdesks change their own page as the agent types (a counter, an error line, a draft
    // badge), and each change woke the observer: one more call into Keel per keystroke. The ticket
    // does not change under a typing agent, so the observer stands down while they type and comes
    // back when they pause, with one scan (which checks the draft) for whatever changed meanwhile.
    this.noteTyping = followTyping(
      {
        // Drops records not yet delivered: the typing's own. The scan on the pause sees the rest.
        onStart: () => observer.disconnect(),
        onLongRun: () => this.checkInKeystrokeFrame(),
        onPause: () => {
          observe();
          scan();
        },
      },
      TYPING_PAUSE_MS,
      signal,
      CHECK_MAX_WAIT_MS,
    );
    // SPA helpdesks change tickets through history without reloading.
    doc.defaultView?.addEventListener('popstate', scan, { signal });
    await this.scanPage();
  }

  /**
   * A check while the agent types, run just before the page paints their keystroke, so the
   * checklist's changes share that frame instead of costing one of their own (a whole frame of
   * layout, paint and commit; at an agent's pace Keel's cost per key fell from +13.7% to +11.5%
   * in the page bench). A tab that stops painting runs it on the pause instead.
   */
  private checkInKeystrokeFrame(): void {
    const { doc, signal } = this.deps;
    const view = doc.defaultView;
    if (!view) {
      this.checkIfChanged();
      return;
    }
    view.requestAnimationFrame(() => {
      if (!signal.aborted) this.checkIfChanged();
    });
  }

  /** Re-reads playbooks (after the options page saved a change) and re-picks for this ticket. */
  async reloadPlaybooks(): Promise<void> {
    const playbooks = await this.deps.loadPlaybooks();
    this.patch({ playbooks });
    const ticket = this.state.get().ticket;
    if (ticket) await this.choosePlaybook(ticket);
    // The policy may have changed with them: an override it now forbids goes.
    for (const step of this.state.get().playbook?.steps ?? [])
      if (!this.canOverride(step)) this.overrides.delete(step.id);
    void this.checkNow();
  }

  /** The agent picked another playbook for this ticket; remembered for this ticket only. */
  async switchPlaybook(playbookId: string): Promise<void> {
    const { ticket, playbooks } = this.state.get();
    const playbook = playbooks.find((p) => p.id === playbookId);
    if (!ticket || !playbook) return;
    this.overrides.clear();
    this.patch({ playbook, reason: t('chosenByYou'), lowConfidence: false });
    void this.checkNow();
    await this.deps.saveChoice(ticketKey(ticket), playbookId);
  }

  /** Inserts a step's snippet (variables filled) where its check looks, and re-checks at once. */
  insertSnippet(stepId: string): void {
    const { playbook } = this.state.get();
    const step = playbook?.steps.find((s) => s.id === stepId);
    const snippet = this.filledSnippet(stepId);
    const editor = this.deps.adapter.findEditor(this.deps.doc);
    if (!step || !snippet || !editor) return;
    const position = snippetPosition(step.check);
    const hasText = this.deps.adapter.readDraft(editor).trim() !== '';
    const text = !hasText
      ? snippet
      : position === 'start'
        ? `${snippet}\n`
        : position === 'end'
          ? `\n${snippet}`
          : snippet;
    const took = this.deps.adapter.insertText(editor, text, position);
    this.patch({ notice: took ? null : t('snippetRefused', snippet) });
    void this.checkNow();
  }

  /** Records the current draft by hand (for helpdesks whose send Keel cannot see). */
  async logReplyByHand(): Promise<void> {
    const editor = this.deps.adapter.findEditor(this.deps.doc);
    const text = editor ? this.deps.adapter.readDraft(editor) : '';
    if (!text.trim()) {
      this.patch({ send: { state: 'error', message: t('nothingToRecord') } });
      return;
    }
    // A double click records once: nothing while one is saving, nor the same draft again.
    if (this.loggingByHand || text === this.loggedByHand) return;
    this.loggingByHand = true;
    try {
      await this.recordSend(text);
      if (this.state.get().send.state === 'saved') this.loggedByHand = text;
    } finally {
      this.loggingByHand = false;
    }
  }
  private loggingByHand = false;
  /** The draft last recorded with Log reply on this ticket. */
  private loggedByHand: string | null = null;

  /** Shows a message to the agent in the sidebar (until the next one). */
  showNotice(message: string): void {
    this.patch({ notice: message });
  }

  /** Whether the agent may override this step's verdict (the policy can forbid it on critical steps). */
  canOverride(step: { severity: string }): boolean {
    return overrideAllowed(step, this.deps.allowCriticalOverrides?.() ?? true);
  }

  /**
   * The agent corrects a step's verdict (`done` on a failed step, `na` on an applicable one), or
   * undoes a correction (null). The record stores the override, never the text.
   */
  overrideStep(stepId: string, kind: StepOverride | null): void {
    if (kind === null) this.overrides.delete(stepId);
    else {
      const { ticket, playbook } = this.state.get();
      if (!ticket || !playbook) return;
      const step = this.knownVerdict(this.lastDraft, ticket, playbook)?.steps.find(
        (s) => s.stepId === stepId,
      );
      if (!step || step.status === 'na' || (kind === 'done' && step.status !== 'fail')) return;
      if (!this.canOverride(step)) return;
      this.overrides.set(stepId, { kind, checked: step.status });
    }
    void this.checkNow();
  }

  /**
   * Checks the current draft now (no debounce). Resolves once its verdict is shown, or dropped
   * because a newer draft, ticket or playbook overtook it. A draft already checked is shown at once.
   */
  checkNow(): Promise<void> {
    return this.checkDraft(this.readEditor());
  }

  /** The verdict already known for exactly this draft, ticket and playbook, if any. */
  private knownVerdict(draft: string, ticket: TicketContext, playbook: Playbook): CheckResult | null {
    const known = this.known;
    return known && known.draft === draft && known.ticket === ticket && known.playbook === playbook
      ? known.result
      : null;
  }

  /**
   * The ticket id, editor, draft (reading it lays the page out) and channel: one adapter call per
   * check, so the adapter works out the active ticket once.
   */
  private readEditor(): {
    ticketId: string | null;
    editor: HTMLElement | null;
    draft: string;
    internalNote: boolean;
  } {
    const { ticketId, editor, draft, mode } = this.deps.adapter.readComposer(
      this.deps.location(),
      this.deps.doc,
    );
    return { ticketId, editor, draft, internalNote: mode === 'note' };
  }

  private async checkDraft({ editor, draft, internalNote }: ReturnType<SidebarSession['readEditor']>) {
    const { ticket, playbook } = this.state.get();
    this.lastDraft = draft;
    const request = ++this.checkRequest;
    if (!ticket || !playbook) return;
    let checked: CheckResult | null = null;
    if (draft.trim() && !internalNote) {
      checked = this.knownVerdict(draft, ticket, playbook);
      if (!checked) {
        try {
          checked = await this.deps.verdicts.check(draft, ticket, playbook);
        } catch (error) {
          if (request === this.checkRequest && !this.deps.signal.aborted) {
            this.checkFailure = t('checkFailed', messageOf(error));
            this.patch({ notice: this.checkFailure });
          }
          return;
        }
        // Stale: a newer draft was sent meanwhile, or the ticket or playbook changed under it.
        const now = this.state.get();
        if (request !== this.checkRequest || this.deps.signal.aborted) return;
        if (now.ticket !== ticket || now.playbook !== playbook) return;
        this.known = { draft, ticket, playbook, result: checked };
        // The background answers again: its failure notice has had its day.
        if (this.checkFailure !== null && now.notice === this.checkFailure) this.patch({ notice: null });
        this.checkFailure = null;
      }
    }
    this.show(editor, draft, internalNote, playbook, checked);
  }

  /** Shows a verdict: the checklist, and the forbidden phrases painted in the editor. */
  private show(
    editor: HTMLElement | null,
    draft: string,
    internalNote: boolean,
    playbook: Playbook,
    checked: CheckResult | null,
  ): void {
    const result = checked && this.excuseUnread(applyOverrides(checked, this.overrides), playbook);
    const forbidKinds = new Set(playbook.steps.filter((s) => s.check.kind === 'forbid').map((s) => s.id));
    const spans = (result?.steps ?? [])
      .filter((s) => s.status === 'fail' && forbidKinds.has(s.stepId))
      .flatMap((s) => s.evidence);
    const highlighted = paintForbidden(editor, draft, spans);
    const forbidden = [...new Set(spans.map((span) => draft.slice(span.start, span.end)))];
    // Most keystrokes change nothing the sidebar shows. Patching anyway would re-render it and
    // give the page a frame of Keel's layout and paint; keeping the shown objects costs neither.
    const shown = this.state.get();
    const change: Partial<SidebarState> = {};
    if (!sameVerdict(shown.result, result)) change.result = result;
    if (!sameList(shown.forbidden, forbidden)) change.forbidden = forbidden;
    if (shown.highlighted !== highlighted) change.highlighted = highlighted;
    if (shown.internalNote !== internalNote) change.internalNote = internalNote;
    if (Object.keys(change).length > 0) this.patch(change);
  }

  /**
   * Asked at the moment of a send when the send gate is on: true lets the send go. Keel never
   * blocks a send otherwise, and never when the gate is off.
   */
  confirmSend(gateOn: boolean, ask: (question: string) => boolean): boolean {
    if (!gateOn) return true;
    // The browser's confirm must be asked within the click, before any answer could come back:
    // the gate judges the latest verdict shown (the draft at the agent's last pause).
    const critical = this.state
      .get()
      .result?.steps.find((s) => s.status === 'fail' && s.severity === 'critical');
    return critical ? ask(t('gateConfirm', critical.title)) : true;
  }

  /** The step's snippet with the ticket's variables filled, as the checker fills it (in the page: small). */
  private filledSnippet(stepId: string): string | undefined {
    const { ticket, playbook } = this.state.get();
    const snippet = playbook?.steps.find((s) => s.id === stepId)?.snippet;
    return snippet === undefined || !ticket ? undefined : fillTemplate(snippet, ticketVariables(ticket));
  }

  private patch(change: Partial<SidebarState>): void {
    this.state.update((current) => ({ ...current, ...change }));
  }

  /** Steps that need a field this page did not show are set aside, not failed (health.ts). */
  private excuseUnread(result: CheckResult, playbook: Playbook): CheckResult {
    return excuseUnreadSteps(result, playbook, this.state.get().status.unread, {
      notJudged: (field) => t('stepUnread', t(UNREAD_MESSAGE[field])),
      judgedWithout: (field) => t('stepUnreadPartly', t(UNREAD_MESSAGE[field])),
    });
  }

  /** What the sidebar's "copy page report" copies: selector match counts, no text of the page. */
  pageReport(): PageReport {
    const { adapter, doc, location, now } = this.deps;
    return buildPageReport(adapter, doc, location(), this.state.get().status, now());
  }

  /** Called on page mutations (throttled): follows ticket switches and the editor coming and going. */
  private async scanPage(): Promise<void> {
    const read = this.readEditor();
    if (read.ticketId !== this.currentTicketId) {
      await this.openTicket(read.ticketId);
      return;
    }
    const { editor } = read;
    this.watchEditorDocument(editor);
    const editorFound = editor !== null;
    const { status } = this.state.get();
    if (status.state === 'no-editor' && editorFound) this.patch({ status: { state: 'ok', missing: [] } });
    if (status.state === 'ok' && !editorFound && this.state.get().ticket) {
      this.patch({ status: { state: 'no-editor', missing: ['reply editor'] } });
    }
    this.checkIfChanged(read);
  }

  private async openTicket(ticketId: string | null): Promise<void> {
    this.ticketAbort?.abort();
    this.currentTicketId = ticketId;
    this.lastDraft = '';
    this.loggedByHand = null;
    // A check still on its way is for the ticket being left: its answer is dropped.
    this.checkRequest++;
    this.known = null;
    this.overrides.clear();
    if (ticketId === null) {
      this.patch({ ticket: null, playbook: null, result: null, status: { state: 'ok', missing: [] } });
      return;
    }
    const abort = new AbortController();
    this.ticketAbort = abort;
    this.deps.signal.addEventListener('abort', () => abort.abort(), { once: true, signal: abort.signal });
    const read = await this.deps.adapter.readTicket(this.deps.doc);
    if (abort.signal.aborted) return;
    const { status } = read;
    const ticket = read.ticket && boundTicket(read.ticket);
    this.patch({ ticket, status, result: null, send: { state: 'idle' }, notice: null });
    if (!ticket) return;
    await this.choosePlaybook(ticket);
    if (abort.signal.aborted) return;
    this.deps.adapter.observeSend(
      this.deps.doc,
      abort.signal,
      (reply) => void this.recordIntent(reply),
      () => this.confirmSend(this.deps.sendGateOn(), this.deps.ask),
    );
    this.observedEditorDoc = null;
    this.watchEditorDocument(this.deps.adapter.findEditor(this.deps.doc));
    await this.checkNow();
  }

  private async choosePlaybook(ticket: TicketContext): Promise<void> {
    const { playbooks } = this.state.get();
    if (playbooks.length === 0) {
      this.patch({ playbook: null, reason: t('noPlaybooks'), lowConfidence: false });
      return;
    }
    const chosenId = await this.deps.loadChoice(ticketKey(ticket));
    const chosen = chosenId ? playbooks.find((p) => p.id === chosenId) : undefined;
    if (chosen) {
      this.patch({ playbook: chosen, reason: t('chosenByYou'), lowConfidence: false });
      return;
    }
    let pick: Awaited<ReturnType<Verdicts['pick']>>;
    try {
      pick = await this.deps.verdicts.pick(ticket, playbooks);
    } catch (error) {
      // The agent can still choose a playbook by hand.
      this.patch({
        playbook: null,
        reason: '',
        lowConfidence: false,
        notice: t('checkFailed', messageOf(error)),
      });
      return;
    }
    if (this.state.get().ticket !== ticket) return;
    this.patch({
      playbook: pick?.playbook ?? null,
      reason: pick?.reason ?? t('noPlaybooks'),
      lowConfidence: pick?.lowConfidence === true,
    });
  }

  /**
   * Typing in an editor inside an iframe (Request Tracker's CKEditor 4) does not mutate the page's
   * own document, so listen for input on the editor's document too.
   */
  private watchEditorDocument(editor: HTMLElement | null): void {
    const editorDoc = editor?.ownerDocument;
    if (!editorDoc || !this.ticketAbort || editorDoc === this.observedEditorDoc) return;
    this.observedEditorDoc = editorDoc;
    // All a keystroke costs: this call, which notes the time, and in a long burst asks for a check
    // in its frame once a second (see followTyping).
    const noteTyping = () => this.noteTyping();
    editorDoc.addEventListener('input', noteTyping, { capture: true, signal: this.ticketAbort.signal });
  }

  /** Set by `start`: a keystroke in the editor (the page observer rests, a check follows the pause). */
  private noteTyping: () => void = () => {};

  private checkIfChanged(read = this.readEditor()): void {
    if (read.draft !== this.lastDraft || read.internalNote !== this.state.get().internalNote)
      void this.checkDraft(read);
  }

  /** Records a reply logged by hand: there is no page confirmation to wait for. */
  private async recordSend(text: string): Promise<void> {
    const send = this.sendOf(text);
    if (!send) return;
    this.patch({ send: { state: 'saving' } });
    let checked = send.known;
    try {
      checked ??= await this.deps.verdicts.check(text, send.ticket, send.playbook);
    } catch (error) {
      this.patch({ send: { state: 'error', message: messageOf(error) } });
      return;
    }
    await this.storeRecord(send.build(checked));
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
  private async recordIntent(reply: SentReply): Promise<void> {
    const send = this.sendOf(reply.text);
    if (!send) return;
    let record: ReplyRecord;
    let held: Promise<unknown>;
    if (send.known) {
      record = send.build(send.known);
      held = (this.deps.holdPending ?? holdPendingReply)(record, reply.proof);
      this.patch({ send: { state: 'saving' } });
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
      this.patch({ send: { state: 'saving' } });
      const answer = await holding;
      if (!answer.ok) {
        this.patch({ send: { state: 'error', message: answer.error } });
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
      this.patch({ send: { state: 'idle' } });
      this.deps.onUnconfirmed?.();
      return;
    }
    // The cancel must not overtake the pending copy, or that copy would outlive it and be stored.
    await held;
    await (this.deps.cancelPending ?? cancelPendingReply)(record.id);
    this.patch({ send: { state: 'idle' } });
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
    const { ticket, playbook, lowConfidence } = this.state.get();
    if (!ticket || !playbook) return null;
    const overrides = new Map(this.overrides);
    const base: RecordBase = {
      id: this.deps.newId(),
      time: this.deps.now(),
      helpdesk: ticket.helpdesk,
      ticketId: ticket.ticketId,
      playbookId: playbook.id,
      playbookVersion: playbook.version,
      agent: clip(ticket.agentName || this.deps.fallbackAgentName(), TICKET_LIMITS.agentName),
      origin: 'local',
      format: RECORD_FORMAT,
      ...(lowConfidence ? { lowConfidence: true } : {}),
      ...ticketUrlOf(this.deps.location()),
    };
    const known = this.knownVerdict(text, ticket, playbook);
    const build = (checked: CheckResult) => recordOf(base, this.excuseUnread(checked, playbook), overrides);
    return { ticket, playbook, base, overrides, known, build };
  }

  private async storeRecord(record: ReplyRecord): Promise<void> {
    this.patch({ send: { state: 'saving' } });
    const outcome = await this.deps.record(record);
    if (!outcome.ok) {
      await this.keepUnrecorded(
        record,
        outcome.error === t('extensionUpdated') ? 'extension-updated' : 'unreachable',
      );
    }
    this.patch({
      send: outcome.ok
        ? { state: 'saved', score: record.score, at: record.time }
        : { state: 'error', message: outcome.error },
      result: null,
    });
    this.lastDraft = '';
    this.overrides.clear();
  }
}
