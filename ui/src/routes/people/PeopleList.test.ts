import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Page } from '../../lib/bindings/Page';
import type { PeopleQuery } from '../../lib/bindings/PeopleQuery';
import type { PersonRow } from '../../lib/bindings/PersonRow';
import { peopleList } from './listState.svelte';
import PeopleList from './PeopleList.svelte';

vi.mock('../../lib/api');

function person(id: string, lastName: string, firstName: string, extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    firstName,
    lastName,
    aliases: [],
    dateOfBirth: null,
    status: 'active',
    supervisionType: 'parole',
    agency: 'State Board of Parole',
    officerName: 'T. Nguyen',
    supervisionEnd: '2027-01-15',
    groups: [],
    ...extra,
  };
}

/** search_people answers held until the test releases them, by search text. */
function heldSearches() {
  const waiting = new Map<string, (page: Page<PersonRow>) => void>();
  vi.mocked(api.searchPeople).mockImplementation(
    (q: PeopleQuery) =>
      new Promise((resolve) => {
        waiting.set(`${q.search ?? ''}|${q.after ?? ''}`, resolve);
      }),
  );
  return async (search: string, page: Page<PersonRow>, after = '') => {
    const key = `${search}|${after}`;
    await waitFor(() => expect(waiting.has(key)).toBe(true));
    waiting.get(key)?.(page);
    waiting.delete(key);
  };
}

beforeEach(() => {
  peopleList.search = '';
  peopleList.clearFilters();
  peopleList.sort = 'name';
  peopleList.descending = false;
  peopleList.lastOpened = null;
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({
    agencies: ['State Board of Parole'],
    officers: ['T. Nguyen'],
    groups: [{ id: 'g-1', name: 'Riverside Kings' }],
  });
});

