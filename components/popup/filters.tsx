import type { KeelMessage } from '../../utils/messages';
import type { FilterChoices, Period } from '../../utils/store/summary';
import type { PlaybookLabels } from './labels';

export const PERIOD_LABELS: Record<Period, string> = {
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  all: 'All',
};

export interface Filters {
  period: Period;
  /** A custom range, both ends `YYYY-MM-DD`; used instead of the period when both are set. */
  from: string;
  to: string;
  agent: string;
  playbookId: string;
  helpdesk: string;
}

export const NO_FILTERS: Omit<Filters, 'period'> = {
  from: '',
  to: '',
  agent: '',
  playbookId: '',
  helpdesk: '',
};

/** The summary message for filters (empty ones left out). */
export function summaryMessage(filters: Filters): KeelMessage & { type: 'stats.summary' } {
  const message: KeelMessage & { type: 'stats.summary' } = { type: 'stats.summary', period: filters.period };
  if (filters.from && filters.to) {
    message.from = filters.from;
    message.to = filters.to;
  }
  if (filters.agent) message.agent = filters.agent;
  if (filters.playbookId) message.playbookId = filters.playbookId;
  if (filters.helpdesk) message.helpdesk = filters.helpdesk;
  return message;
}

/** Whether the filters name a custom range (both ends set) instead of a period. */
export function isCustomRange(filters: Filters): boolean {
  return Boolean(filters.from && filters.to);
}

function FilterSelect({
  testId,
  label,
  value,
  options,
  name,
  onChange,
}: {
  testId: string;
  label: string;
  value: string;
  options: string[];
  name: (id: string) => string;
  onChange: (value: string) => void;
}) {
  // A chosen value stays listed even when the period has no reply of it.
  const values = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label class="filter">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
      >
        <option value="">All</option>
        {values.map((id) => (
          <option key={id} value={id}>
            {name(id)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The filter lists: hook, label, the filter each sets, where its choices come from, and how one is named. */
const SELECTS: readonly {
  testId: string;
  label: string;
  key: 'agent' | 'playbookId' | 'helpdesk';
  options: keyof FilterChoices;
  name: (id: string, labels: PlaybookLabels) => string;
}[] = [
  {
    testId: 'filter-agent',
    label: 'Agent',
    key: 'agent',
    options: 'agents',
    name: (id) => id || 'Unknown agent',
  },
  {
    testId: 'filter-playbook',
    label: 'Playbook',
    key: 'playbookId',
    options: 'playbooks',
    name: (id, labels) => labels.playbook(id),
  },
  {
    testId: 'filter-helpdesk',
    label: 'Helpdesk',
    key: 'helpdesk',
    options: 'helpdesks',
    name: (id) => id || 'Unknown',
  },
];

export function FilterBar({
  filters,
  choices,
  labels,
  onChange,
}: {
  filters: Filters;
  choices: FilterChoices | null;
  labels: PlaybookLabels;
  onChange: (filters: Filters) => void;
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <section class="filters" aria-label="Filters">
      <div class="range">
        <DateFilter
          testId="period-from"
          label="From"
          value={filters.from}
          onChange={(from) => set({ from })}
        />
        <DateFilter testId="period-to" label="To" value={filters.to} onChange={(to) => set({ to })} />
      </div>
      {SELECTS.map(({ testId, label, key, options, name }) => (
        <FilterSelect
          key={testId}
          testId={testId}
          label={label}
          value={filters[key]}
          options={choices?.[options] ?? []}
          name={(id) => name(id, labels)}
          onChange={(value) => set({ [key]: value })}
        />
      ))}
    </section>
  );
}

/** One end of the custom range: a labelled date input whose value is `YYYY-MM-DD` or empty. */
function DateFilter({
  testId,
  label,
  value,
  onChange,
}: {
  testId: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label class="filter">
      <span>{label}</span>
      <input
        type="date"
        data-testid={testId}
        value={value}
        onChange={(event) => onChange((event.target as HTMLInputElement).value)}
      />
    </label>
  );
}
