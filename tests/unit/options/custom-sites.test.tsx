import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CustomSites } from '../../../components/options/SitesSection';
import type { CustomSite } from '../../../utils/adapters/custom-site';
import { customSitesItem, siteFormDraftItem } from '../../../utils/config/storage-items';

// The options page's own helpdesks, with the browser's permission and scripting calls recorded:
// what the prompt answers is the one thing these tests choose (the e2e test cannot answer it).

const acme: CustomSite = {
  id: 'acme-desk',
  name: 'Acme Desk',
  urlPattern: 'https://support.acme.test/*',
  ticketId: {},
  selectors: { editor: '#reply' },
};

let calls: string[];
let granted: boolean;
const registered = new Set<string>();

beforeEach(() => {
  fakeBrowser.reset();
  calls = [];
  granted = false;
  registered.clear();
  const record =
    <T,>(name: string, answer: (arg: never) => T) =>
    async (arg: never) => {
      calls.push(name);
      return answer(arg);
    };
  (browser as unknown as { permissions: object }).permissions = {
    request: record('permissions.request', () => granted),
    contains: record('permissions.contains', () => granted),
    remove: record('permissions.remove', () => true),
  };
  (browser as unknown as { scripting: object }).scripting = {
    registerContentScripts: record('scripting.registerContentScripts', (scripts: { id: string }[]) => {
      for (const script of scripts) registered.add(script.id);
    }),
    unregisterContentScripts: record('scripting.unregisterContentScripts', ({ ids }: { ids: string[] }) => {
      for (const id of ids) registered.delete(id);
    }),
    getRegisteredContentScripts: record(
      'scripting.getRegisteredContentScripts',
      ({ ids }: { ids: string[] }) => ids.filter((id) => registered.has(id)).map((id) => ({ id })),
    ),
    executeScript: record('scripting.executeScript', () => []),
  };
  browser.tabs.query = vi.fn(record('tabs.query', () => [])) as never;
});
afterEach(cleanup);

function fillForm(site: { name: string; id: string; pattern: string; editor: string }): void {
  fireEvent.input(screen.getByLabelText('Name'), { target: { value: site.name } });
  fireEvent.input(screen.getByLabelText('Short id'), { target: { value: site.id } });
  fireEvent.input(screen.getByLabelText('Ticket pages'), { target: { value: site.pattern } });
  fireEvent.input(screen.getByLabelText('Reply box (required)'), { target: { value: site.editor } });
}

