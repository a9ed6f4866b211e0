import type { CheckResult } from '../checker/types';
import { ticketVariables } from '../checker/variables';
import { t } from '../i18n';
import type { Playbook } from '../playbook/schema';
import type { StepOverride } from '../store/types';
import { boundTicket, type TicketContext } from '../ticket';
import { fillTemplate } from '../words/template';
import { excuseUnreadSteps, UNREAD_MESSAGE } from './health';
import { paintForbidden } from './highlight';
import { type Observable, observable } from './observable';
import { applyOverrides, type OverrideEntry, overrideAllowed } from './overrides';
import { buildPageReport, type PageReport } from './page-report';
import { watchPage } from './page-watch';
import { SendRecorder } from './recorder';
import { initialState, type SessionDeps, type SidebarState } from './session-state';
import { sameList, sameVerdict } from './shown';
import { snippetPosition, snippetText } from './snippets';
import type { Verdicts } from './verdicts';

export type { RecordOutcome, SendState } from './recorder';

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
  /** The send flow: reads this session's state at the moment of a send and reports back. */
  private readonly recorder: SendRecorder;

  constructor(private readonly deps: SessionDeps) {
    this.state = observable<SidebarState>(initialState(deps.adapter));
    this.recorder = new SendRecorder(deps, {
      context: () => {
        const { ticket, playbook, lowConfidence } = this.state.get();
        return {
          ticket,
          playbook,
          lowConfidence,
          overrides: this.overrides,
          known: (text, ticket, playbook) => this.knownVerdict(text, ticket, playbook),
          excuseUnread: (result, playbook) => this.excuseUnread(result, playbook),
        };
      },
      showSend: (send) => this.patch({ send }),
      finishSend: (send) => {
        this.patch({ send, result: null });
        this.lastDraft = '';
        this.overrides.clear();
      },
    });
  }

  /** Starts following the page. Every listener and observer ends with `deps.signal`. */
  async start(): Promise<void> {
    const { doc, signal } = this.deps;
    const playbooks = await this.deps.loadPlaybooks();
    this.patch({ playbooks });
    this.noteTyping = watchPage(doc, signal, {
      scan: () => void this.scanPage(),
      checkWhileTyping: () => this.checkIfChanged(),
    });
    await this.scanPage();
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
    const text = snippetText(snippet, position, this.deps.adapter.readDraft(editor).trim() !== '');
    const took = this.deps.adapter.insertText(editor, text, position);
    this.patch({ notice: took ? null : t('snippetRefused', snippet) });
    void this.checkNow();
  }

  /** Records the current draft by hand (for helpdesks whose send Keel cannot see). */
  logReplyByHand(): Promise<void> {
    const editor = this.deps.adapter.findEditor(this.deps.doc);
    return this.recorder.logByHand(editor ? this.deps.adapter.readDraft(editor) : '');
  }

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
    this.recorder.openTicket();
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
      (reply) => void this.recorder.recordIntent(reply),
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
}
