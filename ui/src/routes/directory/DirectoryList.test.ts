import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { DirectoryQuery } from '../../lib/bindings/DirectoryQuery';
import type { ProviderSummary } from '../../lib/bindings/ProviderSummary';
import { refused } from '../../test/backend';
import DirectoryList from './DirectoryList.svelte';
import { directoryList as listState } from './listState.svelte';
import { location, address, phone, provider, service, summary } from './testData';

vi.mock('../../lib/api');

const workforce = provider(
  'pr-1',
  'Workforce Alliance',
  [
    service('s-1', 'pr-1', 'Job readiness', ['employment', 'education_ged']),
    service('s-2', 'pr-1', 'GED classes', ['education_ged'], { status: 'temporarily_closed' }),
  ],
  {
    alternateName: 'WFA',
    phones: [phone('ph-1', '203-555-0100')],
    locations: [location('loc-1', 'Main office', [address('ad-1', '12 Main St')])],
  },
);
const newHope = provider('pr-2', 'New Hope Recovery', [service('s-3', 'pr-2', 'Outpatient treatment', ['substance_use'])]);
const oldShelter = provider('pr-3', 'Old Shelter', [service('s-4', 'pr-3', 'Beds', ['housing'])], { retired: true });

const ALL = [workforce, newHope, oldShelter].map(summary);

/** The backend's narrowing, as directory_list does it (src-tauri/domain/directory.rs: directory_matches). */
function answer(q: DirectoryQuery): ProviderSummary[] {
  const all = [workforce, newHope, oldShelter];
  return all
    .filter((p) => q.retired || !p.retired)
    .filter((p) => !q.text || `${p.name} ${p.alternateName ?? ''}`.toLowerCase().includes(q.text.toLowerCase()))
    .filter((p) =>
      p.services.some(
        (s) => !s.retired && (!q.category || s.categories.includes(q.category)) && (!q.status || s.status === q.status),
      ),
    )
    .map(summary);
}

beforeEach(() => {
  listState.reset();
  vi.mocked(api.directoryList).mockImplementation(async (q) => answer(q));
});

function props() {
  return { onopen: vi.fn(), onimport: vi.fn() };
}

/** The providers' names in the list, in order. */
function names(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .queryAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('.row-open')?.textContent ?? '');
}

