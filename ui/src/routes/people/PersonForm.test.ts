import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { ErrorPayload } from '../../lib/bindings/ErrorPayload';
import type { Person } from '../../lib/bindings/Person';
import { description } from '../../test/a11y';
import PersonForm from './PersonForm.svelte';

vi.mock('../../lib/api');

const validation: ErrorPayload = {
  code: 'validation',
  message: 'Enter a last name.',
  field: 'lastName',
  fields: [
    { field: 'lastName', message: 'Enter a last name.' },
    { field: 'dateOfBirth', message: 'Date of birth must be a date like 2024-03-31.' },
    { field: 'supervisions.0.endDate', message: 'The supervision cannot end before it starts.' },
  ],
};

const saved: Person = {
  id: 'p-1',
  firstName: 'María',
  lastName: 'Núñez',
  aliases: ['Mari', 'La Flaca'],
  dateOfBirth: '1990-12-31',
  phone: null,
  address: null,
  area: null,
  preferredLanguage: 'es',
  notes: null,
  status: 'active',
  supervisions: [],
  groups: [],
  needs: ['housing'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

beforeEach(() => {
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({
    agencies: [],
    officers: [],
    groups: [{ id: 'g-1', name: 'Dixwell Boys' }],
  });
});

describe('person form', () => {
  it('shows each backend message next to its input and in the summary, then saves the corrected form', async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    vi.mocked(api.createPerson).mockRejectedValueOnce(validation).mockResolvedValueOnce(saved);
    render(PersonForm, { props: { onsaved, oncancel: vi.fn() } });

    expect(screen.getByRole('heading', { name: 'New person' })).toBeTruthy();
    await user.type(screen.getByLabelText('First name'), 'María');
    await user.type(screen.getByLabelText('Aliases'), ' Mari ,  La Flaca,, ');
    await user.type(screen.getByLabelText('Date of birth'), '31/12/1990');
    await user.selectOptions(screen.getByLabelText('Preferred language'), 'Spanish');
    await user.click(screen.getByRole('button', { name: 'Add supervision record' }));
    await user.selectOptions(screen.getByLabelText('Type'), 'Parole');
    await user.type(screen.getByLabelText('Agency'), 'State Parole');
    await user.type(screen.getByLabelText('Start date'), '2025-06-01');
    await user.type(screen.getByLabelText('End date'), '2025-05-31');
    await user.click(screen.getByLabelText('Call-in is a condition of supervision'));
    await user.selectOptions(screen.getByLabelText('Add to group'), 'Dixwell Boys');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.type(screen.getByLabelText('Role'), 'shot caller');
    await user.click(screen.getByLabelText('Housing'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('3 problems');
    expect(alert.textContent).toContain('Enter a last name.');
    expect(alert.textContent).toContain('Date of birth must be a date like 2024-03-31.');
    expect(alert.textContent).toContain('The supervision cannot end before it starts.');
    expect(within(alert).getAllByRole('link')).toHaveLength(3);

    const lastName = screen.getByLabelText('Last name');
    expect(lastName.getAttribute('aria-invalid')).toBe('true');
    expect(description(lastName)).toBe('Enter a last name.');
    const dob = screen.getByLabelText('Date of birth');
    expect(dob.getAttribute('aria-invalid')).toBe('true');
    expect(description(dob)).toBe('Date of birth must be a date like 2024-03-31.');
    const end = screen.getByLabelText('End date');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(description(end)).toBe('Record 1 The supervision cannot end before it starts.');
    // Fields the backend did not name stay as they were.
    expect(screen.getByLabelText('First name').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Start date').getAttribute('aria-invalid')).toBeNull();
    expect(onsaved).not.toHaveBeenCalled();

    // The summary's link takes the coordinator to the input.
    await user.click(within(alert).getByRole('link', { name: /Last name/ }));
    expect(document.activeElement).toBe(lastName);

    await user.type(lastName, 'Núñez');
    await user.clear(dob);
    await user.type(dob, '1990-12-31');
    await user.clear(end);
    await user.type(end, '2026-05-31');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(saved));
    expect(api.createPerson).toHaveBeenCalledTimes(2);
    expect(vi.mocked(api.createPerson).mock.calls[1][0]).toEqual({
      firstName: 'María',
      lastName: 'Núñez',
      aliases: ['Mari', 'La Flaca'],
      dateOfBirth: '1990-12-31',
      phone: '',
      address: '',
      area: '',
      preferredLanguage: 'es',
      notes: '',
      status: 'active',
      supervisions: [
        {
          kind: 'parole',
          agency: 'State Parole',
          officerName: '',
          officerContact: '',
          startDate: '2025-06-01',
          endDate: '2026-05-31',
          callInCondition: true,
        },
      ],
      groups: [{ groupId: 'g-1', role: 'shot caller' }],
      needs: ['housing'],
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the first record’s labels and names later records for screen readers', async () => {
    const user = userEvent.setup();
    render(PersonForm, { props: { onsaved: vi.fn(), oncancel: vi.fn() } });
    await user.click(screen.getByRole('button', { name: 'Add supervision record' }));
    await user.click(screen.getByRole('button', { name: 'Add supervision record' }));

    expect(screen.getByLabelText('Agency')).not.toBe(screen.getByLabelText('Agency, record 2'));
    expect(screen.getByLabelText('End date, record 2').getAttribute('placeholder')).toBe('YYYY-MM-DD');
    expect(screen.getByRole('button', { name: 'Remove' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove, record 2' }));
    expect(screen.queryByLabelText('Agency, record 2')).toBeNull();
  });

  it('tells screen readers which record and which group the first row’s inputs belong to', async () => {
    const user = userEvent.setup();
    vi.mocked(api.peopleFilterOptions).mockResolvedValue({
      agencies: [],
      officers: [],
      groups: [
        { id: 'g-1', name: 'Dixwell Boys' },
        { id: 'g-2', name: 'Riverside Kings' },
      ],
    });
    render(PersonForm, { props: { onsaved: vi.fn(), oncancel: vi.fn() } });
    await user.click(screen.getByRole('button', { name: 'Add supervision record' }));
    await user.click(screen.getByRole('button', { name: 'Add supervision record' }));

    // The first record keeps its plain labels and names, and is described by its legend.
    for (const label of ['Type', 'Agency', 'Officer', 'Officer contact', 'Start date', 'End date']) {
      const input = screen.getByRole(label === 'Type' ? 'combobox' : 'textbox', { name: label });
      expect(description(input)).toBe('Record 1');
    }
    expect(description(screen.getByRole('checkbox', { name: 'Call-in is a condition of supervision' }))).toBe('Record 1');
    expect(description(screen.getByRole('button', { name: 'Remove' }))).toBe('Record 1');
    // Later records say which they are in their names already.
    expect(description(screen.getByLabelText('Agency, record 2'))).toBe('');

    await user.selectOptions(await screen.findByLabelText('Add to group'), 'Dixwell Boys');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.selectOptions(screen.getByLabelText('Add to group'), 'Riverside Kings');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const role = screen.getByRole('textbox', { name: 'Role' });
    expect(document.querySelector(`label[for="${role.id}"]`)?.textContent).toBe('Role');
    expect(description(role)).toBe('Dixwell Boys');
    expect(description(screen.getByLabelText('Role, Riverside Kings'))).toBe('');
  });

  it('shows an error that names no field in the summary', async () => {
    const user = userEvent.setup();
    vi.mocked(api.updatePerson).mockRejectedValueOnce({
      code: 'conflict',
      message: 'This person is archived; restore them before editing.',
      fields: [],
    } satisfies ErrorPayload);
    vi.mocked(api.getPerson).mockResolvedValueOnce(saved);
    render(PersonForm, { props: { id: 'p-1', onsaved: vi.fn(), oncancel: vi.fn() } });

    expect(await screen.findByDisplayValue('Mari, La Flaca')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Edit person' })).toBeTruthy();
    expect((screen.getByLabelText('Housing') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This person is archived; restore them before editing.');
    expect(vi.mocked(api.updatePerson).mock.calls[0][0]).toBe('p-1');
  });

  it('says when the groups to choose from could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    vi.mocked(api.peopleFilterOptions).mockRejectedValueOnce({ code: 'io', message: 'The disk is busy.', fields: [] });
    render(PersonForm, { props: { onsaved: vi.fn(), oncancel: vi.fn() } });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The groups to add this person to could not be loaded. The disk is busy.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const add = screen.getByLabelText('Add to group') as HTMLSelectElement;
    expect([...add.options].map((o) => o.textContent)).toEqual(['Choose a group…', 'Dixwell Boys']);
    expect(document.activeElement).toBe(add);
  });
});
