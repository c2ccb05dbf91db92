import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { HsdsPreview } from '../../lib/bindings/HsdsPreview';
import { refused } from '../../test/backend';
import HsdsImport from './HsdsImport.svelte';
import { hsdsPreview } from './testData';

vi.mock('../../lib/api');

const preview: HsdsPreview = hsdsPreview({
  counts: {
    newOrganizations: 2,
    changedOrganizations: 1,
    unchangedOrganizations: 3,
    newServices: 4,
    changedServices: 1,
    unchangedServices: 6,
  },
  organizations: [
    { kind: 'new', name: 'Elm City Legal Aid', organization: null, matchedBy: null, fields: [] },
    { kind: 'new', name: 'Fair Haven Clinic', organization: null, matchedBy: null, fields: [] },
    {
      kind: 'changed',
      name: 'Workforce Alliance',
      organization: null,
      matchedBy: 'name',
      fields: [
        { field: 'email', before: 'info@wfa.example.org', after: 'hello@wfa.example.org' },
        { field: 'website', before: '', after: 'https://wfa.example.org' },
      ],
    },
    { kind: 'unchanged', name: 'New Hope Recovery', organization: null, matchedBy: 'id', fields: [] },
  ],
  services: [
    { kind: 'new', name: 'Eviction defense', organization: 'Elm City Legal Aid', matchedBy: null, fields: [] },
    {
      kind: 'changed',
      name: 'Job readiness',
      organization: 'Workforce Alliance',
      matchedBy: 'id',
      fields: [{ field: 'status', before: 'active', after: 'temporarily closed' }],
    },
  ],
  problems: [
    { file: 'phones.csv', row: 14, column: 'number', message: 'The number is empty: the phone is left out.', blocking: false },
  ],
  notKept: ['funding.csv', 'accessibility.csv'],
  mappings: [
    { kind: 'term', key: 'BD-1800', label: 'Emergency shelter (BD-1800)', categories: ['housing'], origin: 'guessed', services: 3 },
    { kind: 'service_name', key: 'eviction defense', label: 'Eviction defense', categories: [], origin: 'none', services: 1 },
  ],
  unmappedServices: 1,
});

function props() {
  return { onclose: vi.fn() };
}

async function openPackage(p: HsdsPreview = preview) {
  const user = userEvent.setup();
  vi.mocked(api.hsdsOpen).mockResolvedValueOnce(p);
  const handlers = props();
  const view = render(HsdsImport, { props: handlers });
  await user.click(screen.getByRole('button', { name: 'Choose a package file (.zip or .json)…' }));
  await screen.findByText('Step 2 of 3: Preview');
  return { user, handlers, view };
}

/** The cells of the rows of a table, as text. */
function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('td, th')].map((c) => c.textContent?.trim() ?? ''));
}

