import { useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/config/content-shapes';
import { mergePlaybookSources, type PlaybookSource } from '@/utils/config/in-force';
import {
  EMPTY_POLICY,
  loadManagedPolicy,
  type ManagedPolicy,
  watchManagedPolicy,
} from '@/utils/config/policy';
import { settingsItem, teamPlaybooksItem } from '@/utils/config/storage-items';
import type { Playbook } from '@/utils/playbook/schema';
import { readAndWatch } from './readAndWatch';

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
    const stop = new AbortController();
    // Each source is applied as soon as it is read, so the slow policy read holds up nothing else.
    const team = readAndWatch(
      {
        read: () => teamPlaybooksItem.getValue(),
        watch: (onChange) => teamPlaybooksItem.watch((next) => onChange(next ?? [])),
      },
      setTeam,
      stop.signal,
    );
    const policy = readAndWatch(
      { read: loadManagedPolicy, watch: watchManagedPolicy },
      setPolicy,
      stop.signal,
    );
    const settings = readAndWatch(
      { read: () => settingsItem.getValue(), watch: (onChange) => settingsItem.watch(onChange) },
      (next) => setSettings({ ...DEFAULT_SETTINGS, ...next }),
      stop.signal,
    );
    void Promise.all([team, policy, settings]).then(() => {
      if (!stop.signal.aborted) setLoaded(true);
    });
    return () => stop.abort();
  }, []);

  const inForce = useMemo(() => mergePlaybookSources(policy.playbooks, team), [policy, team]);
  return { loaded, team, policy, settings, inForce };
}
