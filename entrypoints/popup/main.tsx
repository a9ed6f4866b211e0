import { render } from 'preact';
import { labelsFrom, type PlaybookLabels } from '../../components/popup/labels';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/popup/popup.css';
import { loadPlaybooks, mergePlaybookSources } from '../../utils/config/in-force';
import { teamPlaybooksItem } from '../../utils/config/storage-items';
import { sendMessage } from '../../utils/messages';
import { browserTeamSummarySource } from '../../utils/team/summary';

const root = document.getElementById('app') as HTMLElement;
const team = browserTeamSummarySource();

function show(labels: PlaybookLabels) {
  render(<PopupApp send={sendMessage} labels={labels} team={team} />, root);
}

// Names at once from the built-in library, then with the team's playbooks (local storage, fast),
// then with the administrator's: Chrome's first storage.managed read of a session can take
// seconds, and the popup is open for a few, so ids must not stand in that long.
let allRead = false;
show(labelsFrom(mergePlaybookSources([], []).map((entry) => entry.playbook)));
teamPlaybooksItem
  .getValue()
  .then((team) => {
    if (!allRead) show(labelsFrom(mergePlaybookSources([], team).map((entry) => entry.playbook)));
  })
  .catch((error: unknown) => console.warn('Keel: team playbook names unavailable', error));
loadPlaybooks()
  .then((playbooks) => {
    allRead = true;
    show(labelsFrom(playbooks));
  })
  .catch((error: unknown) => console.warn('Keel: playbook names unavailable; showing built-in names', error));
