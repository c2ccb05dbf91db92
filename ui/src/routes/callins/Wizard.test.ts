import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { ErrorPayload } from '../../lib/bindings/ErrorPayload';
import { drafts } from '../../lib/drafts';
import { nav } from '../../lib/nav.svelte';
import { callIn, invitation, inviteeList, notReady } from './testData';
import Wizard from './Wizard.svelte';

vi.mock('../../lib/api');

/** The text of the elements that describe `el` (aria-describedby), as a screen reader reads it. */
function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ');
}

beforeEach(() => {
  nav.route = { area: 'callins', view: 'wizard' };
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({
    agencies: ['State Board of Parole'],
    officers: ['T. Nguyen'],
    groups: [
      { id: 'g-1', name: 'Riverside Kings' },
      { id: 'g-2', name: 'Maple Street Crew' },
    ],
  });
  vi.mocked(api.callInReadiness).mockResolvedValue(notReady);
  vi.mocked(api.listInvitations).mockResolvedValue(inviteeList([]));
  vi.mocked(api.inviteeCandidates).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
  vi.mocked(api.setWizardStep).mockResolvedValue(null);
});

describe('planning wizard', () => {
  it('shows the backend’s messages next to Start time and Capacity, keeps what was typed, then creates the draft', async () => {
    const user = userEvent.setup();
    const refusal: ErrorPayload = {
      code: 'validation',
      message: 'Start time must be a time like 18:30.',
      field: 'startTime',
      fields: [
        { field: 'startTime', message: 'Start time must be a time like 18:30.' },
        { field: 'venueCapacity', message: 'Capacity must be a number of seats from 1 to 10,000.' },
      ],
    };
    vi.mocked(api.createCallIn).mockRejectedValueOnce(refusal).mockResolvedValueOnce(callIn());
    render(Wizard, { props: { onback: vi.fn(), onopen: vi.fn() } });

    expect(screen.getByRole('heading', { level: 1, name: 'Plan a call-in' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Basics' })).toBeTruthy();
    const steps = within(screen.getByRole('navigation', { name: 'Steps' })).getAllByRole('button');
    expect(steps.map((b) => b.textContent?.replace(/^\d/, '').trim())).toEqual([
      'Basics',
      'Invitees',
      'Speakers and run-of-show',
      'Providers at the table',
      'Logistics',
      'Review',
    ]);
    expect(steps[0].getAttribute('aria-current')).toBe('step');

    await user.type(screen.getByLabelText('Title'), 'Northside spring call-in');
    await user.type(screen.getByLabelText('Date'), '2027-03-14');
    await user.type(screen.getByLabelText('Start time'), '25:00');
    await user.type(screen.getByLabelText('Expected length (minutes)'), '90');
    await user.type(screen.getByLabelText('Venue name'), 'Dixwell Community House');
    await user.type(screen.getByLabelText('Capacity'), '0');
    await user.click(await screen.findByLabelText('Maple Street Crew'));
    expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe('America/New_York');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('2 problems');
    const start = screen.getByLabelText('Start time') as HTMLInputElement;
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(description(start)).toContain('Start time must be a time like 18:30.');
    const capacity = screen.getByLabelText('Capacity') as HTMLInputElement;
    expect(capacity.getAttribute('aria-invalid')).toBe('true');
    expect(description(capacity)).toContain('Capacity must be a number of seats from 1 to 10,000.');
    // What was typed stays; the wizard stays on the basics.
    expect(start.value).toBe('25:00');
    expect(capacity.value).toBe('0');
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Northside spring call-in');
    expect(screen.getByRole('heading', { level: 2, name: 'Basics' })).toBeTruthy();
    expect(api.setWizardStep).not.toHaveBeenCalled();
    expect(vi.mocked(api.createCallIn).mock.calls[0][0]).toEqual({
      title: 'Northside spring call-in',
      date: '2027-03-14',
      startTime: '25:00',
      timeZone: 'America/New_York',
      expectedMinutes: 90,
      venueName: 'Dixwell Community House',
      venueAddress: '',
      venueCapacity: 0,
      venueAccessibility: '',
      targetArea: '',
      targetGroupIds: ['g-2'],
    });

    await user.clear(start);
    await user.type(start, '18:00');
    await user.clear(capacity);
    await user.type(capacity, '30');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Invitees' })).toBeTruthy();
    expect(vi.mocked(api.createCallIn).mock.calls[1][0]).toMatchObject({ startTime: '18:00', venueCapacity: 30 });
    expect(api.setWizardStep).toHaveBeenCalledWith('c-1', 2);
    expect(screen.getByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
    // The route names the draft now: a lock and unlock come back to it.
    expect(nav.route).toEqual({ area: 'callins', view: 'wizard', id: 'c-1' });
    // What is still missing, from the backend.
    expect(await screen.findByRole('button', { name: 'Invite at least one person.' })).toBeTruthy();
  });

  it('asks for a whole number before sending a capacity that is not one', async () => {
    const user = userEvent.setup();
    render(Wizard, { props: { onback: vi.fn(), onopen: vi.fn() } });
    await user.type(screen.getByLabelText('Title'), 'Spring');
    await user.type(screen.getByLabelText('Capacity'), 'thirty');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const capacity = screen.getByLabelText('Capacity') as HTMLInputElement;
    await waitFor(() => expect(capacity.getAttribute('aria-invalid')).toBe('true'));
    expect(description(capacity)).toContain('Enter a whole number');
    expect(capacity.value).toBe('thirty');
    expect(api.createCallIn).not.toHaveBeenCalled();
  });

  it('resumes a draft at its step, sums the feud warnings at the top and acknowledges them all', async () => {
    const user = userEvent.setup();
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ wizardStep: 2 }));
    const feudA = {
      key: 'feud:p-i-1:g-1',
      kind: 'feud' as const,
      message: 'Feud: Riverside Kings members are invited too (Kevin O’Brien).',
      personId: 'p-i-1',
      acknowledged: false,
    };
    const feudB = {
      key: 'feud:p-i-2:g-2',
      kind: 'feud' as const,
      message: 'Feud: Maple Street Crew members are invited too (María Núñez).',
      personId: 'p-i-2',
      acknowledged: false,
    };
    const seen = {
      key: 'supervision_ends:p-i-2:2027-01-01',
      kind: 'supervision_ends_before' as const,
      message: 'Supervision ends 2027-01-01, before the call-in.',
      personId: 'p-i-2',
      acknowledged: true,
    };
    const before = inviteeList([
      invitation('i-1', 'Núñez', 'María', { warnings: [feudA] }),
      invitation('i-2', 'O’Brien', 'Kevin', { warnings: [feudB, seen] }),
    ]);
    const after = inviteeList([
      invitation('i-1', 'Núñez', 'María', { warnings: [{ ...feudA, acknowledged: true }] }),
      invitation('i-2', 'O’Brien', 'Kevin', { warnings: [{ ...feudB, acknowledged: true }, seen] }),
    ]);
    vi.mocked(api.listInvitations).mockResolvedValue(before);
    vi.mocked(api.acknowledgeWarnings).mockImplementation(async () => {
      // The backend holds the acknowledgements from now on.
      vi.mocked(api.listInvitations).mockResolvedValue(after);
      return after;
    });
    render(Wizard, { props: { id: 'c-1', onback: vi.fn(), onopen: vi.fn() } });

    expect(await screen.findByRole('heading', { level: 2, name: 'Invitees' })).toBeTruthy();
    const summary = await screen.findByRole('heading', { level: 3, name: '2 warnings to acknowledge' });
    const region = summary.closest('section') as HTMLElement;
    expect(within(region).getByText(/Riverside Kings members are invited too/)).toBeTruthy();
    expect(within(region).getByText(/Maple Street Crew members are invited too/)).toBeTruthy();
    // The warning already acknowledged stays, marked.
    expect(within(region).getByText(/Supervision ends 2027-01-01/).closest('li')?.textContent).toContain('acknowledged');
    // Each warning also sits next to its person in the list.
    expect(screen.getByLabelText('Select Núñez, María')).toBeTruthy();

    await user.click(within(region).getByRole('button', { name: 'Acknowledge all' }));
    await waitFor(() => expect(api.acknowledgeWarnings).toHaveBeenCalledTimes(1));
    expect(api.acknowledgeWarnings).toHaveBeenCalledWith('c-1', ['feud:p-i-1:g-1', 'feud:p-i-2:g-2']);
    expect(await screen.findByRole('heading', { level: 3, name: '3 warnings, all acknowledged' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Acknowledge all' })).toBeNull();
    expect(screen.getByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
  });

  it('moves between steps with Alt+arrows and remembers the step', async () => {
    const user = userEvent.setup();
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ wizardStep: 2 }));
    vi.mocked(api.checklist).mockResolvedValue([
      { id: 'k-1', label: 'Venue booked', owner: null, dueOn: null, done: false, isDefault: true },
    ]);
    vi.mocked(api.listProviders).mockResolvedValue([]);
    vi.mocked(api.tableCoverage).mockResolvedValue({ providers: [], needs: [] });
    vi.mocked(api.runOfShow).mockResolvedValue({ segments: [], totalMinutes: 0, expectedMinutes: 90, endsAt: null });
    vi.mocked(api.listSpeakers).mockResolvedValue([]);
    render(Wizard, { props: { id: 'c-1', onback: vi.fn(), onopen: vi.fn() } });
    await screen.findByRole('heading', { level: 2, name: 'Invitees' });

    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Speakers and run-of-show' })).toBeTruthy();
    expect(api.setWizardStep).toHaveBeenLastCalledWith('c-1', 3);
    await user.click(screen.getByRole('button', { name: /Logistics/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Logistics' })).toBeTruthy();
    expect(await screen.findByLabelText('Owner, Venue booked')).toBeTruthy();
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Providers at the table' })).toBeTruthy();
    expect(api.setWizardStep).toHaveBeenLastCalledWith('c-1', 4);
  });

  it('keeps the basics typed but not saved when the app locks, and brings them back on the basics', async () => {
    const user = userEvent.setup();
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ wizardStep: 1 }));
    render(Wizard, { props: { id: 'c-1', onback: vi.fn(), onopen: vi.fn() } });
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    await user.clear(title);
    await user.type(title, 'Northside summer call-in');
    // The app locks: the shell goes away with the form on it.
    drafts.keep();
    cleanup();

    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ wizardStep: 4 }));
    render(Wizard, { props: { id: 'c-1', onback: vi.fn(), onopen: vi.fn() } });
    expect(await screen.findByRole('heading', { level: 2, name: 'Basics' })).toBeTruthy();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Northside summer call-in');
    expect(api.updateCallIn).not.toHaveBeenCalled();
  });
});
