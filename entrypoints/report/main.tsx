import { render } from 'preact';
import { labelsFrom, type PlaybookLabels } from '../../components/popup/labels';
import '../../components/popup/popup.css';
import { ReportApp } from '../../components/report/ReportApp';
import '../../components/report/report.css';
import { filtersFromSearch, reportSearch } from '../../components/report/report-url';
import { loadPlaybooks, mergePlaybookSources } from '../../utils/config/in-force';
import { sendMessage } from '../../utils/messages';

const root = document.getElementById('app') as HTMLElement;
const { filters, dropped } = filtersFromSearch(location.search);
if (dropped.length > 0)
  console.warn(`Keel: the report's URL had unusable ${dropped.join(', ')}; showing all`);

function show(labels: PlaybookLabels) {
  render(
    <ReportApp
      send={sendMessage}
      labels={labels}
      initialFilters={filters}
      // The URL follows the filters, so a reload, a bookmark or a shared link shows the same report.
      onFiltersChange={(next) => history.replaceState(null, '', reportSearch(next))}
    />,
    root,
  );
}

// Built-in names at once, then the playbooks in force (the administrator's can take seconds).
show(labelsFrom(mergePlaybookSources([], []).map((entry) => entry.playbook)));
loadPlaybooks()
  .then((playbooks) => show(labelsFrom(playbooks)))
  .catch((error: unknown) => console.warn('Keel: playbook names unavailable; showing built-in names', error));
