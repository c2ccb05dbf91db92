import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { InviteeCandidate } from '../../lib/bindings/InviteeCandidate';
import type { PersonRow } from '../../lib/bindings/PersonRow';
import CallInsList from './CallInsList.svelte';
import { callIn, invitation, inviteeList, notReady } from './testData';
import Wizard from './Wizard.svelte';

vi.mock('../../lib/api');

function candidate(id: string, lastName: string, firstName: string, invited = false): InviteeCandidate {
  const person: PersonRow = {
    id,
    firstName,
    lastName,
    aliases: [],
    dateOfBirth: null,
    status: 'active',
    supervisionType: 'parole',
    agency: 'State Board of Parole',
    officerName: 'T. Nguyen',
    supervisionEnd: '2028-01-15',
    groups: ['Riverside Kings'],
  };
  return { person, invited, warnings: [] };
}

beforeEach(() => {
  vi.mocked(api.getCallIn).mockResolvedValue(callIn({ wizardStep: 2 }));
  vi.mocked(api.callInReadiness).mockResolvedValue(notReady);
  vi.mocked(api.listInvitations).mockResolvedValue(inviteeList([]));
  vi.mocked(api.setWizardStep).mockResolvedValue(null);
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({
    agencies: [],
    officers: [],
    groups: [{ id: 'g-1', name: 'Riverside Kings' }],
  });
});

describe('invitee picker', () => {
  it('filters the registry, invites one with the reason, pages, and adds all filtered after asking', async () => {
    const user = userEvent.setup();
    vi.mocked(api.inviteeCandidates).mockImplementation(async (_id, q) =>
      q.after
        ? { rows: [candidate('p-3', 'Carter', 'Dwayne')], total: 3, nextCursor: null }
        : { rows: [candidate('p-1', 'Núñez', 'María'), candidate('p-2', 'Ortiz', 'Luis', true)], total: 3, nextCursor: 'n1' },
    );
    vi.mocked(api.addInvitee).mockImplementation(async () => {
      const list = inviteeList([invitation('i-1', 'Núñez', 'María')]);
      vi.mocked(api.listInvitations).mockResolvedValue(list);
      return list;
    });
    vi.mocked(api.addFilteredInvitees).mockResolvedValue(2);
    render(Wizard, { props: { id: 'c-1', onback: vi.fn(), onopen: vi.fn() } });

    const invite = await screen.findByRole('button', { name: 'Invite Núñez, María' });
    expect(invite.textContent?.trim()).toBe('Invite');
    expect(screen.queryByRole('button', { name: 'Invite Ortiz, Luis' })).toBeNull();
    expect(vi.mocked(api.inviteeCandidates).mock.calls[0]).toEqual(['c-1', { status: 'active', limit: 25 }]);

    await user.type(screen.getByLabelText('Reason selected'), 'Shooting review, March');
    await user.click(invite);
    await waitFor(() => expect(api.addInvitee).toHaveBeenCalledWith('c-1', 'p-1', 'Shooting review, March'));
    expect(await screen.findByLabelText('Select Núñez, María')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('button', { name: 'Invite Carter, Dwayne' })).toBeTruthy();
    expect(api.inviteeCandidates).toHaveBeenCalledWith('c-1', { status: 'active', limit: 25, after: 'n1' });

    await user.selectOptions(screen.getByLabelText('Group'), 'Riverside Kings');
    await waitFor(() =>
      expect(api.inviteeCandidates).toHaveBeenLastCalledWith('c-1', { status: 'active', groupId: 'g-1', limit: 25 }),
    );
    await user.click(await screen.findByRole('button', { name: 'Add all filtered' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add everyone this filter matches?' });
    await user.click(within(dialog).getByRole('button', { name: 'Add 3 people' }));
    await waitFor(() =>
      expect(api.addFilteredInvitees).toHaveBeenCalledWith(
        'c-1',
        { status: 'active', groupId: 'g-1' },
        'Shooting review, March',
      ),
    );
    expect(await screen.findByText('Added 2 people.')).toBeTruthy();
  });

  it('shows a filter the backend refuses next to its input', async () => {
    const user = userEvent.setup();
    vi.mocked(api.inviteeCandidates).mockImplementation(async (_id, q) => {
      if (q.supervisionEndsAfter) {
        throw {
          code: 'validation',
          message: 'Ends after must be a date like 2024-03-31.',
          field: 'supervisionEndsAfter',
          fields: [{ field: 'supervisionEndsAfter', message: 'Ends after must be a date like 2024-03-31.' }],
        };
      }
      return { rows: [], total: 0, nextCursor: null };
    });
    render(Wizard, { props: { id: 'c-1', onback: vi.fn(), onopen: vi.fn() } });
    await user.type(await screen.findByLabelText('Ends after'), 'soon');
    const input = screen.getByLabelText('Ends after');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Ends after must be a date like 2024-03-31.')).toBeTruthy();
  });
});

describe('call-ins list', () => {
  it('sorts call-ins into sections with their counts, and opens them', async () => {
    const user = userEvent.setup();
    const row = {
      title: 'Spring',
      date: '2027-03-14',
      startTime: '18:00',
      timeZone: 'America/New_York',
      venueName: 'Dixwell Community House',
      invited: 12,
      noticesIssued: 8,
      speakersConfirmed: 2,
      speakersTotal: 3,
    };
    vi.mocked(api.listCallIns).mockResolvedValue([
      { ...row, id: 'c-1', status: 'scheduled' },
      { ...row, id: 'c-2', title: 'Summer', status: 'draft', date: null, startTime: null },
      { ...row, id: 'c-3', title: 'Winter', status: 'cancelled' },
    ]);
    const onopen = vi.fn();
    render(CallInsList, { props: { onopen, onnew: vi.fn() } });
    const upcoming = (await screen.findByRole('heading', { name: /Upcoming/ })).closest('section') as HTMLElement;
    expect(within(upcoming).getByText('12 invited · 8 notices · 2/3 speakers confirmed')).toBeTruthy();
    expect(within(upcoming).getByText('Sun, Mar 14, 2027 · 18:00 · Eastern (New York)')).toBeTruthy();
    expect(within(upcoming).getByText('Scheduled')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Drafts/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Closed and cancelled/ })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Held/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Summer' }));
    expect(onopen).toHaveBeenCalledWith(expect.objectContaining({ id: 'c-2', status: 'draft' }));
  });
});
