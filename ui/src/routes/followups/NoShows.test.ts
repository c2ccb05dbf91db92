import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import { today } from '../../lib/format';
import FollowUps from './FollowUps.svelte';
import { followUpsState } from './state.svelte';
import { CALL_INS, noShow } from './testData';

vi.mock('../../lib/api');

function renderNoShows(onopenperson = vi.fn()) {
  return render(FollowUps, { props: { view: 'noshows', onview: vi.fn(), onopenperson } });
}

beforeEach(() => {
  followUpsState.reset();
  vi.mocked(api.listCallIns).mockResolvedValue(CALL_INS);
  vi.mocked(api.listProviders).mockResolvedValue([]);
});

describe('follow-ups: no-shows', () => {
  it('lists the no-shows with their notifications and filters by call-in and notification', async () => {
    const user = userEvent.setup();
    const onopenperson = vi.fn();
    vi.mocked(api.listNoShows).mockResolvedValue([
      noShow('i-1', 'María Núñez'),
      noShow('i-2', 'Kevin O’Brien', {
        status: 'custom_notification_pending',
        notificationOn: '2027-03-20',
        notificationBy: 'Rev. Daniels',
      }),
      noShow('i-3', 'Ana Ortiz', {
        status: 'custom_notification_done',
        notificationOn: '2027-03-18',
        notificationBy: 'Officer Nguyen',
        notificationOutcome: 'Heard the message at home; will call the outreach worker.',
      }),
    ]);
    renderNoShows(onopenperson);

    const views = screen.getByRole('navigation', { name: 'Follow-up views' });
    expect(within(views).getByRole('button', { name: 'No-shows' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(api.listNoShows).toHaveBeenCalledWith({ callInId: null, status: null }));
    expect(await screen.findByText('3 no-shows')).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 6)).toEqual(['Person', 'Call-in', 'Officer', 'Phone', 'Status', 'Notification']);

    const first = screen.getByRole('button', { name: 'María Núñez' }).closest('tr') as HTMLElement;
    expect(within(first).getByText('No-show')).toBeTruthy();
    expect(within(first).getByText('Not planned')).toBeTruthy();
    expect(within(first).getByText('Sun, Mar 14, 2027')).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Plan notification for María Núñez' })).toBeTruthy();
    const pending = screen.getByRole('button', { name: 'Kevin O’Brien' }).closest('tr') as HTMLElement;
    expect(within(pending).getByText('Custom notification pending')).toBeTruthy();
    expect(within(pending).getByText('Planned for Sat, Mar 20, 2027, Rev. Daniels')).toBeTruthy();
    expect(within(pending).getByRole('button', { name: 'Record notification for Kevin O’Brien' })).toBeTruthy();
    const finished = screen.getByRole('button', { name: 'Ana Ortiz' }).closest('tr') as HTMLElement;
    expect(within(finished).getByText('Done Thu, Mar 18, 2027, Officer Nguyen')).toBeTruthy();
    expect(within(finished).getByText(/Heard the message at home/)).toBeTruthy();
    expect(within(finished).queryByRole('button', { name: /notification/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'María Núñez' }));
    expect(onopenperson).toHaveBeenCalledWith('p-i-1');

    const status = screen.getByLabelText('Notification') as HTMLSelectElement;
    expect([...status.options].map((o) => o.textContent)).toEqual(['All', 'No-show', 'Pending', 'Done']);
    await screen.findByRole('option', { name: 'Northside spring call-in (Sun, Mar 14, 2027)' });
    await user.selectOptions(screen.getByLabelText('Call-in'), 'Northside spring call-in (Sun, Mar 14, 2027)');
    await user.selectOptions(status, 'Pending');
    await waitFor(() =>
      expect(api.listNoShows).toHaveBeenLastCalledWith({ callInId: 'c-1', status: 'custom_notification_pending' }),
    );
  });

  it('plans a custom notification (done = false) through its dialog', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listNoShows)
      .mockResolvedValueOnce([noShow('i-1', 'María Núñez')])
      .mockResolvedValue([
        noShow('i-1', 'María Núñez', {
          status: 'custom_notification_pending',
          notificationOn: '2027-03-20',
          notificationBy: 'Rev. Daniels',
        }),
      ]);
    vi.mocked(api.customNotification)
      .mockRejectedValueOnce({
        code: 'validation',
        message: 'Say who will go.',
        fields: [{ field: 'byWhom', message: 'Say who will go.' }],
      })
      .mockResolvedValueOnce(noShow('i-1', 'María Núñez', { status: 'custom_notification_pending' }));
    renderNoShows();

    await user.click(await screen.findByRole('button', { name: 'Plan notification for María Núñez' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan notification for María Núñez' });
    const date = within(dialog).getByLabelText('Planned date') as HTMLInputElement;
    expect(date.value).toBe(today());
    expect(document.activeElement).toBe(date);
    await user.click(within(dialog).getByRole('button', { name: 'Plan notification' }));
    const who = within(dialog).getByLabelText('Who will go');
    await waitFor(() => expect(who.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Say who will go.')).toBeTruthy();

    await user.clear(date);
    await user.type(date, '2027-03-20');
    await user.type(who, 'Rev. Daniels');
    await user.click(within(dialog).getByRole('button', { name: 'Plan notification' }));
    await waitFor(() =>
      expect(api.customNotification).toHaveBeenLastCalledWith(
        'i-1',
        { onDate: '2027-03-20', byWhom: 'Rev. Daniels', outcome: '' },
        false,
      ),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Notification planned for María Núñez.')).toBeTruthy();
    expect(await screen.findByText('Planned for Sat, Mar 20, 2027, Rev. Daniels')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record notification for María Núñez' })).toBeTruthy();
  });

  it('records a pending notification (done = true) with who went and the outcome', async () => {
    const user = userEvent.setup();
    const pending = noShow('i-2', 'Kevin O’Brien', {
      status: 'custom_notification_pending',
      notificationOn: '2000-01-05',
      notificationBy: 'Rev. Daniels',
    });
    vi.mocked(api.listNoShows).mockResolvedValueOnce([pending]).mockResolvedValue([]);
    vi.mocked(api.customNotification).mockResolvedValue({ ...pending, status: 'custom_notification_done' });
    renderNoShows();

    await user.click(await screen.findByRole('button', { name: 'Record notification for Kevin O’Brien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record notification for Kevin O’Brien' });
    // The planned day (already past) and who was to go are where the record starts.
    expect((within(dialog).getByLabelText('Date') as HTMLInputElement).value).toBe('2000-01-05');
    const who = within(dialog).getByLabelText('Who went') as HTMLInputElement;
    expect(who.value).toBe('Rev. Daniels');
    await user.clear(who);
    await user.type(who, 'Rev. Daniels and Officer Nguyen');
    await user.type(within(dialog).getByLabelText('Outcome'), 'Spoke with him and his mother.');
    await user.click(within(dialog).getByRole('button', { name: 'Record notification' }));

    await waitFor(() =>
      expect(api.customNotification).toHaveBeenCalledWith(
        'i-2',
        { onDate: '2000-01-05', byWhom: 'Rev. Daniels and Officer Nguyen', outcome: 'Spoke with him and his mother.' },
        true,
      ),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Notification recorded for Kevin O’Brien.')).toBeTruthy();
    expect(await screen.findByText('No no-shows to follow up.')).toBeTruthy();
  });

  it('closes a dialog with Esc without saving', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listNoShows).mockResolvedValue([noShow('i-1', 'María Núñez')]);
    renderNoShows();
    await user.click(await screen.findByRole('button', { name: 'Plan notification for María Núñez' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan notification for María Núñez' });
    // jsdom's <dialog> has no Esc of its own: send the close it makes.
    dialog.dispatchEvent(new Event('cancel'));
    (dialog as HTMLDialogElement).close();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.customNotification).not.toHaveBeenCalled();
  });

  it('exports the no-shows as filtered', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listNoShows).mockResolvedValue([noShow('i-1', 'María Núñez')]);
    vi.mocked(api.exportNoShows).mockResolvedValueOnce({ path: '/home/k/no-shows.xlsx', rows: 7, withheld: 0 });
    renderNoShows();
    await screen.findByRole('button', { name: 'María Núñez' });
    await user.selectOptions(screen.getByLabelText('Notification'), 'No-show');
    await user.click(screen.getByLabelText('Include internal IDs'));
    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    await waitFor(() =>
      expect(api.exportNoShows).toHaveBeenCalledWith({ callInId: null, status: 'no_show' }, 'xlsx', true),
    );
    expect(await screen.findByText('Exported 7 no-shows to /home/k/no-shows.xlsx.')).toBeTruthy();
  });

  it('says when there are none', async () => {
    vi.mocked(api.listNoShows).mockResolvedValue([]);
    renderNoShows();
    expect(await screen.findByText('No no-shows to follow up.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
