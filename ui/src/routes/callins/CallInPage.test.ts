import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import { invalid, refused } from '../../test/backend';
import CallInPage from './CallInPage.svelte';
import { today } from '../../lib/format';
import { callIn, invitation, inviteeList, moved, runOfShow } from './testData';

vi.mock('../../lib/api');

const vetted = [
  invitation('i-1', 'Núñez', 'María', { status: 'vetted' }),
  invitation('i-2', 'O’Brien', 'Kevin', { status: 'vetted' }),
  invitation('i-3', 'Carter', 'Dwayne', { status: 'proposed' }),
];

beforeEach(() => {
  vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'scheduled' }));
  vi.mocked(api.listInvitations).mockResolvedValue(inviteeList(vetted));
  vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([]));
});

/** The number or text shown under one of the page's facts. */
function fact(label: string): string {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
}

/** What the invitee table says of one invitee's notice. */
function noticeOf(name: string): string {
  const row = screen.getByLabelText(`Select ${name}`).closest('tr');
  return row?.textContent ?? '';
}

describe('call-in page', () => {
  it('issues notices in bulk to the selected invitees through the dialog', async () => {
    const user = userEvent.setup();
    const issued = inviteeList([
      moved(vetted[0], 'issued', { deliveryMethod: 'in_person', deliveredBy: 'T. Nguyen', issuedOn: today() }),
      moved(vetted[1], 'issued', { deliveryMethod: 'in_person', deliveredBy: 'T. Nguyen', issuedOn: today() }),
      vetted[2],
    ]);
    vi.mocked(api.noticeAction).mockResolvedValue(issued);
    render(CallInPage, { props: { id: 'c-1', onback: vi.fn(), onedit: vi.fn() } });

    expect(await screen.findByRole('heading', { level: 1, name: 'Northside spring call-in' })).toBeTruthy();
    expect(screen.getByText('Scheduled')).toBeTruthy();
    await user.click(await screen.findByLabelText('Select Núñez, María'));
    expect(fact('Notices issued')).toBe('0');
    await user.click(screen.getByLabelText('Select O’Brien, Kevin'));
    await user.click(screen.getByRole('button', { name: 'Issue notices' }));

    const dialog = await screen.findByRole('dialog', { name: 'Issue notices' });
    const issuedOn = within(dialog).getByLabelText('Issued on') as HTMLInputElement;
    expect(issuedOn.value).toBe(today());
    expect((within(dialog).getByLabelText('Delivery method') as HTMLSelectElement).value).toBe('officer');
    await user.selectOptions(within(dialog).getByLabelText('Delivery method'), 'In person');
    await user.type(within(dialog).getByLabelText('Delivered by'), 'T. Nguyen');
    await user.click(within(dialog).getByRole('button', { name: 'Issue notices to 2' }));

    await waitFor(() => expect(api.noticeAction).toHaveBeenCalledTimes(1));
    expect(api.noticeAction).toHaveBeenCalledWith('c-1', ['i-1', 'i-2'], {
      action: 'issue',
      method: 'in_person',
      deliveredBy: 'T. Nguyen',
      issuedOn: today(),
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getAllByText('Issued')).toHaveLength(2);
    expect(screen.getByText('Issued 2 notices.')).toBeTruthy();
    expect(fact('Notices issued')).toBe('2');
    expect(noticeOf('Núñez, María')).toContain(`In person by T. Nguyen on ${today()}`);
    expect(noticeOf('Carter, Dwayne')).toContain('Not issued');
    // The selection is done with: the next bulk action starts from nothing.
    expect((screen.getByLabelText('Select Núñez, María') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Select all') as HTMLInputElement).checked).toBe(false);
  });

  it('shows the backend’s refusal, naming the person, and changes nothing', async () => {
    const user = userEvent.setup();
    // src-tauri/domain/invitations.rs (NoticeAction::check) around domain/lifecycle.rs (Lifecycle::transition).
    const refusal =
      'Dwayne Carter: An invitation cannot go from Proposed to Issued. From Proposed it can become: Vetted, Ineligible. Nothing was changed.';
    vi.mocked(api.noticeAction).mockRejectedValue(refused('invalid_transition', refusal));
    render(CallInPage, { props: { id: 'c-1', onback: vi.fn(), onedit: vi.fn() } });
    await user.click(await screen.findByLabelText('Select all'));
    await user.click(screen.getByRole('button', { name: 'Issue notices' }));
    const dialog = await screen.findByRole('dialog', { name: 'Issue notices' });
    await user.type(within(dialog).getByLabelText('Delivered by'), 'T. Nguyen');
    await user.click(within(dialog).getByRole('button', { name: 'Issue notices to 3' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(refusal);
    expect(screen.getByRole('dialog', { name: 'Issue notices' })).toBe(dialog);
    expect(api.noticeAction).toHaveBeenCalledWith('c-1', ['i-1', 'i-2', 'i-3'], expect.objectContaining({ action: 'issue' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Nothing changed: the statuses are as they were and the selection is kept.
    expect(screen.getAllByText('Vetted')).toHaveLength(2);
    expect(screen.queryByText('Issued')).toBeNull();
    expect(fact('Notices issued')).toBe('0');
    expect(screen.queryByText(/^Issued \d+ notices?\.$/)).toBeNull();
    expect((screen.getByLabelText('Select Carter, Dwayne') as HTMLInputElement).checked).toBe(true);
  });

  it('marks a selection vetted at once and postpones with a new date, showing refusals', async () => {
    const user = userEvent.setup();
    vi.mocked(api.noticeAction).mockResolvedValue(inviteeList(vetted.map((i) => moved(i, 'vetted'))));
    vi.mocked(api.callInAction)
      // src-tauri/domain/time.rs (parse_date), as domain/callins.rs (validate_basics) calls it for the date.
      .mockRejectedValueOnce(invalid(['date', 'Date must be a date like 2024-03-31.']))
      // commands/callins.rs (act): Postponed, with the new date (and its instant: 18:00 EDT).
      .mockResolvedValueOnce(callIn({ status: 'postponed', date: '2027-04-04', startsAtUtc: '2027-04-04T22:00:00Z' }));
    render(CallInPage, { props: { id: 'c-1', onback: vi.fn(), onedit: vi.fn() } });
    await user.click(await screen.findByLabelText('Select Carter, Dwayne'));
    await user.click(screen.getByRole('button', { name: 'Mark vetted' }));
    await waitFor(() => expect(api.noticeAction).toHaveBeenCalledWith('c-1', ['i-3'], { action: 'vet' }));
    expect(await screen.findAllByText('Vetted')).toHaveLength(3);
    expect(screen.getByText('Marked 1 invitee vetted.')).toBeTruthy();
    expect(fact('When')).toBe('Sun, Mar 14, 2027 · 18:00 · Eastern (New York)');

    await user.click(screen.getByRole('button', { name: 'Postpone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Postpone the call-in' });
    await user.type(within(dialog).getByLabelText('New date'), '04/04/2027');
    await user.click(within(dialog).getByRole('button', { name: 'Postpone call-in' }));
    const date = within(dialog).getByLabelText('New date');
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Date must be a date like 2024-03-31.')).toBeTruthy();
    // Refused: the call-in is as it was.
    expect(screen.getByText('Scheduled')).toBeTruthy();
    await user.clear(date);
    await user.type(date, '2027-04-04');
    await user.click(within(dialog).getByRole('button', { name: 'Postpone call-in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(vi.mocked(api.callInAction).mock.calls[1]).toEqual([
      'c-1',
      { action: 'postpone', date: '2027-04-04', startTime: '18:00' },
    ]);
    expect(screen.getByText('Postponed')).toBeTruthy();
    expect(screen.queryByText('Scheduled')).toBeNull();
    expect(screen.getByText('The call-in is postponed.')).toBeTruthy();
    expect(fact('When')).toBe('Sun, Apr 4, 2027 · 18:00 · Eastern (New York)');
  });
});

describe('call-in page actions', () => {
  /** The buttons of the page's action group, by name. */
  async function actions(): Promise<string[]> {
    const group = await screen.findByRole('group', { name: 'Call-in actions' });
    return within(group)
      .getAllByRole('button')
      .map((b) => b.textContent?.trim() ?? '');
  }

  it('offers what the backend allows for each status, and nothing else', async () => {
    const cases: [Parameters<typeof callIn>[0], string[]][] = [
      [{ status: 'draft' }, ['Edit plan', 'Schedule', 'Postpone', 'Cancel call-in']],
      [
        { status: 'scheduled' },
        ['Open check-in', 'Offers of help', 'Edit plan', 'Mark notices out', 'Postpone', 'Cancel call-in'],
      ],
      [{ status: 'held' }, ['Offers of help']],
      [{ status: 'closed' }, []],
    ];
    for (const [c, expected] of cases) {
      vi.mocked(api.getCallIn).mockResolvedValue(callIn(c));
      const { unmount } = render(CallInPage, { props: { id: 'c-1', onback: vi.fn(), onedit: vi.fn() } });
      const shown = (await actions()).filter((a) => !a.startsWith('Print'));
      expect(shown, c?.status).toEqual(expected);
      unmount();
    }
  });

  it('follows the backend’s allowed actions, not the status', async () => {
    // A scheduled call-in whose actions the backend has narrowed: the page shows only those.
    const allowed = { schedule: false, noticesOut: false, postpone: false, cancel: true, editPlan: false, checkIn: false, offers: false };
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'scheduled', allowed }));
    render(CallInPage, { props: { id: 'c-1', onback: vi.fn(), onedit: vi.fn() } });
    expect((await actions()).filter((a) => !a.startsWith('Print'))).toEqual(['Cancel call-in']);
  });
});
