import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import App from './App.svelte';
import * as api from './lib/api';
import type { Group } from './lib/bindings/Group';
import type { Person } from './lib/bindings/Person';
import { drafts } from './lib/drafts';
import { nav } from './lib/nav.svelte';
import { session } from './lib/session.svelte';

vi.mock('./lib/api');

const unlocked = { databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 };
const locked = { ...unlocked, unlocked: false };

const maria: Person = {
  id: 'p-1',
  firstName: 'María',
  lastName: 'Núñez',
  aliases: [],
  dateOfBirth: null,
  phone: null,
  address: null,
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
  session.status = null;
  session.lockMessage = null;
  session.notice = null;
  nav.route = { area: 'people', view: 'list' };
  drafts.clear();
  vi.mocked(api.sessionStatus).mockResolvedValue(unlocked);
  vi.mocked(api.lock).mockResolvedValue(locked);
  vi.mocked(api.unlock).mockResolvedValue(unlocked);
  vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  vi.mocked(api.listGroups).mockResolvedValue([]);
  vi.mocked(api.getPerson).mockResolvedValue(maria);
  vi.mocked(api.getGroup).mockResolvedValue(willow);
});

const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;

async function unlockAgain(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('heading', { name: 'Unlock Call-In Planner' });
  await user.type(screen.getByLabelText('Passphrase'), 'correct horse 42');
  await user.click(screen.getByRole('button', { name: 'Unlock' }));
}

describe('the window’s close button', () => {
  it('closes at once without unsaved input, and asks first with it', async () => {
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('button', { name: 'New person' });
    window.dispatchEvent(new Event('callin-close-requested'));
    await waitFor(() => expect(api.answerClose).toHaveBeenLastCalledWith(true));

    await user.click(screen.getByRole('button', { name: 'New person' }));
    await user.type(screen.getByLabelText('Last name'), 'Núñez');
    window.dispatchEvent(new Event('callin-close-requested'));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(api.answerClose).toHaveBeenLastCalledWith(false));
    expect(value('Last name')).toBe('Núñez');

    window.dispatchEvent(new Event('callin-close-requested'));
    const again = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(again).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(api.answerClose).toHaveBeenLastCalledWith(true));
  });
});

describe('locking with a form open', () => {
  it('brings back what was typed in the new-person form after unlocking, and shows none of it while locked', async () => {
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'New person' }));
    await user.type(screen.getByLabelText('First name'), 'María');
    await user.type(screen.getByLabelText('Last name'), 'Núñez');
    await user.click(screen.getByRole('button', { name: 'Add supervision record' }));
    await user.type(screen.getByLabelText('Agency'), 'State Parole');

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Unlock Call-In Planner' });
    // The locked screen shows nothing of the registry or of the form.
    expect(screen.queryByRole('heading', { name: 'New person' })).toBeNull();
    expect(screen.queryByDisplayValue('Núñez')).toBeNull();
    expect(screen.queryByText(/Núñez|State Parole/)).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();

    await unlockAgain(user);
    expect(await screen.findByRole('heading', { name: 'New person' })).toBeTruthy();
    expect(value('First name')).toBe('María');
    expect(value('Last name')).toBe('Núñez');
    expect(value('Agency')).toBe('State Parole');

    // Still unsaved: leaving asks, and Save sends what was typed.
    await user.click(screen.getByRole('button', { name: 'People' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    vi.mocked(api.createPerson).mockResolvedValueOnce(maria);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.createPerson).toHaveBeenCalledWith(
        expect.objectContaining({
          firstName: 'María',
          lastName: 'Núñez',
          supervisions: [expect.objectContaining({ agency: 'State Parole' })],
        }),
      ),
    );
  });

  it('brings back an edit cut off by a locked error from a command', async () => {
    const user = userEvent.setup();
    nav.route = { area: 'people', view: 'edit', id: 'p-1' };
    render(App);
    expect(await screen.findByDisplayValue('Núñez')).toBeTruthy();
    await user.type(screen.getByLabelText('Phone'), '(203) 555-0199');

    // What api.ts does with a `locked` error.
    session.markLocked('The app is locked.');
    expect(await screen.findByText('The app is locked.')).toBeTruthy();
    expect(screen.queryByDisplayValue('(203) 555-0199')).toBeNull();

    await unlockAgain(user);
    expect(await screen.findByRole('heading', { name: 'Edit person' })).toBeTruthy();
    expect(value('Phone')).toBe('(203) 555-0199');
    expect(value('Last name')).toBe('Núñez');
    // The form came back as typed, not reloaded over it.
    expect(api.getPerson).toHaveBeenCalledTimes(1);
  });

  it('brings back an edit of a group after the keyboard lock', async () => {
    const user = userEvent.setup();
    nav.route = { area: 'groups', view: 'detail', id: 'g-1' };
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Edit group' }));
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Willow Court East');

    await user.keyboard('{Control>}l{/Control}');
    await unlockAgain(user);
    expect(await screen.findByRole('heading', { name: 'Edit group' })).toBeTruthy();
    expect(value('Name')).toBe('Willow Court East');
    expect(screen.getByRole('heading', { name: 'Willow Court', level: 1 })).toBeTruthy();

    // Cancelled, the draft is gone: the next edit starts from the group.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard changes' }));
    await user.click(await screen.findByRole('button', { name: 'Edit group' }));
    expect(value('Name')).toBe('Willow Court');
  });

  it('keeps nothing from a form without unsaved changes', async () => {
    const user = userEvent.setup();
    nav.route = { area: 'people', view: 'new' };
    render(App);
    await screen.findByRole('heading', { name: 'New person' });
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await unlockAgain(user);
    expect(await screen.findByRole('heading', { name: 'New person' })).toBeTruthy();
    expect(value('Last name')).toBe('');
    // Leaving does not ask: nothing was typed.
    await user.click(screen.getByRole('button', { name: 'People' }));
    expect(await screen.findByRole('heading', { name: 'People', level: 1 })).toBeTruthy();
  });
});