describe('the HSDS import', () => {
  it('reads a package file or folder through the dialog, with a progress bar while it reads', async () => {
    const user = userEvent.setup();
    let done: (p: HsdsPreview | null) => void = () => {};
    vi.mocked(api.hsdsOpen).mockReturnValueOnce(new Promise((resolve) => (done = resolve)));
    render(HsdsImport, { props: props() });
    expect(screen.getByRole('heading', { level: 1, name: 'Import an HSDS package' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Choose a package folder…' }));
    expect(api.hsdsOpen).toHaveBeenCalledWith(true);
    expect(screen.getByRole('progressbar', { name: 'Reading the package…' })).toBeTruthy();
    // Cancelled in the dialog: still the first step, nothing said.
    done(null);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.getByText('Step 1 of 3: Package')).toBeTruthy();

    vi.mocked(api.hsdsOpen).mockRejectedValueOnce(refused('io', 'This is not an HSDS package: no organization.csv.'));
    await user.click(screen.getByRole('button', { name: 'Choose a package file (.zip or .json)…' }));
    expect(api.hsdsOpen).toHaveBeenLastCalledWith(false);
    expect((await screen.findByRole('alert')).textContent).toBe('This is not an HSDS package: no organization.csv.');
  });

  it('previews the package: what it is, the counts, the problems by file, row and column, and each change', async () => {
    await openPackage();
    expect(screen.getByText('elm-city-211.zip')).toBeTruthy();
    expect(screen.getByText('HSDS 3.0 data package')).toBeTruthy();
    expect(screen.getByText('3.0')).toBeTruthy();

    const counts = screen.getByRole('table', { name: /by what the import does to them/ });
    expect(within(counts).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Kind',
      'New',
      'Changed',
      'Unchanged',
    ]);
    expect(rows(counts)).toEqual([
      ['Organizations', '2', '1', '3'],
      ['Services', '4', '1', '6'],
    ]);

    const problems = screen.getByRole('table', { name: /by file, row and column/ });
    expect(within(problems).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'File',
      'Row',
      'Column',
      'Problem',
      'Effect',
    ]);
    expect(rows(problems)).toEqual([
      ['phones.csv', '14', 'number', 'The number is empty: the phone is left out.', 'Does not block'],
    ]);

    const orgs = screen.getByRole('region', { name: 'Organizations' });
    expect(within(orgs).getByRole('heading', { name: 'New (2)' })).toBeTruthy();
    expect(within(orgs).getByRole('heading', { name: 'Changed (1)' })).toBeTruthy();
    expect(within(orgs).getByText('email: info@wfa.example.org → hello@wfa.example.org')).toBeTruthy();
    expect(within(orgs).getByText('website: (empty) → https://wfa.example.org')).toBeTruthy();
    expect(within(orgs).getByText(/Matched by name/)).toBeTruthy();
    // The unchanged ones are folded away.
    const unchanged = within(orgs).getByText('Unchanged (1)').closest('details') as HTMLDetailsElement;
    expect(unchanged.open).toBe(false);
    expect(within(unchanged).getByText('New Hope Recovery')).toBeTruthy();

    const services = screen.getByRole('region', { name: 'Services' });
    expect(within(services).getByText('of Elm City Legal Aid')).toBeTruthy();
    expect(within(services).getByText('status: active → temporarily closed')).toBeTruthy();

    expect(screen.getByText('Not kept by the directory: funding.csv, accessibility.csv.')).toBeTruthy();
    expect(screen.getByText('1 service has no need mapped: it will be imported as Other.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says plainly that nothing can be imported while a problem blocks it, and disables Import', async () => {
    await openPackage(
      hsdsPreview({
        blocked: true,
        problems: [
          { file: 'service.csv', row: 3, column: 'organization_id', message: 'No organization has the id org-9.', blocking: true },
        ],
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain('Nothing can be imported until the package is fixed.');
    const problems = screen.getByRole('table', { name: /by file, row and column/ });
    expect(rows(problems)).toEqual([
      ['service.csv', '3', 'organization_id', 'No organization has the id org-9.', 'Blocks the import'],
    ]);
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends every mapping, as edited, to work out the preview again', async () => {
    const { user } = await openPackage();
    const table = screen.getByRole('table', { name: /the needs each one means/ });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Term or service',
      'Kind',
      'Services',
      'Where the mapping came from',
      'Needs',
    ]);
    const shelter = within(table).getByRole('rowheader', { name: 'Emergency shelter (BD-1800)' }).closest('tr') as HTMLElement;
    expect(shelter.textContent).toContain('Taxonomy term');
    expect(shelter.textContent).toContain('Suggested from the words');
    const eviction = within(table).getByRole('rowheader', { name: 'Eviction defense' }).closest('tr') as HTMLElement;
    expect(eviction.textContent).toContain('Service name');
    expect(eviction.textContent).toContain('Not mapped');

    const refreshed = hsdsPreview({
      ...preview,
      counts: { ...preview.counts, newServices: 5 },
      mappings: [preview.mappings[0], { ...preview.mappings[1], categories: ['legal'], origin: 'remembered' }],
      unmappedServices: 0,
    });
    vi.mocked(api.hsdsPreview).mockResolvedValueOnce(refreshed);
    const needs = within(eviction).getByRole('group', { name: 'Needs for Eviction defense' });
    await user.click(within(needs).getByLabelText('Legal'));
    expect(api.hsdsPreview).toHaveBeenCalledWith([
      { kind: 'term', key: 'BD-1800', categories: ['housing'] },
      { kind: 'service_name', key: 'eviction defense', categories: ['legal'] },
    ]);
    await waitFor(() => expect(screen.queryByText(/no need mapped/)).toBeNull());
    const counts = screen.getByRole('table', { name: /by what the import does to them/ });
    expect(rows(counts)[1]).toEqual(['Services', '5', '1', '6']);
    expect(within(screen.getByRole('table', { name: /the needs each one means/ })).getByText('Remembered for this source')).toBeTruthy();
  });

  it('imports with the mappings and says what it did, then goes to the Directory', async () => {
    const { user, handlers } = await openPackage();
    let done: (r: Awaited<ReturnType<typeof api.hsdsImport>>) => void = () => {};
    vi.mocked(api.hsdsImport).mockReturnValueOnce(new Promise((resolve) => (done = resolve)));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(api.hsdsImport).toHaveBeenCalledWith([
      { kind: 'term', key: 'BD-1800', categories: ['housing'] },
      { kind: 'service_name', key: 'eviction defense', categories: [] },
    ]);
    expect(screen.getByRole('progressbar', { name: 'Importing… nothing is saved until everything is written.' })).toBeTruthy();
    done({
      organizationsCreated: 2,
      organizationsUpdated: 1,
      servicesCreated: 4,
      servicesUpdated: 1,
      backupWarning: 'No backup could be made before this import (the folder is not there).',
    });
    expect(
      await screen.findByText('Imported: 2 organizations added and 1 updated; 4 services added and 1 updated.'),
    ).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('No backup could be made before this import (the folder is not there).');
    await user.click(screen.getByRole('button', { name: 'Go to the Directory' }));
    expect(handlers.onclose).toHaveBeenCalled();
  });

  it('shows a refusal of the import, and Cancel lets the package go', async () => {
    const { user, handlers, view } = await openPackage();
    vi.mocked(api.hsdsImport).mockRejectedValueOnce(refused('conflict', 'The package has problems that block the import.'));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The package has problems that block the import.');

    vi.mocked(api.hsdsClose).mockResolvedValueOnce(undefined);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(handlers.onclose).toHaveBeenCalled());
    expect(api.hsdsClose).toHaveBeenCalledTimes(1);
    // Leaving the screen afterwards does not tell the backend twice.
    view.unmount();
    expect(api.hsdsClose).toHaveBeenCalledTimes(1);
  });
});
