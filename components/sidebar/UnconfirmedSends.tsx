import { t } from '@/utils/i18n';
import type { UnconfirmedSends as Controller } from '@/utils/sidebar/unconfirmed';
import { useObservable } from './useObservable';

const timeOf = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * A custom site's sends that Keel could not confirm either way: the agent records or discards
 * each (utils/sidebar/unconfirmed.ts). Nothing shows while there are none.
 */
export function UnconfirmedSends({ controller }: { controller: Controller }) {
  const { sends, error } = useObservable(controller.state);
  if (sends.length === 0 && !error) return null;
  return (
    <section class="unconfirmed" data-testid="unconfirmed-sends" role="alert">
      {sends.length > 0 && <p>{t('unconfirmedTitle')}</p>}
      <ul>
        {sends.map(({ record }) => (
          <li
            key={record.id}
            data-testid="unconfirmed-send"
            data-record-id={record.id}
            data-ticket-id={record.ticketId}
          >
            <span>{t('unconfirmedItem', record.ticketId, timeOf(record.time), record.score)}</span>{' '}
            <button
              type="button"
              class="button"
              data-testid="unconfirmed-record"
              onClick={() => void controller.decide(record.id, true)}
            >
              {t('unconfirmedRecord')}
            </button>{' '}
            <button
              type="button"
              class="button button--quiet"
              data-testid="unconfirmed-discard"
              onClick={() => void controller.decide(record.id, false)}
            >
              {t('unconfirmedDiscard')}
            </button>
          </li>
        ))}
      </ul>
      {error && <p class="error">{error}</p>}
    </section>
  );
}
