import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/i18n';
import type { RecordOutcome } from '@/utils/sidebar/record';
import { recordReply } from '@/utils/sidebar/record';
import { UnrecordedList, type UnrecordedReason, type UnrecordedSend } from '@/utils/sidebar/unrecorded';
import { SettleList, type SettleListView } from './SettleList';

const REASON_TEXT: Record<UnrecordedReason, MessageKey> = {
  'extension-updated': 'unrecordedExtensionUpdated',
  unreachable: 'unrecordedUnreachable',
  unconfirmed: 'unrecordedUnconfirmed',
  'no-evidence': 'unrecordedNoEvidence',
  refused: 'unrecordedRefused',
};

const VIEW: SettleListView<UnrecordedSend> = {
  testId: 'unrecorded',
  name: 'unrecorded',
  className: 'keel__unrecorded',
  title: 'unrecordedTitle',
  help: 'unrecordedHelp',
  record: 'unrecordedRecord',
  discard: 'unrecordedDiscard',
  alert: false,
  data: (entry) => ({ 'data-reason': entry.reason }),
  text: (entry) =>
    `#${entry.record.ticketId} · ${new Date(entry.record.time).toLocaleTimeString()} · ${t(REASON_TEXT[entry.reason] ?? 'unrecordedRefused')}`,
};

/**
 * The sends Keel could not record (utils/sidebar/unrecorded.ts), each with Record and Discard.
 * Recording sends the record with its own id, so a send the background stored meanwhile is not
 * counted twice.
 */
export function UnrecordedSends(props: { record?: (entry: UnrecordedSend) => Promise<RecordOutcome> }) {
  // Made once per sidebar; a test may record through its own function.
  const [list] = useState(() => new UnrecordedList(props.record ?? ((entry) => recordReply(entry.record))));
  useEffect(() => {
    const stop = new AbortController();
    list.watch(stop.signal);
    return () => stop.abort();
  }, [list]);
  return <SettleList list={list} view={VIEW} />;
}
