/**
 * The default playbook library: what a support team gets before it writes its own. Built on the
 * principles of DESIGN.md: greet by name, acknowledge, apologise when something went wrong, set a
 * concrete expectation and never promise what we cannot keep, give next steps, thank, invite
 * feedback, sign off. Example replies that pass and fail these live in tests/corpus/.
 *
 * In library/: the customers' vocabulary (vocab.ts), the steps the playbooks share (steps.ts), and
 * the playbooks themselves (orders.ts, service.ts), in the order the classifier breaks ties by.
 */
import * as v from 'valibot';
import { ORDER_PLAYBOOKS } from './library/orders';
import { SERVICE_PLAYBOOKS } from './library/service';
import { type Playbook, PlaybookSchema } from './schema';

/** Validated through the same schema as imported files, so defaults (weight 1, …) are applied. */
export const DEFAULT_PLAYBOOKS: Playbook[] = [...ORDER_PLAYBOOKS, ...SERVICE_PLAYBOOKS].map((input) =>
  v.parse(PlaybookSchema, input),
);