describe('custom sites on the options page', () => {
  it('saves a site whose permission is refused, but off: nothing registered, and says so', async () => {
    render(<CustomSites />);
    fillForm({
      name: 'Acme Desk',
      id: 'acme-desk',
      pattern: 'https://support.acme.test/*',
      editor: '#reply',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));

    await screen.findByText(/Keel was not allowed to read https:\/\/support\.acme\.test\/\*/);
    expect(calls[0]).toBe('permissions.request');
    expect(calls).not.toContain('scripting.registerContentScripts');
    expect(await customSitesItem.getValue()).toEqual([acme]);
    await waitFor(() =>
      expect(document.querySelector('[data-site-id=acme-desk]')?.getAttribute('data-state')).toBe('off'),
    );
    expect(screen.getByRole('button', { name: 'Turn on' })).toBeTruthy();
  });

  it('turns a saved site on once the browser allows it', async () => {
    await customSitesItem.setValue([acme]);
    render(<CustomSites />);
    const turnOn = await screen.findByRole('button', { name: 'Turn on' });
    granted = true;
    calls = [];
    fireEvent.click(turnOn);

    await waitFor(() =>
      expect(document.querySelector('[data-site-id=acme-desk]')?.getAttribute('data-state')).toBe('on'),
    );
    expect(calls[0]).toBe('permissions.request');
    expect([...registered]).toEqual(['keel-custom-acme-desk']);
  });

  it('asks for the permission before anything else when testing, and touches no tab when refused', async () => {
    render(<CustomSites />);
    fireEvent.input(screen.getByLabelText('Ticket pages'), {
      target: { value: 'https://support.acme.test/*' },
    });
    // No editor yet: a test does not need one, saving does.
    fireEvent.click(screen.getByRole('button', { name: 'Test on the open tab' }));

    const message = await screen.findByTestId('probe-message');
    expect(message.getAttribute('data-kind')).toBe('refused');
    expect(calls).toEqual(['permissions.request']);
  });

  it('says to open a ticket when no tab of the site is open', async () => {
    granted = true;
    render(<CustomSites />);
    fireEvent.input(screen.getByLabelText('Ticket pages'), {
      target: { value: 'https://support.acme.test/*' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test on the open tab' }));

    const message = await screen.findByTestId('probe-message');
    expect(message.textContent).toContain('Open a ticket of that site in a tab, then test again.');
    expect(calls).toEqual(['permissions.request', 'tabs.query']);
  });

  it('keeps the host permission while another saved site is on the same host', async () => {
    granted = true;
    const other = {
      ...acme,
      id: 'acme-billing',
      name: 'Acme Billing',
      urlPattern: 'https://support.acme.test/billing/*',
    };
    await customSitesItem.setValue([acme, other]);
    render(<CustomSites />);
    const row = await screen.findByText('Acme Desk');
    calls = [];
    fireEvent.click(row.parentElement?.querySelector('button.danger') as HTMLButtonElement);

    await waitFor(async () => expect(await customSitesItem.getValue()).toEqual([other]));
    expect(calls).not.toContain('permissions.remove');
  });
});

describe('the Sites form as a new user meets it (issue 15)', () => {
  const fieldError = (label: string) => {
    const field = screen.getByLabelText(label).closest('.field');
    return field?.querySelector('[data-testid=field-error]')?.textContent ?? null;
  };

  it('shows examples as placeholders, never as values to delete', () => {
    render(<CustomSites />);
    const pattern = screen.getByLabelText('Ticket pages') as HTMLInputElement;
    expect(pattern.value).toBe('');
    expect(pattern.placeholder).toMatch(/^https?:\/\/.+\*$/);
    for (const label of ['Reply box (required)', 'Send button', 'Agent name', 'The reply appears in']) {
      const input = screen.getByLabelText(label) as HTMLInputElement;
      expect(input.value, label).toBe('');
      expect(input.placeholder, label).not.toBe('');
    }
  });

  it('names every problem at once, beside its field, in the form’s words (regression: "selectors.editor: Invalid key")', async () => {
    render(<CustomSites />);
    fireEvent.input(screen.getByLabelText('Ticket pages'), { target: { value: 'helpdesk.corp' } });
    fireEvent.input(screen.getByLabelText('Send button'), { target: { value: 'button:has(' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await screen.findByTestId('custom-site-error');
    expect(fieldError('Name')).toMatch(/Give the site a name/);
    expect(fieldError('Ticket pages')).toMatch(/with \* for the part that changes/);
    expect(fieldError('Reply box (required)')).toMatch(/where the reply box is/);
    expect(fieldError('Send button')).toMatch(/does not accept this as a CSS selector/);
    expect(document.body.textContent).not.toMatch(/selectors\.|Invalid key|urlPattern/);
    expect(calls).not.toContain('permissions.request');
  });

  it('makes the short id from the name when left empty', async () => {
    render(<CustomSites />);
    fillForm({ name: 'Corp Helpdesk', id: '', pattern: 'http://helpdesk.corp/*', editor: '#reply' });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(async () => expect((await customSitesItem.getValue())[0]?.id).toBe('corp-helpdesk'));
  });

  it('keeps a half-filled form across a reload, and forgets it once the site is added', async () => {
    const first = render(<CustomSites />);
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Corp desk' } });
    fireEvent.input(screen.getByLabelText('Reply box (required)'), { target: { value: '#reply' } });
    await waitFor(async () => expect(await siteFormDraftItem.getValue()).not.toBeNull(), { timeout: 2000 });
    first.unmount();
    render(<CustomSites />);
    await waitFor(() => expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Corp desk'));
    expect((screen.getByLabelText('Reply box (required)') as HTMLInputElement).value).toBe('#reply');
    fireEvent.input(screen.getByLabelText('Ticket pages'), { target: { value: 'http://helpdesk.corp/*' } });
    granted = true;
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(async () => expect(await siteFormDraftItem.getValue()).toBeNull());
  });

  it('edits a saved site in place: its fields come back, the id stays, the change is saved', async () => {
    granted = true;
    await customSitesItem.setValue([acme]);
    render(<CustomSites />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    expect((screen.getByLabelText('Reply box (required)') as HTMLInputElement).value).toBe('#reply');
    expect((screen.getByLabelText('Short id') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.input(screen.getByLabelText('Agent name'), { target: { value: '.signed-in-as' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(async () =>
      expect(await customSitesItem.getValue()).toEqual([
        { ...acme, selectors: { editor: '#reply', agent: '.signed-in-as' } },
      ]),
    );
  });

  it('warns before adding a site whose reply box selector matched nothing on the open tab, and adds it on "Add anyway"', async () => {
    granted = true;
    browser.tabs.query = vi.fn(async () => [
      { id: 4, url: 'http://helpdesk.corp/tickets/12', title: 'Ticket 12' },
    ]) as never;
    (browser.scripting as unknown as { executeScript: unknown }).executeScript = vi.fn(
      async (options: { files?: string[] }) =>
        options.files
          ? [
              {
                result: [
                  { key: 'ticketId', count: 1, sample: '12' },
                  { key: 'editor', count: 0, sample: '' },
                ],
              },
            ]
          : [],
    );
    render(<CustomSites />);
    fillForm({ name: 'Corp', id: 'corp', pattern: 'http://helpdesk.corp/*', editor: '#reply-box' });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    const warning = await screen.findByTestId('add-warning');
    expect(warning.textContent).toContain('the reply box selector found nothing on the open tab (Ticket 12)');
    expect(await customSitesItem.getValue()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add anyway' }));
    await waitFor(async () => expect((await customSitesItem.getValue()).map((s) => s.id)).toEqual(['corp']));
  });

  it('explains the wait while the browser’s permission prompt is open', async () => {
    let answer: (value: boolean) => void = () => {};
    (browser.permissions as unknown as { request: unknown }).request = () =>
      new Promise<boolean>((resolve) => {
        answer = resolve;
      });
    render(<CustomSites />);
    fireEvent.input(screen.getByLabelText('Ticket pages'), { target: { value: 'http://helpdesk.corp/*' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test on the open tab' }));
    const wait = await screen.findByTestId('permission-wait');
    expect(wait.textContent).toContain(
      'Your browser is asking whether Keel may read pages at http://helpdesk.corp/*',
    );
    answer(false);
    await waitFor(() => expect(screen.queryByTestId('permission-wait')).toBeNull());
  });

  it('offers presets: Request Tracker needs no selectors, osTicket fills them in to test', async () => {
    granted = true;
    render(<CustomSites />);
    const start = screen.getByLabelText('Start from') as HTMLSelectElement;
    fireEvent.change(start, { target: { value: 'osticket' } });
    expect((screen.getByLabelText('Reply box (required)') as HTMLInputElement).value).toContain('#reply');
    expect((screen.getByLabelText('Private notes are marked by') as HTMLSelectElement).value).toBe('tab');
    fireEvent.change(start, { target: { value: 'rt' } });
    expect(screen.queryByLabelText('Reply box (required)')).toBeNull();
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Corp RT' } });
    fireEvent.input(screen.getByLabelText('Ticket pages'), { target: { value: 'http://rt.corp/*' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(async () =>
      expect(await customSitesItem.getValue()).toEqual([
        expect.objectContaining({ id: 'corp-rt', software: 'rt', selectors: {} }),
      ]),
    );
  });

  it('saves how a send is confirmed and how a private note is marked', async () => {
    granted = true;
    render(<CustomSites />);
    fillForm({ name: 'Corp', id: 'corp', pattern: 'http://helpdesk.corp/*', editor: '#reply' });
    fireEvent.input(screen.getByLabelText('The reply appears in'), { target: { value: '.thread' } });
    fireEvent.input(screen.getByLabelText('Or the page goes to'), { target: { value: '*/tickets/*' } });
    fireEvent.change(screen.getByLabelText('Private notes are marked by'), { target: { value: 'checkbox' } });
    fireEvent.input(screen.getByLabelText('Private note control'), { target: { value: '#private' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(async () =>
      expect((await customSitesItem.getValue())[0]).toMatchObject({
        sentWhen: { replyIn: '.thread', urlMatches: '*/tickets/*' },
        note: { kind: 'checkbox', selector: '#private' },
      }),
    );
  });
});
