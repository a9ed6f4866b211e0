import { checkReply } from '@/utils/checker';
import { pickPlaybook } from '@/utils/playbook/pick';
import type { Verdicts } from '@/utils/sidebar/verdicts';

/** The sidebar's verdicts without the background: the engine's own functions, answered async as a message would be. */
export const directVerdicts: Verdicts = {
  async check(draft, ticket, playbook) {
    return checkReply(draft, ticket, playbook);
  },
  async pick(ticket, playbooks) {
    return pickPlaybook(ticket, playbooks);
  },
};
