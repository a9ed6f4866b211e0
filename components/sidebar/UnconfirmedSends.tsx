import { t } from '@/utils/i18n';
import type { UnconfirmedSends as Controller, UnconfirmedSend } from '@/utils/sidebar/unconfirmed';
import { SettleList, type SettleListView } from './SettleList';

const timeOf = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

const VIEW: SettleListView<UnconfirmedSend> = {
  testId: 'unconfirmed-sends',
  name: 'unconfirmed',
  className: 'unconfirmed',
  title: 'unconfirmedTitle',
  record: 'unconfirmedRecord',
  discard: 'unconfirmedDiscard',
  alert: true,
  data: ({ record }) => ({ 'data-ticket-id': record.ticketId }),
  text: ({ record }) => t('unconfirmedItem', record.ticketId, timeOf(record.time), record.score),
};

/**
 * A custom site's sends that Keel could not confirm either way: the agent records or discards
 * each (utils/sidebar/unconfirmed.ts).
 */
export function UnconfirmedSends({ controller }: { controller: Controller }) {
  return <SettleList list={controller} view={VIEW} />;
}
