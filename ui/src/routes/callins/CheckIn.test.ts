import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { CallInStatus } from '../../lib/bindings/CallInStatus';
import type { CheckIn as Door } from '../../lib/bindings/CheckIn';
import type { Invitation } from '../../lib/bindings/Invitation';
import type { InvitationStatus } from '../../lib/bindings/InvitationStatus';
import type { PersonRow } from '../../lib/bindings/PersonRow';
import { labels } from '../../lib/bindings/labels';
import type { TableCoverage } from '../../lib/bindings/TableCoverage';
import { fullName } from '../../lib/format';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { invalid, refused } from '../../test/backend';
import Shell from '../Shell.svelte';
import CheckIn, { fold, nameMatches, words } from './CheckIn.svelte';
import { callIn, invitation, inviteeList, moved, runOfShow } from './testData';

vi.mock('../../lib/api');

const lukasz = invitation('i-1', 'Nowak', 'Łukasz', { status: 'issued', aliases: ['Luke'] });
const dwayne = invitation('i-2', 'Carter', 'Dwayne', { status: 'acknowledged', aliases: ['D-Lo'] });
const luka = invitation('i-3', 'Zielinski', 'Luka', { status: 'issued' });
const piotr = invitation('i-4', 'Łukaszewski', 'Piotr', { status: 'vetted' });
const keisha = invitation('i-5', 'Brown', 'Keisha', { status: 'attended', checkedInAt: '2027-03-14T21:50:00Z' });
const invitees = [keisha, dwayne, piotr, lukasz, luka];

/** Who "End check-in" makes No-shows (domain/dayof.rs, `becomes_no_show`). */
const becomesNoShow = (s: InvitationStatus) => s === 'issued' || s === 'acknowledged';

/** The door's view of a list, counted as the backend counts it (src-tauri/domain/dayof.rs, `CheckIn::of`). */
function door(invitations: Invitation[], status: CallInStatus = 'notices_out'): Door {
  return {
    expected: invitations.filter((i) => !i.walkIn && (becomesNoShow(i.status) || i.status === 'attended')).length,
    arrived: invitations.filter((i) => i.status === 'attended').length,
    walkIns: invitations.filter((i) => i.walkIn).length,
    // `check_in_open` and `offers_open`.
    closed:
      status === 'scheduled' || status === 'notices_out'
        ? null
        : `Check-in is open for a scheduled call-in; this one is ${labels.CallInStatus[status].en}.`,
    offersOpen: ['scheduled', 'notices_out', 'held', 'follow_up'].includes(status),
    stillExpected: invitations.filter((i) => becomesNoShow(i.status)).map((i) => i.id),
    list: inviteeList(invitations),
  };
}

/**
 * The backend at the door for one call-in, holding its invitations: check-in, undo, walk-ins
 * and the end of check-in change them as src-tauri/commands/dayof.rs does, and refuse with
 * the messages of src-tauri/domain/dayof.rs and domain/people.rs.
 */
