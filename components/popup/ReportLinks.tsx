import { browser } from 'wxt/browser';
import { REPORT_PATH, reportSearch } from '../report/report-url';
import type { Filters } from './filters';

/**
 * Links from the popup to the full report (in a tab, with the popup's filters in its URL) and to
 * the options page. Opened through the extension API: a popup's plain link would open inside it.
 */
export function ReportLinks({ filters }: { filters: Filters }) {
  const reportUrl = `${REPORT_PATH}${reportSearch(filters)}`;
  return (
    <nav class="links" aria-label="More">
      <a
        href={reportUrl}
        target="_blank"
        rel="noopener"
        data-testid="open-report"
        onClick={(event) => {
          event.preventDefault();
          void browser.tabs.create({ url: browser.runtime.getURL(reportUrl as '/report.html') });
        }}
      >
        Full report, print and team files
      </a>
      <a
        href="/options.html"
        target="_blank"
        rel="noopener"
        data-testid="open-options"
        onClick={(event) => {
          event.preventDefault();
          void browser.runtime.openOptionsPage();
        }}
      >
        Options
      </a>
    </nav>
  );
}
