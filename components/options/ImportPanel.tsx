import { useState } from 'preact/hooks';
import { mergePlaybookSources } from '@/utils/config/in-force';
import { teamPlaybooksItem } from '@/utils/config/storage-items';
import {
  formatProblem,
  type PlaybookFile,
  type PlaybookProblem,
  parsePlaybookFileText,
} from '@/utils/playbook/schema';
import { JsonFileButton } from '../JsonFileButton';
import { readFileText } from './download';
import { applyImport, type ImportAction, planImport } from './importPlan';
import type { OptionsState } from './useOptionsState';

const ACTION_LABEL: Record<ImportAction, string> = {
  add: 'Add',
  replace: 'Replace',
  unchanged: 'Unchanged',
  overridden: 'Kept by administrator',
};

/** Why saving imported playbooks failed, and what to do. */
export function saveFailure(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return /quota/i.test(detail)
    ? 'the browser has no room left for Keel’s playbooks. Delete playbooks you no longer use, or import a smaller file.'
    : `the playbooks could not be saved (${detail}). Try again; if it keeps failing, reload this page.`;
}

/** Import a `keel.playbooks/1` file: problems with paths, or a preview, then apply on confirm. */
export function ImportPanel(props: { state: OptionsState; onExportAll: () => void }) {
  const [fileName, setFileName] = useState('');
  const [problems, setProblems] = useState<PlaybookProblem[]>([]);
  const [pending, setPending] = useState<PlaybookFile | null>(null);
  const [message, setMessage] = useState('');
  const plan = pending ? planImport(pending, props.state.inForce) : [];
  const changes = plan.filter((entry) => entry.action === 'add' || entry.action === 'replace').length;

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    setMessage('');
    if (!file) return;
    setFileName(file.name);
    const result = parsePlaybookFileText(await readFileText(file));
    if (result.ok) {
      setProblems([]);
      setPending(result.file);
    } else {
      setPending(null);
      setProblems(result.errors);
    }
  };

  const apply = async () => {
    if (!pending) return;
    // Plan again against what is stored now: another tab may have saved meanwhile.
    const team = await teamPlaybooksItem.getValue();
    const fresh = planImport(pending, mergePlaybookSources(props.state.policy.playbooks, team));
    try {
      await teamPlaybooksItem.setValue(applyImport(team, fresh));
    } catch (error) {
      // A storage quota error used to escape here and the page said nothing (issue 14).
      setPending(null);
      setProblems([{ path: '', message: saveFailure(error) }]);
      return;
    }
    const added = fresh.filter((entry) => entry.action === 'add').length;
    const replaced = fresh.filter((entry) => entry.action === 'replace').length;
    setPending(null);
    setMessage(`Imported ${fileName}: ${added} added, ${replaced} replaced.`);
  };

  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import and export</h2>
      <div class="row">
        <JsonFileButton
          label="Import a playbook file…"
          buttonClass="file-button"
          testId="playbook-import"
          onChoose={(input) => void onFile(input)}
        />
        <button type="button" data-testid="export-all" onClick={props.onExportAll}>
          Export all playbooks
        </button>
      </div>
      {problems.length > 0 && (
        <div class="error-box" role="alert" data-testid="import-error">
          <p>
            <strong>{fileName}</strong> was not imported: nothing changed. {problems.length}{' '}
            {problems.length === 1 ? 'problem' : 'problems'}:
          </p>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`} data-path={problem.path}>
                <code>{formatProblem(problem)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {pending && (
        <div class="preview" data-testid="import-preview">
          <p>
            <strong>{fileName}</strong> holds {plan.length} {plan.length === 1 ? 'playbook' : 'playbooks'}.
            Importing will:
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Playbook</th>
                <th scope="col">Change</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((entry) => (
                <tr key={entry.id} data-import-id={entry.id} data-action={entry.action}>
                  <td>
                    {entry.name} <code class="muted">{entry.id}</code>
                  </td>
                  <td>
                    {ACTION_LABEL[entry.action]}
                    {entry.action === 'replace' && entry.current ? ` (${entry.current})` : ''}
                  </td>
                  <td>
                    {entry.currentVersion !== undefined && entry.action !== 'unchanged'
                      ? `${entry.currentVersion} → ${entry.importedVersion}`
                      : entry.importedVersion}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <button type="button" class="primary" data-testid="import-apply" onClick={() => void apply()}>
              {changes === 0
                ? 'Nothing to change — close'
                : `Apply ${changes} ${changes === 1 ? 'change' : 'changes'}`}
            </button>
            <button type="button" data-testid="import-cancel" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p class="status" role="status" data-testid="import-status">
        {message}
      </p>
    </section>
  );
}
