import { render } from 'preact';
import { labelsFrom, type PlaybookLabels } from '../../components/popup/labels';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/popup/popup.css';
import { sendMessage } from '../../utils/messages';
import { loadPlaybooks } from '../../utils/settings';

const root = document.getElementById('app') as HTMLElement;

function show(labels: PlaybookLabels) {
  render(<PopupApp send={sendMessage} labels={labels} />, root);
}

// Show ids at once; names replace them when the playbooks are read.
show(labelsFrom([]));
loadPlaybooks()
  .then((playbooks) => show(labelsFrom(playbooks)))
  .catch((error: unknown) => console.warn('Keel: playbook names unavailable; showing ids', error));
