import { useEffect, useState } from 'preact/hooks';
import type { KeelResponses } from '../../utils/messages';
import type { FilterChoices, Summary } from '../../utils/store/summary';
import type { SummaryMessage } from '../../utils/team/summary';
import { type Filters, summaryMessage } from './filters';

type SummaryAnswer = KeelResponses['stats.summary'];

/** The summary on screen; `extra` is what the page fetched beside it (the report's agent trends). */
export type SummaryLoad<Extra> =
  | { state: 'loading' }
  | { state: 'ready'; summary: Summary; previous: Summary | null; choices: FilterChoices; extra: Extra }
  | { state: 'error'; message: string; quota: boolean };

/**
 * Loads the summary for the filters, again whenever they change or `revision` moves on (after an
 * import, restore or clear). An answer for filters no longer on screen is dropped. `fetch` must keep
 * its identity between renders (useCallback), or every render loads again.
 */
export function useSummaryLoad<Extra>(
  fetch: (message: SummaryMessage) => Promise<{ answer: SummaryAnswer; extra: Extra }>,
  filters: Filters,
  revision: number,
): { load: SummaryLoad<Extra>; choices: FilterChoices | null } {
  const [load, setLoad] = useState<SummaryLoad<Extra>>({ state: 'loading' });
  // The filter lists keep the last answer's choices while the next one loads.
  const [choices, setChoices] = useState<FilterChoices | null>(null);
  useEffect(() => {
    let current = true;
    fetch(summaryMessage(filters))
      .then(({ answer, extra }) => {
        if (!current) return;
        if (answer.ok) setChoices(answer.choices);
        setLoad(
          answer.ok
            ? {
                state: 'ready',
                summary: answer.summary,
                previous: answer.previous,
                choices: answer.choices,
                extra,
              }
            : { state: 'error', message: answer.error, quota: answer.quota === true },
        );
      })
      .catch((error: unknown) => {
        if (current)
          setLoad({
            state: 'error',
            message: error instanceof Error ? error.message : String(error),
            quota: false,
          });
      });
    return () => {
      current = false;
    };
  }, [fetch, filters, revision]);
  return { load, choices };
}
