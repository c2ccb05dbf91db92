import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import Offers from './Offers.svelte';
import { provider, service } from '../directory/testData';
import { callIn, invitation, inviteeList } from './testData';

vi.mock('../../lib/api');

const lukasz = invitation('i-1', 'Nowak', 'Łukasz', { status: 'attended', checkedInAt: '2027-03-14T22:01:00Z' });
const keisha = invitation('i-5', 'Brown', 'Keisha', {
  status: 'attended',
  offerResponse: 'declined',
  offerNeeds: ['housing'],
});
const dwayne = invitation('i-2', 'Carter', 'Dwayne', { status: 'no_show' });
const jamal = invitation('i-9', 'Reyes', 'Jamal', { status: 'attended', walkIn: true });

const providers = [
  provider('pr-1', 'Workforce Alliance', [service('s-1', 'pr-1', 'Job readiness', ['employment', 'education_ged'])]),
  provider('pr-2', 'New Hope Recovery', [service('s-2', 'pr-2', 'Outpatient treatment', ['substance_use'])]),
];

beforeEach(() => {
  vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'held' }));
  vi.mocked(api.listInvitations).mockResolvedValue(inviteeList([keisha, dwayne, lukasz, jamal]));
  vi.mocked(api.tableCoverage).mockResolvedValue({ providers, needs: [] });
  vi.mocked(api.firstContactDays).mockResolvedValue(3);
});

function props() {
  return { id: 'c-1', onback: vi.fn() };
}

