import { useMemo, useState } from 'preact/hooks';
import { checkReply } from '@/utils/checker';
import type { Playbook } from '@/utils/playbook/schema';
import type { TicketContext } from '@/utils/ticket';
import { commasToList } from './draft';
import { Field } from './fields';

const STATUS_LABEL = { pass: 'Pass', fail: 'Missing', na: 'Does not apply' } as const;
/** The panel's element id: the editor's "Try it" link jumps here on narrow screens. */
export const TRY_IT_ID = 'try-it';

/** Sample ticket + sample reply → the checker's verdict, live, for the playbook being edited. */
export function TryIt(props: { playbook: Playbook | undefined }) {
  const [reply, setReply] = useState('');
  const [subject, setSubject] = useState('Refund for order #A10234');
  const [type, setType] = useState('');
  const [tags, setTags] = useState('');
  const [customer, setCustomer] = useState('María García');
  const [message, setMessage] = useState('My order #A10234 arrived damaged. Can I get my money back?');

  const ticket = useMemo(
    (): TicketContext => ({
      helpdesk: 'try-it',
      ticketId: 'A10234',
      subject,
      ...(type.trim() ? { type: type.trim().toLowerCase() } : {}),
      tags: commasToList(tags).map((tag) => tag.toLowerCase()),
      requester: { name: customer },
      customerMessage: message,
    }),
    [subject, type, tags, customer, message],
  );
  const result = useMemo(
    () => (props.playbook && reply.trim() ? checkReply(reply, ticket, props.playbook) : undefined),
    [props.playbook, reply, ticket],
  );

  return (
    <section class="try-it" id={TRY_IT_ID} aria-labelledby="try-it-title">
      <h3 id="try-it-title">Try it</h3>
      <p class="muted">Paste a sample reply to see what the sidebar would say. Nothing is saved.</p>
      <Field label="Sample reply" wide>
        {(id) => (
          <textarea
            id={id}
            data-testid="try-reply"
            rows={6}
            value={reply}
            onInput={(e) => setReply(e.currentTarget.value)}
          />
        )}
      </Field>
      <div aria-live="polite" class="try-verdict">
        {!props.playbook ? (
          <p class="muted">Fix the playbook’s problems to try it.</p>
        ) : !result ? (
          <p class="muted">Type a reply above.</p>
        ) : (
          <div data-testid="try-result" data-score={result.score}>
            <p class="score">
              Score <strong>{result.score}</strong>
              {result.criticalMiss
                ? ' — a critical step is missing'
                : result.fullAdherence
                  ? ' — follows every step'
                  : ''}
              <span class="muted"> · {result.wordCount} words</span>
            </p>
            <ul class="try-steps">
              {result.steps.map((step) => (
                <li
                  key={step.stepId}
                  data-step-id={step.stepId}
                  data-status={step.status}
                  class={`try-${step.status}`}
                >
                  <span class="badge">{STATUS_LABEL[step.status]}</span> {step.title}
                  {step.reason && <span class="muted"> — {step.reason}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <details class="try-ticket">
        <summary>
          Sample ticket: {customer} — {subject}
        </summary>
        <div class="grid">
          <Field label="Ticket subject">
            {(id) => <input id={id} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />}
          </Field>
          <Field label="Customer name">
            {(id) => <input id={id} value={customer} onInput={(e) => setCustomer(e.currentTarget.value)} />}
          </Field>
          <Field label="Ticket type">
            {(id) => <input id={id} value={type} onInput={(e) => setType(e.currentTarget.value)} />}
          </Field>
          <Field label="Tags" hint="Comma-separated">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                value={tags}
                onInput={(e) => setTags(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Customer’s message" wide>
            {(id) => (
              <textarea id={id} rows={2} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
            )}
          </Field>
        </div>
      </details>
    </section>
  );
}
