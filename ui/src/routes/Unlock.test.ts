import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../lib/api';
import type { ErrorPayload } from '../lib/bindings/ErrorPayload';
import { session } from '../lib/session.svelte';
import Unlock from './Unlock.svelte';

vi.mock('../lib/api');

const existing = { databaseExists: true, unlocked: false, dataDir: '/home/coordinator/.local/share/callin' };
const firstRun = { ...existing, databaseExists: false };

/** Esc on a modal <dialog>, as a browser does it: a cancelable `cancel`, then closing unless it was refused. */
function pressEscapeIn(dialog: HTMLDialogElement): boolean {
  const cancel = new Event('cancel', { cancelable: true });
  dialog.dispatchEvent(cancel);
  if (!cancel.defaultPrevented) dialog.close();
  return !cancel.defaultPrevented;
}

beforeEach(() => {
  session.status = null;
  session.notice = null;
  session.lockMessage = null;
});

describe('unlock screen', () => {
  it('shows the backend’s message in an alert when the passphrase is wrong', async () => {
    const user = userEvent.setup();
    const wrong: ErrorPayload = {
      code: 'validation',
      message: 'The passphrase is not correct.',
      field: 'passphrase',
      fields: [{ field: 'passphrase', message: 'The passphrase is not correct.' }],
    };
    vi.mocked(api.unlock).mockRejectedValueOnce(wrong);
    render(Unlock, { props: { status: existing } });

    expect(screen.getByRole('heading', { name: 'Unlock Call-In Planner' })).toBeTruthy();
    expect(screen.getByText(existing.dataDir)).toBeTruthy();
    const input = screen.getByLabelText('Passphrase');
    await user.type(input, 'not the one 1{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The passphrase is not correct.');
    expect(api.unlock).toHaveBeenCalledWith('not the one 1');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    expect(session.unlocked).toBe(false);
  });

  it('unlocks with the right passphrase', async () => {
    const user = userEvent.setup();
    vi.mocked(api.unlock).mockResolvedValueOnce({ ...existing, unlocked: true });
    render(Unlock, { props: { status: existing } });
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse 42');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(session.unlocked).toBe(true));
  });

  it('creates the database on the first run, then offers the demo data', async () => {
    const user = userEvent.setup();
    vi.mocked(api.createDatabase)
      .mockRejectedValueOnce({
        code: 'validation',
        message: 'The two passphrases are not the same.',
        field: 'confirmation',
        fields: [{ field: 'confirmation', message: 'The two passphrases are not the same.' }],
      } satisfies ErrorPayload)
      .mockResolvedValueOnce({ ...existing, unlocked: true });
    vi.mocked(api.loadDemoData).mockResolvedValueOnce({ people: 300, groups: 12, links: 9 });
    render(Unlock, { props: { status: firstRun } });

    expect(screen.getByRole('heading', { name: 'Create your passphrase' })).toBeTruthy();
    await user.type(screen.getByLabelText('Passphrase'), 'river stone 7');
    await user.type(screen.getByLabelText('Passphrase again'), 'river stone 8{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The two passphrases are not the same.');
    expect(screen.getByLabelText('Passphrase again').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Passphrase').getAttribute('aria-invalid')).toBeNull();

    await user.clear(screen.getByLabelText('Passphrase again'));
    await user.type(screen.getByLabelText('Passphrase again'), 'river stone 7');
    await user.click(screen.getByRole('button', { name: 'Create database' }));
    expect(api.createDatabase).toHaveBeenLastCalledWith('river stone 7', 'river stone 7');

    const dialog = await screen.findByRole('dialog', { name: 'Load synthetic demo data?' });
    expect(dialog.textContent).toContain('fictional');
    expect(session.unlocked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Load demo data' }));
    await waitFor(() => expect(session.unlocked).toBe(true));
    expect(session.notice).toContain('300 people');
  });

  it('keeps the demo offer open on Esc while the demo data is loading, and shows its error', async () => {
    const user = userEvent.setup();
    vi.mocked(api.createDatabase).mockResolvedValueOnce({ ...existing, unlocked: true });
    let fail: (e: ErrorPayload) => void = () => {};
    vi.mocked(api.loadDemoData).mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    render(Unlock, { props: { status: firstRun } });
    await user.type(screen.getByLabelText('Passphrase'), 'river stone 7');
    await user.type(screen.getByLabelText('Passphrase again'), 'river stone 7{Enter}');
    const dialog = (await screen.findByRole('dialog', { name: 'Load synthetic demo data?' })) as HTMLDialogElement;

    await user.click(screen.getByRole('button', { name: 'Load demo data' }));
    expect(pressEscapeIn(dialog)).toBe(false);
    expect(screen.getByRole('dialog', { name: 'Load synthetic demo data?' })).toBe(dialog);
    expect(dialog.open).toBe(true);
    expect(session.unlocked).toBe(false);

    fail({ code: 'conflict', message: 'The registry is not empty.', fields: [] });
    expect((await screen.findByRole('alert')).textContent).toBe('The registry is not empty.');
    expect(session.unlocked).toBe(false);

    // Once nothing is running, Esc starts empty.
    expect(pressEscapeIn(dialog)).toBe(true);
    await waitFor(() => expect(session.unlocked).toBe(true));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(session.notice).toBeNull();
  });
});
