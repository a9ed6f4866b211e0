import { useEffect, useState } from 'preact/hooks';
import type { PlaybookSource } from '@/utils/config/in-force';
import { teamPlaybooksItem } from '@/utils/config/storage-items';
import { DEFAULT_PLAYBOOKS } from '@/utils/playbook/library';
import type { Playbook } from '@/utils/playbook/schema';
import { downloadText } from './download';
import { duplicatePlaybook, newPlaybook, type PlaybookDraft, saveIntoTeam, versionOnSave } from './draft';
import { ImportPanel } from './ImportPanel';
import { exportFileName, playbookFileText } from './importPlan';
import { PlaybookEditor } from './PlaybookEditor';
import { useStepOverrides } from './stepOverrides';
import type { OptionsState } from './useOptionsState';

const SOURCE_LABEL: Record<PlaybookSource, string> = {
  managed: 'Set by your administrator',
  team: 'Team',
  'built-in': 'Built-in',
};

interface Selection {
  id: string;
  /** An unsaved draft (new or duplicated); absent when editing a stored playbook. */
  draft?: PlaybookDraft;
  /** Bumped to start the editor again from the stored playbook. */
  generation: number;
}

interface Deleted {
  playbook: Playbook;
  index: number;
}

const builtInIds = new Set(DEFAULT_PLAYBOOKS.map((playbook) => playbook.id));

