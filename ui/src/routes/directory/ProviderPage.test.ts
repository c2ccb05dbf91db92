import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Provider } from '../../lib/bindings/Provider';
import { nav } from '../../lib/nav.svelte';
import { refused } from '../../test/backend';
import ProviderPage from './ProviderPage.svelte';
import { address, location, page, phone, provider, schedule, service, visit } from './testData';

vi.mock('../../lib/api');

const main = location('loc-1', 'Main office', [address('ad-1', '12 Main St', { address2: 'Suite 4' })], {
  transportation: 'Bus 212 to Main & Elm',
});
const westville = location('loc-2', 'Westville', [address('ad-2', '400 Whalley Ave')]);

const jobs = service('s-1', 'pr-1', 'Job readiness', ['employment', 'education_ged'], {
  eligibility: '18 and over',
  applicationProcess: 'Walk in, or call the front desk',
  feesDescription: 'Free',
  locationIds: ['loc-2'],
  schedules: [schedule('sc-1', { byday: 'MO,WE', opensAt: '09:00:00', closesAt: '17:00:00', summary: 'Mon, Wed 09:00–17:00' })],
  languages: [{ id: 'la-1', name: 'Spanish', code: 'es', note: null }],
  phones: [phone('ph-2', '203-555-0111', { extension: '12', kind: 'voice' })],
});
const ged = service('s-2', 'pr-1', 'GED classes', ['education_ged'], { status: 'temporarily_closed', retired: true });

const workforce: Provider = provider('pr-1', 'Workforce Alliance', [jobs, ged], {
  alternateName: 'WFA',
  description: 'Jobs and training for returning citizens.',
  email: 'info@wfa.example.org',
  phones: [phone('ph-1', '203-555-0100', { kind: 'voice', description: 'Front desk' })],
  contacts: [{ id: 'co-1', name: 'Ana Ruiz', title: 'Intake coordinator', department: null, email: 'ana@wfa.example.org', phones: [] }],
  locations: [main, westville],
});

beforeEach(() => {
  nav.confirmLeave = async () => true;
  vi.mocked(api.providerPage).mockResolvedValue(
    page(workforce, {
      callIns: [
        visit('c-1', 'Northside spring call-in', { date: '2027-03-14', status: 'follow_up' }),
        visit('c-2', 'Eastside winter call-in', { date: null, status: 'draft' }),
      ],
      referrals: { made: 9, engaged: 4, completed: 2, declined: 3, open: 2 },
      byService: [
        { serviceId: 's-1', name: 'Job readiness', counts: { made: 7, engaged: 4, completed: 2, declined: 1, open: 2 } },
        { serviceId: 's-2', name: 'GED classes', counts: { made: 2, engaged: 0, completed: 0, declined: 2, open: 0 } },
      ],
    }),
  );
});

function props() {
  return { id: 'pr-1', onback: vi.fn(), onopencallin: vi.fn() };
}

/** The cells of a row of a table, as text. */
function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll('td, th')].map((c) => c.textContent?.trim() ?? '');
}

