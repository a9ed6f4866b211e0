import { useEffect, useState } from 'preact/hooks';
import { type CustomSite, parseCustomSite, parseSiteDraft } from '@/utils/adapters/custom-site';
import { Field } from './fields';
import { SitePageFields, textField } from './SitePageFields';
import { type ProbeOutcome, ProbeReport, probeAllowedTab, probeOpenTab } from './SiteProbe';
import {
  EMPTY_FORM,
  type FieldKey,
  type SiteForm as Form,
  formErrors,
  formToInput,
  idFromName,
  type SelectorKey,
  SITE_PRESETS,
  siteToForm,
} from './siteFormModel';

export interface SiteFormProps {
  /** The site being edited, or null to add a new one. */
  editing: CustomSite | null;
  /** The saved sites' ids (a new site's id must be new). */
  takenIds: readonly string[];
  /** Saves and turns the site on; asks for the host permission first (in the click's gesture). */
  save: (
    site: CustomSite,
    previous: CustomSite | null,
    check: (site: CustomSite) => Promise<string | null>,
  ) => Promise<string | null>;
  /** The form is done with (saved, or editing cancelled). */
  onDone: () => void;
  /** The half-filled form, kept across reloads. */
  loadDraft: () => Promise<{ form: Form; editingId: string | null } | null>;
  saveDraft: (draft: { form: Form; editingId: string | null } | null) => Promise<void>;
}

/** Whether two forms say the same (to know when a saved draft is the one on screen). */
const same = (a: Form, b: Form) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form that sets up a helpdesk Keel does not know: where its tickets live, how to read each
 * part of the page, how Keel knows a reply went through, and how the page marks a private note.
 */
