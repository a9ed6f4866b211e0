import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import { teamPlaybooksItem } from '@/utils/config/storage-items';

// The playbook editor as a first-time lead meets it: ids made from names, and a Save that says
// it saved even though the editor reopens with what was stored.

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

async function openNewPlaybook(): Promise<HTMLElement> {
  render(<OptionsApp />);
  fireEvent.click(await screen.findByTestId('new-playbook'));
  return screen.getByTestId('playbook-editor');
}

const type = (field: HTMLElement, value: string) => fireEvent.input(field, { target: { value } });
const saveButton = () => screen.getByTestId('save-playbook') as HTMLButtonElement;

describe('the playbook editor', () => {
  it('makes a new playbook’s id from its name until the author types an id', async () => {
    const editor = await openNewPlaybook();
    type(within(editor).getByLabelText('Name'), 'Refund for damaged goods');
    expect(editor.dataset.playbookId).toBe('refund-for-damaged-goods');
    expect(editor.textContent).toContain('Its id will be “refund-for-damaged-goods”');

    type(within(editor).getByLabelText('Id'), 'damaged-refund');
    type(within(editor).getByLabelText('Name'), 'Refund for broken goods');
    expect(editor.dataset.playbookId).toBe('damaged-refund');
  });

  it('makes a new step’s id from its title until the author types one', async () => {
    const editor = await openNewPlaybook();
    fireEvent.click(within(editor).getByTestId('add-step'));
    const added = () => within(editor).getAllByTestId('editor-step').at(-1) as HTMLElement;
    type(within(added()).getByLabelText('Title'), 'Offer a discount code');
    expect(added().dataset.stepId).toBe('offer-a-discount-code');

    type(within(added()).getByLabelText('Step id'), 'offer-code');
    type(within(added()).getByLabelText('Title'), 'Offer a voucher');
    expect(added().dataset.stepId).toBe('offer-code');
    // The template's first step was not added by the author: its id stays.
    type(within(editor).getAllByLabelText('Title')[0] as HTMLElement, 'Say hello by name');
    expect(within(editor).getAllByTestId('editor-step')[0]?.dataset.stepId).toBe('greet');
  });

  it('says “Saved” after saving, also once the editor has reopened, and offers Save again after a change', async () => {
    const editor = await openNewPlaybook();
    type(within(editor).getByLabelText('Name'), 'Refund for damaged goods');
    fireEvent.click(saveButton());

    await waitFor(() =>
      expect(screen.getByTestId('playbook-editor').textContent).toContain('Your team’s playbook'),
    );
    await waitFor(() => expect(saveButton().textContent).toBe('Saved'));
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('save-status').textContent).toBe('Saved. Open tickets use it now.');
    expect((await teamPlaybooksItem.getValue()).map((p) => p.id)).toEqual(['refund-for-damaged-goods']);
    // The keyboard stays in the reopened editor, and a status outside it tells screen readers.
    expect(document.activeElement?.textContent).toBe('Refund for damaged goods');
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain(
      'Saved “Refund for damaged goods”.',
    );

    type(within(screen.getByTestId('playbook-editor')).getByLabelText('Description'), 'For damaged parcels');
    expect(saveButton().textContent).toBe('Save');
    expect(saveButton().disabled).toBe(false);
    expect(screen.getByTestId('save-status').textContent).toBe('');
  });

  it('keeps Save disabled on a stored playbook until something changes', async () => {
    render(<OptionsApp />);
    const editor = await screen.findByTestId('playbook-editor');
    expect(saveButton().disabled).toBe(true);
    type(within(editor).getByLabelText('Description'), 'Money back');
    expect(saveButton().disabled).toBe(false);
  });
});
