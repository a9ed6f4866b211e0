import type { SiteSpec } from './generic';
import type { SelectorRegistry } from './selectors';

/** The registry lists that feed the field of the same name. */
const FIELD_NAMES = [
  'root',
  'subject',
  'type',
  'tags',
  'requester',
  'customerMessages',
  'messages',
  'agent',
  'editor',
  'send',
  'noteMode',
  'noteAction',
  'replyAction',
] as const satisfies readonly (keyof SiteSpec['fields'])[];

/**
 * A helpdesk's fields from its selector registry: each list by its own name, and the registry's
 * `composer` as where editor detection looks (`detectIn`). Other entries (a ticket number, notes)
 * are the registry's record of the page, not fields.
 */
export function fieldsOf(registry: SelectorRegistry): SiteSpec['fields'] {
  const fields: SiteSpec['fields'] = {};
  for (const name of FIELD_NAMES) {
    const list = registry[name];
    if (list) fields[name] = list;
  }
  if (registry.composer) fields.detectIn = registry.composer;
  return fields;
}

/** The ticket id as the first group of `route` in the URL's path, null when the path is no ticket. */
export function idInPath(route: RegExp): (url: URL) => string | null {
  return (url) => route.exec(url.pathname)?.[1] ?? null;
}
