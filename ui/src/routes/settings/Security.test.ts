import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import { invalid } from '../../test/backend';
import Security from './Security.svelte';

vi.mock('../../lib/api');

beforeEach(() => {
  vi.mocked(api.securitySettings).mockResolvedValue({ idleLockMinutes: 30, minMinutes: 5, maxMinutes: 60 });
});

describe('Settings → Passphrase and lock', () => {
  it('puts each refusal under the field it names and clears the fields once changed', async () => {
    const user = userEvent.setup();
    // src-tauri/commands/backups.rs (rekey)
    vi.mocked(api.changePassphrase)
      .mockRejectedValueOnce(invalid(['current', 'The current passphrase is not correct.']))
      .mockRejectedValueOnce(invalid(['confirmation', 'The two new passphrases are not the same.']))
      .mockResolvedValueOnce(undefined);
    render(Security);
    const current = screen.getByLabelText('Current passphrase') as HTMLInputElement;
    const next = screen.getByLabelText('New passphrase') as HTMLInputElement;
    const again = screen.getByLabelText('New passphrase again') as HTMLInputElement;
    await user.type(current, 'wrong one 11');
    await user.type(next, 'new passphrase 88');
    await user.type(again, 'new passphrase 88');
    await user.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(next.getAttribute('aria-invalid')).not.toBe('true');
    await user.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    await waitFor(() => expect(again.getAttribute('aria-invalid')).toBe('true'));
    await user.click(screen.getByRole('button', { name: 'Change the passphrase' }));
    expect(await screen.findByText('The passphrase was changed. Use the new one from now on.')).toBeTruthy();
    expect(api.changePassphrase).toHaveBeenLastCalledWith({
      current: 'wrong one 11',
      newPassphrase: 'new passphrase 88',
      confirmation: 'new passphrase 88',
    });
    expect(current.value + next.value + again.value).toBe('');
  });

  it('saves the idle lock and shows the backend’s refusal of one out of range', async () => {
    const user = userEvent.setup();
    vi.mocked(api.setIdleLockMinutes)
      .mockRejectedValueOnce(invalid(['minutes', 'The app can lock itself after 5 to 60 minutes without activity.']))
      .mockResolvedValueOnce({ idleLockMinutes: 10, minMinutes: 5, maxMinutes: 60 });
    render(Security);
    const field = (await screen.findByLabelText('Lock after this many minutes without activity')) as HTMLInputElement;
    expect(field.value).toBe('30');
    await user.clear(field);
    await user.type(field, '90{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('5 to 60 minutes');
    await user.clear(field);
    await user.type(field, '10{Enter}');
    expect(await screen.findByText(/^Saved/)).toBeTruthy();
    expect(api.setIdleLockMinutes).toHaveBeenLastCalledWith(10);
  });
});
