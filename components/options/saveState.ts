/**
 * Where the editor's Save stands. `unchanged`: nothing edited since the editor opened; `changed`:
 * edits not saved yet; `saving`; `saved`: the draft as shown is what is stored; `failed`: the last
 * save was refused (the message says why).
 */
export type SaveState =
  | { phase: 'unchanged' | 'changed' | 'saving' | 'saved' }
  | { phase: 'failed'; message: string };

export type SaveEvent =
  | { type: 'edit' }
  | { type: 'save' }
  | { type: 'saved' }
  | { type: 'failed'; message: string };

/** The state an editor opens in: `saved` right after a save (the editor reloads with what was stored). */
export function initialSaveState(justSaved: boolean): SaveState {
  return { phase: justSaved ? 'saved' : 'unchanged' };
}

export function nextSaveState(state: SaveState, event: SaveEvent): SaveState {
  switch (event.type) {
    case 'edit':
      return { phase: 'changed' };
    case 'save':
      return { phase: 'saving' };
    // An edit made while saving keeps the draft `changed`: what is stored is not what is shown.
    case 'saved':
      return state.phase === 'saving' ? { phase: 'saved' } : state;
    case 'failed':
      return state.phase === 'saving' ? { phase: 'failed', message: event.message } : state;
  }
}

/**
 * What the Save button says and whether it can be pressed. A new playbook can be saved as it is;
 * a stored one only once something changed, and never while invalid or saving.
 */
export function saveButton(
  state: SaveState,
  draft: { valid: boolean; isNew: boolean },
): { label: string; disabled: boolean } {
  const label = state.phase === 'saving' ? 'Saving…' : state.phase === 'saved' ? 'Saved' : 'Save';
  const nothingToSave = state.phase === 'saved' || (state.phase === 'unchanged' && !draft.isNew);
  return { label, disabled: !draft.valid || state.phase === 'saving' || nothingToSave };
}

/** The sentence the editor's status line gives for a save, or '' when there is nothing to say. */
export function saveMessage(state: SaveState): string {
  if (state.phase === 'saved') return 'Saved. Open tickets use it now.';
  if (state.phase === 'failed') return `Not saved: ${state.message}`;
  return '';
}
