import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readManagedStorage } from '@/utils/config/policy';
import { sendMessage } from '@/utils/messages';
import { maskSecret, parseTeamConfig, TEAM_CONFIG_KEY, type TeamConfig } from '@/utils/team/config';
import type { TeamState } from '@/utils/team/push';
import { TEAM_STATUS_KEY, type TeamStatus } from '@/utils/team/scheduler';
import { TextField } from './fields';

const STATE_TEXT: Record<TeamState, string> = {
  off: 'Not connected',
  ok: 'Connected',
  offline: 'Offline: the team store cannot be reached; Keel retries by itself',
  unauthorized: 'The team store refused the credentials: enter them again',
  forbidden: 'This user may not write to the team database',
  error: 'The team store answered with an error; Keel retries by itself',
};

type Auth = 'password' | 'token';

interface Draft {
  url: string;
  database: string;
  auth: Auth;
  username: string;
  /** Empty = keep the saved secret (never shown back). */
  password: string;
  token: string;
}

/** Firefox's optional data collection consent (wxt.config.ts `data_collection_permissions`). */
const DATA_COLLECTION = ['personallyIdentifyingInfo', 'browsingActivity', 'websiteActivity'];

/** Asks Firefox for the consent; must run inside the click, before any await. Other browsers: granted. */
function askDataCollectionConsent(): Promise<boolean> {
  if (!import.meta.env.FIREFOX) return Promise.resolve(true);
  const request = browser.permissions.request as (permissions: unknown) => Promise<boolean>;
  return request({ data_collection: DATA_COLLECTION }).catch(() => false);
}

const EMPTY: Draft = { url: '', database: '', auth: 'password', username: '', password: '', token: '' };

function draftOf(config: TeamConfig | null): Draft {
  if (!config) return EMPTY;
  return {
    ...EMPTY,
    url: config.url,
    database: config.database,
    auth: config.token !== undefined ? 'token' : 'password',
    username: config.username ?? '',
  };
}

/** The setting to store: the draft, with a saved secret kept where the field was left empty. */
function settingOf(draft: Draft, saved: TeamConfig | null): Record<string, string> {
  const base = { url: draft.url.trim(), database: draft.database.trim() };
  if (draft.auth === 'token') return { ...base, token: draft.token || saved?.token || '' };
  return { ...base, username: draft.username.trim(), password: draft.password || saved?.password || '' };
}

/**
 * The options page's "Team" tab: where this browser's records go (the team's CouchDB), the
 * connection's state, "Test connection", the one-time "send history", and the documents the store
 * refused. Secrets are never shown back: a saved one shows masked, and an empty field keeps it.
 * A team store set by policy shows read-only.
 */
/** The hint under a secret the store keeps: empty keeps the saved one (shown masked). */
function keptSecret(saved: string | undefined): string | undefined {
  return saved ? `Saved (${maskSecret(saved)}); leave empty to keep it.` : undefined;
}

