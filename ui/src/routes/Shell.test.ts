import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../lib/api';
import type { Group } from '../lib/bindings/Group';
import { nav } from '../lib/nav.svelte';
import { session } from '../lib/session.svelte';
import Shell from './Shell.svelte';

vi.mock('../lib/api');

const unlocked = { databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 };

const willow: Group = {
  id: 'g-1',
  name: 'Willow Court',
  area: 'Southside',
  notes: null,
  members: [],
  links: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

beforeEach(() => {
  session.set(unlocked);
  session.notice = null;
  nav.route = { area: 'people', view: 'list' };
  vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  vi.mocked(api.listGroups).mockResolvedValue([]);
  vi.mocked(api.lock).mockResolvedValue({ ...unlocked, unlocked: false });
  vi.mocked(api.directoryList).mockResolvedValue([]);
  vi.mocked(api.searchSpeakers).mockResolvedValue([]);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('shell', () => {
  it('has its areas in its navigation and a Lock button', async () => {
    const user = userEvent.setup();
    render(Shell);
    const nav = screen.getByRole('navigation');
    const items = nav.querySelectorAll('button');
    expect([...items].map((b) => b.textContent?.trim())).toEqual([
      'Call-ins',
      'Follow-ups',
      'Settings',
      'People',
      'Groups',
      'Directory',
      'Speakers',
    ]);
    expect(await screen.findByRole('heading', { name: 'People', level: 1 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Groups' }));
    expect(await screen.findByRole('heading', { name: 'Groups', level: 1 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await waitFor(() => expect(session.unlocked).toBe(false));
  });

  it('answers the keyboard shortcuts', async () => {
    const user = userEvent.setup();
    render(Shell);
    await screen.findByRole('heading', { name: 'People', level: 1 });
    await user.keyboard('{Control>}k{/Control}');
    expect(document.activeElement).toBe(screen.getByLabelText('Search people'));

    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('heading', { name: 'New person' })).toBeTruthy();
    // Nothing typed yet: Esc leaves the form without asking.
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('heading', { name: 'People', level: 1 })).toBeTruthy();

    // With something typed, leaving asks first.
    await user.keyboard('{Control>}n{/Control}');
    await user.type(await screen.findByLabelText('Last name'), 'Núñez');
    await user.keyboard('{Escape}');
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(dialog).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('heading', { name: 'New person' })).toBeTruthy();
    expect((screen.getByLabelText('Last name') as HTMLInputElement).value).toBe('Núñez');

    // Ctrl+S saves through the form.
    vi.mocked(api.createPerson).mockRejectedValueOnce({
      code: 'validation',
      message: 'Enter a last name.',
      fields: [{ field: 'lastName', message: 'Enter a last name.' }],
    });
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(api.createPerson).toHaveBeenCalledWith(expect.objectContaining({ lastName: 'Núñez' }));

    await user.keyboard('{Control>}l{/Control}');
    await waitFor(() => expect(session.unlocked).toBe(false));
  });

  it('opens the Directory and Speakers, and Ctrl+N there makes a new provider or speaker', async () => {
    const user = userEvent.setup();
    render(Shell);
    await screen.findByRole('heading', { name: 'People', level: 1 });

    await user.click(screen.getByRole('button', { name: 'Directory' }));
    expect(await screen.findByRole('heading', { name: 'Directory', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Directory' }).getAttribute('aria-current')).toBe('page');
    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('heading', { name: 'New provider', level: 2 })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Name')));
    // Nothing typed: Esc closes the form without asking.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'New provider', level: 2 })).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Speakers' }));
    expect(await screen.findByRole('heading', { name: 'Speakers', level: 1 })).toBeTruthy();
    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('heading', { name: 'New speaker', level: 2 })).toBeTruthy();
    await user.type(screen.getByLabelText('Speaker name'), 'Rev. Lee');
    // Leaving with something typed asks first.
    await user.click(screen.getByRole('button', { name: 'People' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect((screen.getByLabelText('Speaker name') as HTMLInputElement).value).toBe('Rev. Lee');
  });

  it('locks itself after 30 minutes without activity', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    render(Shell);
    await vi.advanceTimersByTimeAsync(29 * 60 * 1000);
    expect(api.lock).not.toHaveBeenCalled();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    await vi.advanceTimersByTimeAsync(29 * 60 * 1000);
    expect(api.lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * 60 * 1000);
    expect(api.lock).toHaveBeenCalledTimes(1);
    expect(session.unlocked).toBe(false);
    expect(session.lockMessage).toBe('Locked after 30 minutes without activity.');
  });

  it('locks after the minutes the backend says, tells it of activity, and asks for the daily backup', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    session.set({ ...unlocked, idleLockMinutes: 5 });
    vi.mocked(api.scheduledBackup).mockRejectedValue({
      code: 'io',
      message: 'The backup folder /media/usb is not there.',
      fields: [],
    });
    render(Shell);
    await vi.advanceTimersByTimeAsync(6000);
    expect(api.scheduledBackup).toHaveBeenCalledTimes(1);
    expect((await screen.findByRole('alert')).textContent).toContain('The daily backup could not be made.');
    await vi.advanceTimersByTimeAsync(2 * 60 * 1000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    expect(api.sessionActivity).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4 * 60 * 1000);
    expect(api.lock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60 * 1000 + 15 * 1000);
    expect(api.lock).toHaveBeenCalledTimes(1);
    expect(session.lockMessage).toBe('Locked after 5 minutes without activity.');
  });

  it('asks before an edit of the group is thrown away, and Esc cancels it only from inside the form', async () => {
    const user = userEvent.setup();
    vi.mocked(api.getGroup).mockResolvedValue(willow);
    nav.route = { area: 'groups', view: 'detail', id: 'g-1' };
    render(Shell);
    await screen.findByRole('heading', { name: 'Willow Court', level: 1 });

    // Nothing typed: Esc closes the edit without asking.
    await user.click(screen.getByRole('button', { name: 'Edit group' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Edit group' })).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Edit group' }));
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Willow Court East');

    // Esc in the member search is not the group form's.
    await user.type(screen.getByLabelText('Find person'), 'ty{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Willow Court East');

    // Esc in the form asks; keeping on editing keeps what was typed.
    await user.click(screen.getByLabelText('Name'));
    await user.keyboard('{Escape}');
    let dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Willow Court East');

    // Cancel asks too; discarding closes the edit, once.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByLabelText('Name')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Willow Court', level: 1 })).toBeTruthy();
    expect(api.updateGroup).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit group' })));

    // Leaving the page afterwards does not ask about the thrown-away edit.
    await user.click(screen.getByRole('button', { name: 'Groups' }));
    expect(await screen.findByRole('heading', { name: 'Groups', level: 1 })).toBeTruthy();
  });

  it('asks before leaving a new group with something typed', async () => {
    const user = userEvent.setup();
    nav.route = { area: 'groups', view: 'new' };
    render(Shell);
    await user.type(await screen.findByLabelText('Name'), 'Willow Court');
    await user.keyboard('{Escape}');
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { name: 'Groups', level: 1 })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