describe('people list', () => {
  it('shows a page with its count, then the next page on Load more', async () => {
    const user = userEvent.setup();
    const answer = heldSearches();
    render(PeopleList, { props: { onopen: vi.fn(), onnew: vi.fn() } });

    await answer('', {
      rows: [person('1', 'Núñez', 'María', { aliases: ['Mari', 'La Flaca'], groups: ['Riverside Kings'] })],
      total: 12345,
      nextCursor: 'c1',
    });
    expect(await screen.findByRole('button', { name: 'Núñez, María' })).toBeTruthy();
    expect(screen.getByText('Mari, La Flaca')).toBeTruthy();
    expect(screen.getByText('1–1 of 12,345')).toBeTruthy();
    for (const label of ['Search people', 'Supervision type', 'Agency', 'Officer', 'Group', 'Status']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect((screen.getByLabelText('Status') as HTMLSelectElement).selectedOptions[0].textContent).toBe('Not archived');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await answer('', { rows: [person('2', "O'Brien", 'Kevin')], total: 12345, nextCursor: null }, 'c1');
    expect(await screen.findByRole('button', { name: "O'Brien, Kevin" })).toBeTruthy();
    expect(screen.getByText('1–2 of 12,345')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('searches as you type and drops answers that come back late', async () => {
    const user = userEvent.setup();
    const answer = heldSearches();
    render(PeopleList, { props: { onopen: vi.fn(), onnew: vi.fn() } });
    await answer('', { rows: [], total: 0, nextCursor: null });
    expect(await screen.findByText('No one is in the registry yet.')).toBeTruthy();

    const search = screen.getByLabelText('Search people');
    await user.type(search, 'o');
    await waitFor(() => expect(api.searchPeople).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'o' })));
    await user.type(search, 'b');
    // The newer search answers first; the older one's late answer is ignored.
    await answer('ob', { rows: [person('2', "O'Brien", 'Kevin')], total: 1, nextCursor: null });
    await answer('o', { rows: [person('3', 'Ortiz', 'Ana')], total: 1, nextCursor: null });
    expect(await screen.findByRole('button', { name: "O'Brien, Kevin" })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('button', { name: 'Ortiz, Ana' })).toBeNull();

    await user.clear(search);
    await user.type(search, 'zz');
    await answer('zz', { rows: [], total: 0, nextCursor: null });
    expect(await screen.findByText('No one matches this search and these filters.')).toBeTruthy();
  });

  it('sorts by the column headers and opens a person from their row', async () => {
    const user = userEvent.setup();
    const onopen = vi.fn();
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [person('1', 'Núñez', 'María'), person('2', "O'Brien", 'Kevin')],
      total: 2,
      nextCursor: null,
    });
    render(PeopleList, { props: { onopen, onnew: vi.fn() } });
    await screen.findByRole('button', { name: 'Núñez, María' });

    const nameHeader = screen.getByRole('columnheader', { name: /Name/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(nameHeader).getByRole('button'));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');
    await waitFor(() =>
      expect(api.searchPeople).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'name', descending: true })),
    );

    const endsHeader = screen.getByRole('columnheader', { name: /Ends/ });
    await user.click(within(endsHeader).getByRole('button'));
    expect(endsHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(nameHeader.getAttribute('aria-sort')).toBeNull();
    await waitFor(() =>
      expect(api.searchPeople).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'supervision_end', descending: false }),
      ),
    );

    await user.selectOptions(screen.getByLabelText('Status'), 'Archived');
    await waitFor(() => expect(api.searchPeople).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'archived' })));

    const row = screen.getByRole('button', { name: "O'Brien, Kevin" }).closest('tr') as HTMLElement;
    row.focus();
    await user.keyboard('{Enter}');
    expect(onopen).toHaveBeenCalledWith('2');
    await user.click(screen.getByRole('button', { name: 'Núñez, María' }));
    expect(onopen).toHaveBeenLastCalledWith('1');
  });

  it('loads more of the rows on screen while a newer search is on its way, and the list is not left busy', async () => {
    const user = userEvent.setup();
    const answer = heldSearches();
    render(PeopleList, { props: { onopen: vi.fn(), onnew: vi.fn() } });
    await answer('', { rows: [person('1', 'Núñez', 'María')], total: 3, nextCursor: 'c1' });
    await screen.findByRole('button', { name: 'Núñez, María' });
    const region = screen.getByRole('table').closest('[aria-busy]') as HTMLElement;

    await user.type(screen.getByLabelText('Search people'), 'o');
    await waitFor(() => expect(api.searchPeople).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'o' })));
    expect(region.getAttribute('aria-busy')).toBe('true');

    // Load more continues the rows shown (no search), not what has been typed since.
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(api.searchPeople).toHaveBeenLastCalledWith(expect.objectContaining({ search: undefined, after: 'c1' }));
    await answer('', { rows: [person('2', "O'Brien", 'Kevin')], total: 3, nextCursor: 'c2' }, 'c1');
    expect(await screen.findByRole('button', { name: "O'Brien, Kevin" })).toBeTruthy();
    expect(screen.getByText('1–2 of 3')).toBeTruthy();

    // The search still answers, and the list stops being busy.
    await answer('o', { rows: [person('3', 'Ortiz', 'Ana')], total: 1, nextCursor: null });
    expect(await screen.findByRole('button', { name: 'Ortiz, Ana' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Núñez, María' })).toBeNull();
    expect(region.getAttribute('aria-busy')).toBe('false');
  });

  it('drops a Load more that answers after a newer search replaced the rows', async () => {
    const user = userEvent.setup();
    const answer = heldSearches();
    render(PeopleList, { props: { onopen: vi.fn(), onnew: vi.fn() } });
    await answer('', { rows: [person('1', 'Núñez', 'María')], total: 3, nextCursor: 'c1' });
    await screen.findByRole('button', { name: 'Núñez, María' });
    const region = screen.getByRole('table').closest('[aria-busy]') as HTMLElement;

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await user.type(screen.getByLabelText('Search people'), 'o');
    await answer('o', { rows: [person('3', 'Ortiz', 'Ana')], total: 1, nextCursor: null });
    expect(await screen.findByRole('button', { name: 'Ortiz, Ana' })).toBeTruthy();
    await answer('', { rows: [person('2', "O'Brien", 'Kevin')], total: 3, nextCursor: 'c2' }, 'c1');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('button', { name: "O'Brien, Kevin" })).toBeNull();
    expect(screen.getByText('1–1 of 1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(region.getAttribute('aria-busy')).toBe('false');
  });

  it('says when the filter choices could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    vi.mocked(api.peopleFilterOptions).mockRejectedValueOnce({ code: 'io', message: 'The disk is busy.', fields: [] });
    vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
    render(PeopleList, { props: { onopen: vi.fn(), onnew: vi.fn() } });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The agencies, officers and groups to filter by could not be loaded. The disk is busy.');
    expect((screen.getByLabelText('Agency') as HTMLSelectElement).options).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(api.peopleFilterOptions).toHaveBeenCalledTimes(2);
    const agency = screen.getByLabelText('Agency') as HTMLSelectElement;
    expect([...agency.options].map((o) => o.textContent)).toEqual(['Any', 'State Board of Parole']);
    expect(document.activeElement).toBe(agency);
  });
});
