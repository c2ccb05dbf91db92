import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { CallInSummary } from '../../lib/bindings/CallInSummary';
import type { ExportSummary } from '../../lib/bindings/ExportSummary';
import type { InvitationStatus } from '../../lib/bindings/InvitationStatus';
import type { NoShowRow } from '../../lib/bindings/NoShowRow';
import type { Person } from '../../lib/bindings/Person';
import { labels } from '../../lib/bindings/labels';
import { next as lifecycle } from '../../lib/bindings/lifecycles';
import { today } from '../../lib/format';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { invalid, refused } from '../../test/backend';
import Shell from '../Shell.svelte';
import FollowUps from './FollowUps.svelte';
import { followUpsState } from './state.svelte';
import { CALL_INS, noShow } from './testData';

vi.mock('../../lib/api');

const EASTSIDE: CallInSummary = { ...CALL_INS[0], id: 'c-2', title: 'Eastside winter call-in', date: '2027-01-10' };

/**
 * The no-shows' backend, holding them: it lists them by call-in and notification (the latest
 * call-in first, then by name) and plans and records custom notifications with the rules and
 * messages of src-tauri/domain/followups.rs (validate_notification) and store/followups.rs
 * (custom_notification).
 */
function noShowBackend(start: NoShowRow[]) {
  let rows = [...start];
  vi.mocked(api.listNoShows).mockImplementation(async (q) =>
    rows
      .filter((r) => !q.callInId || r.callInId === q.callInId)
      .filter((r) => !q.status || r.status === q.status)
      .sort((a, b) => {
        const [x, y] = [b.callInDate ?? '', a.callInDate ?? ''];
        if (x !== y) return x < y ? -1 : 1;
        const [p, q2] = [sortName(a.personName), sortName(b.personName)];
        return p < q2 ? -1 : p > q2 ? 1 : 0;
      }),
  );
  vi.mocked(api.customNotification).mockImplementation(async (id, input, done) => {
    const row = rows.find((r) => r.invitationId === id);
    if (!row) throw refused('not_found', 'That invitation does not exist.');
    const from = row.status as InvitationStatus;
    const to: InvitationStatus = done ? 'custom_notification_done' : 'custom_notification_pending';
    if (from !== (done ? 'custom_notification_pending' : 'no_show')) {
      throw refused(
        'invalid_transition',
        `${row.personName}'s invitation is ${labels.InvitationStatus[from].en}; ${
          done ? 'plan the custom notification before recording it.' : 'a custom notification is planned for a no-show.'
        }`,
      );
    }
    const problems: [string, string][] = [];
    if (!done && input.onDate < today()) problems.push(['onDate', 'The planned date cannot be in the past.']);
    if (!input.byWhom.trim()) problems.push(['byWhom', done ? 'Say who went.' : 'Say who will go.']);
    if (done && !input.outcome.trim()) problems.push(['outcome', 'Say what came of the notification.']);
    if (problems.length > 0) throw invalid(...problems);
    const next: NoShowRow = {
      ...row,
      status: to,
      next: lifecycle.InvitationStatus[to],
      notificationOn: input.onDate,
      notificationBy: input.byWhom.trim(),
      notificationOutcome: done ? input.outcome.trim() : null,
    };
    rows = rows.map((r) => (r.invitationId === id ? next : r));
    return next;
  });
}

/**
 * The key the store sorts people by: last name, then first, accents and case folded
 * (src-tauri/domain/text.rs, `sort_name`), compared as SQLite compares text (code points).
 */
function sortName(name: string): string {
  const fold = (t: string) => t.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  const words = name.split(' ');
  return `${fold(words.slice(1).join(' '))}\u0001${fold(words[0])}`;
}

function renderNoShows(onopenperson = vi.fn()) {
  return render(FollowUps, { props: { view: 'noshows', onview: vi.fn(), onopenperson } });
}

/** The people listed, in order. */
function listed(): string[] {
  return [...document.querySelectorAll('tbody .row-open')].map((b) => b.textContent ?? '');
}

function rowOf(person: string): HTMLElement {
  return screen.getByRole('button', { name: person }).closest('tr') as HTMLElement;
}

beforeEach(() => {
  followUpsState.reset();
  vi.mocked(api.listCallIns).mockResolvedValue([...CALL_INS, EASTSIDE]);
  vi.mocked(api.directoryList).mockResolvedValue([]);
  noShowBackend([noShow('i-1', 'María Núñez')]);
});

