import { useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/config/content-shapes';
import { isRetentionDays, RETENTION_DAYS_RANGE } from '@/utils/config/policy';
import { settingsItem } from '@/utils/config/storage-items';
import type { KeelMessage } from '@/utils/messages';
import { sendMessage } from '@/utils/messages';
import { JsonFileButton } from '../JsonFileButton';
import { downloadText, readFileText } from './download';
import { Field } from './fields';
import type { OptionsState } from './useOptionsState';

const ADMIN = 'Set by your administrator';

async function saveSettings(fields: Partial<Settings>): Promise<void> {
  const current = await settingsItem.getValue();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, ...current, ...fields });
}

export function SettingsSection(props: { state: OptionsState }) {
  const { settings, policy } = props.state;
  const managed = policy.settings;
  const [retention, setRetention] = useState<string | null>(null);
  const retentionText = retention ?? String(managed.retentionDays ?? settings.retentionDays);
  const retentionNumber = Number(retentionText);
  const retentionError = isRetentionDays(retentionNumber)
    ? undefined
    : `Enter a whole number of days from ${RETENTION_DAYS_RANGE.min} to ${RETENTION_DAYS_RANGE.max}.`;

  return (
    <section class="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <div class="grid">
        <Field label="Your name" hint="Used when the helpdesk page does not show who is signed in.">
          {(id, describedBy) => (
            <input
              id={id}
              data-testid="agent-name"
              aria-describedby={describedBy}
              value={settings.agentName}
              onChange={(e) => void saveSettings({ agentName: e.currentTarget.value.trim() })}
            />
          )}
        </Field>
        <Field
          label="Keep statistics for (days)"
          error={retentionError}
          hint={managed.retentionDays !== undefined ? ADMIN : 'Older records are deleted once a day.'}
        >
          {(id, describedBy) => (
            <input
              id={id}
              data-testid="retention-days"
              aria-describedby={describedBy}
              type="number"
              min={RETENTION_DAYS_RANGE.min}
              max={RETENTION_DAYS_RANGE.max}
              step={1}
              disabled={managed.retentionDays !== undefined}
              value={retentionText}
              onInput={(e) => setRetention(e.currentTarget.value)}
              onChange={(e) => {
                const days = Number(e.currentTarget.value);
                if (isRetentionDays(days)) {
                  void saveSettings({ retentionDays: days }).then(() => setRetention(null));
                }
              }}
            />
          )}
        </Field>
        <div class="field field-wide checkbox">
          <label>
            <input
              type="checkbox"
              data-testid="send-gate"
              checked={managed.sendGate ?? settings.sendGate}
              disabled={managed.sendGate !== undefined}
              onChange={(e) => void saveSettings({ sendGate: e.currentTarget.checked })}
            />{' '}
            Ask before sending a reply that misses a critical step
          </label>
          <p class="field-hint">
            {managed.sendGate !== undefined
              ? ADMIN
              : 'Off by default: Keel never stands between an agent and Send.'}
          </p>
        </div>
        {managed.allowCriticalOverrides === false && (
          <p class="field field-wide field-hint" data-testid="critical-overrides-forbidden">
            Agents cannot override the checker on critical steps. {ADMIN}.
          </p>
        )}
      </div>
      <DataPanel />
    </section>
  );
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };

async function ask<T extends KeelMessage>(message: T) {
  try {
    return await sendMessage(message);
  } catch (error) {
    return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Statistics backup, restore and clear: the background owns IndexedDB, so all of it is messages. */
function DataPanel() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState(false);

  const exportBackup = async () => {
    const answer = await ask({ type: 'stats.exportBackup' });
    if (!answer.ok) return setOutcome({ ok: false, message: `Backup failed: ${answer.error}` });
    downloadText(answer.fileName, answer.text, answer.mimeType);
    setOutcome({ ok: true, message: `Saved a backup of ${answer.records} records.` });
  };
  const restore = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const answer = await ask({
      type: 'stats.restoreBackup',
      name: file.name,
      text: await readFileText(file),
    });
    setOutcome(
      answer.ok
        ? { ok: true, message: `Restored ${answer.records} records from ${file.name}.` }
        : { ok: false, message: `Nothing restored: ${answer.error}` },
    );
  };
  const clear = async () => {
    setConfirming(false);
    const answer = await ask({ type: 'stats.clear' });
    setOutcome(
      answer.ok
        ? { ok: true, message: 'All statistics on this browser were deleted.' }
        : { ok: false, message: `Not cleared: ${answer.error}` },
    );
  };

  return (
    <section aria-labelledby="data-title">
      <h3 id="data-title">Statistics on this browser</h3>
      <div class="row">
        <button type="button" data-testid="backup-export" onClick={() => void exportBackup()}>
          Save a backup
        </button>
        <JsonFileButton
          label="Restore a backup…"
          buttonClass="file-button"
          testId="backup-restore"
          onChoose={(input) => void restore(input)}
        />
        {!confirming ? (
          <button type="button" class="danger" data-testid="clear-data" onClick={() => setConfirming(true)}>
            Clear all statistics…
          </button>
        ) : (
          <span class="confirm">
            Delete every record on this browser? This cannot be undone.{' '}
            <button
              type="button"
              class="danger"
              data-testid="clear-data-confirm"
              onClick={() => void clear()}
            >
              Delete all
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </span>
        )}
      </div>
      {outcome && (
        <p
          class={outcome.ok ? 'status' : 'error-box'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="data-outcome"
        >
          {outcome.message}
        </p>
      )}
    </section>
  );
}