function atTheDoor(start: Invitation[], startStatus: CallInStatus = 'notices_out') {
  let list = [...start];
  let status = startStatus;
  let minute = 0;
  const before = new Map<string, InvitationStatus>();
  const find = (id: string) => {
    const inv = list.find((i) => i.id === id);
    if (!inv) throw refused('not_found', 'That invitation does not exist.');
    return inv;
  };
  const now = () => `2027-03-14T22:${String(++minute).padStart(2, '0')}:00Z`;
  const answer = () => door(list, status);

  vi.mocked(api.getCallIn).mockImplementation(async () => callIn({ status }));
  vi.mocked(api.checkInState).mockImplementation(async () => answer());
  vi.mocked(api.listInvitations).mockImplementation(async () => inviteeList(list));
  vi.mocked(api.checkIn).mockImplementation(async (id) => {
    const inv = find(id);
    if (inv.status === 'attended') throw refused('conflict', `${fullName(inv)} is already checked in.`);
    before.set(id, inv.status);
    list = list.map((i) => (i.id === id ? moved(i, 'attended', { checkedInAt: now() }) : i));
    return answer();
  });
  vi.mocked(api.undoCheckIn).mockImplementation(async (id) => {
    const inv = find(id);
    if (inv.offerResponse) {
      throw refused('conflict', `${fullName(inv)}'s response to the offer of help is recorded; the check-in stays.`);
    }
    list = inv.walkIn
      ? list.filter((i) => i.id !== id)
      : list.map((i) => (i.id === id ? moved(i, before.get(id) ?? 'issued', { checkedInAt: null }) : i));
    return answer();
  });
  vi.mocked(api.walkIn).mockImplementation(async (_callInId, personId, person) => {
    if (person && !person.lastName.trim()) throw invalid(['lastName', 'Enter a last name.']);
    if (personId && list.some((i) => i.personId === personId)) {
      throw invalid(['personId', 'This person is on the invitee list: check them in by name.']);
    }
    const n = list.length + 1;
    const name = person ?? { firstName: 'Jamal', lastName: 'Reyes-Ortiz' };
    const added = invitation(`i-${n}`, name.lastName, name.firstName, {
      personId: personId ?? `p-new-${n}`,
      status: 'attended',
      walkIn: true,
      officerName: null,
      checkedInAt: now(),
    });
    list = [...list, added];
    return answer();
  });
  vi.mocked(api.endCheckIn).mockImplementation(async () => {
    if (status !== 'scheduled' && status !== 'notices_out') {
      throw refused('invalid_transition', `Check-in is open for a scheduled call-in; this one is ${labels.CallInStatus[status].en}.`);
    }
    const noShows = list.filter((i) => becomesNoShow(i.status)).length;
    list = list.map((i) => (becomesNoShow(i.status) ? moved(i, 'no_show') : i));
    status = 'held';
    return noShows;
  });
  return {
    /** Another coordinator moved the call-in on. */
    set status(s: CallInStatus) {
      status = s;
    },
    /** An attendee's offer response is recorded (on the offers screen). */
    offerRecorded(id: string) {
      list = list.map((i) => (i.id === id ? { ...i, offerResponse: 'accepted' } : i));
    },
  };
}

/** The number shown under a count's label. */
function count(label: string): string {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
}

/** The names in "Who has arrived" (the last to arrive first) or "Still expected". */
function names(region: RegExp): string[] {
  return within(screen.getByRole('region', { name: region }))
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('.door-list-name')?.textContent ?? '');
}

function props() {
  return { id: 'c-1', onback: vi.fn(), onoffers: vi.fn() };
}

function personRow(id: string, firstName: string, lastName: string, extra: Partial<PersonRow> = {}): PersonRow {
  return {
    id,
    firstName,
    lastName,
    aliases: [],
    dateOfBirth: null,
    status: 'active',
    supervisionType: null,
    agency: null,
    officerName: null,
    supervisionEnd: null,
    groups: [],
    ...extra,
  } satisfies PersonRow;
}

beforeEach(() => {
  atTheDoor(invitees);
});

async function opened() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Check-in: Northside spring call-in' })).toBeTruthy();
  const find = screen.getByLabelText('Find invitee') as HTMLInputElement;
  await waitFor(() => expect(document.activeElement).toBe(find));
  return find;
}

