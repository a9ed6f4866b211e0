import { t } from '../i18n';
import { sendWithRetry } from '../messages';
import type { Playbook } from '../playbook/schema';
import { DEFAULT_SETTINGS, type Settings } from './content-shapes';

/** The content script's way to what is in force: it asks the background, and loads no validator. */

export interface SidebarConfig {
  playbooks: Playbook[];
  settings: Settings;
  /** Set when the background could not be asked: the sidebar says so instead of checking nothing silently. */
  error?: string;
}

/**
 * The playbooks and settings in force, from the background (which validates the administrator's
 * policy and holds the built-in library), retried while its service worker wakes up.
 */
export async function fetchSidebarConfig(): Promise<SidebarConfig> {
  const answer = await sendWithRetry({ type: 'config.get' }, { attempts: 5, delayMs: 200 });
  if (answer.ok) return { playbooks: answer.playbooks, settings: answer.settings };
  return { playbooks: [], settings: DEFAULT_SETTINGS, error: t('configUnavailable', answer.error) };
}
