import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { ServiceInput } from '../../lib/bindings/ServiceInput';
import { nav } from '../../lib/nav.svelte';
import { description } from '../../test/a11y';
import { invalid } from '../../test/backend';
import ServiceEditor from './ServiceEditor.svelte';
import { address, location, provider, schedule, service } from './testData';

vi.mock('../../lib/api');

const main = location('loc-1', 'Main office', [address('ad-1', '12 Main St')]);
const westville = location('loc-2', 'Westville', [address('ad-2', '400 Whalley Ave')]);
const jobs = service('s-1', 'pr-1', 'Job readiness', ['employment'], {
  eligibility: '18 and over',
  locationIds: ['loc-1'],
  // As a package wrote it: every field goes back as it came unless the form edits it.
  schedules: [
    schedule('sc-1', {
      freq: 'WEEKLY',
      byday: 'TU,TH',
      opensAt: '10:00:00',
      closesAt: '18:00:00',
      validFrom: '2027-01-01',
      wkst: 'MO',
      attendingType: 'in_person',
      summary: 'Tue, Thu 10:00–18:00',
    }),
  ],
});
const workforce = provider('pr-1', 'Workforce Alliance', [jobs], { locations: [main, westville] });

beforeEach(() => {
  nav.confirmLeave = async () => true;
});

function props(extra: Record<string, unknown> = {}) {
  return { provider: workforce, onsaved: vi.fn(), oncancel: vi.fn(), ...extra };
}

describe('the service editor', () => {
  it('edits a service: status, needs, where it is offered, its schedules by day and hour, its languages', async () => {
    const user = userEvent.setup();
    const p = props({ service: jobs });
    vi.mocked(api.saveService).mockResolvedValueOnce(workforce);
    render(ServiceEditor, { props: p });
    expect(screen.getByRole('heading', { name: 'Edit Job readiness' })).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Status'), 'Temporarily closed');
    const needs = screen.getByRole('group', { name: 'Needs met (at least one)' });
    expect((within(needs).getByLabelText('Employment') as HTMLInputElement).checked).toBe(true);
    await user.click(within(needs).getByLabelText('Education / GED'));

    // The provider's locations, by their line.
    const places = screen.getByRole('group', { name: 'Offered at' });
    expect(within(places).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      'Main office — 12 Main St, New Haven',
      'Westville — 400 Whalley Ave, New Haven',
    ]);
    await user.click(within(places).getByLabelText('Westville — 400 Whalley Ave, New Haven'));

    // The schedule it had: Tuesday and Thursday, 10:00 to 18:00.
    expect((screen.getByLabelText('Tuesday, schedule 1') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Monday, schedule 1') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Opens at, schedule 1') as HTMLInputElement).value).toBe('10:00');
    expect((screen.getByLabelText('Opens at, schedule 1') as HTMLInputElement).type).toBe('time');
    await user.click(screen.getByLabelText('Thursday, schedule 1'));
    await user.click(screen.getByLabelText('Monday, schedule 1'));

    // A new schedule: Monday and Wednesday mornings.
    await user.click(screen.getByRole('button', { name: 'Add schedule' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Monday, schedule 2'));
    await user.click(screen.getByLabelText('Monday, schedule 2'));
    await user.click(screen.getByLabelText('Wednesday, schedule 2'));
    await fireEvent.input(screen.getByLabelText('Opens at, schedule 2'), { target: { value: '09:00' } });
    await fireEvent.input(screen.getByLabelText('Closes at, schedule 2'), { target: { value: '12:30' } });
    await user.type(screen.getByLabelText('Notes, schedule 2'), 'Walk-ins until 11');

    await user.click(screen.getByRole('button', { name: 'Add language' }));
    await user.type(screen.getByLabelText('Language, language 1'), 'Spanish');
    await user.type(screen.getByLabelText('Code, language 1'), 'es');

    await user.click(screen.getByRole('button', { name: 'Save service' }));
    await waitFor(() => expect(api.saveService).toHaveBeenCalledTimes(1));
    expect(api.saveService).toHaveBeenCalledWith('pr-1', 's-1', {
      name: 'Job readiness',
      alternateName: '',
      description: '',
      status: 'temporarily_closed',
      categories: ['employment', 'education_ged'],
      eligibility: '18 and over',
      applicationProcess: '',
      feesDescription: '',
      interpretationServices: '',
      url: '',
      email: '',
      locationIds: ['loc-1', 'loc-2'],
      phones: [],
      contacts: [],
      schedules: [
        {
          id: 'sc-1',
          freq: 'WEEKLY',
          interval: '',
          byday: 'MO,TU',
          bymonthday: '',
          opensAt: '10:00',
          closesAt: '18:00',
          validFrom: '2027-01-01',
          validTo: '',
          dtstart: '',
          until: '',
          wkst: 'MO',
          description: '',
          attendingType: 'in_person',
          notes: '',
        },
        {
          id: null,
          freq: 'WEEKLY',
          interval: '',
          byday: 'MO,WE',
          bymonthday: '',
          opensAt: '09:00',
          closesAt: '12:30',
          validFrom: '',
          validTo: '',
          dtstart: '',
          until: '',
          wkst: '',
          description: '',
          attendingType: '',
          notes: 'Walk-ins until 11',
        },
      ],
      languages: [{ id: null, name: 'Spanish', code: 'es', note: '' }],
    } satisfies ServiceInput);
    expect(p.onsaved).toHaveBeenCalledWith(workforce, 'Job readiness');
  });

  it('adds a service, and puts the backend’s messages by their fields', async () => {
    const user = userEvent.setup();
    vi.mocked(api.saveService).mockRejectedValueOnce(
      invalid(
        ['categories', 'Choose at least one need this service meets.'],
        ['schedules.0.opensAt', 'Enter a time like 09:00.'],
        ['schedules.0.byday', 'Days are written MO, TU, WE, TH, FR, SA, SU.'],
      ),
    );
    render(ServiceEditor, { props: props() });
    expect(screen.getByRole('heading', { name: 'New service of Workforce Alliance' })).toBeTruthy();
    await user.type(screen.getByLabelText('Service name'), 'Resume help');
    await user.click(screen.getByRole('button', { name: 'Add schedule' }));
    await user.click(screen.getByRole('button', { name: 'Add service' }));
    await waitFor(() => expect(api.saveService).toHaveBeenCalledWith('pr-1', null, expect.objectContaining({ name: 'Resume help', status: 'active' })));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('The service was not saved: 3 problems to fix.');
    const needs = screen.getByRole('group', { name: 'Needs met (at least one)' });
    expect(description(needs)).toBe('Choose at least one need this service meets.');
    expect(description(screen.getByLabelText('Opens at, schedule 1'))).toBe('Enter a time like 09:00.');
    const days = screen.getByRole('group', { name: /^Days\s*, schedule 1$/ });
    expect(description(days)).toBe('Days are written MO, TU, WE, TH, FR, SA, SU.');
    // The summary's link to a group of checkboxes goes to its first box.
    await user.click(within(summary).getByRole('link', { name: /Needs met/ }));
    expect(document.activeElement).toBe(within(needs).getByLabelText('Employment'));
  });
});
