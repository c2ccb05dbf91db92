import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { CheckIn as Door } from '../../lib/bindings/CheckIn';
import type { Invitation } from '../../lib/bindings/Invitation';
import CheckIn, { fold, nameMatches, words } from './CheckIn.svelte';
import { callIn, invitation, inviteeList } from './testData';

vi.mock('../../lib/api');

const lukasz = invitation('i-1', 'Nowak', 'Łukasz', { status: 'issued', aliases: ['Luke'] });
const dwayne = invitation('i-2', 'Carter', 'Dwayne', { status: 'acknowledged', aliases: ['D-Lo'] });
const luka = invitation('i-3', 'Zielinski', 'Luka', { status: 'issued' });
const piotr = invitation('i-4', 'Łukaszewski', 'Piotr', { status: 'vetted' });
const keisha = invitation('i-5', 'Brown', 'Keisha', { status: 'attended', checkedInAt: '2027-03-14T21:50:00Z' });
const invitees = [keisha, dwayne, piotr, lukasz, luka];

/** The door's view of a list, counted as the backend counts it. */
function door(invitations: Invitation[], day: Pick<Door, 'open' | 'offersOpen'> = { open: true, offersOpen: true }): Door {
  const attended = invitations.filter((i) => i.status === 'attended');
  return {
    expected: invitations.filter(
      (i) => !i.walkIn && ['issued', 'acknowledged', 'attended'].includes(i.status),
    ).length,
    arrived: attended.length,
    walkIns: invitations.filter((i) => i.walkIn).length,
    ...day,
    stillExpected: invitations.filter((i) => ['issued', 'acknowledged'].includes(i.status)).map((i) => i.id),
    list: inviteeList(invitations),
  };
}

function attend(inv: Invitation, at = '2027-03-14T22:01:00Z'): Invitation {
  return { ...inv, status: 'attended', checkedInAt: at };
}

function replace(list: Invitation[], inv: Invitation): Invitation[] {
  return list.map((i) => (i.id === inv.id ? inv : i));
}

/** The number shown under a count's label. */
function count(label: string): string {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
}

function props() {
  return { id: 'c-1', onback: vi.fn(), onoffers: vi.fn() };
}

beforeEach(() => {
  vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'notices_out' }));
  vi.mocked(api.checkInState).mockResolvedValue(door(invitees));
});

async function opened() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Check-in: Northside spring call-in' })).toBeTruthy();
  const find = screen.getByLabelText('Find invitee') as HTMLInputElement;
  await waitFor(() => expect(document.activeElement).toBe(find));
  return find;
}

describe('name matching at the door', () => {
  it('ignores accents and case and matches the start of any word of a name or alias', () => {
    expect(fold('Łukasz')).toBe('lukasz');
    expect(fold('Đorđe Østergaard Straße')).toBe('dorde ostergaard strasse');
    expect(words('O’Brien-Díaz')).toEqual(['o', 'brien', 'diaz']);
    expect(nameMatches(['luk'], lukasz)).toBe(true);
    expect(nameMatches(['luke'], lukasz)).toBe(true);
    expect(nameMatches(words('NOW łu'), lukasz)).toBe(true);
    expect(nameMatches(['ukasz'], lukasz)).toBe(false);
    expect(nameMatches(['lo'], dwayne)).toBe(true);
  });
});

