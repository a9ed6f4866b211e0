import { type ComponentChildren, Fragment } from 'preact';
import { isAgentClick } from '@/utils/adapters/trust';
import { type MessageKey, t } from '@/utils/i18n';
import type { SettleList as Model, SendToSettle } from '@/utils/sidebar/settle-list';
import { useObservable } from './useObservable';

/** How one use of the list looks: its test hooks, its words, and what each row shows. */
export interface SettleListView<Send extends SendToSettle> {
  /** The section's hook; rows are `{name}-send`, their buttons `{name}-record` and `{name}-discard`. */
  testId: string;
  name: string;
  className: string;
  title: MessageKey;
  help?: MessageKey;
  record: MessageKey;
  discard: MessageKey;
  /** Whether the list interrupts (a screen reader announces it as it appears). */
  alert: boolean;
  /** The row's data attributes besides `data-record-id`. */
  data: (send: Send) => Record<`data-${string}`, string>;
  text: (send: Send) => ComponentChildren;
}

/** The agent's two answers: record the send (the main one) or discard it. */
const CHOICES = [
  { keep: true, action: 'record', quiet: false },
  { keep: false, action: 'discard', quiet: true },
] as const;

/**
 * Sends left to the agent (utils/sidebar/settle-list.ts), each with Record and Discard. Nothing
 * shows while the list is empty and nothing went wrong.
 */
export function SettleList<Send extends SendToSettle>({
  list,
  view,
}: {
  list: Model<Send>;
  view: SettleListView<Send>;
}) {
  const { sends, error, busy } = useObservable(list.state);
  if (sends.length === 0 && !error) return null;

  const decide = (event: Event, id: string, keep: boolean) => {
    // The page can reach this open shadow root: only the agent's own click records or discards.
    if (isAgentClick(event)) void list.decide(id, keep);
  };

  return (
    <section
      class={view.className}
      data-testid={view.testId}
      aria-label={t(view.title)}
      role={view.alert ? 'alert' : undefined}
    >
      {sends.length > 0 && <h3>{t(view.title)}</h3>}
      {sends.length > 0 && view.help && <p class="muted">{t(view.help)}</p>}
      <ul>
        {sends.map((send) => (
          <li
            key={send.record.id}
            data-testid={`${view.name}-send`}
            data-record-id={send.record.id}
            {...view.data(send)}
          >
            <span>{view.text(send)}</span>
            {CHOICES.map(({ keep, action, quiet }) => (
              <Fragment key={action}>
                {' '}
                <button
                  type="button"
                  class={quiet ? 'button button--quiet' : 'button'}
                  data-testid={`${view.name}-${action}`}
                  disabled={busy}
                  onClick={(event) => decide(event, send.record.id, keep)}
                >
                  {t(view[action])}
                </button>
              </Fragment>
            ))}
          </li>
        ))}
      </ul>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
