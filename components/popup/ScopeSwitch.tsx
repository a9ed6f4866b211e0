import { useCallback, useEffect, useState } from 'preact/hooks';
import type { KeelResponses } from '../../utils/messages';
import type { SummaryMessage, TeamSummarySource } from '../../utils/team/summary';
import type { Send } from './DataActions';

export type Scope = 'local' | 'team';

/**
 * The popup's scope: this browser's records (`local`) or the team store's views (`team`), offered
 * only when a team store is configured. The team scope answers the summary message in the same
 * shape, so every figure and hook keeps its meaning; when the store cannot be read, the popup
 * says so and shows the local scope.
 */
export function useTeamScope(team: TeamSummarySource | undefined, send: Send) {
  const [available, setAvailable] = useState(false);
  const [scope, setScope] = useState<Scope>('local');
  const [problem, setProblem] = useState<{ state: string; message: string } | null>(null);

  useEffect(() => {
    let current = true;
    team
      ?.configured()
      .then((configured) => {
        if (current) setAvailable(configured);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [team]);

  const summary = useCallback(
    async (message: SummaryMessage): Promise<KeelResponses['stats.summary']> => {
      if (scope !== 'team' || !team) return send(message);
      const answer = await team.summary(message).catch((error: unknown) => ({
        ok: false as const,
        state: 'error' as const,
        error: error instanceof Error ? error.message : String(error),
      }));
      if (answer.ok) {
        setProblem(null);
        return answer;
      }
      setProblem({
        state: answer.state,
        message:
          answer.state === 'offline'
            ? 'The team store cannot be reached (offline). Showing this browser’s replies.'
            : `${answer.error} Showing this browser’s replies.`,
      });
      return send(message);
    },
    [scope, team, send],
  );

  /** `send`, with the drill-down (`stats.missed`) answered by the team store in the team scope. */
  const scopedSend = useCallback(
    (async (message) => {
      if (scope !== 'team' || !team || message.type !== 'stats.missed') return send(message);
      const answer = await team.missed(message);
      return answer.ok ? answer : { ok: false, error: answer.error };
    }) as Send,
    [scope, team, send],
  );

  const shown: Scope = scope === 'team' && !problem ? 'team' : 'local';
  const element = available ? (
    <div class="scope">
      <label class="filter">
        <span>Scope</span>
        <select
          data-testid="scope"
          data-shown={shown}
          value={scope}
          onChange={(event) => {
            setProblem(null);
            setScope((event.target as HTMLSelectElement).value === 'team' ? 'team' : 'local');
          }}
        >
          <option value="local">This browser</option>
          <option value="team">Whole team</option>
        </select>
      </label>
      {problem && (
        <p class="notice error" role="alert" data-testid="scope-offline" data-state={problem.state}>
          {problem.message}
        </p>
      )}
    </div>
  ) : null;

  return { scope, summary, send: scopedSend, element };
}
