import { useEffect, useMemo, useState } from 'preact/hooks';
import { mergePlaybookSources, type PlaybookSource } from '@/utils/config';
import { EMPTY_POLICY, loadManagedPolicy, type ManagedPolicy, watchManagedPolicy } from '@/utils/managed';
import type { Playbook } from '@/utils/playbook/schema';
import { DEFAULT_SETTINGS, type Settings, settingsItem, teamPlaybooksItem } from '@/utils/settings';

export interface OptionsState {
  loaded: boolean;
  team: Playbook[];
  policy: ManagedPolicy;
  /** The agent's own settings, before the administrator's are applied. */
  settings: Settings;
  inForce: { playbook: Playbook; source: PlaybookSource }[];
}

/** Everything the options page shows, kept live: another tab or a policy update changes it here too. */
export function useOptionsState(): OptionsState {
  const [team, setTeam] = useState<Playbook[]>([]);
  const [policy, setPolicy] = useState<ManagedPolicy>(EMPTY_POLICY);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let alive = true;
    void Promise.all([teamPlaybooksItem.getValue(), loadManagedPolicy(), settingsItem.getValue()]).then(
      ([storedTeam, storedPolicy, storedSettings]) => {
        if (!alive) return;
        setTeam(storedTeam);
        setPolicy(storedPolicy);
        setSettings({ ...DEFAULT_SETTINGS, ...storedSettings });
        setLoaded(true);
      },
    );
    const unwatchTeam = teamPlaybooksItem.watch((next) => setTeam(next ?? []));
    const unwatchSettings = settingsItem.watch((next) => setSettings({ ...DEFAULT_SETTINGS, ...next }));
    const unwatchPolicy = watchManagedPolicy(setPolicy);
    return () => {
      alive = false;
      unwatchTeam();
      unwatchSettings();
      unwatchPolicy();
    };
  }, []);

  const inForce = useMemo(() => mergePlaybookSources(policy.playbooks, team), [policy, team]);
  return { loaded, team, policy, settings, inForce };
}