describe('check-in', () => {
  it('checks in the first match with Enter, says so, and keeps focus in the find field', async () => {
    const user = userEvent.setup();
    vi.mocked(api.checkIn).mockResolvedValue(door(replace(invitees, attend(lukasz))));
    render(CheckIn, { props: props() });
    const find = await opened();
    expect(count('Expected')).toBe('4');
    expect(count('Arrived')).toBe('1');
    expect(count('Walk-ins')).toBe('0');

    await user.type(find, 'luk');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    // Only the expected: Piotr Łukaszewski (no notice issued) and Keisha (here already) are not offered.
    expect(options.map((o) => o.querySelector('.door-match-name')?.textContent)).toEqual(['Łukasz Nowak', 'Luka Zielinski']);
    expect(options[0].getAttribute('aria-selected')).toBe('true');
    expect(find.getAttribute('aria-activedescendant')).toBe(options[0].id);
    await user.keyboard('{Enter}');

    expect(api.checkIn).toHaveBeenCalledWith('i-1');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checked in: Łukasz Nowak'));
    expect(find.value).toBe('');
    expect(document.activeElement).toBe(find);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(count('Arrived')).toBe('2');
    const arrived = screen.getByRole('region', { name: /Who has arrived/ });
    expect(within(arrived).getAllByRole('listitem').map((li) => li.querySelector('.door-list-name')?.textContent)).toEqual([
      'Łukasz Nowak',
      'Keisha Brown',
    ]);
  });

  it('moves the highlight with the arrow keys: ArrowDown and Enter check in the second match', async () => {
    const user = userEvent.setup();
    vi.mocked(api.checkIn).mockResolvedValue(door(replace(invitees, attend(luka))));
    render(CheckIn, { props: props() });
    const find = await opened();
    await user.type(find, 'luk');
    await user.keyboard('{ArrowDown}');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options[1].getAttribute('aria-selected')).toBe('true');
    expect(options[0].getAttribute('aria-selected')).toBe('false');
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowDown}{Enter}');

    expect(api.checkIn).toHaveBeenCalledTimes(1);
    expect(api.checkIn).toHaveBeenCalledWith('i-3');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checked in: Luka Zielinski'));
  });

  it('finds people by an alias, and says so when no one expected matches', async () => {
    const user = userEvent.setup();
    render(CheckIn, { props: props() });
    const find = await opened();
    await user.type(find, 'd-lo');
    expect(within(screen.getByRole('listbox')).getByRole('option', { name: /Dwayne Carter/ })).toBeTruthy();

    await user.clear(find);
    await user.type(find, 'zzz');
    await user.keyboard('{Enter}');
    expect(api.checkIn).not.toHaveBeenCalled();
    expect(screen.getByText('No expected invitee matches “zzz”.')).toBeTruthy();
    expect(screen.getByText('Not on the list? Add them as a walk-in (Alt+W).')).toBeTruthy();

    await user.clear(find);
    await user.type(find, 'keish');
    expect(screen.getByText('Already checked in: Keisha Brown.')).toBeTruthy();
  });

  it('undoes the last check-in with Ctrl+Z', async () => {
    const user = userEvent.setup();
    vi.mocked(api.checkIn).mockResolvedValue(door(replace(invitees, attend(lukasz))));
    vi.mocked(api.undoCheckIn).mockResolvedValue(door(invitees));
    render(CheckIn, { props: props() });
    const find = await opened();
    const undo = screen.getByRole('button', { name: 'Undo last check-in' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    await user.type(find, 'luk{Enter}');
    await waitFor(() => expect(count('Arrived')).toBe('2'));
    expect(undo.disabled).toBe(false);

    await user.keyboard('{Control>}z{/Control}');
    expect(api.undoCheckIn).toHaveBeenCalledWith('i-1');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Undid check-in: Łukasz Nowak'));
    expect(count('Arrived')).toBe('1');
    expect(undo.disabled).toBe(true);
    expect(document.activeElement).toBe(find);
    // Nothing left to undo: Ctrl+Z does nothing more.
    await user.keyboard('{Control>}z{/Control}');
    expect(api.undoCheckIn).toHaveBeenCalledTimes(1);
  });

  it('adds a walk-in who is not in the registry, showing field errors first', async () => {
    const user = userEvent.setup();
    const jamal = invitation('i-9', 'Reyes', 'Jamal', {
      status: 'attended',
      walkIn: true,
      checkedInAt: '2027-03-14T22:05:00Z',
    });
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [
        {
          id: 'p-7',
          firstName: 'Jamal',
          lastName: 'Reyes-Ortiz',
          aliases: ['J-Ro'],
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
    vi.mocked(api.walkIn)
      .mockRejectedValueOnce({
        code: 'validation',
        message: 'Enter a last name.',
        field: 'lastName',
        fields: [{ field: 'lastName', message: 'Enter a last name.' }],
      })
      .mockResolvedValueOnce(door([...invitees, jamal]));
    render(CheckIn, { props: props() });
    const find = await opened();

    await user.keyboard('{Alt>}w{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: 'Add a walk-in' });
    const search = within(dialog).getByLabelText('Search the registry');
    expect(document.activeElement).toBe(search);
    await user.type(search, 'jamal');
    const result = await within(dialog).findByRole('button', { name: 'Check in Jamal Reyes-Ortiz' });
    expect(within(dialog).getByText('born 1992-09-26 · also known as J-Ro')).toBeTruthy();
    expect(result).toBeTruthy();
    expect(api.searchPeople).toHaveBeenLastCalledWith({ search: 'jamal', limit: 8 });

    expect(within(dialog).getByRole('heading', { name: 'Not in the registry' })).toBeTruthy();
    await user.type(within(dialog).getByLabelText('First name'), 'Jamal');
    await user.click(within(dialog).getByRole('button', { name: 'Add and check in' }));
    const last = within(dialog).getByLabelText('Last name');
    await waitFor(() => expect(last.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Enter a last name.')).toBeTruthy();

    await user.type(last, 'Reyes');
    await user.click(within(dialog).getByRole('button', { name: 'Add and check in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(vi.mocked(api.walkIn).mock.calls[1]).toEqual([
      'c-1',
      null,
      expect.objectContaining({ firstName: 'Jamal', lastName: 'Reyes', aliases: [], status: 'active', supervisions: [] }),
    ]);
    expect(screen.getByRole('status').textContent).toBe('Checked in walk-in: Jamal Reyes');
    expect(count('Walk-ins')).toBe('1');
    expect(count('Arrived')).toBe('2');
    expect(document.activeElement).toBe(find);
  });

  it('shows the backend’s refusal of a registry walk-in in the dialog', async () => {
    const user = userEvent.setup();
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [
        {
          id: 'p-i-2',
          firstName: 'Dwayne',
          lastName: 'Carter',
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
    vi.mocked(api.walkIn).mockRejectedValue({
      code: 'validation',
      message: 'This person is on the invitee list: check them in by name.',
      field: 'personId',
      fields: [{ field: 'personId', message: 'This person is on the invitee list: check them in by name.' }],
    });
    render(CheckIn, { props: props() });
    await opened();
    await user.click(screen.getByRole('button', { name: 'Add walk-in' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a walk-in' });
    await user.type(within(dialog).getByLabelText('Search the registry'), 'carter');
    await user.click(await within(dialog).findByRole('button', { name: 'Check in Dwayne Carter' }));
    expect(api.walkIn).toHaveBeenCalledWith('c-1', 'p-i-2', null);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This person is on the invitee list: check them in by name.',
    );
    expect(count('Walk-ins')).toBe('0');
  });

  it('ends check-in after listing who will be marked No-show, then opens the offers', async () => {
    const user = userEvent.setup();
    vi.mocked(api.endCheckIn).mockResolvedValue(3);
    const p = props();
    render(CheckIn, { props: p });
    await opened();
    await user.click(screen.getByRole('button', { name: 'End check-in' }));
    const dialog = await screen.findByRole('dialog', { name: 'End check-in?' });
    expect(within(dialog).getByText('These 3 invitees did not come and will be marked No-show:')).toBeTruthy();
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Dwayne Carter',
      'Łukasz Nowak',
      'Luka Zielinski',
    ]);
    expect(api.endCheckIn).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'End check-in' }));
    expect(api.endCheckIn).toHaveBeenCalledWith('c-1');
    await waitFor(() => expect(p.onoffers).toHaveBeenCalledWith('c-1'));
  });

  it('says when everyone expected has arrived, and shows a refusal to end', async () => {
    const user = userEvent.setup();
    vi.mocked(api.checkInState).mockResolvedValue(door([keisha]));
    vi.mocked(api.endCheckIn).mockRejectedValue({
      code: 'invalid_transition',
      message: 'Check-in is open for a scheduled call-in; this one is Held.',
      fields: [],
    });
    const p = props();
    render(CheckIn, { props: p });
    await opened();
    await user.click(screen.getByRole('button', { name: 'End check-in' }));
    const dialog = await screen.findByRole('dialog', { name: 'End check-in?' });
    expect(within(dialog).getByText('Everyone expected has arrived.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'End check-in' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('this one is Held');
    expect(p.onoffers).not.toHaveBeenCalled();
  });

  it('refuses check-in for a call-in that is not scheduled, with a way back', async () => {
    const user = userEvent.setup();
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'held' }));
    // What check_in_state says of a held call-in (domain/dayof.rs, CheckIn::of).
    vi.mocked(api.checkInState).mockResolvedValue(door(invitees, { open: false, offersOpen: true }));
    const p = props();
    render(CheckIn, { props: p });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Check-in is open for a scheduled call-in; this one is Held.',
    );
    expect(screen.queryByLabelText('Find invitee')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Offers of help' }));
    expect(p.onoffers).toHaveBeenCalledWith('c-1');
    await user.click(screen.getAllByRole('button', { name: /Back to the call-in/ })[0]);
    expect(p.onback).toHaveBeenCalledWith('c-1');
  });
});
