// The unlock screen as the window shows it (App): what the coordinator sees before and after
// unlocking or creating the database. The backend's answers are SessionStatus, DemoSummary and
// ErrorPayload values as the commands send them; the messages are the backend's own.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import App from '../App.svelte';
import * as api from '../lib/api';
import type { DemoSummary } from '../lib/bindings/DemoSummary';
import type { ErrorPayload } from '../lib/bindings/ErrorPayload';
import type { SessionStatus } from '../lib/bindings/SessionStatus';
import { drafts } from '../lib/drafts';
import { nav } from '../lib/nav.svelte';
import { session } from '../lib/session.svelte';
import { invalid, refused } from '../test/backend';

vi.mock('../lib/api');

const existing = {
  databaseExists: true,
  unlocked: false,
  dataDir: '/home/coordinator/.local/share/callin',
  failedAttempts: 0,
  retryAfterSeconds: 0,
  idleLockMinutes: 30,
} satisfies SessionStatus;
const unlocked = { ...existing, unlocked: true } satisfies SessionStatus;
const firstRun = { ...existing, databaseExists: false } satisfies SessionStatus;

// src-tauri/store/mod.rs (schema_version): the first read after a wrong key fails with "not a database".
const wrongPassphrase = invalid(['passphrase', 'The passphrase is not correct.']);
// src-tauri/store/mod.rs (apply_key).
const noPassphrase = invalid(['passphrase', 'Enter the passphrase.']);
// src-tauri/store/mod.rs (check_passphrase_strength).
const weakPassphrase = invalid(['passphrase', 'Use at least 10 characters, with letters and also digits or symbols.']);
// src-tauri/state.rs (AppState::create).
const notTheSame = invalid(['confirmation', 'The two passphrases are not the same.']);
// src-tauri/demo.rs (load).
const notEmpty = refused('conflict', 'Demo data can only be loaded into an empty registry.');
// src-tauri/state.rs (AppState::locked).
const lockedMessage = 'The app is locked. Unlock it with your passphrase.';

/** Esc on a modal <dialog>, as a browser does it: a cancelable `cancel`, then closing unless it was refused. */
function pressEscapeIn(dialog: HTMLDialogElement): boolean {
  const cancel = new Event('cancel', { cancelable: true });
  dialog.dispatchEvent(cancel);
  if (!cancel.defaultPrevented) dialog.close();
  return !cancel.defaultPrevented;
}

