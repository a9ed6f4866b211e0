import { useEffect, useState } from 'preact/hooks';
import type { CustomSite } from '@/utils/adapters/custom-site';
import { ADAPTERS } from '@/utils/adapters/registry';
import { DEFAULT_SETTINGS } from '@/utils/config/content-shapes';
import { customSitesItem, settingsItem, siteFormDraftItem } from '@/utils/config/storage-items';
import {
  isSiteOn,
  registerSiteScript,
  requestSiteAccess,
  turnOffSite,
  turnOnSite,
} from '@/utils/sites/registration';
import { SiteForm } from './SiteForm';
import { parseFormDraft } from './siteFormModel';
import type { OptionsState } from './useOptionsState';

async function setHelpdeskEnabled(id: string, enabled: boolean): Promise<void> {
  const current = { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
  const disabled = new Set(current.disabledHelpdesks ?? []);
  if (enabled) disabled.delete(id);
  else disabled.add(id);
  await settingsItem.setValue({ ...current, disabledHelpdesks: [...disabled] });
}

export function SitesSection(props: { state: OptionsState }) {
  const own = new Set(props.state.settings.disabledHelpdesks ?? []);
  const byAdmin = new Set(props.state.policy.settings.disabledHelpdesks ?? []);
  return (
    <section class="panel" aria-labelledby="sites-title">
      <h2 id="sites-title">Sites</h2>
      <fieldset>
        <legend>Keel on each helpdesk</legend>
        <ul class="plain">
          {ADAPTERS.map((adapter) => (
            <li key={adapter.id} data-helpdesk={adapter.id}>
              <label>
                <input
                  type="checkbox"
                  checked={!own.has(adapter.id) && !byAdmin.has(adapter.id)}
                  disabled={byAdmin.has(adapter.id)}
                  onChange={(e) => void setHelpdeskEnabled(adapter.id, e.currentTarget.checked)}
                />{' '}
                {adapter.name}
              </label>
              {byAdmin.has(adapter.id) && <span class="muted small"> — off: set by your administrator</span>}
            </li>
          ))}
        </ul>
      </fieldset>
      <CustomSites policySites={props.state.policy.sites} />
    </section>
  );
}

const notAllowed = (site: CustomSite) =>
  `Keel was not allowed to read ${site.urlPattern}; the site is saved but off. Use “Turn on” and allow it when your browser asks.`;

/** The user's own helpdesks: the list, and the form that tests, adds and edits one. */
export function CustomSites({ policySites = [] }: { policySites?: readonly CustomSite[] }) {
  const [sites, setSites] = useState<CustomSite[]>([]);
  const [siteOn, setSiteOn] = useState<Record<string, boolean>>({});
  const [editing, setEditing] = useState<CustomSite | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    void customSitesItem.getValue().then(setSites);
    return customSitesItem.watch((next) => setSites(next ?? []));
  }, []);
  const sitesKey = JSON.stringify([sites, policySites]);
  const refreshStates = async (list: readonly CustomSite[] = [...policySites, ...sites]) => {
    const states = await Promise.all(list.map(async (site) => [site.id, await isSiteOn(site)] as const));
    setSiteOn(Object.fromEntries(states));
  };
  useEffect(() => {
    void refreshStates().catch(() => undefined);
  }, [sitesKey]);

  /**
   * Saves a new or edited site and turns it on. The permission prompt needs the click's gesture:
   * it is asked before any other await. `check` may hold the save back with a warning.
   */
  const save = async (
    site: CustomSite,
    previous: CustomSite | null,
    check: (site: CustomSite) => Promise<string | null>,
  ): Promise<string | null> => {
    const granted = await requestSiteAccess(site);
    if (granted) {
      const warning = await check(site);
      if (warning) return `warning:${warning}`;
    }
    const others = sites.filter((s) => s.id !== site.id);
    const next = previous ? sites.map((s) => (s.id === site.id ? site : s)) : [...others, site];
    try {
      if (previous && previous.urlPattern !== site.urlPattern) await turnOffSite(previous, others);
      await customSitesItem.setValue(next);
      setSites(next);
      if (!granted) return notAllowed(site);
      await registerSiteScript(site);
      setMessage('');
      return null;
    } finally {
      await refreshStates([...policySites, ...next]).catch(() => undefined);
    }
  };
  const turnOn = async (site: CustomSite) => {
    try {
      const on = await turnOnSite(site);
      setMessage(
        on ? `Keel now runs on ${site.urlPattern}. Reload open tabs of that site.` : notAllowed(site),
      );
    } catch (error) {
      setMessage(`Not turned on: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await refreshStates().catch(() => undefined);
    }
  };
  const remove = async (site: CustomSite) => {
    const others = sites.filter((s) => s.id !== site.id);
    await turnOffSite(site, others).catch(() => undefined);
    await customSitesItem.setValue(others);
    setSites(others);
    if (editing?.id === site.id) setEditing(null);
    setMessage(`Removed ${site.name}. Reload open tabs of that site to close Keel there.`);
  };
  return (
    <section aria-labelledby="custom-sites-title">
      <h3 id="custom-sites-title">Your own helpdesk</h3>
      <p class="muted">
        For a helpdesk Keel does not know, such as one on your company’s intranet: where its tickets live, and
        where each part of a ticket page is.
      </p>
      {policySites.length > 0 && (
        <ul class="plain" data-testid="policy-sites" aria-label="Set by your administrator">
          {policySites.map((site) => (
            <li
              key={site.id}
              data-site-id={site.id}
              data-state={siteOn[site.id] === undefined ? 'unknown' : siteOn[site.id] ? 'on' : 'off'}
            >
              <strong>{site.name}</strong> <code>{site.urlPattern}</code>{' '}
              <span class="muted small">set by your administrator</span>{' '}
              {siteOn[site.id] === false && (
                <>
                  <span class="muted small">— off until you allow Keel on these pages</span>{' '}
                  <button type="button" onClick={() => void turnOn(site)}>
                    Turn on
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {sites.length > 0 && (
        <ul class="plain" data-testid="custom-sites">
          {sites.map((site) => (
            <li
              key={site.id}
              data-site-id={site.id}
              data-state={siteOn[site.id] === undefined ? 'unknown' : siteOn[site.id] ? 'on' : 'off'}
            >
              <strong>{site.name}</strong> <code>{site.urlPattern}</code>{' '}
              {siteOn[site.id] === false && (
                <>
                  <span class="muted small">off: Keel is not allowed on these pages</span>{' '}
                  <button type="button" onClick={() => void turnOn(site)}>
                    Turn on
                  </button>{' '}
                </>
              )}
              <button type="button" onClick={() => setEditing(site)} disabled={editing?.id === site.id}>
                Edit
              </button>{' '}
              <button type="button" class="danger" onClick={() => void remove(site)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
      <SiteForm
        key={editing?.id ?? 'new'}
        editing={editing}
        takenIds={sites.map((site) => site.id)}
        save={save}
        onDone={() => setEditing(null)}
        loadDraft={async () => parseFormDraft(await siteFormDraftItem.getValue())}
        saveDraft={(draft) => siteFormDraftItem.setValue(draft)}
      />
    </section>
  );
}