/** The door inside the window, for what happens when it sends the coordinator elsewhere. */
function renderInShell() {
  session.set({ databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 });
  session.notice = null;
  nav.route = { area: 'callins', view: 'checkin', id: 'c-1' };
  vi.mocked(api.tableCoverage).mockResolvedValue({ providers: [], needs: [] } satisfies TableCoverage);
  vi.mocked(api.firstContactDays).mockResolvedValue(3);
  vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([]));
  render(Shell);
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
    render(CheckIn, { props: props() });
    const find = await opened();
    expect(count('Expected')).toBe('4');
    expect(count('Arrived')).toBe('1');
    expect(count('Walk-ins')).toBe('0');
    expect(names(/Still expected/)).toEqual(['Dwayne Carter', 'Łukasz Nowak', 'Luka Zielinski']);

    await user.type(find, 'luk');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    // Only the expected: Piotr Łukaszewski (no notice issued) and Keisha (here already) are not offered.
    expect(options.map((o) => o.querySelector('.door-match-name')?.textContent)).toEqual(['Łukasz Nowak', 'Luka Zielinski']);
    expect(options[0].getAttribute('aria-selected')).toBe('true');
    expect(find.getAttribute('aria-activedescendant')).toBe(options[0].id);
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checked in: Łukasz Nowak'));
    expect(api.checkIn).toHaveBeenCalledWith('i-1');
    expect(find.value).toBe('');
    expect(document.activeElement).toBe(find);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(count('Arrived')).toBe('2');
    expect(count('Expected')).toBe('4');
    expect(names(/Who has arrived/)).toEqual(['Łukasz Nowak', 'Keisha Brown']);
    expect(names(/Still expected/)).toEqual(['Dwayne Carter', 'Luka Zielinski']);

    // Checked in, they are offered no more: typing the name says they are here.
    await user.type(find, 'łukasz n');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText('Already checked in: Łukasz Nowak.')).toBeTruthy();
  });

  it('moves the highlight with the arrow keys: ArrowDown and Enter check in the second match', async () => {
    const user = userEvent.setup();
    render(CheckIn, { props: props() });
    const find = await opened();
    await user.type(find, 'luk');
    await user.keyboard('{ArrowDown}');
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options[1].getAttribute('aria-selected')).toBe('true');
    expect(options[0].getAttribute('aria-selected')).toBe('false');
    expect(find.getAttribute('aria-activedescendant')).toBe(options[1].id);
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowDown}{Enter}');

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checked in: Luka Zielinski'));
    expect(api.checkIn).toHaveBeenCalledTimes(1);
    expect(names(/Who has arrived/)).toEqual(['Luka Zielinski', 'Keisha Brown']);
    expect(names(/Still expected/)).toEqual(['Dwayne Carter', 'Łukasz Nowak']);
    expect(document.activeElement).toBe(find);
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
    expect(screen.getByText('No expected invitee matches “zzz”.')).toBeTruthy();
    expect(screen.getByText('Not on the list? Add them as a walk-in (Alt+W).')).toBeTruthy();
    // Enter with nothing to check in changes nothing.
    expect(screen.getByRole('status').textContent).toBe('');
    expect(count('Arrived')).toBe('1');
    expect(api.checkIn).not.toHaveBeenCalled();

    await user.clear(find);
    await user.type(find, 'keish');
    expect(screen.getByText('Already checked in: Keisha Brown.')).toBeTruthy();
  });

  it('undoes the last check-in with Ctrl+Z', async () => {
    const user = userEvent.setup();
    render(CheckIn, { props: props() });
    const find = await opened();
    const undo = screen.getByRole('button', { name: 'Undo last check-in' }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    await user.type(find, 'luk{Enter}');
    await waitFor(() => expect(count('Arrived')).toBe('2'));
    expect(undo.disabled).toBe(false);

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Undid check-in: Łukasz Nowak'));
    expect(api.undoCheckIn).toHaveBeenCalledWith('i-1');
    expect(count('Arrived')).toBe('1');
    expect(names(/Who has arrived/)).toEqual(['Keisha Brown']);
    expect(names(/Still expected/)).toEqual(['Dwayne Carter', 'Łukasz Nowak', 'Luka Zielinski']);
    expect(undo.disabled).toBe(true);
    expect(document.activeElement).toBe(find);
    // Nothing left to undo: Ctrl+Z does nothing more (Keisha, checked in before, stays).
    await user.keyboard('{Control>}z{/Control}');
    expect(api.undoCheckIn).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Undid check-in: Łukasz Nowak');
    expect(names(/Who has arrived/)).toEqual(['Keisha Brown']);
  });

  it('undoes several check-ins in a row, the last one first, with Ctrl+Z', async () => {
    const user = userEvent.setup();
    render(CheckIn, { props: props() });
    const find = await opened();
    await user.type(find, 'nowak{Enter}');
    await waitFor(() => expect(count('Arrived')).toBe('2'));
    await user.type(find, 'zielinski{Enter}');
    await waitFor(() => expect(count('Arrived')).toBe('3'));
    await user.type(find, 'carter{Enter}');
    await waitFor(() => expect(count('Arrived')).toBe('4'));
    expect(names(/Who has arrived/)).toEqual(['Dwayne Carter', 'Luka Zielinski', 'Łukasz Nowak', 'Keisha Brown']);

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Undid check-in: Dwayne Carter'));
    expect(count('Arrived')).toBe('3');
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Undid check-in: Luka Zielinski'));
    expect(count('Arrived')).toBe('2');
    expect(names(/Who has arrived/)).toEqual(['Łukasz Nowak', 'Keisha Brown']);
    expect(names(/Still expected/)).toEqual(['Dwayne Carter', 'Luka Zielinski']);
    expect((screen.getByRole('button', { name: 'Undo last check-in' }) as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(find);
  });

  it('shows the backend’s refusal to undo once the offer response is recorded, and keeps the check-in', async () => {
    const user = userEvent.setup();
    const backend = atTheDoor(invitees);
    render(CheckIn, { props: props() });
    const find = await opened();
    await user.type(find, 'luka z{Enter}');
    await waitFor(() => expect(count('Arrived')).toBe('2'));
    backend.offerRecorded('i-3');

    await user.click(screen.getByRole('button', { name: 'Undo last check-in' }));
    // src-tauri/domain/dayof.rs (undo).
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Luka Zielinski's response to the offer of help is recorded; the check-in stays.",
    );
    expect(count('Arrived')).toBe('2');
    expect(names(/Who has arrived/)).toEqual(['Luka Zielinski', 'Keisha Brown']);
    // Refused for good: nothing is left to undo.
    expect((screen.getByRole('button', { name: 'Undo last check-in' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(find);
  });

  it('adds a walk-in who is not in the registry, showing the backend’s field error first', async () => {
    const user = userEvent.setup();
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [personRow('p-7', 'Jamal', 'Reyes-Ortiz', { aliases: ['J-Ro'], dateOfBirth: '1992-09-26' })],
      total: 1,
      nextCursor: null,
    });
    render(CheckIn, { props: props() });
    const find = await opened();

    await user.keyboard('{Alt>}w{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: 'Add a walk-in' });
    const search = within(dialog).getByLabelText('Search the registry');
    expect(document.activeElement).toBe(search);
    await user.type(search, 'jamal');
    expect(await within(dialog).findByRole('button', { name: 'Check in Jamal Reyes-Ortiz' })).toBeTruthy();
    expect(within(dialog).getByText('born 1992-09-26 · also known as J-Ro')).toBeTruthy();
    expect(api.searchPeople).toHaveBeenLastCalledWith({ search: 'jamal', limit: 8 });

    // Not the Jamal they are: a new person, with only a first name at first.
    expect(within(dialog).getByRole('heading', { name: 'Not in the registry' })).toBeTruthy();
    await user.type(within(dialog).getByLabelText('First name'), 'Jamal');
    await user.click(within(dialog).getByRole('button', { name: 'Add and check in' }));
    const last = within(dialog).getByLabelText('Last name');
    // src-tauri/domain/people.rs (validate_person).
    await waitFor(() => expect(last.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Enter a last name.')).toBeTruthy();
    expect(count('Walk-ins')).toBe('0');

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
    expect(count('Expected')).toBe('4');
    const arrived = within(screen.getByRole('region', { name: /Who has arrived/ })).getAllByRole('listitem');
    expect(arrived[0].querySelector('.door-list-name')?.textContent).toBe('Jamal Reyes');
    expect(within(arrived[0]).getByText('walk-in')).toBeTruthy();
    expect(document.activeElement).toBe(find);

    // A walk-in checked in by mistake is undone too: they leave the list.
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Undid check-in: Jamal Reyes'));
    expect(count('Walk-ins')).toBe('0');
    expect(names(/Who has arrived/)).toEqual(['Keisha Brown']);
  });

  it('shows the backend’s refusal of a registry walk-in who is on the list, in the dialog', async () => {
    const user = userEvent.setup();
    vi.mocked(api.searchPeople).mockResolvedValue({
      rows: [personRow(dwayne.personId, 'Dwayne', 'Carter')],
      total: 1,
      nextCursor: null,
    });
    render(CheckIn, { props: props() });
    await opened();
    await user.click(screen.getByRole('button', { name: 'Add walk-in' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a walk-in' });
    await user.type(within(dialog).getByLabelText('Search the registry'), 'carter');
    const result = await within(dialog).findByRole('button', { name: 'Check in Dwayne Carter' });
    expect(within(dialog).getByText('on the invitee list')).toBeTruthy();
    await user.click(result);
    expect(api.walkIn).toHaveBeenCalledWith('c-1', dwayne.personId, null);
    // src-tauri/domain/dayof.rs (check_walk_in).
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This person is on the invitee list: check them in by name.',
    );
    expect(screen.getByRole('dialog', { name: 'Add a walk-in' })).toBe(dialog);
    expect(count('Walk-ins')).toBe('0');
    expect(count('Arrived')).toBe('1');
  });

  it('ends check-in after listing who will be marked No-show, then shows the offers of the held call-in', async () => {
    const user = userEvent.setup();
    renderInShell();
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

    expect(await screen.findByRole('heading', { level: 1, name: 'Offers of help: Northside spring call-in' })).toBeTruthy();
    expect(api.endCheckIn).toHaveBeenCalledWith('c-1');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Held')).toBeTruthy();
    // The one who came is offered help; the no-shows are not listed.
    const table = await screen.findByRole('table', { name: 'Attendees and their offers of help' });
    expect([...table.querySelectorAll('.offer-name')].map((n) => n.textContent)).toEqual(['Brown, Keisha']);
  });

  it('says when everyone expected has arrived, and shows the backend’s refusal to end', async () => {
    const user = userEvent.setup();
    const backend = atTheDoor([keisha]);
    const p = props();
    render(CheckIn, { props: p });
    await opened();
    expect(names(/Still expected/)).toEqual([]);
    expect(screen.getByText('No one else is expected.')).toBeTruthy();
    // Another coordinator ended check-in meanwhile.
    backend.status = 'held';
    await user.click(screen.getByRole('button', { name: 'End check-in' }));
    const dialog = await screen.findByRole('dialog', { name: 'End check-in?' });
    expect(within(dialog).getByText('Everyone expected has arrived.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'End check-in' }));
    // src-tauri/domain/dayof.rs (check_in_open).
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Check-in is open for a scheduled call-in; this one is Held.',
    );
    expect(screen.getByRole('dialog', { name: 'End check-in?' })).toBe(dialog);
    expect(p.onoffers).not.toHaveBeenCalled();
  });

  it('refuses check-in for a call-in that is not scheduled, with a way to the offers and back to the call-in', async () => {
    const user = userEvent.setup();
    atTheDoor(invitees, 'held');
    renderInShell();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Check-in is open for a scheduled call-in; this one is Held.',
    );
    expect(screen.queryByLabelText('Find invitee')).toBeNull();
    expect(screen.queryByRole('button', { name: 'End check-in' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Offers of help' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Offers of help: Northside spring call-in' })).toBeTruthy();

    nav.route = { area: 'callins', view: 'checkin', id: 'c-1' };
    await screen.findByRole('heading', { level: 1, name: 'Check-in: Northside spring call-in' });
    await user.click(screen.getAllByRole('button', { name: /Back to the call-in/ })[0]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Northside spring call-in' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Invitees and notices' })).toBeTruthy();
  });

  it('offers no way to the offers when the call-in is closed', async () => {
    atTheDoor(invitees, 'closed');
    render(CheckIn, { props: props() });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Check-in is open for a scheduled call-in; this one is Closed.',
    );
    expect(screen.queryByRole('button', { name: 'Offers of help' })).toBeNull();
    expect(screen.getAllByRole('button', { name: /Back to the call-in/ }).length).toBeGreaterThan(0);
  });
});
