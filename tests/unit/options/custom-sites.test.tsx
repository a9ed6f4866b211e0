import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CustomSites } from '../../../components/options/SitesSection';
import type { CustomSite } from '../../../utils/adapters/custom-site';
import { customSitesItem } from '../../../utils/settings';

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
  fireEvent.input(screen.getByLabelText('Id'), { target: { value: site.id } });
  fireEvent.input(screen.getByLabelText('Pages (match pattern)'), { target: { value: site.pattern } });
  fireEvent.input(screen.getByLabelText('Reply editor (required) selector'), {
    target: { value: site.editor },
  });
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
    fireEvent.input(screen.getByLabelText('Pages (match pattern)'), {
      target: { value: 'https://support.acme.test/*' },
    });
    // No editor yet: a test does not need one, saving does.
    expect((screen.getByRole('button', { name: 'Add site' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Test on the open tab' }));

    const message = await screen.findByTestId('probe-message');
    expect(message.getAttribute('data-kind')).toBe('refused');
    expect(calls).toEqual(['permissions.request']);
  });

  it('says to open a ticket when no tab of the site is open', async () => {
    granted = true;
    render(<CustomSites />);
    fireEvent.input(screen.getByLabelText('Pages (match pattern)'), {
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
