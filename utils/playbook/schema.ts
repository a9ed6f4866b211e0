/**
 * The playbook file format (keel.playbooks/1), in utils/playbook/schema/: the caps and field rules
 * (fields.ts), the checks a step runs (checks.ts), steps, playbooks and the file (playbook.ts),
 * and reading a file with every problem named (parse.ts, json.ts).
 */
export { type CheckKind, type StepCheck, type StepCheckInput, StepCheckSchema } from './schema/checks';
export { PLAYBOOK_LIMITS } from './schema/fields';
export { jsonErrorOffset } from './schema/json';
export {
  formatProblem,
  type ParsePlaybookResult,
  type PlaybookProblem,
  parsePlaybookFile,
  parsePlaybookFileText,
} from './schema/parse';
export {
  PLAYBOOK_FORMAT,
  type Playbook,
  type PlaybookFile,
  PlaybookFileSchema,
  type PlaybookInput,
  type PlaybookMatch,
  PlaybookMatchSchema,
  PlaybookSchema,
  type PlaybookStep,
  PlaybookStepSchema,
  type StepWhen,
  StepWhenSchema,
} from './schema/playbook';
