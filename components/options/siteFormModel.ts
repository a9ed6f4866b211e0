import * as v from 'valibot';
import { type CustomSite, NOTE_KINDS, type NoteKind, siteProblems } from '@/utils/adapters/custom-site';
import { trimChars, trimEndChars } from '@/utils/trim';

/**
 * The Sites form's model, apart from its markup: the fields as typed (all strings, so a half-filled
 * form survives a reload as it was), the site they make, the problems of each field in the form's
 * own words, and the presets for common self-hosted helpdesks.
 */

export const SELECTOR_KEYS = [
  'editor',
  'subject',
  'requester',
  'customerMessage',
  'type',
  'tags',
  'send',
  'agent',
] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

export interface SiteForm {
  /** '' for the user's own selectors; 'rt': the built-in Request Tracker adapter on this host. */
  software: '' | 'rt';
  name: string;
  id: string;
  urlPattern: string;
  idSource: 'path' | 'query';
  pathSegment: string;
  queryParam: string;
  selectors: Record<SelectorKey, string>;
  /** "A reply went through when…": it appears in this selector, or the page goes to this URL. */
  sentReplyIn: string;
  sentUrl: string;
  noteKind: '' | NoteKind;
  noteSelector: string;
}

/** Every field the form shows an error beside. */
export type FieldKey =
  | 'name'
  | 'id'
  | 'urlPattern'
  | 'pathSegment'
  | 'queryParam'
  | SelectorKey
  | 'sentReplyIn'
  | 'sentUrl'
  | 'noteSelector';

export const EMPTY_FORM: SiteForm = {
  software: '',
  name: '',
  id: '',
  urlPattern: '',
  idSource: 'path',
  pathSegment: '',
  queryParam: '',
  selectors: {
    editor: '',
    subject: '',
    requester: '',
    customerMessage: '',
    type: '',
    tags: '',
    send: '',
    agent: '',
  },
  sentReplyIn: '',
  sentUrl: '',
  noteKind: '',
  noteSelector: '',
};

/** `Acme Helpdesk` → `acme-helpdesk`: the id a site gets when the user leaves it empty. */
export function idFromName(name: string): string {
  const words = trimChars(
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
    '-',
  );
  return trimEndChars(words.slice(0, 40), '-');
}

const filled = (text: string) => (text.trim() ? text : undefined);

/** The site the form describes, for validation (undefined fields left out). */
export function formToInput(form: SiteForm): unknown {
  const selectors: Record<string, string> = {};
  if (form.software === '') {
    for (const key of SELECTOR_KEYS) if (form.selectors[key].trim()) selectors[key] = form.selectors[key];
  }
  const sentWhen = {
    ...(filled(form.sentReplyIn) ? { replyIn: form.sentReplyIn } : {}),
    ...(filled(form.sentUrl) ? { urlMatches: form.sentUrl } : {}),
  };
  return {
    id: form.id.trim() || idFromName(form.name),
    name: form.name,
    ...(form.software ? { software: form.software } : {}),
    urlPattern: form.urlPattern,
    ticketId:
      form.idSource === 'query'
        ? { queryParam: form.queryParam }
        : form.pathSegment.trim() === ''
          ? {} // empty: the first numeric path segment, never a silent segment 0
          : { pathSegment: Number(form.pathSegment) },
    selectors,
    ...(form.software === '' && Object.keys(sentWhen).length > 0 ? { sentWhen } : {}),
    ...(form.software === '' && form.noteKind
      ? { note: { kind: form.noteKind, selector: form.noteSelector } }
      : {}),
  };
}