describe('follow-ups: no-shows', () => {
  it('lists the no-shows with their notifications and filters by call-in and notification', async () => {
    const user = userEvent.setup();
    noShowBackend([
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
      noShow('i-4', 'Luis Vega', {
        callInId: 'c-2',
        callInTitle: 'Eastside winter call-in',
        callInDate: '2027-01-10',
        status: 'custom_notification_pending',
        notificationOn: '2027-01-15',
        notificationBy: 'Officer Nguyen',
      }),
    ]);
    renderNoShows();

    const views = screen.getByRole('navigation', { name: 'Follow-up views' });
    expect(within(views).getByRole('button', { name: 'No-shows' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('4 no-shows')).toBeTruthy();
    expect(api.listNoShows).toHaveBeenCalledWith({ callInId: null, status: null });
    // The latest call-in first, then by last name.
    expect(listed()).toEqual(['María Núñez', 'Ana Ortiz', 'Kevin O’Brien', 'Luis Vega']);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 6)).toEqual(['Person', 'Call-in', 'Officer', 'Phone', 'Status', 'Notification']);

    const first = rowOf('María Núñez');
    expect(within(first).getByText('No-show')).toBeTruthy();
    expect(within(first).getByText('Not planned')).toBeTruthy();
    expect(within(first).getByText('Sun, Mar 14, 2027')).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Plan notification for María Núñez' })).toBeTruthy();
    const pending = rowOf('Kevin O’Brien');
    expect(within(pending).getByText('Custom notification pending')).toBeTruthy();
    expect(within(pending).getByText('Planned for Sat, Mar 20, 2027, Rev. Daniels')).toBeTruthy();
    expect(within(pending).getByRole('button', { name: 'Record notification for Kevin O’Brien' })).toBeTruthy();
    const finished = rowOf('Ana Ortiz');
    expect(within(finished).getByText('Done Thu, Mar 18, 2027, Officer Nguyen')).toBeTruthy();
    expect(within(finished).getByText(/Heard the message at home/)).toBeTruthy();
    expect(within(finished).queryByRole('button', { name: /notification/ })).toBeNull();

    const status = screen.getByLabelText('Notification') as HTMLSelectElement;
    expect([...status.options].map((o) => o.textContent)).toEqual(['All', 'No-show', 'Pending', 'Done']);
    await screen.findByRole('option', { name: 'Northside spring call-in (Sun, Mar 14, 2027)' });
    await user.selectOptions(screen.getByLabelText('Call-in'), 'Northside spring call-in (Sun, Mar 14, 2027)');
    await waitFor(() => expect(listed()).toEqual(['María Núñez', 'Ana Ortiz', 'Kevin O’Brien']));
    expect(screen.getByText('3 no-shows')).toBeTruthy();
    await user.selectOptions(status, 'Pending');
    await waitFor(() => expect(listed()).toEqual(['Kevin O’Brien']));
    expect(screen.getByText('1 no-show')).toBeTruthy();
    expect(api.listNoShows).toHaveBeenLastCalledWith({ callInId: 'c-1', status: 'custom_notification_pending' });
    await user.selectOptions(screen.getByLabelText('Call-in'), 'All call-ins');
    await waitFor(() => expect(listed()).toEqual(['Kevin O’Brien', 'Luis Vega']));
  });

  it('opens the person’s record from their name', async () => {
    const user = userEvent.setup();
    const maria: Person = {
      id: 'p-i-1',
      firstName: 'María',
      lastName: 'Núñez',
      aliases: [],
      dateOfBirth: null,
      phone: '203-555-0199',
      address: '12 Elm St',
      area: null,
      preferredLanguage: 'es',
      notes: null,
      status: 'active',
      supervisions: [],
      groups: [],
      needs: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    vi.mocked(api.getPerson).mockResolvedValue(maria);
    vi.mocked(api.personHistory).mockResolvedValue([]);
    session.set({ databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 });
    session.notice = null;
    nav.route = { area: 'followups', view: 'noshows' };
    render(Shell);

    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'María Núñez' })).toBeTruthy();
    expect(api.getPerson).toHaveBeenCalledWith('p-i-1');
    expect(screen.queryByRole('heading', { level: 1, name: 'Follow-ups' })).toBeNull();
  });

  it('plans a custom notification through its dialog, after the backend’s message', async () => {
    const user = userEvent.setup();
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
    expect(within(rowOf('María Núñez')).getByText('Not planned')).toBeTruthy();

    await user.clear(date);
    await user.type(date, '2027-03-20');
    await user.type(who, 'Rev. Daniels');
    await user.click(within(dialog).getByRole('button', { name: 'Plan notification' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.customNotification).toHaveBeenLastCalledWith(
      'i-1',
      { onDate: '2027-03-20', byWhom: 'Rev. Daniels', outcome: '' },
      false,
    );
    expect(await screen.findByText('Notification planned for María Núñez.')).toBeTruthy();
    const row = rowOf('María Núñez');
    expect(await within(row).findByText('Planned for Sat, Mar 20, 2027, Rev. Daniels')).toBeTruthy();
    expect(within(row).getByText('Custom notification pending')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Record notification for María Núñez' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Plan notification for María Núñez' })).toBeNull();
  });

  it('records a pending notification with who went and the outcome, and the row says it is done', async () => {
    const user = userEvent.setup();
    noShowBackend([
      noShow('i-2', 'Kevin O’Brien', {
        status: 'custom_notification_pending',
        notificationOn: '2000-01-05',
        notificationBy: 'Rev. Daniels',
      }),
    ]);
    renderNoShows();

    await user.click(await screen.findByRole('button', { name: 'Record notification for Kevin O’Brien' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record notification for Kevin O’Brien' });
    // The planned day (already past) and who was to go are where the record starts.
    expect((within(dialog).getByLabelText('Date') as HTMLInputElement).value).toBe('2000-01-05');
    const who = within(dialog).getByLabelText('Who went') as HTMLInputElement;
    expect(who.value).toBe('Rev. Daniels');
    await user.click(within(dialog).getByRole('button', { name: 'Record notification' }));
    expect(await within(dialog).findByText('Say what came of the notification.')).toBeTruthy();

    await user.clear(who);
    await user.type(who, 'Rev. Daniels and Officer Nguyen');
    await user.type(within(dialog).getByLabelText('Outcome'), 'Spoke with him and his mother.');
    await user.click(within(dialog).getByRole('button', { name: 'Record notification' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.customNotification).toHaveBeenLastCalledWith(
      'i-2',
      { onDate: '2000-01-05', byWhom: 'Rev. Daniels and Officer Nguyen', outcome: 'Spoke with him and his mother.' },
      true,
    );
    expect(await screen.findByText('Notification recorded for Kevin O’Brien.')).toBeTruthy();
    const row = rowOf('Kevin O’Brien');
    expect(await within(row).findByText('Done Wed, Jan 5, 2000, Rev. Daniels and Officer Nguyen')).toBeTruthy();
    expect(within(row).getByText('Spoke with him and his mother.')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /notification/ })).toBeNull();
  });

  it('closes a dialog with Esc without saving', async () => {
    const user = userEvent.setup();
    renderNoShows();
    await user.click(await screen.findByRole('button', { name: 'Plan notification for María Núñez' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan notification for María Núñez' });
    await user.type(within(dialog).getByLabelText('Who will go'), 'Rev. Daniels');
    // jsdom's <dialog> has no Esc of its own: send the close it makes.
    dialog.dispatchEvent(new Event('cancel'));
    (dialog as HTMLDialogElement).close();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = rowOf('María Núñez');
    expect(within(row).getByText('Not planned')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Plan notification for María Núñez' })).toBeTruthy();
    expect(screen.queryByText(/Notification planned/)).toBeNull();
    expect(api.customNotification).not.toHaveBeenCalled();
  });

  it('exports the no-shows as filtered', async () => {
    const user = userEvent.setup();
    vi.mocked(api.exportNoShows).mockResolvedValueOnce({
      path: '/home/k/no-shows.xlsx',
      rows: 7,
      withheld: 0,
    } satisfies ExportSummary);
    renderNoShows();
    await screen.findByRole('button', { name: 'María Núñez' });
    await user.selectOptions(screen.getByLabelText('Notification'), 'No-show');
    await user.click(screen.getByLabelText('Include internal IDs'));
    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    expect(await screen.findByText('Exported 7 no-shows to /home/k/no-shows.xlsx.')).toBeTruthy();
    expect(api.exportNoShows).toHaveBeenCalledWith({ callInId: null, status: 'no_show' }, 'xlsx', true);
  });

  it('says when there are none', async () => {
    noShowBackend([]);
    renderNoShows();
    expect(await screen.findByText('No no-shows to follow up.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
