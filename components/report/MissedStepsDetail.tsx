import { useEffect, useState } from 'preact/hooks';
import type { MissedStep } from '../../utils/store/summary';
import type { ReplyRecord } from '../../utils/store/types';
import type { Send } from '../popup/DataActions';
import type { PlaybookLabels } from '../popup/labels';
import { type MissedQuery, missedMessage, ReplyRow } from '../popup/MissedReplies';

/** How many most-missed steps the report details, and how many replies it shows for each. */
const MISSED_SHOWN = 5;
const EXAMPLES_PER_STEP = 5;

/** The replies behind one most-missed step: the newest few, each linking to its ticket. */
function MissedExamples({ send, query, misses }: { send: Send; query: MissedQuery; misses: number }) {
  const [records, setRecords] = useState<ReplyRecord[] | null>(null);
  const [error, setError] = useState('');
  const { playbookId, stepId, agent, sinceDay, untilDay } = query;
  useEffect(() => {
    let current = true;
    send(missedMessage({ playbookId, stepId, agent, sinceDay, untilDay }, { limit: EXAMPLES_PER_STEP }))
      .then((answer) => {
        if (!current) return;
        if (answer.ok) setRecords(answer.records);
        else setError(answer.error);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [send, playbookId, stepId, agent, sinceDay, untilDay]);
  if (error) return <p class="notice error">{error}</p>;
  if (records === null) return <p class="muted">Loading examples…</p>;
  return (
    <>
      <ul class="rows examples">
        {records.map((record) => (
          <ReplyRow key={record.id} record={record} />
        ))}
      </ul>
      {misses > records.length && (
        <p class="muted more">
          and {misses - records.length} more (the popup lists them all; the steps CSV has every one)
        </p>
      )}
    </>
  );
}

/** The most-missed steps, each with how often it was missed and the newest replies that missed it. */
export function MissedStepsDetail({
  send,
  rows,
  labels,
  agent,
  sinceDay,
  untilDay,
}: {
  send: Send;
  rows: MissedStep[];
  labels: PlaybookLabels;
  agent: string;
  sinceDay: string | null;
  untilDay: string | null;
}) {
  if (rows.length === 0) return <p class="muted">No step was missed in this period.</p>;
  return (
    <ol class="missed-list">
      {rows.slice(0, MISSED_SHOWN).map((row) => (
        <li
          key={`${row.playbookId}/${row.stepId}`}
          data-testid="report-missed-step"
          data-playbook-id={row.playbookId}
          data-step-id={row.stepId}
          data-misses={row.misses}
        >
          <h3>
            {labels.step(row.playbookId, row.stepId)} <small>{labels.playbook(row.playbookId)}</small>
          </h3>
          <p class="muted">
            Missed in {row.misses} of {row.applicable} replies where it applied (
            {Math.round((row.misses / row.applicable) * 100)}%). Newest:
          </p>
          <MissedExamples
            send={send}
            query={{ playbookId: row.playbookId, stepId: row.stepId, agent, sinceDay, untilDay }}
            misses={row.misses}
          />
        </li>
      ))}
    </ol>
  );
}
