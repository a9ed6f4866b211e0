import { describe, expect, it } from 'vitest';
import {
  initialSaveState,
  nextSaveState,
  type SaveEvent,
  type SaveState,
  saveButton,
  saveMessage,
} from '@/components/options/saveState';

const run = (start: SaveState, events: SaveEvent[]) => events.reduce(nextSaveState, start);
const stored = { valid: true, isNew: false };

describe('the editor’s Save', () => {
  it.each([
    ['a stored playbook nobody changed', initialSaveState(false), stored, 'Save', true],
    [
      'a stored playbook with a change',
      run(initialSaveState(false), [{ type: 'edit' }]),
      stored,
      'Save',
      false,
    ],
    [
      'a change that is not valid yet',
      run(initialSaveState(false), [{ type: 'edit' }]),
      { valid: false, isNew: false },
      'Save',
      true,
    ],
    [
      'a new playbook as it was created',
      initialSaveState(false),
      { valid: true, isNew: true },
      'Save',
      false,
    ],
    [
      'a save under way',
      run(initialSaveState(false), [{ type: 'edit' }, { type: 'save' }]),
      stored,
      'Saving…',
      true,
    ],
    [
      'a save that went through',
      run(initialSaveState(false), [{ type: 'edit' }, { type: 'save' }, { type: 'saved' }]),
      stored,
      'Saved',
      true,
    ],
    ['the editor reopened after a save', initialSaveState(true), stored, 'Saved', true],
    ['a change after saving', run(initialSaveState(true), [{ type: 'edit' }]), stored, 'Save', false],
    [
      'a refused save',
      run(initialSaveState(false), [
        { type: 'edit' },
        { type: 'save' },
        { type: 'failed', message: 'quota' },
      ]),
      stored,
      'Save',
      false,
    ],
  ] as const)('for %s says “%s” and is disabled: %s', (_case, state, draft, label, disabled) => {
    expect(saveButton(state, draft)).toEqual({ label, disabled });
  });

  it('says it saved until the next change', () => {
    const saved = run(initialSaveState(false), [{ type: 'edit' }, { type: 'save' }, { type: 'saved' }]);
    expect(saveMessage(saved)).toBe('Saved. Open tickets use it now.');
    expect(saveMessage(initialSaveState(true))).toBe('Saved. Open tickets use it now.');
    expect(saveMessage(nextSaveState(saved, { type: 'edit' }))).toBe('');
  });

  it('says why a save was refused', () => {
    const failed = run(initialSaveState(false), [
      { type: 'save' },
      { type: 'failed', message: 'storage is full' },
    ]);
    expect(saveMessage(failed)).toBe('Not saved: storage is full');
  });

  it('does not call a draft saved when it was edited while the save ran', () => {
    const state = run(initialSaveState(false), [
      { type: 'edit' },
      { type: 'save' },
      { type: 'edit' },
      { type: 'saved' },
    ]);
    expect(state.phase).toBe('changed');
    expect(saveButton(state, stored)).toEqual({ label: 'Save', disabled: false });
  });
});
