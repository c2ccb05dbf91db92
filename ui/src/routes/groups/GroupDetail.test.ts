import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Group } from '../../lib/bindings/Group';
import GroupDetail from './GroupDetail.svelte';

vi.mock('../../lib/api');

const willow: Group = {
  id: 'g-1',
  name: 'Willow Court',
  area: 'Southside',
  notes: null,
  members: [],
  links: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

beforeEach(() => {
  vi.mocked(api.getGroup).mockResolvedValue(willow);
  vi.mocked(api.listGroups).mockResolvedValue([
    { id: 'g-1', name: 'Willow Court', area: 'Southside', memberCount: 0, feudCount: 0, allianceCount: 0 },
    { id: 'g-2', name: 'Riverside Kings', area: 'Riverside', memberCount: 26, feudCount: 2, allianceCount: 0 },
  ]);
});

function props() {
  return { id: 'g-1', onback: vi.fn(), onopengroup: vi.fn(), onopenperson: vi.fn() };
}

describe('group detail', () => {
  it('finds a person as you type and adds them with a role', async () => {
    const user = userEvent.setup();
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [
        {
          id: 'p-7',
          firstName: 'Tyrone',
          lastName: 'Kowalski-Rodríguez',
          aliases: [],
          dateOfBirth: '1992-09-26',
          status: 'active',
          supervisionType: null,
          agency: null,
          officerName: null,
          supervisionEnd: null,
          groups: [],
        },
      ],
      total: 1,
      nextCursor: null,
    });
    vi.mocked(api.addGroupMember).mockResolvedValue({
      ...willow,
      members: [{ personId: 'p-7', firstName: 'Tyrone', lastName: 'Kowalski-Rodríguez', role: 'associate', archived: false }],
    });
    render(GroupDetail, { props: props() });
    expect(await screen.findByRole('heading', { name: 'Willow Court', level: 1 })).toBeTruthy();
    expect(screen.getByText('No members.')).toBeTruthy();

    await user.type(screen.getByLabelText('Find person'), 'rodr');
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(api.searchPeople).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'rodr' }));
    await user.click(within(results).getByRole('button', { name: 'Kowalski-Rodríguez, Tyrone' }));
    expect(screen.getByText('Selected: Tyrone Kowalski-Rodríguez')).toBeTruthy();
    await user.type(screen.getByLabelText('Role'), 'associate');
    await user.click(screen.getByRole('button', { name: 'Add member' }));

    expect(api.addGroupMember).toHaveBeenCalledWith('g-1', 'p-7', 'associate');
    const members = await screen.findByRole('table');
    expect(within(members).getByRole('button', { name: 'Kowalski-Rodríguez, Tyrone' })).toBeTruthy();
    expect(within(members).getByText('associate')).toBeTruthy();
    expect(screen.getByText('Added Tyrone Kowalski-Rodríguez.')).toBeTruthy();
  });

  it('shows the backend’s refusal when adding a member', async () => {
    const user = userEvent.setup();
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [
        {
          id: 'p-7',
          firstName: 'Tyrone',
          lastName: 'Kowalski-Rodríguez',
          aliases: [],
          dateOfBirth: null,
          status: 'active',
          supervisionType: null,
          agency: null,
          officerName: null,
          supervisionEnd: null,
          groups: [],
        },
      ],
      total: 1,
      nextCursor: null,
    });
    vi.mocked(api.addGroupMember).mockRejectedValue({
      code: 'validation',
      message: 'This person is already a member of the group.',
      field: 'personId',
      fields: [{ field: 'personId', message: 'This person is already a member of the group.' }],
    });
    render(GroupDetail, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Add member' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a person from the results first.');

    await user.type(screen.getByLabelText('Find person'), 'tyr');
    await user.click(await screen.findByRole('button', { name: 'Kowalski-Rodríguez, Tyrone' }));
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('This person is already a member of the group.'));
    expect(screen.getByLabelText('Find person').getAttribute('aria-invalid')).toBe('true');
  });

  it('links and unlinks groups, and edits the group', async () => {
    const user = userEvent.setup();
    const linked: Group = {
      ...willow,
      links: [{ id: 'l-1', otherGroupId: 'g-2', otherGroupName: 'Riverside Kings', kind: 'feud' }],
    };
    vi.mocked(api.linkGroups).mockResolvedValue(linked);
    vi.mocked(api.unlinkGroups).mockResolvedValue(willow);
    vi.mocked(api.updateGroup).mockResolvedValue({ ...willow, name: 'Willow Court East', area: 'Southside' });
    render(GroupDetail, { props: props() });
    await screen.findByRole('heading', { name: 'Willow Court', level: 1 });

    const other = screen.getByLabelText('Other group') as HTMLSelectElement;
    expect([...other.options].map((o) => o.textContent)).toEqual(['Choose a group…', 'Riverside Kings']);
    await user.selectOptions(other, 'Riverside Kings');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Feud');
    await user.click(screen.getByRole('button', { name: 'Link groups' }));
    expect(api.linkGroups).toHaveBeenCalledWith('g-1', 'g-2', 'feud');
    expect(await screen.findByText(/Feud with/)).toBeTruthy();
    expect(screen.getByText(/Feud with/).textContent?.replace(/\s+/g, ' ').trim()).toBe('Feud with Riverside Kings');

    // Removing the link is asked first, naming it; Cancel keeps it.
    await user.click(screen.getByRole('button', { name: 'Remove link' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove this link?' });
    expect(dialog.textContent).toContain('The feud between Willow Court and Riverside Kings will be removed.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.unlinkGroups).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove link' }));

    await user.click(screen.getByRole('button', { name: 'Remove link' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove this link?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove feud' }));
    expect(api.unlinkGroups).toHaveBeenCalledWith('g-1', 'l-1');
    expect(await screen.findByText('No feuds or alliances.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Edit group' }));
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Willow Court East');
    await user.click(screen.getByRole('button', { name: 'Save group' }));
    expect(api.updateGroup).toHaveBeenCalledWith('g-1', { name: 'Willow Court East', area: 'Southside', notes: '' });
    expect(await screen.findByRole('heading', { name: 'Willow Court East', level: 1 })).toBeTruthy();
  });

  it('asks before removing a member, by keyboard too', async () => {
    const user = userEvent.setup();
    const withMember: Group = {
      ...willow,
      members: [{ personId: 'p-7', firstName: 'Tyrone', lastName: 'Kowalski-Rodríguez', role: 'associate', archived: false }],
    };
    vi.mocked(api.getGroup).mockResolvedValue(withMember);
    vi.mocked(api.removeGroupMember).mockResolvedValue(willow);
    render(GroupDetail, { props: props() });
    const members = await screen.findByRole('table');

    const remove = within(members).getByRole('button', { name: 'Remove' });
    remove.focus();
    await user.keyboard('{Enter}');
    let dialog = await screen.findByRole('dialog', { name: 'Remove this member?' });
    expect(dialog.textContent).toContain('Tyrone Kowalski-Rodríguez will no longer be a member of Willow Court.');
    // The cancelling button has focus first: Enter keeps the member.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.removeGroupMember).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(remove);

    await user.keyboard('{Enter}');
    dialog = await screen.findByRole('dialog', { name: 'Remove this member?' });
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Remove member' }));
    await user.keyboard('{Enter}');
    expect(api.removeGroupMember).toHaveBeenCalledWith('g-1', 'p-7');
    expect(await screen.findByText('No members.')).toBeTruthy();
  });

  it('says when the groups to link to could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listGroups).mockRejectedValueOnce({ code: 'io', message: 'The disk is busy.', fields: [] });
    render(GroupDetail, { props: props() });
    await screen.findByRole('heading', { name: 'Willow Court', level: 1 });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The groups to link to could not be loaded. The disk is busy.');
    // A second failure says so again.
    vi.mocked(api.listGroups).mockRejectedValueOnce({ code: 'io', message: 'The disk is still busy.', fields: [] });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The groups to link to could not be loaded. The disk is still busy.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' }));

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const other = screen.getByLabelText('Other group') as HTMLSelectElement;
    expect([...other.options].map((o) => o.textContent)).toEqual(['Choose a group…', 'Riverside Kings']);
    expect(document.activeElement).toBe(other);
  });
});