export function PlaybooksSection(props: { state: OptionsState }) {
  const { state } = props;
  const [selection, setSelection] = useState<Selection | null>(null);
  const [dirty, setDirty] = useState(false);
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const stepOverrides = useStepOverrides();
  // The playbook just saved: its editor reopens with what was stored and says "Saved" until the
  // next change (the editor's own state does not survive that reopening).
  const [justSavedId, setJustSavedId] = useState<string | null>(null);
  const changeDirty = (next: boolean) => {
    setDirty(next);
    if (next) setJustSavedId(null);
  };

  // Undo stays offered for a while, then the deletion is final.
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), 15_000);
    return () => clearTimeout(timer);
  }, [deleted]);

  const select = (next: Selection) => {
    if (dirty && !window.confirm('Discard the changes to this playbook?')) return;
    setDirty(false);
    setJustSavedId(null);
    setSelection(next);
  };
  const selectedEntry =
    selection && !selection.draft ? state.inForce.find((e) => e.playbook.id === selection.id) : undefined;
  const current =
    selection ?? (state.inForce[0] ? { id: state.inForce[0].playbook.id, generation: 0 } : null);
  const entry =
    current && !current.draft
      ? (selectedEntry ?? state.inForce.find((e) => e.playbook.id === current.id))
      : undefined;
  const allIds = state.inForce.map((e) => e.playbook.id);

  const save = async (playbook: Playbook, previousId: string) => {
    const team = await teamPlaybooksItem.getValue();
    const saved = team.find((p) => p.id === previousId) ?? team.find((p) => p.id === playbook.id);
    const inForce = state.inForce.find((e) => e.playbook.id === previousId)?.playbook;
    const version = versionOnSave(playbook.version, saved ?? inForce);
    await teamPlaybooksItem.setValue(saveIntoTeam(team, { ...playbook, version }, previousId));
    setJustSavedId(playbook.id);
    setSelection({ id: playbook.id, generation: Date.now() });
  };

  const remove = async (id: string) => {
    if (current?.draft) {
      setDirty(false);
      setSelection(null);
      return;
    }
    const team = await teamPlaybooksItem.getValue();
    const index = team.findIndex((p) => p.id === id);
    const playbook = team[index];
    if (!playbook) return;
    await teamPlaybooksItem.setValue(team.filter((p) => p.id !== id));
    setDeleted({ playbook, index });
    setDirty(false);
    setJustSavedId(null);
    setSelection(builtInIds.has(id) ? { id, generation: Date.now() } : null);
  };

  const undo = async () => {
    if (!deleted) return;
    const team = (await teamPlaybooksItem.getValue()).filter((p) => p.id !== deleted.playbook.id);
    team.splice(Math.min(deleted.index, team.length), 0, deleted.playbook);
    await teamPlaybooksItem.setValue(team);
    setSelection({ id: deleted.playbook.id, generation: Date.now() });
    setDeleted(null);
  };

  const exportPlaybooks = (playbooks: Playbook[]) =>
    downloadText(exportFileName(playbooks), playbookFileText(playbooks));

  return (
    <div class="playbooks">
      <nav class="playbook-nav" aria-label="Playbooks">
        <div class="row">
          <button
            type="button"
            class="primary"
            data-testid="new-playbook"
            onClick={() => {
              const draft = newPlaybook(allIds);
              select({ id: draft.id, draft, generation: Date.now() });
            }}
          >
            New playbook
          </button>
        </div>
        <ul data-testid="playbook-list">
          {state.inForce.map(({ playbook, source }) => (
            <li key={playbook.id} data-playbook-id={playbook.id} data-source={source}>
              <button
                type="button"
                aria-current={current?.id === playbook.id && !current.draft ? 'true' : undefined}
                onClick={() => select({ id: playbook.id, generation: Date.now() })}
              >
                <span class="name">{playbook.name}</span>
                <span class={`tag tag-${source}`} data-testid="playbook-source">
                  {SOURCE_LABEL[source]}
                </span>
                <span class="muted small">
                  v{playbook.version} · {playbook.steps.length} steps
                </span>
              </button>
            </li>
          ))}
        </ul>
        {state.policy.problems.length > 0 && (
          <div class="error-box" role="alert" data-testid="policy-problems">
            <p>Your administrator’s policy has problems; Keel ignores the bad part:</p>
            <ul>
              {state.policy.problems.map((problem) => (
                <li key={problem.path}>
                  <code>
                    {problem.path}: {problem.message}
                  </code>
                </li>
              ))}
            </ul>
          </div>
        )}
      </nav>

      <div class="playbook-main">
        {/* Outlives the editor, which reopens after a save: screen readers hear that it saved. */}
        <p class="visually-hidden" role="status">
          {justSavedId
            ? `Saved “${state.inForce.find((e) => e.playbook.id === justSavedId)?.playbook.name ?? justSavedId}”.`
            : ''}
        </p>
        {deleted && (
          <div class="toast" role="status">
            Deleted “{deleted.playbook.name}”.{' '}
            <button type="button" data-testid="undo-delete" onClick={() => void undo()}>
              Undo
            </button>
          </div>
        )}
        {current?.draft ? (
          <PlaybookEditor
            key={`${current.id}:${current.generation}`}
            initial={current.draft}
            source="new"
            shadowsBuiltIn={builtInIds.has(current.draft.id)}
            onSave={save}
            onDuplicate={(p) =>
              select({ id: p.id, draft: duplicatePlaybook(p, allIds), generation: Date.now() })
            }
            onDelete={() => void remove(current.id)}
            onExport={(p) => exportPlaybooks([p])}
            onDirtyChange={changeDirty}
            takenIds={allIds}
          />
        ) : entry && current ? (
          <PlaybookEditor
            key={`${entry.playbook.id}:${current.generation}:${entry.source}:${entry.playbook.version}`}
            initial={entry.playbook}
            source={entry.source}
            shadowsBuiltIn={builtInIds.has(entry.playbook.id)}
            onSave={save}
            onDuplicate={(p) =>
              select({ id: p.id, draft: duplicatePlaybook(p, allIds), generation: Date.now() })
            }
            onDelete={() => void remove(entry.playbook.id)}
            onExport={(p) => exportPlaybooks([p])}
            stepOverrides={stepOverrides.get(entry.playbook.id)}
            onDirtyChange={changeDirty}
            takenIds={allIds}
            justSaved={justSavedId === entry.playbook.id}
          />
        ) : (
          <p class="muted">{state.loaded ? 'Choose a playbook or create one.' : 'Loading…'}</p>
        )}
        <ImportPanel
          state={state}
          onExportAll={() => exportPlaybooks(state.inForce.map((e) => e.playbook))}
        />
      </div>
    </div>
  );
}
