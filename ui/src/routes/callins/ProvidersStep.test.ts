import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import { nav } from '../../lib/nav.svelte';
import { provider, service } from '../directory/testData';
import ProvidersStep from './ProvidersStep.svelte';
import { callIn } from './testData';

vi.mock('../../lib/api');

const workforce = provider('pr-1', 'Workforce Alliance', [service('s-1', 'pr-1', 'Job readiness', ['employment'])]);
/** At this call-in's table, and retired since: no longer offered, still on the table. */
const oldShelter = provider('pr-3', 'Old Shelter', [service('s-4', 'pr-3', 'Beds', ['housing'])], { retired: true });

beforeEach(() => {
  nav.confirmLeave = async () => true;
  vi.mocked(api.listProviders).mockResolvedValue([workforce]);
  vi.mocked(api.tableCoverage).mockResolvedValue({
    providers: [oldShelter],
    needs: [{ category: 'housing', invitees: 3, covered: true, common: true }],
  });
});

describe('providers at the table', () => {
  it('lists the providers offered and a retired one still at the table, marked retired', async () => {
    const user = userEvent.setup();
    vi.mocked(api.setProviderPresent).mockResolvedValueOnce({ providers: [], needs: [] });
    render(ProvidersStep, { props: { callIn: callIn(), onsaved: vi.fn() } });
    const shelter = (await screen.findByLabelText('Old Shelter at the table')) as HTMLInputElement;
    expect(shelter.checked).toBe(true);
    expect(within(shelter.closest('li') as HTMLElement).getByText('Retired')).toBeTruthy();
    // No new service for a retired provider.
    expect(screen.queryByRole('button', { name: 'Add service to Old Shelter' })).toBeNull();
    expect((screen.getByLabelText('Workforce Alliance at the table') as HTMLInputElement).checked).toBe(false);
    await user.click(shelter);
    expect(api.setProviderPresent).toHaveBeenCalledWith('c-1', 'pr-3', false);
  });

  it('adds a provider and a service with the Directory’s editors', async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    render(ProvidersStep, { props: { callIn: callIn(), onsaved } });
    await user.click(await screen.findByRole('button', { name: 'New provider' }));
    expect(screen.getByRole('heading', { level: 4, name: 'New provider' })).toBeTruthy();
    await user.type(screen.getByLabelText('Name'), 'Elm City Legal Aid');
    await user.click(screen.getByRole('button', { name: 'Add phone' }));
    await user.type(screen.getByLabelText('Number, phone 1'), '203-555-0177');
    const legal = provider('pr-9', 'Elm City Legal Aid', [], {
      phones: [{ id: 'ph-9', number: '203-555-0177', extension: null, kind: null, description: null }],
    });
    vi.mocked(api.saveProvider).mockResolvedValueOnce(legal);
    await user.click(screen.getByRole('button', { name: 'Add provider' }));
    await waitFor(() =>
      expect(api.saveProvider).toHaveBeenCalledWith(
        null,
        expect.objectContaining({
          name: 'Elm City Legal Aid',
          phones: [{ id: null, number: '203-555-0177', extension: '', kind: '', description: '' }],
        }),
      ),
    );
    expect(await screen.findByText('Added Elm City Legal Aid to the directory.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Elm City Legal Aid at the table')));
    expect(onsaved).toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Add service to Elm City Legal Aid' }));
    expect(screen.getByRole('heading', { level: 4, name: 'New service of Elm City Legal Aid' })).toBeTruthy();
    await user.type(screen.getByLabelText('Service name'), 'Eviction defense');
    await user.click(screen.getByLabelText('Legal'));
    vi.mocked(api.saveService).mockResolvedValueOnce({
      ...legal,
      services: [service('s-9', 'pr-9', 'Eviction defense', ['legal'])],
      categories: ['legal'],
    });
    await user.click(screen.getByRole('button', { name: 'Add service' }));
    await waitFor(() =>
      expect(api.saveService).toHaveBeenCalledWith(
        'pr-9',
        null,
        expect.objectContaining({ name: 'Eviction defense', categories: ['legal'], status: 'active' }),
      ),
    );
    expect(await screen.findByText('Added Eviction defense to Elm City Legal Aid.')).toBeTruthy();
    await waitFor(() => expect(api.tableCoverage).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('heading', { name: 'New service of Elm City Legal Aid' })).toBeNull();
  });
});
