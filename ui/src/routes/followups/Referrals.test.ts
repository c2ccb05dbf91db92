import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import { nav } from '../../lib/nav.svelte';
import { today } from '../../lib/format';
import FollowUps from './FollowUps.svelte';
import { followUpsState } from './state.svelte';
import { CALL_INS, history, PROVIDERS, referral, referralList } from './testData';

vi.mock('../../lib/api');

const OPEN_QUERY = {
  callInId: null,
  providerId: null,
  need: null,
  status: null,
  due: null,
  sort: 'due',
  descending: false,
};

function renderReferrals(extra: { onview?: () => void; onopenperson?: () => void } = {}) {
  return render(FollowUps, {
    props: { view: 'referrals', onview: extra.onview ?? vi.fn(), onopenperson: extra.onopenperson ?? vi.fn() },
  });
}

/** The fieldset whose legend reads `legend`. */
function fieldset(legend: string): HTMLElement {
  return screen.getByRole('group', { name: legend });
}

beforeEach(() => {
  followUpsState.reset();
  vi.mocked(api.listCallIns).mockResolvedValue(CALL_INS);
  vi.mocked(api.listProviders).mockResolvedValue(PROVIDERS);
  vi.mocked(api.referralHistory).mockResolvedValue(history());
});

describe('follow-ups: referrals', () => {
  it('has the heading and the two views, and switches view through onview', async () => {
    const user = userEvent.setup();
    const onview = vi.fn();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([]));
    renderReferrals({ onview });

    expect(screen.getByRole('heading', { level: 1, name: 'Follow-ups' })).toBeTruthy();
    const views = screen.getByRole('navigation', { name: 'Follow-up views' });
    expect(within(views).getByRole('button', { name: 'Referrals' }).getAttribute('aria-current')).toBe('page');
    expect(within(views).getByRole('button', { name: 'No-shows' }).getAttribute('aria-current')).toBeNull();
    await user.click(within(views).getByRole('button', { name: 'No-shows' }));
    expect(onview).toHaveBeenCalledWith('noshows');
    expect(await screen.findByText('No open referrals match these filters.')).toBeTruthy();
    expect(screen.getByText('0 referrals, 0 overdue')).toBeTruthy();
  });

  it('sends the filters and the sort as the ReferralQuery, loading again on each change', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    renderReferrals();

    await waitFor(() => expect(api.listReferrals).toHaveBeenCalledWith(OPEN_QUERY));
    for (const label of ['Call-in', 'Provider', 'Need', 'Status', 'Due', 'Sort by']) {
      expect(screen.getByLabelText(label).tagName).toBe('SELECT');
    }
    const status = screen.getByLabelText('Status') as HTMLSelectElement;
    expect(status.options[0].textContent).toBe('Open (all)');
    const due = screen.getByLabelText('Due') as HTMLSelectElement;
    expect([...due.options].map((o) => o.textContent)).toEqual(['Any time', 'Overdue', 'Due this week']);
    const sort = screen.getByLabelText('Sort by') as HTMLSelectElement;
    expect([...sort.options].map((o) => o.textContent)).toEqual(['Due date', 'Person', 'Provider', 'Status', 'Call-in']);
    await screen.findByRole('option', { name: 'Northside spring call-in (Sun, Mar 14, 2027)' });

    await user.selectOptions(screen.getByLabelText('Call-in'), 'Northside spring call-in (Sun, Mar 14, 2027)');
    await waitFor(() => expect(api.listReferrals).toHaveBeenLastCalledWith({ ...OPEN_QUERY, callInId: 'c-1' }));
    await user.selectOptions(screen.getByLabelText('Provider'), 'Workforce Alliance');
    await user.selectOptions(screen.getByLabelText('Need'), 'Substance-use treatment');
    await user.selectOptions(status, 'Intake scheduled');
    await user.selectOptions(due, 'Due this week');
    await user.selectOptions(sort, 'Provider');
    await waitFor(() =>
      expect(api.listReferrals).toHaveBeenLastCalledWith({
        callInId: 'c-1',
        providerId: 'pr-1',
        need: 'substance_use',
        status: 'intake_scheduled',
        due: 'this_week',
        sort: 'provider',
        descending: false,
      }),
    );
    expect(api.listReferrals).toHaveBeenCalledTimes(7);
    await user.click(screen.getByLabelText('Reverse order'));
    await waitFor(() =>
      expect(api.listReferrals).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'provider', descending: true })),
    );
  });

  it('makes the overdue rows stand out in words, flags Part 2 referrals and says when the list is cut', async () => {
    vi.mocked(api.listReferrals).mockResolvedValue(
      referralList(
        [
          referral('r-1', 'María Núñez', { overdue: true, dueOn: '2027-03-01', lastContactOn: '2027-02-27', lastContactOutcome: 'no_answer' }),
          referral('r-2', 'Kevin O’Brien', { need: 'substance_use', part2: true, serviceName: 'Outpatient program' }),
          referral('r-3', 'Ana Ortiz', { need: 'substance_use', part2: true, consent: 'given', consentOn: '2027-03-14', consentScope: 'Program staff' }),
        ],
        { total: 612, overdue: 1 },
      ),
    );
    renderReferrals();

    const overdueRow = (await screen.findByRole('button', { name: 'María Núñez' })).closest('tr') as HTMLElement;
    expect(overdueRow.classList.contains('fu-overdue')).toBe(true);
    expect(within(overdueRow).getByText('Overdue')).toBeTruthy();
    expect(within(overdueRow).getByText(/Mon, Mar 1, 2027/)).toBeTruthy();
    expect(within(overdueRow).getByText('Sat, Feb 27, 2027')).toBeTruthy();
    expect(within(overdueRow).getByText('No answer')).toBeTruthy();
    const onTime = screen.getByRole('button', { name: 'Kevin O’Brien' }).closest('tr') as HTMLElement;
    expect(within(onTime).queryByText('Overdue')).toBeNull();
    expect(within(onTime).getByText('Part 2')).toBeTruthy();
    expect(within(onTime).getByText('consent needed')).toBeTruthy();
    const consented = screen.getByRole('button', { name: 'Ana Ortiz' }).closest('tr') as HTMLElement;
    expect(within(consented).getByText('Part 2')).toBeTruthy();
    expect(within(consented).queryByText('consent needed')).toBeNull();

    expect(screen.getByText('612 referrals, 1 overdue')).toBeTruthy();
    expect(screen.getByText('Showing the first 3 of 612.')).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Person', 'Need', 'Service / provider', 'Call-in', 'Status', 'Due', 'Last contact']);
  });

  it('says "1 referral" for one', async () => {
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    renderReferrals();
    expect(await screen.findByText('1 referral, 0 overdue')).toBeTruthy();
    expect(screen.queryByText(/Showing the first/)).toBeNull();
  });

  it('moves a referral to Engaged, refreshing the history and the list and keeping the panel open', async () => {
    const user = userEvent.setup();
    const row = referral('r-1', 'María Núñez', { status: 'intake_scheduled' });
    vi.mocked(api.listReferrals)
      .mockResolvedValueOnce(referralList([row]))
      .mockResolvedValue(referralList([{ ...row, status: 'engaged' }]));
    vi.mocked(api.referralHistory).mockResolvedValue(history({ status: 'intake_scheduled' }));
    vi.mocked(api.moveReferral).mockResolvedValue(
      history({
        status: 'engaged',
        items: [
          ...history().items,
          { onDate: today(), kind: 'status', summary: 'Intake scheduled → Engaged', note: 'First session done.', byWhom: 'K. Alvarez' },
        ],
      }),
    );
    renderReferrals();

    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const panel = await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'María Núñez — Job readiness' })).toBeTruthy();
    await waitFor(() => expect(api.referralHistory).toHaveBeenCalledWith('r-1'));
    expect(await within(panel).findByText('Identified → Referred')).toBeTruthy();
    expect(within(panel).getByText('Met at the provider table.')).toBeTruthy();
    expect(within(panel).getByText('K. Alvarez')).toBeTruthy();

    const move = within(panel).getByRole('group', { name: 'Move to' });
    const newStatus = within(move).getByLabelText('New status') as HTMLSelectElement;
    expect([...newStatus.options].map((o) => o.textContent)).toEqual(['Engaged', 'Declined', 'Lost contact', 'Closed']);
    expect(newStatus.value).toBe('engaged');
    expect((within(move).getByLabelText('Date of change') as HTMLInputElement).value).toBe(today());
    expect(within(move).queryByLabelText('Reason')).toBeNull();
    await user.type(within(move).getByLabelText('Note on the change'), 'First session done.');
    await user.click(within(move).getByRole('button', { name: 'Save move' }));

    await waitFor(() =>
      expect(api.moveReferral).toHaveBeenCalledWith('r-1', {
        to: 'engaged',
        onDate: today(),
        note: 'First session done.',
        reason: '',
      }),
    );
    expect((await within(move).findByRole('status')).textContent).toBe('Moved to Engaged.');
    expect(await within(panel).findByText('Intake scheduled → Engaged')).toBeTruthy();
    await waitFor(() => expect(api.listReferrals).toHaveBeenCalledTimes(2));
    // The panel stays open, now offering the moves from Engaged.
    expect(screen.getByRole('region', { name: 'María Núñez — Job readiness' })).toBeTruthy();
    await waitFor(() =>
      expect([...(within(move).getByLabelText('New status') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
        'Completed',
        'Declined',
        'Lost contact',
        'Closed',
      ]),
    );
    expect((within(move).getByLabelText('Note on the change') as HTMLInputElement).value).toBe('');
  });

  it('asks before leaving with a note typed and not saved', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez', { status: 'referred' })]));
    vi.mocked(api.referralHistory).mockResolvedValue(history());
    renderReferrals();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const panel = await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    const ask = vi.fn().mockResolvedValue(false);
    nav.confirmLeave = ask;
    const before = nav.route;
    expect(await nav.go({ area: 'people', view: 'list' })).toBe(true);
    expect(ask).not.toHaveBeenCalled();
    nav.route = before;
    await user.type(within(panel).getByLabelText('Note on the attempt'), 'Left a voicemail');
    expect(await nav.go({ area: 'people', view: 'list' })).toBe(false);
    expect(ask).toHaveBeenCalledOnce();
    expect(nav.route).toEqual(before);
  });

  it('asks for a reason when closing, and shows the backend’s message beside it', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    vi.mocked(api.moveReferral).mockRejectedValueOnce({
      code: 'validation',
      message: 'Say why the referral is closed.',
      field: 'reason',
      fields: [{ field: 'reason', message: 'Say why the referral is closed.' }],
    });
    renderReferrals();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const move = fieldset('Move to');
    await user.selectOptions(within(move).getByLabelText('New status'), 'Closed');
    const reason = within(move).getByLabelText('Reason');
    await user.click(within(move).getByRole('button', { name: 'Save move' }));
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(within(move).getByText('Say why the referral is closed.')).toBeTruthy();
    expect(api.moveReferral).toHaveBeenCalledWith('r-1', expect.objectContaining({ to: 'closed', reason: '' }));

    vi.mocked(api.moveReferral).mockResolvedValueOnce(history({ status: 'closed' }));
    await user.type(reason, 'Moved out of state.');
    await user.click(within(move).getByRole('button', { name: 'Save move' }));
    await waitFor(() =>
      expect(api.moveReferral).toHaveBeenLastCalledWith('r-1', {
        to: 'closed',
        onDate: today(),
        note: '',
        reason: 'Moved out of state.',
      }),
    );
    // Closed is final: the panel says so and offers no more moves.
    expect(await screen.findByText(/This referral is Closed/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Move to' })).toBeNull();
    expect(screen.getByText('Moved to Closed.').getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('This referral is Closed'));
  });

  it('logs a contact attempt with what was entered', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    vi.mocked(api.logContactAttempt).mockResolvedValue(
      history({
        dueOn: '2027-04-02',
        items: [
          ...history().items,
          { onDate: today(), kind: 'contact', summary: 'Phone: left message', note: 'Call back Friday.', byWhom: 'K. Alvarez' },
        ],
      }),
    );
    renderReferrals();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));

    const contact = fieldset('Log contact attempt');
    expect((within(contact).getByLabelText('Date of attempt') as HTMLInputElement).value).toBe(today());
    await user.selectOptions(within(contact).getByLabelText('Method'), 'Phone');
    await user.type(within(contact).getByLabelText('By'), 'K. Alvarez');
    await user.selectOptions(within(contact).getByLabelText('Outcome'), 'Left a message');
    await user.type(within(contact).getByLabelText('Note on the attempt'), 'Call back Friday.');
    await user.type(within(contact).getByLabelText('Next due date'), '2027-04-02');
    await user.click(within(contact).getByRole('button', { name: 'Log attempt' }));

    await waitFor(() =>
      expect(api.logContactAttempt).toHaveBeenCalledWith('r-1', {
        attemptedOn: today(),
        method: 'phone',
        byWhom: 'K. Alvarez',
        outcome: 'left_message',
        note: 'Call back Friday.',
        nextDueOn: '2027-04-02',
      }),
    );
    expect((await within(contact).findByRole('status')).textContent).toBe('Contact attempt logged.');
    expect(await screen.findByText('Phone: left message')).toBeTruthy();
    expect(screen.getByText('Fri, Apr 2, 2027')).toBeTruthy();
    await waitFor(() => expect(api.listReferrals).toHaveBeenCalledTimes(2));
  });

  it('sends no method or outcome when none is chosen, and shows the field errors', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    vi.mocked(api.logContactAttempt).mockRejectedValue({
      code: 'validation',
      message: 'Choose how contact was attempted.',
      fields: [
        { field: 'method', message: 'Choose how contact was attempted.' },
        { field: 'outcome', message: 'Choose the outcome.' },
      ],
    });
    renderReferrals();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const contact = fieldset('Log contact attempt');
    await user.click(within(contact).getByRole('button', { name: 'Log attempt' }));
    await waitFor(() =>
      expect(api.logContactAttempt).toHaveBeenCalledWith('r-1', {
        attemptedOn: today(),
        method: null,
        byWhom: '',
        outcome: null,
        note: '',
        nextDueOn: null,
      }),
    );
    expect(await within(contact).findByText('Choose how contact was attempted.')).toBeTruthy();
    expect(within(contact).getByText('Choose the outcome.')).toBeTruthy();
    expect(within(contact).getByLabelText('Method').getAttribute('aria-invalid')).toBe('true');
    expect(within(contact).getByRole('status').textContent).toBe('');
  });

  it('offers the consent form on Part 2 referrals only, and records consent', async () => {
    const user = userEvent.setup();
    const part2 = referral('r-2', 'Kevin O’Brien', { need: 'substance_use', part2: true, serviceName: 'Outpatient program' });
    const consented = { ...part2, consent: 'given' as const, consentOn: today(), consentScope: 'Attendance, to his officer, for 1 year' };
    vi.mocked(api.listReferrals)
      .mockResolvedValueOnce(referralList([referral('r-1', 'María Núñez'), part2]))
      .mockResolvedValue(referralList([referral('r-1', 'María Núñez'), consented]));
    vi.mocked(api.recordConsent).mockResolvedValue(consented);
    renderReferrals();

    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    expect(screen.queryByRole('group', { name: 'Consent (42 CFR Part 2)' })).toBeNull();
    expect(screen.queryByLabelText('Consent given')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Kevin O’Brien' }));
    const panel = await screen.findByRole('region', { name: 'Kevin O’Brien — Outpatient program' });
    const form = within(panel).getByRole('group', { name: 'Consent (42 CFR Part 2)' });
    expect(within(form).getByText('No consent recorded.')).toBeTruthy();
    await user.click(within(form).getByLabelText('Consent given'));
    expect((within(form).getByLabelText('Date of consent') as HTMLInputElement).value).toBe(today());
    await user.type(within(form).getByLabelText('Scope'), 'Attendance, to his officer, for 1 year');
    await user.click(within(form).getByRole('button', { name: 'Save consent' }));

    await waitFor(() =>
      expect(api.recordConsent).toHaveBeenCalledWith('r-2', {
        consent: 'given',
        onDate: today(),
        scope: 'Attendance, to his officer, for 1 year',
      }),
    );
    expect((await within(form).findByRole('status')).textContent).toBe('Consent recorded.');
    expect(within(form).getByText(/^Consent given on .*: Attendance, to his officer, for 1 year$/)).toBeTruthy();
    const row = screen.getByRole('button', { name: 'Kevin O’Brien' }).closest('tr') as HTMLElement;
    expect(within(row).queryByText('consent needed')).toBeNull();
    await waitFor(() => expect(api.referralHistory).toHaveBeenCalledTimes(3));
  });

  it('closes the panel with Esc and puts focus back on the referral', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    renderReferrals();
    const button = await screen.findByRole('button', { name: 'María Núñez' });
    button.focus();
    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { level: 2, name: 'María Núñez — Job readiness' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'María Núñez — Job readiness' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'María Núñez' }));
  });

  it('exports the list as filtered, saying what was withheld under Part 2, and nothing when cancelled', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    vi.mocked(api.exportReferrals)
      .mockResolvedValueOnce({ path: '/home/k/referrals.csv', rows: 41, withheld: 3 })
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce({ path: '/home/k/referrals.xlsx', rows: 1, withheld: 0 });
    renderReferrals();
    await screen.findByRole('button', { name: 'María Núñez' });
    await user.selectOptions(screen.getByLabelText('Due'), 'Overdue');

    const ids = screen.getByLabelText('Include internal IDs') as HTMLInputElement;
    expect(ids.checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(api.exportReferrals).toHaveBeenCalledWith({ ...OPEN_QUERY, due: 'overdue' }, 'csv', false),
    );
    expect(
      await screen.findByText(
        'Exported 41 referrals to /home/k/referrals.csv. 3 substance-use referrals without recorded consent were withheld (42 CFR Part 2).',
      ),
    ).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    await waitFor(() => expect(api.exportReferrals).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByText(/^Exported/)).toBeNull());

    await user.click(ids);
    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    await waitFor(() =>
      expect(api.exportReferrals).toHaveBeenLastCalledWith({ ...OPEN_QUERY, due: 'overdue' }, 'xlsx', true),
    );
    expect(await screen.findByText('Exported 1 referral to /home/k/referrals.xlsx.')).toBeTruthy();
  });

  it('says when the list could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listReferrals)
      .mockRejectedValueOnce({ code: 'io', message: 'The disk is busy.', fields: [] })
      .mockResolvedValue(referralList([referral('r-1', 'María Núñez')]));
    renderReferrals();
    expect((await screen.findByRole('alert')).textContent).toBe('The referrals could not be loaded. The disk is busy.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'María Núñez' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
