import * as v from 'valibot';
import { checkReply } from '../../../utils/checker/index';
import { maskRanges, nonReplyRanges } from '../../../utils/checker/reply';
import type { StepResult } from '../../../utils/checker/types';
import { type Playbook, type PlaybookInput, PlaybookSchema } from '../../../utils/playbook/schema';
import type { TicketContext } from '../../../utils/ticket';

export const ticket: TicketContext = {
  helpdesk: 'demo',
  ticketId: '4521',
  subject: 'Problem with order #A1234',
  type: 'refund',
  tags: ['refund'],
  requester: { name: 'María García', email: 'maria@example.com' },
  customerMessage: 'My blender arrived broken and I would like my money back.',
  agentName: 'Alex Kim',
};

export function playbookWith(
  step: Partial<PlaybookInput['steps'][number]> & Pick<PlaybookInput['steps'][number], 'check'>,
): Playbook {
  return v.parse(PlaybookSchema, {
    id: 'test',
    name: 'Test',
    steps: [{ id: 'step', title: 'Promise only what we control', ...step }],
  });
}

/** Checks `text` against a one-step playbook and returns that step's result. */
export function stepResult(
  text: string,
  step: Parameters<typeof playbookWith>[0],
  ticketOverrides: Partial<TicketContext> = {},
): StepResult {
  const result = checkReply(text, { ...ticket, ...ticketOverrides }, playbookWith(step));
  return result.steps[0] as StepResult;
}

/** The text of every evidence span. */
export function evidenceText(text: string, result: StepResult): string[] {
  return result.evidence.map((span) => text.slice(span.start, span.end));
}

/** The words of `text` the checker reads: quoted history and signature blanked out as checkReply does. */
export function ownWords(text: string): string {
  return maskRanges(text, nonReplyRanges(text)).replace(/\s+/g, ' ').trim();
}