/** A saved site back in the form, to edit it. */
export function siteToForm(site: CustomSite): SiteForm {
  const selectors = { ...EMPTY_FORM.selectors };
  for (const key of SELECTOR_KEYS) selectors[key] = site.selectors[key] ?? '';
  return {
    software: site.software ?? '',
    name: site.name,
    id: site.id,
    urlPattern: site.urlPattern,
    idSource: site.ticketId.queryParam !== undefined ? 'query' : 'path',
    pathSegment: site.ticketId.pathSegment === undefined ? '' : String(site.ticketId.pathSegment),
    queryParam: site.ticketId.queryParam ?? '',
    selectors,
    sentReplyIn: site.sentWhen?.replyIn ?? '',
    sentUrl: site.sentWhen?.urlMatches ?? '',
    noteKind: site.note?.kind ?? '',
    noteSelector: site.note?.selector ?? '',
  };
}

/** Where each problem of the schema shows in the form. */
const FIELD_OF_PATH: Record<string, FieldKey> = {
  name: 'name',
  id: 'id',
  urlPattern: 'urlPattern',
  'ticketId.pathSegment': 'pathSegment',
  'ticketId.queryParam': 'queryParam',
  'sentWhen.replyIn': 'sentReplyIn',
  'sentWhen.urlMatches': 'sentUrl',
  'note.selector': 'noteSelector',
  ...Object.fromEntries(SELECTOR_KEYS.map((key) => [`selectors.${key}`, key])),
};

/** What to do about a field that is empty but needed, in the form's words. */
const WHEN_EMPTY: Partial<Record<FieldKey, string>> = {
  name: 'Give the site a name, e.g. Acme Helpdesk.',
  urlPattern: 'Enter the address of the ticket pages, e.g. http://helpdesk.corp/tickets/*',
  queryParam: 'Enter the name of the parameter that holds the ticket number, e.g. id.',
  editor: 'Enter where the reply box is, e.g. #reply-text or textarea[name=body].',
  noteSelector: 'Enter the control that marks a note as private, e.g. #private, or choose “nothing”.',
};

