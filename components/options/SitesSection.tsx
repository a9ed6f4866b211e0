import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MATCH_PATTERN } from '@/utils/adapters/custom';
import { type CustomSite, parseCustomSite, parseSiteDraft } from '@/utils/adapters/custom-site';
import { ADAPTERS } from '@/utils/adapters/registry';
import { customSiteScriptId, customSitesItem, DEFAULT_SETTINGS, settingsItem } from '@/utils/settings';
import { Field } from './fields';
import { PART_LABELS, type ProbeOutcome, ProbeReport, probeOpenTab } from './SiteProbe';
import type { OptionsState } from './useOptionsState';

/** The content script WXT builds from entrypoints/sidebar.content; custom sites run the same one. */
const SIDEBAR_SCRIPT = 'content-scripts/sidebar.js';

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
      <CustomSites />
    </section>
  );
}

const EMPTY_FORM = {
  id: '',
  name: '',
  urlPattern: 'https://support.example.com/*',
  idSource: 'path' as 'path' | 'query',
  pathSegment: '',
  queryParam: 'id',
  editor: '',
  subject: '',
  requester: '',
  customerMessage: '',
  type: '',
  tags: '',
  send: '',
};
type Form = typeof EMPTY_FORM;
const SELECTOR_FIELDS: [keyof Form & keyof CustomSite['selectors'], string][] = [
  ['editor', `${PART_LABELS.editor} (required)`],
  ['subject', PART_LABELS.subject],
  ['requester', PART_LABELS.requester],
  ['customerMessage', PART_LABELS.customerMessage],
  ['type', PART_LABELS.type],
  ['tags', PART_LABELS.tags],
  ['send', PART_LABELS.send],
];

function formToInput(form: Form): unknown {
  const selectors: Record<string, string> = {};
  for (const [key] of SELECTOR_FIELDS) if (form[key].trim()) selectors[key] = form[key];
  return {
    id: form.id,
    name: form.name,
    urlPattern: form.urlPattern,
    ticketId:
      form.idSource === 'query'
        ? { queryParam: form.queryParam }
        : form.pathSegment.trim() === ''
          ? {} // empty: the first numeric path segment, never a silent segment 0
          : { pathSegment: Number(form.pathSegment) },
    selectors,
  };
}

/**
 * Registers the sidebar for a site: asks for the host permission (must run in the click's user
 * gesture), then registers a content script that persists across browser restarts.
 */