export function SiteForm(props: SiteFormProps) {
  const [form, setForm] = useState<Form>(props.editing ? siteToForm(props.editing) : EMPTY_FORM);
  const [attempted, setAttempted] = useState(false);
  const [waiting, setWaiting] = useState<'test' | 'add' | null>(null);
  const [probe, setProbe] = useState<ProbeOutcome | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [preset, setPreset] = useState('');
  const [loaded, setLoaded] = useState(false);

  // The draft of an earlier visit comes back (a reload loses nothing), unless a site is being edited.
  useEffect(() => {
    if (props.editing) {
      setForm(siteToForm(props.editing));
      setLoaded(true);
      return;
    }
    void props.loadDraft().then((draft) => {
      // What the user typed meanwhile wins over the stored draft.
      if (draft && draft.editingId === null)
        setForm((current) => (same(current, EMPTY_FORM) ? draft.form : current));
      setLoaded(true);
    });
  }, [props.editing?.id]);
  useEffect(() => {
    // Only a new site's form is kept: an edit starts from the saved site.
    if (!loaded || props.editing) return;
    const timer = setTimeout(() => {
      void props.saveDraft(same(form, EMPTY_FORM) ? null : { form, editingId: null });
    }, 300);
    return () => clearTimeout(timer);
  }, [form, loaded]);

  const errors = formErrors(form);
  if (!props.editing && !errors.id) {
    const id = (formToInput(form) as { id: string }).id;
    if (id && props.takenIds.includes(id))
      errors.id = `Another site already uses “${id}”: choose another short id.`;
  }
  // Errors show once the user asked to add (then live as they fix them), never on leaving a field:
  // a message appearing on blur moves the buttons under the pointer that is about to click them.
  const shown = (key: FieldKey) => (attempted ? errors[key] : undefined);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setWarning(null);
  };
  const setSelector = (key: SelectorKey, value: string) => {
    setForm((current) => ({ ...current, selectors: { ...current.selectors, [key]: value } }));
    setWarning(null);
  };
  const example =
    SITE_PRESETS.find((candidate) => candidate.id === preset)?.example ?? 'http://helpdesk.corp/tickets/*';

  const test = async () => {
    const draft = parseSiteDraft(formToInput(form));
    if (!draft.ok) {
      setAttempted(true);
      return;
    }
    setWaiting('test');
    try {
      // probeOpenTab asks for the permission first, still inside this click's gesture.
      setProbe(await probeOpenTab(draft.draft));
    } catch (error) {
      setProbe({ kind: 'failed', url: draft.draft.urlPattern, error: String(error) });
    } finally {
      setWaiting(null);
    }
  };

  /** After the permission: the reply box and the ticket number must be found on the open tab. */
  const checkOnOpenTab = async (site: CustomSite): Promise<string | null> => {
    if (site.software) return null;
    const outcome = await probeAllowedTab(site);
    setProbe(outcome);
    if (outcome.kind !== 'done') return null;
    const missing = outcome.probes.filter(
      (p) => (p.key === 'editor' || p.key === 'ticketId') && (p.count === 0 || p.error),
    );
    if (missing.length === 0) return null;
    const names = missing.map((p) =>
      p.key === 'editor' ? 'the reply box selector' : 'the ticket number rule',
    );
    return `${names.join(' and ')} found nothing on the open tab (${outcome.title}). There Keel would say “open the reply editor”. Fix ${missing.length > 1 ? 'them' : 'it'} and test again, or add the site anyway.`;
  };

  const add = async (anyway: boolean) => {
    setAttempted(true);
    const parsed = parseCustomSite(formToInput(form));
    if (!parsed.ok || Object.keys(errors).length > 0) return;
    setWaiting('add');
    try {
      const problem = await props.save(
        parsed.site,
        props.editing,
        anyway ? async () => null : checkOnOpenTab,
      );
      if (problem?.startsWith('warning:')) {
        setWarning(problem.slice('warning:'.length));
        return;
      }
      if (problem) {
        setMessage(problem);
        return;
      }
      setMessage(
        `${props.editing ? 'Saved' : 'Added'} ${parsed.site.name}: Keel now runs on ${parsed.site.urlPattern}. Reload open tabs of that site.`,
      );
      setForm(EMPTY_FORM);
      setAttempted(false);
      setWarning(null);
      setProbe(null);
      await props.saveDraft(null);
      props.onDone();
    } catch (error) {
      setMessage(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setWaiting(null);
    }
  };

  const text = (key: FieldKey, value: string, onInput: (value: string) => void, placeholder: string) =>
    textField(shown(key), value, onInput, placeholder);

  return (
    <form
      class="site-form"
      data-testid="site-form"
      data-editing={props.editing?.id}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void add(false);
      }}
    >
      <h4>{props.editing ? `Edit ${props.editing.name}` : 'Add your helpdesk'}</h4>
      <div class="grid">
        {!props.editing && (
          <Field
            label="Start from"
            hint="Fills in the selectors of a common self-hosted helpdesk; test them on an open ticket."
            wide
          >
            {(id, describedBy) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={preset}
                onChange={(e) => {
                  const chosen = SITE_PRESETS.find((candidate) => candidate.id === e.currentTarget.value);
                  setPreset(e.currentTarget.value);
                  setForm((current) =>
                    chosen
                      ? chosen.apply(current)
                      : { ...current, software: '', selectors: { ...EMPTY_FORM.selectors } },
                  );
                }}
              >
                <option value="">My own selectors</option>
                {SITE_PRESETS.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Name" hint="Shown in the sidebar and the statistics." error={shown('name')}>
          {text('name', form.name, (value) => set('name', value), 'Acme Helpdesk')}
        </Field>
        <Field
          label="Short id"
          hint={
            props.editing
              ? 'Records carry it; it cannot change.'
              : 'Records carry it. Empty: made from the name.'
          }
          error={shown('id')}
        >
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={shown('id') ? true : undefined}
              placeholder={idFromName(form.name) || 'acme-helpdesk'}
              value={form.id}
              readOnly={props.editing !== null}
              onInput={(e) => set('id', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Ticket pages"
          hint="Their address, with * where it changes. http:// works for intranet hosts."
          error={shown('urlPattern')}
          wide
        >
          {text('urlPattern', form.urlPattern, (value) => set('urlPattern', value), example)}
        </Field>
        <Field label="Ticket number is in">
          {(id) => (
            <select
              id={id}
              value={form.idSource}
              onChange={(e) => set('idSource', e.currentTarget.value as Form['idSource'])}
            >
              <option value="path">the path (/tickets/123)</option>
              <option value="query">a query parameter (?id=123)</option>
            </select>
          )}
        </Field>
        {form.idSource === 'path' ? (
          <Field
            label="Path part"
            hint="Empty: the first number in the path. 0 is the first part, -1 the last."
            error={shown('pathSegment')}
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={shown('pathSegment') ? true : undefined}
                inputMode="numeric"
                placeholder="first number"
                value={form.pathSegment}
                onInput={(e) => set('pathSegment', e.currentTarget.value)}
              />
            )}
          </Field>
        ) : (
          <Field label="Query parameter" hint="The name before the = sign." error={shown('queryParam')}>
            {text('queryParam', form.queryParam, (value) => set('queryParam', value), 'id')}
          </Field>
        )}
      </div>
      {form.software === 'rt' ? (
        <p class="muted" data-testid="site-software">
          Request Tracker: Keel reads RT’s pages with its built-in support, on the address above. No selectors
          needed.
        </p>
      ) : (
        <SitePageFields form={form} shown={shown} set={set} setSelector={setSelector} />
      )}
      {attempted && Object.keys(errors).length > 0 && (
        <p class="field-error" role="alert" data-testid="custom-site-error">
          {Object.keys(errors).length === 1 ? 'One field needs' : `${Object.keys(errors).length} fields need`}{' '}
          your attention: see the messages beside {Object.keys(errors).length === 1 ? 'it' : 'them'}.
        </p>
      )}
      {waiting && (
        <p class="probe-message" role="status" data-testid="permission-wait">
          Your browser is asking whether Keel may read pages at {form.urlPattern.trim()}. Answer its prompt
          (by the address bar) to {waiting === 'test' ? 'run the test' : 'add the site'}; Keel reads only
          those pages.
        </p>
      )}
      {warning && (
        <div class="probe-message" role="alert" data-testid="add-warning">
          <p>{warning}</p>
          <button type="button" onClick={() => void add(true)} disabled={waiting !== null}>
            Add anyway
          </button>
        </div>
      )}
      <div class="actions">
        <button
          type="button"
          disabled={waiting !== null}
          title={
            waiting
              ? 'Waiting for your answer to the browser’s permission prompt'
              : 'Shows what each part finds on an open ticket of this site'
          }
          onClick={() => void test()}
        >
          Test on the open tab
        </button>
        <button type="submit" class="primary" disabled={waiting !== null}>
          {props.editing ? 'Save changes' : 'Add site'}
        </button>
        {props.editing ? (
          <button type="button" onClick={() => props.onDone()}>
            Cancel editing
          </button>
        ) : (
          !same(form, EMPTY_FORM) && (
            <button
              type="button"
              onClick={() => {
                setForm(EMPTY_FORM);
                setAttempted(false);
                setProbe(null);
                setWarning(null);
                setPreset('');
              }}
            >
              Clear form
            </button>
          )
        )}
      </div>
      {probe && <ProbeReport outcome={probe} />}
      <p class="status" role="status">
        {message}
      </p>
    </form>
  );
}