function inFormWords(field: FieldKey, message: string): string {
  if (message === 'is empty' || message.startsWith('Invalid type')) {
    return WHEN_EMPTY[field] ?? 'Fill this in, or leave it empty.';
  }
  if (message.startsWith('is not a CSS selector')) {
    return `The browser does not accept this as a CSS selector. Check brackets and quotes, e.g. button.send or [data-role="reply"].`;
  }
  if (field === 'urlPattern') {
    return 'Write the address with * for the part that changes, e.g. http://helpdesk.corp/tickets/* (http or https, a host, then a path).';
  }
  if (field === 'id') return 'Use 1–40 lower-case letters, digits or dashes, e.g. acme-helpdesk.';
  if (field === 'pathSegment') {
    return 'Enter a whole number from -20 to 20 (0 is the first part of the path, -1 the last), or leave it empty for the first number in the address.';
  }
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

/** Every problem of the form, one per field, in the form's words. Empty when the site can be saved. */
export function formErrors(form: SiteForm): Partial<Record<FieldKey, string>> {
  const errors: Partial<Record<FieldKey, string>> = {};
  for (const [path, message] of siteProblems(formToInput(form))) {
    const field = FIELD_OF_PATH[path] ?? (path.startsWith('note') ? 'noteSelector' : undefined);
    if (field && !errors[field]) errors[field] = inFormWords(field, message);
  }
  if (form.idSource === 'path' && form.pathSegment.trim() && !/^-?\d+$/.test(form.pathSegment.trim())) {
    errors.pathSegment = inFormWords('pathSegment', 'not a whole number');
  }
  return errors;
}

export const NOTE_KIND_LABELS: Record<'' | NoteKind, string> = {
  '': 'nothing (every send is a reply)',
  checkbox: 'a checkbox ticked for a private note',
  tab: 'a tab selected for a private note',
  button: 'a separate button that adds a note',
};
export { NOTE_KINDS };

/**
 * Starting points for common self-hosted helpdesks, to check on the open tab like any site (their
 * markup varies with version and theme). Request Tracker needs none: Keel knows it.
 */
export interface SitePreset {
  id: string;
  label: string;
  /** An example address, shown as a placeholder: the user types their own. */
  example: string;
  apply: (form: SiteForm) => SiteForm;
}

const withSelectors = (form: SiteForm, selectors: Partial<Record<SelectorKey, string>>): SiteForm => ({
  ...form,
  software: '',
  selectors: { ...EMPTY_FORM.selectors, ...selectors },
});

export const SITE_PRESETS: readonly SitePreset[] = [
  {
    id: 'rt',
    label: 'Request Tracker (Keel knows it: no selectors needed)',
    example: 'http://rt.corp/*',
    apply: (form) => ({ ...form, software: 'rt', idSource: 'query', queryParam: 'id' }),
  },
  {
    // OTRS 6 / Znuny: the reply is written on the AgentTicketCompose screen (a pop-up window).
    id: 'otrs',
    label: 'OTRS / Znuny (reply screen)',
    example: 'http://helpdesk.corp/otrs/index.pl*',
    apply: (form) => ({
      ...withSelectors(form, {
        editor: '#RichText',
        subject: '#Subject',
        requester: '#ToCustomer, .CustomerTicketTemplateToCustomer .CustomerTicketText',
        send: '#submitRichText',
      }),
      idSource: 'query',
      queryParam: 'TicketID',
      sentReplyIn: '',
      sentUrl: '*Action=AgentTicketZoom*',
      noteKind: '',
      noteSelector: '',
    }),
  },
  {
    // osTicket 1.1x staff panel (scp/tickets.php?id=…): reply and internal note are two tabs.
    id: 'osticket',
    label: 'osTicket (staff panel)',
    example: 'http://helpdesk.corp/scp/tickets.php*',
    apply: (form) => ({
      ...withSelectors(form, {
        editor: '#reply .redactor-in, #reply .redactor-editor, #reply textarea[name=response]',
        subject: '#content h3, .ticket_info .subject',
        customerMessage: '#ticketThread .thread-entry.message .thread-body',
        send: '#reply input[type=submit]',
        agent: '#info strong',
      }),
      idSource: 'query',
      queryParam: 'id',
      sentReplyIn: '#ticketThread',
      sentUrl: '',
      noteKind: 'tab',
      noteSelector: '#post-note-tab',
    }),
  },
  {
    // GLPI 10 (front/ticket.form.php?id=…): answers are followups with a "private" switch.
    id: 'glpi',
    label: 'GLPI (ticket form)',
    example: 'http://glpi.corp/front/ticket.form.php*',
    apply: (form) => ({
      ...withSelectors(form, {
        editor: '.itilfollowup textarea[name=content], .new-itil-object textarea[name=content]',
        subject: '.timeline-header .card-title, #page .navigationheader-title',
        customerMessage: '.timeline-item.ITILContent .rich_text_container',
        send: 'button[name=add]',
      }),
      idSource: 'query',
      queryParam: 'id',
      sentReplyIn: '.itil-timeline',
      sentUrl: '',
      noteKind: 'checkbox',
      noteSelector: '.itilfollowup input[name=is_private][type=checkbox]',
    }),
  },
];

const text = v.fallback(v.string(), '');
const FormDraftSchema = v.object({
  form: v.object({
    software: v.fallback(v.picklist(['', 'rt']), ''),
    name: text,
    id: text,
    urlPattern: text,
    idSource: v.fallback(v.picklist(['path', 'query']), 'path'),
    pathSegment: text,
    queryParam: text,
    selectors: v.object(
      Object.fromEntries(SELECTOR_KEYS.map((key) => [key, text])) as Record<SelectorKey, typeof text>,
    ),
    sentReplyIn: text,
    sentUrl: text,
    noteKind: v.fallback(v.picklist(['', ...NOTE_KINDS]), ''),
    noteSelector: text,
  }),
  editingId: v.fallback(v.nullable(v.string()), null),
});

/** A stored draft of the form, or null when there is none or it is not one (then the form starts empty). */
export function parseFormDraft(value: unknown): { form: SiteForm; editingId: string | null } | null {
  const parsed = v.safeParse(FormDraftSchema, value);
  return parsed.success ? parsed.output : null;
}
