import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { ProviderInput } from '../../lib/bindings/ProviderInput';
import { nav } from '../../lib/nav.svelte';
import { description } from '../../test/a11y';
import { invalid } from '../../test/backend';
import ProviderEditor from './ProviderEditor.svelte';
import { address, location, phone, provider } from './testData';

vi.mock('../../lib/api');

const workforce = provider('pr-1', 'Workforce Alliance', [], {
  email: 'info@wfa.example.org',
  phones: [phone('ph-1', '203-555-0100', { kind: 'voice', description: 'Front desk' })],
  contacts: [{ id: 'co-1', name: 'Ana Ruiz', title: null, department: null, email: null, phones: [] }],
  locations: [
    location('loc-1', 'Main office', [address('ad-1', '12 Main St')], { latitude: '41.31', longitude: '-72.92' }),
  ],
});

beforeEach(() => {
  nav.confirmLeave = async () => true;
});

function props(extra: Record<string, unknown> = {}) {
  return { onsaved: vi.fn(), oncancel: vi.fn(), ...extra };
}

describe('the provider editor', () => {
  it('adds a phone and a location with an address, and sends them with the rows it had, ids kept', async () => {
    const user = userEvent.setup();
    const p = props({ provider: workforce });
    vi.mocked(api.saveProvider).mockResolvedValueOnce(workforce);
    render(ProviderEditor, { props: p });
    expect(screen.getByRole('heading', { name: 'Edit Workforce Alliance' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Add phone' }));
    // The new row's first input has focus; its inputs say which phone they are.
    expect(document.activeElement).toBe(screen.getByLabelText('Number, phone 2'));
    await user.type(screen.getByLabelText('Number, phone 2'), '203-555-0199');
    await user.type(screen.getByLabelText('Extension, phone 2'), '7');
    await user.type(screen.getByLabelText('Type, phone 2'), 'fax');

    await user.click(screen.getByRole('button', { name: 'Add location' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Type, location 2'));
    await user.selectOptions(screen.getByLabelText('Type, location 2'), 'Postal');
    await user.type(screen.getByLabelText('Name, location 2'), 'Westville office');
    await user.type(screen.getByLabelText('Transportation, location 2'), 'Bus 243');
    // A new location comes with one address, country US.
    expect((screen.getByLabelText('Country, location 2, address 1') as HTMLInputElement).value).toBe('US');
    await user.type(screen.getByLabelText('Address 1, location 2, address 1'), '400 Whalley Ave');
    await user.type(screen.getByLabelText('City, location 2, address 1'), 'New Haven');
    await user.type(screen.getByLabelText('State, location 2, address 1'), 'CT');
    await user.type(screen.getByLabelText('Postal code, location 2, address 1'), '06515');

    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(api.saveProvider).toHaveBeenCalledTimes(1));
    expect(api.saveProvider).toHaveBeenCalledWith('pr-1', {
      name: 'Workforce Alliance',
      alternateName: '',
      description: '',
      email: 'info@wfa.example.org',
      website: '',
      phones: [
        { id: 'ph-1', number: '203-555-0100', extension: '', kind: 'voice', description: 'Front desk' },
        { id: null, number: '203-555-0199', extension: '7', kind: 'fax', description: '' },
      ],
      contacts: [{ id: 'co-1', name: 'Ana Ruiz', title: '', department: '', email: '' }],
      locations: [
        {
          id: 'loc-1',
          locationType: 'physical',
          name: 'Main office',
          alternateName: '',
          description: '',
          transportation: '',
          // Fields the form does not show go back as they came.
          latitude: '41.31',
          longitude: '-72.92',
          url: '',
          addresses: [
            {
              id: 'ad-1',
              addressType: 'physical',
              attention: '',
              address1: '12 Main St',
              address2: '',
              city: 'New Haven',
              region: '',
              stateProvince: 'CT',
              postalCode: '06511',
              country: 'US',
            },
          ],
        },
        {
          id: null,
          locationType: 'postal',
          name: 'Westville office',
          alternateName: '',
          description: '',
          transportation: 'Bus 243',
          latitude: '',
          longitude: '',
          url: '',
          addresses: [
            {
              id: null,
              addressType: 'physical',
              attention: '',
              address1: '400 Whalley Ave',
              address2: '',
              city: 'New Haven',
              region: '',
              stateProvince: 'CT',
              postalCode: '06515',
              country: 'US',
            },
          ],
        },
      ],
    } satisfies ProviderInput);
    expect(p.onsaved).toHaveBeenCalledWith(workforce);
  });

  it('removes a row by its named button, and the rows after it keep their ids', async () => {
    const user = userEvent.setup();
    const two = { ...workforce, phones: [phone('ph-1', '203-555-0100'), phone('ph-2', '203-555-0101')] };
    vi.mocked(api.saveProvider).mockResolvedValueOnce(two);
    render(ProviderEditor, { props: props({ provider: two }) });
    await user.click(screen.getByRole('button', { name: 'Remove phone 1' }));
    expect(screen.queryByRole('button', { name: 'Remove phone 2' })).toBeNull();
    expect((screen.getByLabelText('Number, phone 1') as HTMLInputElement).value).toBe('203-555-0101');
    // Focus goes to the row that took its place.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove phone 1' }));
    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    await waitFor(() =>
      expect(vi.mocked(api.saveProvider).mock.calls[0][1].phones).toEqual([
        { id: 'ph-2', number: '203-555-0101', extension: '', kind: '', description: '' },
      ]),
    );
  });

  it('shows each message of the backend by its field, and in the summary with a link to it', async () => {
    const user = userEvent.setup();
    const p = props();
    // Messages as src-tauri/domain/directory_details.rs words them.
    vi.mocked(api.saveProvider).mockRejectedValueOnce(
      invalid(
        ['name', 'Enter the provider\u2019s name.'],
        ['phones.0.number', 'Enter the phone number, or remove the row.'],
        ['locations.0.addresses.0.address1', 'Enter the street address, or remove the address.'],
        ['locations.0.latitude', 'Enter a number between -90 and 90.'],
      ),
    );
    render(ProviderEditor, { props: p });
    expect(screen.getByRole('heading', { name: 'New provider' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add phone' }));
    await user.click(screen.getByRole('button', { name: 'Add location' }));
    await user.click(screen.getByRole('button', { name: 'Add provider' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('The provider was not saved: 4 problems to fix.');
    expect(api.saveProvider).toHaveBeenCalledWith(null, expect.objectContaining({ name: '' }));

    const number = screen.getByLabelText('Number, phone 1');
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(description(number)).toBe('Enter the phone number, or remove the row.');
    const street = screen.getByLabelText('Address 1, location 1, address 1');
    expect(description(street)).toBe('Enter the street address, or remove the address.');
    expect(description(screen.getByLabelText('Name'))).toBe('Enter the provider\u2019s name.');

    const links = within(summary).getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual([
      'Name: Enter the provider\u2019s name.',
      'Number (phone 1): Enter the phone number, or remove the row.',
      'Address 1 (location 1, address 1): Enter the street address, or remove the address.',
      // A field the form does not show: its row's first input.
      'Type (location 1): Enter a number between -90 and 90.',
    ]);
    await user.click(within(summary).getByRole('link', { name: /Number \(phone 1\)/ }));
    expect(document.activeElement).toBe(number);

    // Once rows come or go, their messages (by position) are gone; the others stay.
    await user.click(screen.getByRole('button', { name: 'Remove phone 1' }));
    expect(within(summary).queryByText(/phone 1/)).toBeNull();
    expect(description(screen.getByLabelText('Name'))).toBe('Enter the provider\u2019s name.');
  });

  it('cancels at once when nothing was typed, and asks first when something was', async () => {
    const user = userEvent.setup();
    const p = props({ provider: workforce });
    let answer = false;
    nav.confirmLeave = async () => answer;
    render(ProviderEditor, { props: p });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(p.oncancel).toHaveBeenCalledTimes(1);

    await user.type(screen.getByLabelText('Website'), 'wfa.example.org');
    await user.keyboard('{Escape}');
    expect(p.oncancel).toHaveBeenCalledTimes(1);
    expect(await nav.mayLeave()).toBe(false);
    answer = true;
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(p.oncancel).toHaveBeenCalledTimes(2);
  });
});