async function registerSite(site: CustomSite): Promise<string | null> {
  const granted = await browser.permissions.request({ origins: [site.urlPattern] });
  if (!granted) return `Keel was not allowed to read ${site.urlPattern}; the site is saved but off.`;
  const id = customSiteScriptId(site.id);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
  await browser.scripting.registerContentScripts([
    {
      id,
      matches: [site.urlPattern],
      js: [SIDEBAR_SCRIPT],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
  return null;
}

/** `https://support.acme.com` of a match pattern: what a host permission really covers. */
function patternOrigin(pattern: string): string {
  return MATCH_PATTERN.exec(pattern)?.slice(1, 4).join('|') ?? pattern;
}

/**
 * Stops the sidebar on a site and gives its host permission back, unless another of the user's
 * sites is on the same host (Chrome grants hosts, not paths: removing it would stop that one too).
 */
async function unregisterSite(site: CustomSite, others: readonly CustomSite[]): Promise<void> {
  const id = customSiteScriptId(site.id);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
  const origin = patternOrigin(site.urlPattern);
  if (others.some((other) => patternOrigin(other.urlPattern) === origin)) return;
  await browser.permissions.remove({ origins: [site.urlPattern] }).catch(() => false);
}

/** Whether Keel runs on a saved site: allowed on its pages, with its content script registered. */
async function isSiteOn(site: CustomSite): Promise<boolean> {
  const [allowed, registered] = await Promise.all([
    browser.permissions.contains({ origins: [site.urlPattern] }),
    browser.scripting.getRegisteredContentScripts({ ids: [customSiteScriptId(site.id)] }),
  ]);
  return allowed && registered.length > 0;
}

/** The user's own helpdesks: the list, and the form that tests and adds one. */
export function CustomSites() {
  const [sites, setSites] = useState<CustomSite[]>([]);
  const [siteOn, setSiteOn] = useState<Record<string, boolean>>({});
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [message, setMessage] = useState('');
  const [probe, setProbe] = useState<ProbeOutcome | null>(null);
  const [probing, setProbing] = useState(false);
  useEffect(() => {
    void customSitesItem.getValue().then(setSites);
    return customSitesItem.watch((next) => setSites(next ?? []));
  }, []);
  const sitesKey = JSON.stringify(sites);
  const refreshStates = async (list: readonly CustomSite[] = sites) => {
    const states = await Promise.all(list.map(async (site) => [site.id, await isSiteOn(site)] as const));
    setSiteOn(Object.fromEntries(states));
  };
  useEffect(() => {
    void refreshStates().catch(() => undefined);
  }, [sitesKey]);
  const input = formToInput(form);
  const parsed = parseCustomSite(input);
  const draft = parseSiteDraft(input);
  const set = (key: keyof Form, value: string) => setForm({ ...form, [key]: value });

  const add = async () => {
    if (!parsed.ok) return;
    const site = parsed.site;
    const next = [...sites.filter((s) => s.id !== site.id), site];
    try {
      // The permission prompt needs the click's gesture: ask before any other await.
      const problem = await registerSite(site);
      await customSitesItem.setValue(next);
      setSites(next);
      setMessage(problem ?? `Keel now runs on ${site.urlPattern}. Reload open tabs of that site.`);
      if (!problem) {
        setForm(EMPTY_FORM);
        setProbe(null);
      }
    } catch (error) {
      setMessage(`Not added: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await refreshStates(next).catch(() => undefined);
    }
  };
  const turnOn = async (site: CustomSite) => {
    try {
      const problem = await registerSite(site);
      setMessage(problem ?? `Keel now runs on ${site.urlPattern}. Reload open tabs of that site.`);
    } catch (error) {
      setMessage(`Not turned on: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await refreshStates().catch(() => undefined);
    }
  };
  const remove = async (site: CustomSite) => {
    const others = sites.filter((s) => s.id !== site.id);
    await unregisterSite(site, others).catch(() => undefined);
    await customSitesItem.setValue(others);
    setSites(others);
    setMessage(`Removed ${site.name}. Reload open tabs of that site to close Keel there.`);
  };
  const test = async () => {
    if (!draft.ok) return;
    setProbing(true);
    try {
      // probeOpenTab asks for the permission first, still inside this click's gesture.
      setProbe(await probeOpenTab(draft.draft));
    } catch (error) {
      setProbe({
        kind: 'failed',
        url: draft.draft.urlPattern,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setProbing(false);
    }
  };
  return (
    <section aria-labelledby="custom-sites-title">
      <h3 id="custom-sites-title">Your own helpdesk</h3>
      <p class="muted">
        For a helpdesk Keel does not know: where tickets live, and a CSS selector for each part of the page.
      </p>
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
              <button type="button" class="danger" onClick={() => void remove(site)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="grid">
        <Field label="Name">
          {(id) => <input id={id} value={form.name} onInput={(e) => set('name', e.currentTarget.value)} />}
        </Field>
        <Field label="Id" hint="Lower-case letters, digits, dashes">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              value={form.id}
              onInput={(e) => set('id', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Pages (match pattern)" wide>
          {(id) => (
            <input
              id={id}
              value={form.urlPattern}
              onInput={(e) => set('urlPattern', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Ticket id is in">
          {(id) => (
            <select id={id} value={form.idSource} onChange={(e) => set('idSource', e.currentTarget.value)}>
              <option value="path">a path segment</option>
              <option value="query">a query parameter</option>
            </select>
          )}
        </Field>
        {form.idSource === 'path' ? (
          <Field label="Path segment" hint="0 is the first; -1 the last">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="number"
                step={1}
                value={form.pathSegment}
                onInput={(e) => set('pathSegment', e.currentTarget.value)}
              />
            )}
          </Field>
        ) : (
          <Field label="Query parameter">
            {(id) => (
              <input
                id={id}
                value={form.queryParam}
                onInput={(e) => set('queryParam', e.currentTarget.value)}
              />
            )}
          </Field>
        )}
        {SELECTOR_FIELDS.map(([key, label]) => (
          <Field key={key} label={`${label} selector`}>
            {(id) => <input id={id} value={form[key]} onInput={(e) => set(key, e.currentTarget.value)} />}
          </Field>
        ))}
      </div>
      {!parsed.ok && (form.name || form.id || form.editor) && (
        <p class="field-error" data-testid="custom-site-error">
          {parsed.error}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          disabled={!draft.ok || probing}
          title="Shows what each selector finds on an open ticket of this site"
          onClick={() => void test()}
        >
          Test on the open tab
        </button>
        <button type="button" class="primary" disabled={!parsed.ok} onClick={() => void add()}>
          Add site
        </button>
      </div>
      {probe && <ProbeReport outcome={probe} />}
      <p class="status" role="status">
        {message}
      </p>
    </section>
  );
}
