/** The sidebar session's state (what the sidebar shows) and what it needs from its page. */
import type { AdapterStatus, HelpdeskAdapter } from '../adapters/types';
import type { CheckResult } from '../checker/types';
import type { Playbook } from '../playbook/schema';
import type { TicketContext } from '../ticket';
import type { RecorderDeps, SendState } from './recorder';

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

export interface SessionDeps extends RecorderDeps {
  adapter: HelpdeskAdapter;
  doc: Document;
  loadPlaybooks: () => Promise<Playbook[]>;
  /** The playbook an agent chose for a ticket, remembered across reloads. */
  loadChoice: (ticketKey: string) => Promise<string | undefined>;
  saveChoice: (ticketKey: string, playbookId: string) => Promise<void>;
  /** Whether the optional send gate is on (settings), read at each send. */
  sendGateOn: () => boolean;
  /** Whether the administrator's policy lets agents override critical steps (default: yes). */
  allowCriticalOverrides?: () => boolean;
  /** Asks the agent a yes/no question at the moment of a send (window.confirm on a real page). */
  ask: (question: string) => boolean;
  /** Aborted when the content script goes away (navigation, extension update). */
  signal: AbortSignal;
}

/** The state before the first ticket is read. */
export function initialState(adapter: Pick<HelpdeskAdapter, 'id' | 'name'>): SidebarState {
  return {
    adapter: { id: adapter.id, name: adapter.name },
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
  };
}