describe('the Directory list', () => {
  it('shows each provider on a row: name and alternate name, needs, statuses, services, phone, address', async () => {
    render(DirectoryList, { props: props() });
    await waitFor(() => expect(names()).toEqual(['Workforce Alliance', 'New Hope Recovery']));
    expect(api.directoryList).toHaveBeenCalledWith({ text: '', category: null, status: null, retired: false });
    const table = screen.getByRole('table', { name: 'Service providers in the directory' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Provider', 'Needs met', 'Service status', 'Services', 'Phone', 'Address']);
    const row = within(table).getByRole('button', { name: 'Workforce Alliance' }).closest('tr') as HTMLElement;
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual([
      'Workforce Alliance also known as WFA',
      'Employment, Education / GED',
      'ActiveTemporarily closed',
      '2',
      '203-555-0100',
      'Main office — 12 Main St, New Haven',
    ]);
    expect(within(row).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Active', 'Temporarily closed']);
    expect(screen.getByText('2 providers').getAttribute('role')).toBe('status');
  });

  it('searches as you type, once the typing stops', async () => {
    const user = userEvent.setup();
    render(DirectoryList, { props: props() });
    await waitFor(() => expect(names()).toHaveLength(2));
    await user.type(screen.getByLabelText('Search the directory'), 'hope');
    await waitFor(() => expect(names()).toEqual(['New Hope Recovery']));
    expect(api.directoryList).toHaveBeenLastCalledWith({ text: 'hope', category: null, status: null, retired: false });
    // The first list, then one search for the four letters typed.
    expect(api.directoryList).toHaveBeenCalledTimes(2);

    await user.clear(screen.getByLabelText('Search the directory'));
    await user.type(screen.getByLabelText('Search the directory'), 'nobody');
    expect(await screen.findByText('No provider matches this search and these filters.')).toBeTruthy();
  });

  it('filters by the need met, by service status, and shows the retired ones when asked', async () => {
    const user = userEvent.setup();
    render(DirectoryList, { props: props() });
    await waitFor(() => expect(names()).toHaveLength(2));

    const need = screen.getByLabelText('Need met') as HTMLSelectElement;
    expect(need.options[0].textContent).toBe('Any');
    await user.selectOptions(need, 'Substance-use treatment');
    await waitFor(() => expect(names()).toEqual(['New Hope Recovery']));
    expect(api.directoryList).toHaveBeenLastCalledWith({ text: '', category: 'substance_use', status: null, retired: false });

    await user.selectOptions(need, 'Any');
    const status = screen.getByLabelText('Service status') as HTMLSelectElement;
    expect([...status.options].map((o) => o.textContent)).toEqual([
      'Any',
      'Active',
      'Inactive',
      'Defunct',
      'Temporarily closed',
    ]);
    await user.selectOptions(status, 'Temporarily closed');
    await waitFor(() => expect(names()).toEqual(['Workforce Alliance']));
    expect(api.directoryList).toHaveBeenLastCalledWith({
      text: '',
      category: null,
      status: 'temporarily_closed',
      retired: false,
    });

    await user.selectOptions(status, 'Any');
    await user.click(screen.getByLabelText('Show retired'));
    await waitFor(() => expect(names()).toEqual(['Workforce Alliance', 'New Hope Recovery', 'Old Shelter']));
    expect(api.directoryList).toHaveBeenLastCalledWith({ text: '', category: null, status: null, retired: true });
    // Retired is said in words, not by a colour.
    const retiredRow = screen.getByRole('button', { name: 'Old Shelter' }).closest('tr') as HTMLElement;
    expect(within(retiredRow).getByText('Retired')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(names()).toEqual(['Workforce Alliance', 'New Hope Recovery']));
  });

  it('opens a provider by a click on its name or Enter on its row', async () => {
    const user = userEvent.setup();
    const p = props();
    render(DirectoryList, { props: p });
    await user.click(await screen.findByRole('button', { name: 'New Hope Recovery' }));
    expect(p.onopen).toHaveBeenCalledWith('pr-2');

    const row = screen.getByRole('button', { name: 'Workforce Alliance' }).closest('tr') as HTMLElement;
    row.focus();
    await user.keyboard('{Enter}');
    expect(p.onopen).toHaveBeenLastCalledWith('pr-1');
  });

  it('exports the directory as the format chosen and says where it was saved', async () => {
    const user = userEvent.setup();
    vi.mocked(api.hsdsExport).mockResolvedValueOnce('/home/coordinator/directory.json');
    render(DirectoryList, { props: props() });
    const toggle = await screen.findByRole('button', { name: 'Export HSDS…' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('list', { name: 'Export the directory as' });
    expect(within(menu).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Tabular data package (.zip)…',
      'HSDS JSON (.json)…',
    ]);
    await user.click(within(menu).getByRole('button', { name: 'HSDS JSON (.json)…' }));
    expect(api.hsdsExport).toHaveBeenCalledWith('json');
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Saved to /home/coordinator/directory.json'),
    );
    expect(screen.queryByRole('list', { name: 'Export the directory as' })).toBeNull();

    // Cancelled: nothing is said; a refusal is.
    vi.mocked(api.hsdsExport).mockResolvedValueOnce(null);
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Tabular data package (.zip)…' }));
    await waitFor(() => expect(api.hsdsExport).toHaveBeenLastCalledWith('zip'));
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).not.toContain('Saved to /home/coordinator/directory.json'),
    );
    vi.mocked(api.hsdsExport).mockRejectedValueOnce(refused('io', 'The folder /media/usb is not there.'));
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Tabular data package (.zip)…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The folder /media/usb is not there.');
  });

  it('adds a new provider and opens its page; Import HSDS… goes to the import', async () => {
    const user = userEvent.setup();
    const p = props();
    vi.mocked(api.saveProvider).mockResolvedValueOnce(provider('pr-9', 'Elm City Legal Aid'));
    render(DirectoryList, { props: p });
    await user.click(await screen.findByRole('button', { name: 'New provider' }));
    await user.type(screen.getByLabelText('Name'), 'Elm City Legal Aid');
    await user.click(screen.getByRole('button', { name: 'Add provider' }));
    await waitFor(() => expect(p.onopen).toHaveBeenCalledWith('pr-9'));
    expect(api.saveProvider).toHaveBeenCalledWith(null, expect.objectContaining({ name: 'Elm City Legal Aid', phones: [] }));

    await user.click(screen.getByRole('button', { name: 'Import HSDS…' }));
    expect(p.onimport).toHaveBeenCalled();
  });

  it('says so when the directory is empty', async () => {
    vi.mocked(api.directoryList).mockResolvedValue(ALL.slice(0, 0));
    render(DirectoryList, { props: props() });
    expect(await screen.findByText(/No providers in the directory yet/)).toBeTruthy();
  });
});
