import { checkReply } from '../checker';
import type { CheckResult } from '../checker/types';
import { pickPlaybook } from '../playbook/pick';
import type { Playbook } from '../playbook/schema';
import type { TicketContext } from '../ticket';

/** Playbooks a worker keeps by content: a sidebar uses a handful at a time. */
const KEPT_PLAYBOOKS = 32;

/**
 * The sidebar's checks and picks, run in the background. Each message brings its own copy of the
 * playbook, and the checker compiles a playbook once per object: the same content maps back to the
 * object first seen, so a pause costs a check, not a compile. The draft is only passed through.
 */
export function createVerdictRunner() {
  const kept = new Map<string, Playbook>();
  const same = (playbook: Playbook): Playbook => {
    const key = JSON.stringify(playbook);
    const known = kept.get(key);
    if (known) {
      // Most recently used last, so the oldest goes first when the map is full.
      kept.delete(key);
      kept.set(key, known);
      return known;
    }
    kept.set(key, playbook);
    if (kept.size > KEPT_PLAYBOOKS) kept.delete(kept.keys().next().value as string);
    return playbook;
  };
  return {
    check(draft: string, ticket: TicketContext, playbook: Playbook): CheckResult {
      return checkReply(draft, ticket, same(playbook));
    },
    pick(ticket: TicketContext, playbooks: readonly Playbook[]) {
      const pick = pickPlaybook(ticket, playbooks.map(same));
      if (!pick) return null;
      return {
        playbookId: pick.playbook.id,
        reason: pick.reason,
        ...(pick.lowConfidence ? { lowConfidence: true } : {}),
      };
    },
  };
}