/** The app behind the unlock screen: the people list, empty. */
async function theRegistryIsOpen() {
  expect(await screen.findByRole('heading', { name: 'People', level: 1 })).toBeTruthy();
  expect(screen.getByRole('navigation')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Lock' })).toBeTruthy();
  expect(screen.queryByLabelText('Passphrase')).toBeNull();
}

/** Still on the unlock screen: nothing of the registry shows. */
function stillLocked(heading: string) {
  expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
  expect(screen.queryByRole('navigation')).toBeNull();
  expect(screen.queryByRole('heading', { name: 'People', level: 1 })).toBeNull();
}

beforeEach(() => {
  session.status = null;
  session.notice = null;
  session.lockMessage = null;
  nav.route = { area: 'people', view: 'list' };
  drafts.clear();
  vi.mocked(api.sessionStatus).mockResolvedValue(existing);
  vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  vi.mocked(api.listGroups).mockResolvedValue([]);
});

describe('unlock screen', () => {
  it('after too many wrong passphrases, counts down the wait the backend sets before the next try', async () => {
    const user = userEvent.setup();
    // src-tauri/domain/backup.rs (wait_message)
    vi.mocked(api.unlock).mockRejectedValueOnce(wrongPassphrase);
    vi.mocked(api.sessionStatus)
      .mockResolvedValueOnce(existing)
      .mockResolvedValueOnce({ ...existing, failedAttempts: 5, retryAfterSeconds: 2 });
    render(App);
    const input = await screen.findByLabelText('Passphrase');
    await user.type(input, 'not the one 1{Enter}');
    expect(await screen.findByText(/You can try again in 2 seconds/)).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await waitFor(() => expect(button.disabled).toBe(false), { timeout: 4000 });
    expect(screen.queryByText(/You can try again/)).toBeNull();
  });

  it('shows the backend’s message under the passphrase when it is wrong or empty, and stays locked', async () => {
    const user = userEvent.setup();
    vi.mocked(api.unlock).mockRejectedValueOnce(noPassphrase).mockRejectedValueOnce(wrongPassphrase);
    render(App);

    expect(await screen.findByRole('heading', { name: 'Unlock Call-In Planner' })).toBeTruthy();
    expect(screen.getByText(existing.dataDir)).toBeTruthy();
    const input = screen.getByLabelText('Passphrase') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));

    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the passphrase.');

    await user.type(input, 'not the one 1{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The passphrase is not correct.'));
    const alert = screen.getByRole('alert');
    expect(api.unlock).toHaveBeenLastCalledWith('not the one 1');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    // What was typed stays, to correct it; the Unlock button is back.
    expect(input.value).toBe('not the one 1');
    expect((screen.getByRole('button', { name: 'Unlock' }) as HTMLButtonElement).disabled).toBe(false);
    stillLocked('Unlock Call-In Planner');
  });

  it('opens the registry with the right passphrase', async () => {
    const user = userEvent.setup();
    vi.mocked(api.unlock).mockResolvedValueOnce(unlocked);
    render(App);
    await user.type(await screen.findByLabelText('Passphrase'), 'correct horse 42');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    await theRegistryIsOpen();
    expect(api.unlock).toHaveBeenCalledWith('correct horse 42');
    expect(screen.queryByRole('heading', { name: 'Unlock Call-In Planner' })).toBeNull();
  });

  it('says why the app went back to the unlock screen, until it is unlocked', async () => {
    const user = userEvent.setup();
    vi.mocked(api.sessionStatus).mockResolvedValue(unlocked);
    vi.mocked(api.unlock).mockResolvedValueOnce(unlocked);
    render(App);
    await theRegistryIsOpen();

    // What api.ts does with a `locked` error from any command.
    session.markLocked(lockedMessage);
    expect((await screen.findByText(lockedMessage)).getAttribute('role')).toBe('status');
    stillLocked('Unlock Call-In Planner');

    await user.type(screen.getByLabelText('Passphrase'), 'correct horse 42{Enter}');
    await theRegistryIsOpen();
    expect(screen.queryByText(lockedMessage)).toBeNull();
  });

  it('creates the database on the first run after the backend’s refusals, then loads the demo data', async () => {
    const user = userEvent.setup();
    vi.mocked(api.sessionStatus).mockResolvedValue(firstRun);
    vi.mocked(api.createDatabase)
      .mockRejectedValueOnce(weakPassphrase)
      .mockRejectedValueOnce(notTheSame)
      .mockResolvedValueOnce(unlocked);
    vi.mocked(api.loadDemoData).mockResolvedValueOnce({ people: 300, groups: 12, links: 9 } satisfies DemoSummary);
    render(App);

    expect(await screen.findByRole('heading', { name: 'Create your passphrase' })).toBeTruthy();
    const passphrase = screen.getByLabelText('Passphrase');
    const again = screen.getByLabelText('Passphrase again');
    await user.type(passphrase, 'river');
    await user.type(again, 'river{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(weakPassphrase.message);
    expect(passphrase.getAttribute('aria-invalid')).toBe('true');
    expect(again.getAttribute('aria-invalid')).toBeNull();

    await user.type(passphrase, ' stone 7');
    await user.clear(again);
    await user.type(again, 'river stone 8{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The two passphrases are not the same.'));
    expect(again.getAttribute('aria-invalid')).toBe('true');
    expect(again.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    expect(passphrase.getAttribute('aria-invalid')).toBeNull();

    await user.clear(again);
    await user.type(again, 'river stone 7');
    await user.click(screen.getByRole('button', { name: 'Create database' }));
    expect(api.createDatabase).toHaveBeenLastCalledWith('river stone 7', 'river stone 7');

    const dialog = await screen.findByRole('dialog', { name: 'Load synthetic demo data?' });
    expect(dialog.textContent).toContain('fictional');
    // The registry opens once the coordinator has answered.
    stillLocked('Create your passphrase');
    await user.click(within(dialog).getByRole('button', { name: 'Load demo data' }));

    await theRegistryIsOpen();
    expect(screen.queryByRole('dialog')).toBeNull();
    const notice = screen.getByText('Loaded demo data: 300 people, 12 groups, 9 links.');
    expect(notice.closest('[role="status"]')).toBeTruthy();
  });

  it('keeps the demo offer open on Esc while the demo data is loading, shows the backend’s refusal, then starts empty', async () => {
    const user = userEvent.setup();
    vi.mocked(api.sessionStatus).mockResolvedValue(firstRun);
    vi.mocked(api.createDatabase).mockResolvedValueOnce(unlocked);
    let fail: (e: ErrorPayload) => void = () => {};
    vi.mocked(api.loadDemoData).mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    render(App);
    await user.type(await screen.findByLabelText('Passphrase'), 'river stone 7');
    await user.type(screen.getByLabelText('Passphrase again'), 'river stone 7{Enter}');
    const dialog = (await screen.findByRole('dialog', { name: 'Load synthetic demo data?' })) as HTMLDialogElement;

    await user.click(within(dialog).getByRole('button', { name: 'Load demo data' }));
    expect(within(dialog).getByRole('button', { name: 'Loading…' }).getAttribute('aria-busy')).toBe('true');
    expect((within(dialog).getByRole('button', { name: 'Start empty' }) as HTMLButtonElement).disabled).toBe(true);
    expect(pressEscapeIn(dialog)).toBe(false);
    expect(screen.getByRole('dialog', { name: 'Load synthetic demo data?' })).toBe(dialog);
    expect(dialog.open).toBe(true);
    stillLocked('Create your passphrase');

    fail(notEmpty);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Demo data can only be loaded into an empty registry.',
    );
    stillLocked('Create your passphrase');

    // Once nothing is running, Esc starts empty: the registry opens with no notice.
    expect(pressEscapeIn(dialog)).toBe(true);
    await theRegistryIsOpen();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(/Loaded demo data/)).toBeNull();
  });
});