describe('offers of help', () => {
  it('lists the attendees with their offers, walk-ins included', async () => {
    const user = userEvent.setup();
    const p = props();
    render(Offers, { props: p });
    expect(await screen.findByRole('heading', { level: 1, name: 'Offers of help: Northside spring call-in' })).toBeTruthy();
    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 4)).toEqual(['Name', 'Response', 'Needs', 'Referrals']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(table).queryByText('Carter, Dwayne')).toBeNull();

    const keishaRow = within(table).getByText('Brown, Keisha').closest('tr') as HTMLElement;
    expect(within(keishaRow).getByText('Declined')).toBeTruthy();
    expect(within(keishaRow).getByText('Housing')).toBeTruthy();
    expect(within(keishaRow).queryByRole('button')).toBeNull();

    const jamalRow = within(table).getByText('Reyes, Jamal').closest('tr') as HTMLElement;
    expect(within(jamalRow).getByText('walk-in')).toBeTruthy();
    expect(within(jamalRow).getByText('Not recorded')).toBeTruthy();
    expect(within(jamalRow).getByRole('button', { name: 'Record offer for Jamal Reyes' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /Back to the call-in/ }));
    expect(p.onback).toHaveBeenCalledWith('c-1');
  });

  it('records an offer that refers a need to a service at the table, then shows it on the row', async () => {
    const user = userEvent.setup();
    vi.mocked(api.recordOffer).mockResolvedValue([
      {
        id: 'r-1',
        need: 'employment',
        serviceName: 'Job readiness',
        providerName: 'Workforce Alliance',
        dueOn: '2027-03-17',
        part2: false,
      },
    ]);
    render(Offers, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Record offer for Łukasz Nowak' }));
    const dialog = await screen.findByRole('dialog', { name: 'Offer of help: Łukasz Nowak' });

    // The response is required.
    await user.click(within(dialog).getByRole('button', { name: 'Save offer' }));
    expect(within(dialog).getByText('Choose a response.')).toBeTruthy();
    expect(within(dialog).getByRole('radiogroup', { name: 'Response' }).getAttribute('aria-invalid')).toBe('true');
    expect(api.recordOffer).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('radio', { name: 'Accepted' }));
    const needs = within(dialog).getByRole('group', { name: 'Needs' });
    expect(within(needs).getAllByRole('checkbox')).toHaveLength(14);
    await user.click(within(needs).getByLabelText('Employment'));
    // A need no provider at the table meets, and the Part 2 note on substance-use treatment.
    await user.click(within(needs).getByLabelText('Housing'));
    const housing = within(dialog).getByRole('group', { name: 'Housing' });
    expect(within(housing).getByText('No provider at the table offers a service for this need.')).toBeTruthy();
    await user.click(within(needs).getByLabelText('Substance-use treatment'));
    const treatment = within(dialog).getByRole('group', { name: 'Substance-use treatment' });
    expect(within(treatment).getByLabelText('Outpatient treatment — New Hope Recovery')).toBeTruthy();
    expect(within(treatment).getByText(/42 CFR Part 2/)).toBeTruthy();
    await user.click(within(needs).getByLabelText('Housing'));
    await user.click(within(needs).getByLabelText('Substance-use treatment'));
    expect(within(dialog).queryByRole('group', { name: 'Housing' })).toBeNull();

    const employment = within(dialog).getByRole('group', { name: 'Employment' });
    await user.click(within(employment).getByLabelText('Job readiness — Workforce Alliance'));
    expect(within(dialog).getByText(/due 3 days after the call-in/)).toBeTruthy();

    vi.mocked(api.listInvitations).mockResolvedValue(
      inviteeList([
        keisha,
        dwayne,
        { ...lukasz, offerResponse: 'accepted', offerNeeds: ['employment'], referrals: 1 },
        jamal,
      ]),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save offer' }));

    expect(api.recordOffer).toHaveBeenCalledWith('i-1', {
      response: 'accepted',
      needs: ['employment'],
      services: [{ serviceId: 's-1', need: 'employment' }],
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        "Saved Łukasz Nowak's offer: 1 referral, first contact due Wed, Mar 17, 2027",
      ),
    );
    const row = screen.getByText('Nowak, Łukasz').closest('tr') as HTMLElement;
    expect(within(row).getByText('Accepted')).toBeTruthy();
    expect(within(row).getByText('Employment')).toBeTruthy();
    expect(within(row).getByText('1')).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
    // On to the next attendee whose offer is not recorded.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Record offer for Jamal Reyes' })),
    );
  });

  it('shows a refused save in the dialog and changes nothing', async () => {
    const user = userEvent.setup();
    vi.mocked(api.recordOffer).mockRejectedValue({
      code: 'validation',
      message: "That service's provider was not at the table for this call-in.",
      field: 'services.0.serviceId',
      fields: [{ field: 'services.0.serviceId', message: "That service's provider was not at the table for this call-in." }],
    });
    render(Offers, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Record offer for Jamal Reyes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Offer of help: Jamal Reyes' });
    await user.click(within(dialog).getByRole('radio', { name: 'Interested' }));
    await user.click(within(dialog).getByLabelText('Education / GED'));
    await user.click(within(dialog).getByLabelText('Job readiness — Workforce Alliance'));
    await user.click(within(dialog).getByRole('button', { name: 'Save offer' }));

    expect(api.recordOffer).toHaveBeenCalledWith('i-9', {
      response: 'interested',
      needs: ['education_ged'],
      services: [{ serviceId: 's-1', need: 'education_ged' }],
    });
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      "That service's provider was not at the table for this call-in.",
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect((within(dialog).getByRole('radio', { name: 'Interested' }) as HTMLInputElement).checked).toBe(true);
    expect(api.listInvitations).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('makes no referral on a declined offer', async () => {
    const user = userEvent.setup();
    vi.mocked(api.recordOffer).mockResolvedValue([]);
    render(Offers, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Record offer for Jamal Reyes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Offer of help: Jamal Reyes' });
    await user.click(within(dialog).getByLabelText('Employment'));
    await user.click(within(dialog).getByLabelText('Job readiness — Workforce Alliance'));
    await user.click(within(dialog).getByRole('radio', { name: 'Declined' }));
    expect(within(dialog).getByText('A declined offer makes no referral.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save offer' }));
    expect(api.recordOffer).toHaveBeenCalledWith('i-9', { response: 'declined', needs: ['employment'], services: [] });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Saved Jamal Reyes's offer: no referrals"));
  });

  it('sets how many days after the call-in first contact is due', async () => {
    const user = userEvent.setup();
    vi.mocked(api.setFirstContactDays).mockResolvedValueOnce(5);
    render(Offers, { props: props() });
    const days = (await screen.findByLabelText('First contact due (days after the call-in)')) as HTMLInputElement;
    await waitFor(() => expect(days.value).toBe('3'));
    await user.clear(days);
    await user.type(days, 'x');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a whole number of days.')).toBeTruthy();
    expect(api.setFirstContactDays).not.toHaveBeenCalled();
    await user.clear(days);
    await user.type(days, '5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.setFirstContactDays).toHaveBeenCalledWith(5);
    expect(await screen.findByText('New referrals are due for first contact 5 days after the call-in.')).toBeTruthy();
  });
});
