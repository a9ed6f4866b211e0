/**
 * Page health: an adapter that found the editor but not a field it normally reads (the customer's
 * name, their message) says which (`AdapterStatus.unread`). A step whose check needs that field
 * cannot be judged on this page, so it is shown as not applicable with the reason, never as a
 * miss the agent did not make. Pure.
 */
import type { TicketField } from '../adapters/types';
import { scoreSteps } from '../checker/score';
import type { CheckResult } from '../checker/types';
import type { MessageKey } from '../i18n';
import type { Playbook, StepCheck } from '../playbook/schema';

/** The sidebar's words for each field: "couldn't read the customer's name". */
export const UNREAD_MESSAGE: Readonly<Record<TicketField, MessageKey>> = {
  requester: 'unreadRequester',
  customerMessage: 'unreadCustomerMessage',
  tags: 'unreadTags',
  type: 'unreadType',
  agent: 'unreadAgent',
};

/**
 * The field a check's verdict rests on: `wholly` when there is nothing to check without it (a
 * mention of the customer's name), not when the checker still checks the rest (a greeting by name
 * is still a greeting: its miss is real).
 */
export function fieldNeeded(check: StepCheck): { field: TicketField; wholly: boolean } | null {
  switch (check.kind) {
    case 'greeting':
      return check.useName ? { field: 'requester', wholly: false } : null;
    case 'mention':
      if (check.variable.startsWith('customer.')) return { field: 'requester', wholly: true };
      if (check.variable.startsWith('agent.')) return { field: 'agent', wholly: true };
      return null;
    default:
      return null;
  }
}

/** How the sidebar words a step the page's health touched. */
export interface UnreadReasons {
  /** The step could not be judged: "Not judged: Keel couldn't read the customer's name on this page." */
  notJudged(field: TicketField): string;
  /** The step was judged without the field: "Checked without it: Keel couldn't read …". */
  judgedWithout(field: TicketField): string;
}

/**
 * `result` with the steps that rest on a field this page did not show worded as such: a step that
 * rests on it wholly is set aside (`na`, never a fail the agent did not make) and the score
 * recomputed; one judged without it keeps its verdict and says what it went without. A real miss
 * (no greeting at all) stays a miss. Unchanged when nothing was unread.
 */
export function excuseUnreadSteps(
  result: CheckResult,
  playbook: Playbook,
  unread: readonly TicketField[] | undefined,
  reasons: UnreadReasons,
): CheckResult {
  if (!unread || unread.length === 0) return result;
  const checks = new Map(playbook.steps.map((step) => [step.id, step.check]));
  let changed = false;
  const steps = result.steps.map((step) => {
    const check = checks.get(step.stepId);
    const need = check ? fieldNeeded(check) : null;
    if (!need || !unread.includes(need.field) || step.override) return step;
    if (need.wholly && step.status !== 'pass') {
      changed = true;
      return { ...step, status: 'na' as const, reason: reasons.notJudged(need.field) };
    }
    if (!need.wholly && step.status === 'pass') {
      changed = true;
      return { ...step, reason: reasons.judgedWithout(need.field) };
    }
    return step;
  });
  return changed ? { ...result, ...scoreSteps(steps), steps } : result;
}
