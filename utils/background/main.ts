import { browser } from 'wxt/browser';
import { loadPlaybooks, loadSettings } from '../config/in-force';
import { readStatsSettings } from '../config/stats-settings';
import { type KeelDatabase, openKeelDB } from '../store/open';
import { TEAM_CONFIG_KEY } from '../team/config';
import { browserTeamPusher, readTeamStatus, TEAM_ALARM } from '../team/scheduler';
import { listenForCommands } from './commands';
import { createMessageHandler } from './handlers';
import { PENDING_ALARM, readPendingGraceMs, schedulePendingCommit, settlePending } from './pending';
import { watchPolicySites } from './policy-sites';
import { reinjectOnUpdate } from './reinject';
import { RETENTION_ALARM, runRetention, scheduleRetention } from './retention';

/**
 * Starts the background: the single writer of IndexedDB. Registers the ONE message listener and
 * the alarm listener synchronously, so a message that wakes the service worker finds them.
 */
export function startBackground(dbName?: string): void {
  let database: Promise<KeelDatabase> | null = null;
  const db = (): Promise<KeelDatabase> => {
    database ??= openKeelDB(dbName, undefined, () => {
      database = null;
    }).catch((error: unknown) => {
      database = null;
      throw error;
    });
    return database;
  };

  // The team store (when configured): push after each stored send, at start, on the retry alarm,
  // and when its settings change.
  const team = browserTeamPusher(db);
  const pushTeam = (): void => {
    team.run().catch((error: unknown) => console.error('Keel: team push failed', error));
  };

  const handle = createMessageHandler({
    db,
    runtimeId: () => browser.runtime.id,
    extensionOrigin: () => browser.runtime.getURL('/'),
    appVersion: () => browser.runtime.getManifest().version,
    agentName: async () => (await readStatsSettings()).agentName,
    config: async () => {
      const [playbooks, settings] = await Promise.all([loadPlaybooks(), loadSettings()]);
      return { playbooks, settings };
    },
    pendingGraceMs: readPendingGraceMs,
    schedulePendingCommit,
    settlePending,
    team: { test: team.test, sendHistory: team.sendHistory, status: readTeamStatus },
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' && TEAM_CONFIG_KEY in changes) || (area === 'managed' && 'team' in changes))
      pushTeam();
  });

  // sendResponse + `return true` works in Chrome, Firefox and the test fake alike.

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Every message gets an answer, an error included (issue 14: one throw left the sidebar,
    // the popup and every later send waiting for a reply that never came).
    handle(message, sender)
      .catch((error: unknown) => {
        console.error('Keel: a message handler failed', error);
        return {
          ok: false,
          error: `Keel could not do that: ${error instanceof Error ? error.message : String(error)}`,
        };
      })
      .then((response) => {
        sendResponse(response);
        if ((message as { type?: unknown }).type === 'reply.sent') pushTeam();
      });
    return true;
  });

  listenForCommands();
  reinjectOnUpdate();
  watchPolicySites();

  // Sends left pending when the worker (or the browser) stopped: commit the overdue, re-arm the rest.
  const commitPending = (): void => {
    db()
      .then((opened) => settlePending(opened, Date.now()))
      .then(pushTeam)
      .catch((error: unknown) => console.error('Keel: could not commit pending replies', error));
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TEAM_ALARM) {
      pushTeam();
      return;
    }
    if (alarm.name === PENDING_ALARM) {
      commitPending();
      return;
    }
    if (alarm.name !== RETENTION_ALARM) return;
    db()
      .then((opened) => runRetention(opened))
      .catch((error: unknown) => console.error('Keel: retention failed', error));
  });
  commitPending();
  scheduleRetention().catch((error: unknown) => console.error('Keel: could not schedule retention', error));
}
