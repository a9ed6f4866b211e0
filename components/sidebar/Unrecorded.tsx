import { useEffect, useState } from 'preact/hooks';
import { isAgentClick } from '@/utils/adapters/trust';
import { type MessageKey, t } from '@/utils/i18n';
import type { RecordOutcome } from '@/utils/sidebar/record';
import { recordReply } from '@/utils/sidebar/record';
import {
  forgetUnrecorded,
  listUnrecorded,
  type UnrecordedReason,
  type UnrecordedSend,
  watchUnrecorded,
} from '@/utils/sidebar/unrecorded';

const REASON_TEXT: Record<UnrecordedReason, MessageKey> = {
  'extension-updated': 'unrecordedExtensionUpdated',
  unreachable: 'unrecordedUnreachable',
  unconfirmed: 'unrecordedUnconfirmed',
  'no-evidence': 'unrecordedNoEvidence',
  refused: 'unrecordedRefused',
};

/**
 * The sends Keel could not record (utils/sidebar/unrecorded.ts), each with Record and Discard.
 * Nothing shows while the list is empty. Recording sends the record with its own id, so a send
 * the background stored meanwhile is not counted twice.
 */
export function UnrecordedSends(props: { record?: (entry: UnrecordedSend) => Promise<RecordOutcome> }) {
  const [list, setList] = useState<UnrecordedSend[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      void listUnrecorded()
        .then((entries) => live && setList(entries))
        .catch(() => undefined);
    load();
    const stop = watchUnrecorded(load);
    return () => {
      live = false;
      stop();
    };
  }, []);

  if (list.length === 0) return null;

  const act = async (event: Event, entry: UnrecordedSend, record: boolean) => {
    // The page can reach this open shadow root: only the agent's own click records or discards.
    if (busy || !isAgentClick(event)) return;
    setBusy(true);
    try {
      if (record) {
        const outcome = await (props.record ?? ((e: UnrecordedSend) => recordReply(e.record)))(entry);
        if (!outcome.ok) {
          setError(outcome.error);
          return;
        }
      }
      setError('');
      await forgetUnrecorded(entry.record.id);
      setList((current) => current.filter((item) => item.record.id !== entry.record.id));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="keel__unrecorded" data-testid="unrecorded" aria-label={t('unrecordedTitle')}>
      <h3>{t('unrecordedTitle')}</h3>
      <p class="muted">{t('unrecordedHelp')}</p>
      <ul>
        {list.map((entry) => (
          <li
            key={entry.record.id}
            data-testid="unrecorded-send"
            data-record-id={entry.record.id}
            data-reason={entry.reason}
          >
            <span>
              #{entry.record.ticketId} · {new Date(entry.record.time).toLocaleTimeString()} ·{' '}
              {t(REASON_TEXT[entry.reason] ?? 'unrecordedRefused')}
            </span>
            <button
              type="button"
              class="button button--quiet"
              data-testid="unrecorded-record"
              disabled={busy}
              onClick={(event) => void act(event, entry, true)}
            >
              {t('unrecordedRecord')}
            </button>
            <button
              type="button"
              class="button button--quiet"
              data-testid="unrecorded-discard"
              disabled={busy}
              onClick={(event) => void act(event, entry, false)}
            >
              {t('unrecordedDiscard')}
            </button>
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
