import { useEffect, useState } from 'preact/hooks';
import { PlaybooksSection } from './PlaybooksSection';
import { SettingsSection } from './SettingsSection';
import { SitesSection } from './SitesSection';
import { TeamSection } from './TeamSection';
import { useOptionsState } from './useOptionsState';

const TABS = [
  ['playbooks', 'Playbooks'],
  ['sites', 'Sites'],
  ['settings', 'Settings and data'],
  ['team', 'Team'],
] as const;
type Tab = (typeof TABS)[number][0];

function tabFromHash(): Tab {
  const hash = location.hash.slice(1);
  return TABS.some(([id]) => id === hash) ? (hash as Tab) : 'playbooks';
}

/** The options page: playbooks (editor, import, export), sites, settings and data. */
export function OptionsApp() {
  const state = useOptionsState();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div class="page">
      <header class="page-head">
        <h1>Keel</h1>
        <nav aria-label="Sections">
          {TABS.map(([id, label]) => (
            <a
              key={id}
              href={`#${id}`}
              aria-current={tab === id ? 'page' : undefined}
              data-testid={`tab-${id}`}
            >
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {tab === 'playbooks' && <PlaybooksSection state={state} />}
        {tab === 'sites' && <SitesSection state={state} />}
        {tab === 'settings' && <SettingsSection state={state} />}
        {tab === 'team' && <TeamSection />}
      </main>
    </div>
  );
}
