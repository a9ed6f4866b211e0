import { useEffect, useState } from 'preact/hooks';
import type { KeelMessage } from '../../utils/messages';
import { endOfDay, startOfDay } from '../../utils/store/rollups';
import type { ReplyRecord } from '../../utils/store/types';
import type { Send } from './DataActions';
import type { PlaybookLabels } from './labels';

/** Where a most-missed step's replies are asked for: the step, the agent filter and the days shown. */
export interface MissedQuery {
  playbookId: string;
  stepId: string;
  agent: string;
  sinceDay: string | null;
  /** A custom range's last day: replies after it are left out. */
  untilDay: string | null;
}

/** The message for a page of a step's missed replies: the first page, or the one before `page`. */
export function missedMessage(
  { playbookId, stepId, agent, sinceDay, untilDay }: MissedQuery,
  { page, limit }: { page?: number; limit?: number } = {},
): KeelMessage & { type: 'stats.missed' } {
  const before = page ?? (untilDay ? endOfDay(untilDay) : undefined);
  return {
    type: 'stats.missed',
    playbookId,
    stepId,
    ...(limit === undefined ? {} : { limit }),
    ...(agent ? { agent } : {}),
    ...(sinceDay ? { since: startOfDay(sinceDay) } : {}),
    ...(before === undefined ? {} : { before }),
  };
}

/** The replies behind a most-missed step, newest first, a page at a time (v6 `misses` store). */
export function MissedReplies({
  send,
  labels,
  playbookId,
  stepId,
  agent,
  sinceDay,
  untilDay = null,
  onClose,
}: {
  send: Send;
  labels: PlaybookLabels;
  playbookId: string;
  stepId: string;
  agent: string;
  sinceDay: string | null;
  /** A custom range's last day: replies after it are left out. */
  untilDay?: string | null;
  onClose: () => void;
}) {
  const [records, setRecords] = useState<ReplyRecord[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState('');

  async function load(page?: number) {
    const answer = await send(missedMessage({ playbookId, stepId, agent, sinceDay, untilDay }, { page }));
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setRecords((shown) => (page === undefined ? answer.records : [...shown, ...answer.records]));
    setNext(answer.next);
  }

  useEffect(() => {
    load().catch((e: unknown) => setError(String(e)));
  }, [playbookId, stepId, agent, sinceDay, untilDay]);

  return (
    <section class="card" data-testid="missed-replies">
      <h2>
        Missed “{labels.step(playbookId, stepId)}”{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h2>
      {error && <p class="notice error">{error}</p>}
      <ul class="rows">
        {records.map((r) => (
          <ReplyRow key={r.id} record={r} />
        ))}
      </ul>
      {next !== null && (
        <button type="button" onClick={() => load(next)}>
          More
        </button>
      )}
    </section>
  );
}

/** One reply behind a missed step: its ticket (a link back to the helpdesk when the URL is known), who, when, score. */
export function ReplyRow({ record: r }: { record: ReplyRecord }) {
  return (
    <li
      class="row missed"
      data-testid="reply-row"
      data-ticket-id={r.ticketId}
      data-helpdesk={r.helpdesk}
      data-agent={r.agent}
      data-score={r.score}
      data-time={r.time}
    >
      <span class="row-name">
        {r.ticketUrl ? (
          <a href={r.ticketUrl} target="_blank" rel="noreferrer noopener">
            #{r.ticketId}
          </a>
        ) : (
          `#${r.ticketId}`
        )}{' '}
        <small>
          {r.agent || 'Unknown agent'} · {r.helpdesk} · {new Date(r.time).toLocaleString()}
        </small>
      </span>
      <span class="row-value">{r.score}%</span>
    </li>
  );
}