describe('a provider’s page', () => {
  it('shows the provider, its phones, contacts and locations, and each service with what it offers', async () => {
    render(ProviderPage, { props: props() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Workforce Alliance' })).toBeTruthy();
    expect(api.providerPage).toHaveBeenCalledWith('pr-1');
    expect(screen.getByText('WFA')).toBeTruthy();
    expect(screen.getByText('203-555-0100 (voice) — Front desk')).toBeTruthy();
    expect(screen.getByText('Ana Ruiz — Intake coordinator · ana@wfa.example.org')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Main office — 12 Main St, New Haven' })).toBeTruthy();
    expect(screen.getByText(/12 Main St, Suite 4, New Haven, CT 06511, US/)).toBeTruthy();
    expect(screen.getByText(/Bus 212 to Main & Elm/)).toBeTruthy();

    const services = screen.getByRole('region', { name: 'Services' });
    const job = within(services).getByRole('heading', { level: 3, name: 'Job readiness' }).closest('li') as HTMLElement;
    expect(job.textContent).toContain('Active');
    expect(job.textContent).toContain('Employment, Education / GED');
    expect(job.textContent).toContain('18 and over');
    expect(job.textContent).toContain('Walk in, or call the front desk');
    expect(job.textContent).toContain('Free');
    expect(within(job).getByText('Mon, Wed 09:00–17:00')).toBeTruthy();
    expect(job.textContent).toContain('Spanish (es)');
    expect(within(job).getByText('203-555-0111 ext. 12 (voice)')).toBeTruthy();
    // Offered at the locations it names, by their line.
    expect(within(job).getByText('Westville — 400 Whalley Ave, New Haven')).toBeTruthy();
    expect(within(job).queryByText('Main office — 12 Main St, New Haven')).toBeNull();

    const gedItem = within(services).getByRole('heading', { level: 3, name: 'GED classes' }).closest('li') as HTMLElement;
    expect(within(gedItem).getByText('Temporarily closed')).toBeTruthy();
    expect(within(gedItem).getByText('Retired')).toBeTruthy();
    expect(within(gedItem).getByRole('button', { name: 'Offer service again' })).toBeTruthy();
    expect(within(job).getByRole('button', { name: 'Retire service' })).toBeTruthy();
  });

  it('lists the call-ins it was at, each opening its call-in, and how its referrals went', async () => {
    const user = userEvent.setup();
    const p = props();
    render(ProviderPage, { props: p });
    const callIns = await screen.findByRole('table', { name: 'Call-ins this provider was at the table of' });
    const rows = within(callIns).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['Northside spring call-in', 'Sun, Mar 14, 2027', 'Follow-up'],
      ['Eastside winter call-in', 'Date not set', 'Draft'],
    ]);
    await user.click(within(callIns).getByRole('button', { name: 'Northside spring call-in' }));
    expect(p.onopencallin).toHaveBeenCalledWith('c-1');

    const referrals = screen.getByRole('table', { name: 'How referrals to this provider went, overall and by service' });
    expect(within(referrals).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Referrals to',
      'Made',
      'Engaged',
      'Completed',
      'Declined',
      'Open',
    ]);
    expect(within(referrals).getAllByRole('row').slice(1).map(cells)).toEqual([
      ['All services', '9', '4', '2', '3', '2'],
      ['Job readiness', '7', '4', '2', '1', '2'],
      ['GED classes', '2', '0', '0', '2', '0'],
    ]);
  });

  it('asks before retiring the provider, saying it stays in past call-ins and referrals; Offer again does not ask', async () => {
    const user = userEvent.setup();
    vi.mocked(api.retireProvider).mockResolvedValueOnce({ ...workforce, retired: true });
    render(ProviderPage, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Retire provider' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire Workforce Alliance?' });
    expect(dialog.textContent).toContain('It stays in the past call-ins and referrals it was in');
    // Cancelling retires nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.retireProvider).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Retire provider' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Retire provider' }));
    await waitFor(() => expect(api.retireProvider).toHaveBeenCalledWith('pr-1', true));
    expect(await screen.findByText('Workforce Alliance is retired.')).toBeTruthy();
    const title = screen.getByRole('heading', { level: 1 }).parentElement as HTMLElement;
    expect(within(title).getByText('Retired')).toBeTruthy();
    expect(screen.getByText(/This provider is retired/)).toBeTruthy();

    vi.mocked(api.retireProvider).mockResolvedValueOnce({ ...workforce, retired: false });
    await user.click(screen.getByRole('button', { name: 'Offer again' }));
    await waitFor(() => expect(api.retireProvider).toHaveBeenLastCalledWith('pr-1', false));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByText('Workforce Alliance is offered again.')).toBeTruthy();
  });

  it('retires one service after asking, and shows a refusal', async () => {
    const user = userEvent.setup();
    const retiredJobs = { ...jobs, retired: true };
    vi.mocked(api.retireService).mockResolvedValueOnce({ ...workforce, services: [retiredJobs, ged] });
    render(ProviderPage, { props: props() });
    const job = (await screen.findByRole('heading', { level: 3, name: 'Job readiness' })).closest('li') as HTMLElement;
    const retire = within(job).getByRole('button', { name: 'Retire service' });
    // The button is described by its service's name.
    expect(retire.getAttribute('aria-describedby')).toBe('pp-svc-s-1');
    await user.click(retire);
    const dialog = screen.getByRole('dialog', { name: 'Retire the service Job readiness?' });
    expect(dialog.textContent).toContain('It stays in the past referrals made to it');
    await user.click(within(dialog).getByRole('button', { name: 'Retire service' }));
    await waitFor(() => expect(api.retireService).toHaveBeenCalledWith('pr-1', 's-1', true));
    expect(await within(job).findByText('Retired')).toBeTruthy();

    vi.mocked(api.retireService).mockRejectedValueOnce(refused('not_found', 'That service is not this provider’s.'));
    const gedItem = screen.getByRole('heading', { level: 3, name: 'GED classes' }).closest('li') as HTMLElement;
    await user.click(within(gedItem).getByRole('button', { name: 'Offer service again' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That service is not this provider’s.');
  });

  it('edits the provider and adds a service in place, one editor at a time', async () => {
    const user = userEvent.setup();
    render(ProviderPage, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Edit provider' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Edit Workforce Alliance' })).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Workforce Alliance');
    expect((screen.getByLabelText('Number, phone 1') as HTMLInputElement).value).toBe('203-555-0100');

    vi.mocked(api.saveProvider).mockResolvedValueOnce({ ...workforce, name: 'Workforce Alliance of New Haven' });
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Workforce Alliance of New Haven');
    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Workforce Alliance of New Haven' })).toBeTruthy();
    expect(screen.getByText('Saved Workforce Alliance of New Haven.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit provider' })));

    await user.click(screen.getByRole('button', { name: 'Add service' }));
    expect(screen.getByRole('heading', { level: 3, name: 'New service of Workforce Alliance of New Haven' })).toBeTruthy();
    await user.type(screen.getByLabelText('Service name'), 'Resume help');
    // Another editor asks first about what was typed here.
    const job = screen.getByRole('heading', { level: 3, name: 'Job readiness' }).closest('li') as HTMLElement;
    let answer = false;
    nav.confirmLeave = async () => answer;
    await user.click(within(job).getByRole('button', { name: 'Edit service' }));
    expect((screen.getByLabelText('Service name') as HTMLInputElement).value).toBe('Resume help');
    answer = true;
    await user.click(within(job).getByRole('button', { name: 'Edit service' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Edit Job readiness' })).toBeTruthy();
    expect((screen.getByLabelText('Service name') as HTMLInputElement).value).toBe('Job readiness');
  });

  it('says when the provider could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    vi.mocked(api.providerPage).mockRejectedValueOnce(refused('not_found', 'That provider is not in the directory.'));
    render(ProviderPage, { props: props() });
    expect((await screen.findByRole('alert')).textContent).toContain('That provider is not in the directory.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Workforce Alliance' })).toBeTruthy();
  });
});
