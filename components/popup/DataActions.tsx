import { useState } from 'preact/hooks';
import type { Download, KeelMessage, KeelResponse } from '../../utils/messages';
import { JsonFileButton } from '../JsonFileButton';

export type Send = <T extends KeelMessage>(message: T) => Promise<KeelResponse<T>>;

/** The period, range and filters of the summary on screen (a `stats.summary` message without its type). */
export type SummaryQuery = Omit<Extract<KeelMessage, { type: 'stats.summary' }>, 'type'>;

interface Notice {
  kind: 'success' | 'error';
  text: string;
}

/** Saves a text as a file through a temporary link (no `downloads` permission needed). */
export function saveFile({ fileName, mimeType, text }: Download): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function readFiles(input: HTMLInputElement): Promise<{ name: string; text: string }[]> {
  return Promise.all(
    Array.from(input.files ?? [], async (file) => ({ name: file.name, text: await file.text() })),
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * Export, import, backup, restore and clear, each with a message saying what happened. The popup
 * and the report page both show it (a Firefox popup closes when a file picker opens).
 */
export function DataActions({
  send,
  query,
  onChanged,
  save = saveFile,
}: {
  send: Send;
  /** What the CSV exports cover: the summary on screen. */
  query: SummaryQuery;
  onChanged: () => void;
  save?: (download: Download) => void;
}) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);

  async function run(action: () => Promise<Notice>) {
    setBusy(true);
    try {
      setNotice(await action());
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  const exportFile = (
    message: KeelMessage & { type: 'stats.exportTeam' | 'stats.exportCsv' | 'stats.exportBackup' },
  ) =>
    run(async () => {
      const answer = await send(message);
      if (!answer.ok) return { kind: 'error', text: answer.error };
      save(answer);
      return {
        kind: 'success',
        text: `Saved ${answer.fileName} (${plural(answer.records, 'reply', 'replies')}).`,
      };
    });

  const importTeam = (input: HTMLInputElement) =>
    run(async () => {
      const files = await readFiles(input);
      input.value = '';
      if (files.length === 0) return { kind: 'success', text: 'No file chosen.' };
      const answer = await send({ type: 'stats.importTeam', files });
      if (!answer.ok) return { kind: 'error', text: answer.error };
      onChanged();
      const added = answer.files.reduce((sum, f) => sum + f.added, 0);
      const skipped = answer.files.filter((f) => f.alreadyImported).map((f) => f.name);
      return {
        kind: 'success',
        text:
          `Imported ${plural(added, 'new reply', 'new replies')} from ${plural(files.length, 'file')}.` +
          (skipped.length > 0 ? ` Already imported before: ${skipped.join(', ')}.` : ''),
      };
    });

  const restore = (input: HTMLInputElement) =>
    run(async () => {
      const [file] = await readFiles(input);
      input.value = '';
      if (!file) return { kind: 'success', text: 'No file chosen.' };
      const answer = await send({ type: 'stats.restoreBackup', name: file.name, text: file.text });
      if (!answer.ok) return { kind: 'error', text: answer.error };
      onChanged();
      return {
        kind: 'success',
        text: `Restored ${plural(answer.records, 'reply', 'replies')} from ${file.name}.`,
      };
    });

  const clear = () => {
    if (!confirmClear) {
      setConfirmClear(true);
      return;
    }
    setConfirmClear(false);
    void run(async () => {
      const answer = await send({ type: 'stats.clear' });
      if (!answer.ok) return { kind: 'error', text: answer.error };
      onChanged();
      return { kind: 'success', text: 'All statistics were cleared.' };
    });
  };

  return (
    <section class="card data" aria-busy={busy}>
      <h2>Team data</h2>
      <div class="buttons">
        <button
          type="button"
          data-testid="export-json"
          disabled={busy}
          onClick={() => exportFile({ type: 'stats.exportTeam' })}
        >
          Export team file
        </button>
        <button
          type="button"
          data-testid="export-csv"
          disabled={busy}
          onClick={() => exportFile({ ...query, type: 'stats.exportCsv', kind: 'replies' })}
        >
          Export CSV
        </button>
        <button
          type="button"
          data-testid="export-csv-steps"
          disabled={busy}
          title="One row per reply and step, for pivot tables"
          onClick={() => exportFile({ ...query, type: 'stats.exportCsv', kind: 'steps' })}
        >
          Export steps CSV
        </button>
        <JsonFileButton
          label="Import team files"
          buttonClass="button"
          testId="import-team"
          multiple
          disabled={busy}
          onChoose={importTeam}
        />
      </div>
      <div class="buttons secondary">
        <button
          type="button"
          data-testid="export-backup"
          disabled={busy}
          onClick={() => exportFile({ type: 'stats.exportBackup' })}
        >
          Back up
        </button>
        <JsonFileButton
          label="Restore"
          buttonClass="button"
          testId="restore-backup"
          disabled={busy}
          onChoose={restore}
        />
        <button
          type="button"
          class={confirmClear ? 'danger' : ''}
          data-testid="clear-stats"
          disabled={busy}
          onClick={clear}
        >
          {confirmClear ? 'Click again to clear all' : 'Clear…'}
        </button>
      </div>
      {notice && (
        <p
          class={`notice ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="data-notice"
          data-kind={notice.kind}
        >
          {notice.text}
        </p>
      )}
    </section>
  );
}
