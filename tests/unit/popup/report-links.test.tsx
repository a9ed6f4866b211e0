import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Filters } from '../../../components/popup/filters';
import { ReportLinks } from '../../../components/popup/ReportLinks';
import { filtersFromSearch } from '../../../components/report/report-url';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('popup links', () => {
  it('opens the report in a tab with the popup’s filters in its URL', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const filters: Filters = {
      period: '90d',
      from: '',
      to: '',
      agent: 'Łukasz Żółć',
      playbookId: 'refund',
      helpdesk: 'zendesk',
    };
    render(<ReportLinks filters={filters} />);
    fireEvent.click(screen.getByTestId('open-report'));
    expect(create).toHaveBeenCalledTimes(1);
    const url = new URL(create.mock.calls[0]?.[0].url ?? '');
    expect(url.pathname).toBe('/report.html');
    expect(filtersFromSearch(url.search)).toEqual({ filters, dropped: [] });
  });

  it('opens the options page', () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    render(
      <ReportLinks filters={{ period: '30d', from: '', to: '', agent: '', playbookId: '', helpdesk: '' }} />,
    );
    fireEvent.click(screen.getByTestId('open-options'));
    expect(open).toHaveBeenCalledTimes(1);
  });
});
