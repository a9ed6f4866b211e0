import * as v from 'valibot';
import { PERIODS } from '../../utils/store/summary';
import type { Filters } from '../popup/filters';

/** The report page's path inside the extension; its filters travel in the query string. */
export const REPORT_PATH = '/report.html';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const FiltersSchema = v.object({
  period: v.optional(v.picklist(PERIODS), '30d'),
  from: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.regex(DAY))]), ''),
  to: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.regex(DAY))]), ''),
  agent: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
  playbookId: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
  helpdesk: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
});

/** The query string (`?period=30d&agent=…`) that carries filters; empty ones are left out. */
export function reportSearch(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of ['period', 'from', 'to', 'agent', 'playbookId', 'helpdesk'] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  return `?${params.toString()}`;
}

/**
 * Filters from a report URL's query string. A value that does not fit (a hand-edited URL) is
 * dropped, with a note saying which, rather than failing the whole page.
 */
export function filtersFromSearch(search: string): { filters: Filters; dropped: string[] } {
  const params = new URLSearchParams(search);
  const filters: Filters = { period: '30d', from: '', to: '', agent: '', playbookId: '', helpdesk: '' };
  const dropped: string[] = [];
  for (const key of Object.keys(FiltersSchema.entries) as (keyof Filters)[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = v.safeParse(FiltersSchema.entries[key], raw);
    if (parsed.success) Object.assign(filters, { [key]: parsed.output });
    else dropped.push(key);
  }
  // A range needs both ends, as in the popup.
  if (!filters.from || !filters.to) {
    filters.from = '';
    filters.to = '';
  }
  return { filters, dropped };
}
