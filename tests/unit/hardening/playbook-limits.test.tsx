import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ImportPanel } from '../../../components/options/ImportPanel';
import type { OptionsState } from '../../../components/options/useOptionsState';
import { DEFAULT_SETTINGS } from '../../../utils/config/content-shapes';
import { EMPTY_POLICY } from '../../../utils/config/policy';
import { teamPlaybooksItem } from '../../../utils/config/storage-items';
import { PLAYBOOK_LIMITS, parsePlaybookFile, parsePlaybookFileText } from '../../../utils/playbook/schema';
import { matchPhrases, PhraseSetBuilder } from '../../../utils/words/phrases';
import { analyseText } from '../../../utils/words/text';

const step = (extra: Record<string, unknown> = {}) => ({
  id: 'greet',
  title: 'Greets',
  check: { kind: 'greeting' },
  ...extra,
});
const fileWith = (playbook: Record<string, unknown>, stepExtra: Record<string, unknown> = {}) => ({
  format: 'keel.playbooks/1',
  playbooks: [{ id: 'p', name: 'P', steps: [step(stepExtra)], ...playbook }],
});
const many = (count: number, prefix = 'w') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const over = PLAYBOOK_LIMITS.listEntries + 1;

describe('issue 14 Medium 6: several playbook lists have no cap', () => {
  it.each([
    [
      'greeting words',
      {},
      { check: { kind: 'greeting', words: many(over) } },
      'playbooks[0].steps[0].check.words',
    ],
    [
      'closing words',
      {},
      { check: { kind: 'closing', words: many(over) } },
      'playbooks[0].steps[0].check.words',
    ],
    ['link hosts', {}, { check: { kind: 'link', hosts: many(over) } }, 'playbooks[0].steps[0].check.hosts'],
    ['when.types', {}, { when: { types: many(over) } }, 'playbooks[0].steps[0].when.types'],
    ['when.tags', {}, { when: { tags: many(over) } }, 'playbooks[0].steps[0].when.tags'],
    ['when.keywords', {}, { when: { keywords: many(over) } }, 'playbooks[0].steps[0].when.keywords'],
    ['match.types', { match: { types: many(over) } }, {}, 'playbooks[0].match.types'],
    ['match.tags', { match: { tags: many(over) } }, {}, 'playbooks[0].match.tags'],
    ['match.keywords', { match: { keywords: many(over) } }, {}, 'playbooks[0].match.keywords'],
  ])('refuses %s over the cap, naming the path', (_label, playbook, stepExtra, path) => {
    const result = parsePlaybookFile(fileWith(playbook, stepExtra));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ path, message: `at most ${PLAYBOOK_LIMITS.listEntries} entries` });
  });

  it('compiles 20,000 prefix phrases through an index (one bucket entry each) and still matches', () => {
    const builder = new PhraseSetBuilder();
    const ids = many(20_000, 'refund').map((word) => builder.add(`${word}*`));
    const set = builder.build();
    const bucket = set.root.prefixes?.['r'.charCodeAt(0)];
    expect(bucket?.byPrefix.size).toBe(20_000);
    const matches = matchPhrases(analyseText('Your refund19999x is on its way'), set, {});
    expect(matches[ids[19_999] ?? -1]).toEqual([{ phrase: ids[19_999], start: 1, end: 2 }]);
    expect(matches[ids[0] ?? -1]).toBeUndefined();
  });
});

describe('issue 14 Medium 7: text fields have no length cap', () => {
  it.each([
    ['name', { name: 'x'.repeat(201) }, {}, 'playbooks[0].name', 'name must be at most 200 characters'],
    [
      'description',
      { description: 'x'.repeat(5_001) },
      {},
      'playbooks[0].description',
      'description must be at most 5000 characters',
    ],
    [
      'title',
      {},
      { title: 'x'.repeat(201) },
      'playbooks[0].steps[0].title',
      'title must be at most 200 characters',
    ],
    [
      'guidance',
      {},
      { guidance: 'x'.repeat(5_001) },
      'playbooks[0].steps[0].guidance',
      'guidance must be at most 5000 characters',
    ],
    [
      'snippet',
      {},
      { snippet: 'x'.repeat(5_001) },
      'playbooks[0].steps[0].snippet',
      'snippet must be at most 5000 characters',
    ],
  ])('refuses a %s over its cap, naming the path', (_label, playbook, stepExtra, path, message) => {
    const result = parsePlaybookFile(fileWith(playbook, stepExtra));
    expect(result.ok ? [] : result.errors).toEqual([{ path, message }]);
  });

  it('refuses an 11 MB file before parsing it, saying how to fix it', () => {
    const text = JSON.stringify(fileWith({ description: 'x'.repeat(11_000_000) }));
    const result = parsePlaybookFileText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).toMatch(/at most 2 million\. Split it into smaller files\.$/);
  });
});

describe('issue 14 Medium 7: Apply throws an uncaught storage quota error and the options page says nothing', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('shows what to do when the browser has no room for the playbooks, and keeps what was stored', async () => {
    vi.spyOn(teamPlaybooksItem, 'setValue').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const state: OptionsState = {
      loaded: true,
      team: [],
      policy: EMPTY_POLICY,
      settings: DEFAULT_SETTINGS,
      inForce: [],
    };
    render(<ImportPanel state={state} onExportAll={() => {}} />);
    const input = screen.getByTestId('playbook-import') as HTMLInputElement;
    const file = new File([JSON.stringify(fileWith({}))], 'big.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    fireEvent.click(await screen.findByTestId('import-apply'));
    const error = await screen.findByTestId('import-error');
    await waitFor(() => expect(error.textContent).toContain('no room left for Keel’s playbooks'));
    expect(error.textContent).toContain('nothing changed');
    expect(await teamPlaybooksItem.getValue()).toEqual([]);
  });
});
