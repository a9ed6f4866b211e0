import { checkReply } from '@/utils/checker';
import { pickPlaybook } from '@/utils/playbook/pick';
import type { PendingDraft, PendingDraftOutcome } from '@/utils/sidebar/record';
import { overridesFromWire, recordOf } from '@/utils/sidebar/record-verdict';
import type { Verdicts } from '@/utils/sidebar/verdicts';
import type { ReplyRecord } from '@/utils/store/types';

/** The sidebar's verdicts without the background: the engine's own functions, answered async as a message would be. */
export const directVerdicts: Verdicts = {
  async check(draft, ticket, playbook) {
    return checkReply(draft, ticket, playbook);
  },
  async pick(ticket, playbooks) {
    return pickPlaybook(ticket, playbooks);
  },
};

/**
 * `reply.pendingDraft` without the background: checks the draft as the background does, hands the
 * record to `hold` (the test's pending list) and answers with it.
 */
export function directHoldPendingDraft(hold: (record: ReplyRecord) => void) {
  return async (pending: PendingDraft): Promise<PendingDraftOutcome> => {
    const checked = checkReply(pending.draft, pending.ticket, pending.playbook);
    const record = recordOf(pending.record, checked, overridesFromWire(pending.overrides));
    hold(record);
    return { ok: true, record };
  };
}