export function TeamSection() {
  const [policy, setPolicy] = useState<{ config: TeamConfig | null; error?: string } | null>(null);
  const [saved, setSaved] = useState<TeamConfig | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<{ path: string; message: string } | null>(null);
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [rejected, setRejected] = useState<{ id: string; reason: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  const refreshStatus = async () => {
    const answer = await sendMessage({ type: 'team.status' });
    if (answer.ok) {
      setStatus(answer.status);
      setRejected(answer.rejected);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      const managed = (await readManagedStorage()).team;
      if (managed !== undefined) {
        const parsed = parseTeamConfig(managed, 'policy');
        setPolicy(
          parsed.ok ? { config: parsed.config } : { config: null, error: `${parsed.path} ${parsed.message}` },
        );
      } else {
        const stored = (await browser.storage.local.get(TEAM_CONFIG_KEY))[TEAM_CONFIG_KEY];
        const parsed = stored === undefined ? null : parseTeamConfig(stored, 'options');
        const config = parsed?.ok ? parsed.config : null;
        setSaved(config);
        setDraft(draftOf(config));
      }
      await refreshStatus();
    })().catch((cause: unknown) => setNotice(`Keel could not read the team settings: ${String(cause)}`));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && TEAM_STATUS_KEY in changes) void refreshStatus();
    };
    browser.storage.onChanged.addListener(onChanged);
    controller.signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
    return () => controller.abort();
  }, []);

  const save = async (consent: Promise<boolean>) => {
    if (!(await consent)) {
      setNotice('Firefox asks for your consent before records are sent to a team store; nothing was saved.');
      return;
    }
    const setting = settingOf(draft, saved);
    const parsed = parseTeamConfig(setting, 'options');
    if (!parsed.ok) {
      setError({ path: parsed.path, message: parsed.message });
      return;
    }
    setError(null);
    await browser.storage.local.set({ [TEAM_CONFIG_KEY]: setting });
    setSaved(parsed.config);
    setDraft(draftOf(parsed.config));
    setNotice('Saved. Keel pushes this browser’s new records to the team store from now on.');
  };

  const disconnect = async () => {
    await browser.storage.local.remove(TEAM_CONFIG_KEY);
    setSaved(null);
    setDraft(EMPTY);
    setNotice('Disconnected: records stay in this browser.');
  };

  const act = async (type: 'team.test' | 'team.sendHistory') => {
    setBusy(true);
    try {
      const answer = await sendMessage({ type });
      if (answer.ok) setStatus(answer.status);
      else setNotice(answer.error);
      await refreshStatus();
    } finally {
      setBusy(false);
    }
  };

  const config = policy ? policy.config : saved;
  const state: TeamState = config ? (status && status.state !== 'off' ? status.state : 'off') : 'off';
  const errorFor = (path: string) => (error && error.path === path ? error.message : undefined);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  return (
    <section class="panel" aria-labelledby="team-title">
      <h2 id="team-title">Team store</h2>
      <p class="muted">
        With a team store, Keel sends each of this browser’s recorded replies — agent name, ticket id,
        playbook, scores and step results, never the reply’s text — to your team’s CouchDB, and nowhere else.
        The lead’s popup reads the whole team from there.
      </p>
      <div
        class={`notice team-status ${state}`}
        role="status"
        data-testid="team-status"
        data-state={state}
        data-pending={status?.pending ?? 0}
      >
        <strong>{STATE_TEXT[state]}</strong>
        {config && (
          <span>
            {' '}
            · {status?.pending ?? 0} record{status?.pending === 1 ? '' : 's'} waiting
          </span>
        )}
        {config && state !== 'ok' && status?.message && <p class="muted">{status.message}</p>}
      </div>

      {policy ? (
        <div data-testid="team-policy">
          <p class="muted">Set by your administrator.</p>
          {policy.error && (
            <p class="notice error" role="alert">
              The administrator’s team store setting is not valid ({policy.error}); nothing is sent.
            </p>
          )}
          {policy.config && (
            <dl class="team-readonly">
              <dt>Server</dt>
              <dd data-testid="team-url">{policy.config.url}</dd>
              <dt>Database</dt>
              <dd>{policy.config.database}</dd>
              <dt>{policy.config.token !== undefined ? 'Token' : 'User'}</dt>
              <dd>
                {policy.config.token !== undefined
                  ? maskSecret(policy.config.token)
                  : `${policy.config.username} (password ${maskSecret(policy.config.password)})`}
              </dd>
            </dl>
          )}
        </div>
      ) : (
        <form
          class="grid"
          onSubmit={(event) => {
            event.preventDefault();
            void save(askDataCollectionConsent());
          }}
        >
          <TextField
            label="Server address"
            error={errorFor('team.url')}
            hint="For example https://couch.example.com"
            testId="team-url"
            type="url"
            value={draft.url}
            onInput={(url) => set({ url })}
          />
          <TextField
            label="Database"
            error={errorFor('team.database')}
            testId="team-database"
            value={draft.database}
            onInput={(database) => set({ database })}
          />
          <fieldset class="field field-wide">
            <legend>Sign in with</legend>
            {(['password', 'token'] as const).map((auth) => (
              <label key={auth}>
                <input
                  type="radio"
                  name="team-auth"
                  data-testid={`team-auth-${auth}`}
                  checked={draft.auth === auth}
                  onChange={() => set({ auth })}
                />{' '}
                {auth === 'password' ? 'User name and password' : 'Token (JWT)'}
              </label>
            ))}
          </fieldset>
          {draft.auth === 'password' ? (
            <>
              <TextField
                label="User name"
                error={errorFor('team.username')}
                testId="team-username"
                autocomplete="off"
                value={draft.username}
                onInput={(username) => set({ username })}
              />
              <TextField
                label="Password"
                hint={keptSecret(saved?.password)}
                testId="team-password"
                type="password"
                autocomplete="new-password"
                value={draft.password}
                onInput={(password) => set({ password })}
              />
            </>
          ) : (
            <TextField
              label="Token"
              error={errorFor('team.token')}
              hint={keptSecret(saved?.token)}
              wide
              testId="team-token"
              type="password"
              autocomplete="off"
              value={draft.token}
              onInput={(token) => set({ token })}
            />
          )}
          <div class="actions field-wide">
            <button type="submit" class="primary" data-testid="team-save">
              Save
            </button>
            {saved && (
              <button type="button" data-testid="team-disconnect" onClick={() => void disconnect()}>
                Disconnect
              </button>
            )}
          </div>
        </form>
      )}

      {config && (
        <div class="actions">
          <button type="button" data-testid="team-test" disabled={busy} onClick={() => void act('team.test')}>
            Test connection
          </button>
          {status?.from !== 0 && (
            <button
              type="button"
              data-testid="team-send-history"
              disabled={busy}
              onClick={() => void act('team.sendHistory')}
            >
              Send history
            </button>
          )}
          <span class="muted">
            {status?.from === 0
              ? 'History sent: all of this browser’s own records go to the team store.'
              : 'Send history once to add this browser’s records from before the connection.'}
          </span>
        </div>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="team-notice">
          {notice}
        </p>
      )}
      {rejected.length > 0 && (
        <div class="notice error" data-testid="team-rejected" data-count={rejected.length}>
          <p>
            The team store refused {rejected.length} record{rejected.length === 1 ? '' : 's'}; they stay in
            this browser and are not sent again:
          </p>
          <ul>
            {rejected.slice(0, 20).map((entry) => (
              <li key={entry.id}>
                <code>{entry.id}</code>: {entry.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
