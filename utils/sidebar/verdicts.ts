import type { CheckResult } from '../checker/types';
import { sendWithRetry } from '../messages';
import type { PlaybookPick } from '../playbook/pick';
import type { Playbook } from '../playbook/schema';
import type { TicketContext } from '../ticket';

/**
 * Where the sidebar gets its verdicts. The verdict engine (utils/checker, utils/playbook/pick) is
 * too big for the helpdesk page's 35 KB budget, so the content script asks the background for
 * them (`backgroundVerdicts`); unit tests and Node tools call `checkReply`/`pickPlaybook` directly.
 * Both resolve what the synchronous functions return; a failure rejects with a message to show.
 */
export interface Verdicts {
  /** The checklist for a draft, before the agent's overrides. */
  check(draft: string, ticket: TicketContext, playbook: Playbook): Promise<CheckResult>;
  /** The classifier's pick among `playbooks` (the same objects, not copies), or null. */
  pick(ticket: TicketContext, playbooks: readonly Playbook[]): Promise<PlaybookPick | null>;
}

/** A sleeping service worker wakes on the first try; the rest cover a restart (about 2 s in all). */
const RETRY = { attempts: 4, delayMs: 250 } as const;

/**
 * Verdicts from the background, by message. The draft goes only when the session asks (at a
 * pause, at a send, after an override or a snippet); the background checks it and forgets it.
 */
export const backgroundVerdicts: Verdicts = {
  async check(draft, ticket, playbook) {
    const answer = await sendWithRetry({ type: 'verdict.check', draft, ticket, playbook }, RETRY);
    if (!answer.ok) throw new Error(answer.error);
    return answer.result;
  },
  async pick(ticket, playbooks) {
    const answer = await sendWithRetry({ type: 'verdict.pick', ticket, playbooks: [...playbooks] }, RETRY);
    if (!answer.ok) throw new Error(answer.error);
    if (!answer.pick) return null;
    // The background answers with its copy; the sidebar compares playbooks by identity.
    const { playbookId, reason, lowConfidence } = answer.pick;
    const playbook = playbooks.find((candidate) => candidate.id === playbookId);
    return playbook ? { playbook, reason, ...(lowConfidence ? { lowConfidence } : {}) } : null;
  },
};
