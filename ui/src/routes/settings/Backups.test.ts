import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { BackupEntry } from '../../lib/bindings/BackupEntry';
import type { BackupStatus } from '../../lib/bindings/BackupStatus';
import { invalid, refused } from '../../test/backend';
import Backups from './Backups.svelte';

vi.mock('../../lib/api');

const entry: BackupEntry = {
  file: 'callin-planner-2026-12-02-090000Z-daily.cpbackup',
  path: '/media/usb/callin-planner-2026-12-02-090000Z-daily.cpbackup',
  sizeBytes: 3 * 1024 * 1024,
  manifest: {
    format: 'callin-planner-backup',
    formatVersion: 1,
    appVersion: '0.1.0',
    schemaVersion: 4,
    madeAt: '2026-12-02T09:00:00Z',
    reason: 'daily',
    key: 'database',
    sizeBytes: 3 * 1024 * 1024,
    sha256: 'ab',
    file: 'callin-planner-2026-12-02-090000Z-daily.cpbackup',
  },
  problem: null,
};

const local: BackupStatus = {
  folder: '/home/c/.local/share/callin/backups',
  folderIsLocal: true,
  automatic: true,
  folderProblem: null,
  newest: null,
  lastFailure: null,
  lastFailureAt: null,
  due: true,
};

beforeEach(() => {
  vi.mocked(api.backupStatus).mockResolvedValue(local);
  vi.mocked(api.listBackups).mockResolvedValue([]);
});

describe('Settings → Backups', () => {
  it('says plainly that backups on this computer do not survive a failed disk, and what the folder problem is', async () => {
    vi.mocked(api.backupStatus).mockResolvedValueOnce({
      ...local,
      folderIsLocal: false,
      folder: '/media/usb',
      folderProblem: 'The backup folder /media/usb is not there. If it is on a drive, plug the drive in; the next backup will try again.',
    });
    render(Backups);
    expect((await screen.findByRole('alert')).textContent).toContain('plug the drive in');
    expect(screen.queryByText(/protects against mistakes/)).toBeNull();
    render(Backups);
    expect(await screen.findByText(/protects against mistakes, not against a lost laptop/)).toBeTruthy();
  });

  it('makes a backup now, with a passphrase of its own whose problems show under its field', async () => {
    const user = userEvent.setup();
    vi.mocked(api.makeBackup)
      .mockRejectedValueOnce(invalid(['passphrase', 'Use at least 10 characters, with letters and also digits or symbols.']))
      .mockResolvedValueOnce({ entry: { ...entry, file: 'callin-planner-2026-12-03-100000Z-manual.cpbackup' }, removed: 2 });
    render(Backups);
    await user.click(await screen.findByLabelText(/passphrase of its own/));
    await user.type(screen.getByLabelText('Passphrase for this backup'), 'short');
    await user.type(screen.getByLabelText('Passphrase for this backup, again'), 'short');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    const field = screen.getByLabelText('Passphrase for this backup');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(api.makeBackup).toHaveBeenLastCalledWith({ passphrase: 'short', confirmation: 'short' });
    await user.clear(field);
    await user.type(field, 'supervisor copy 77');
    await user.clear(screen.getByLabelText('Passphrase for this backup, again'));
    await user.type(screen.getByLabelText('Passphrase for this backup, again'), 'supervisor copy 77');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(
      await screen.findByText(
        'Backup made: callin-planner-2026-12-03-100000Z-manual.cpbackup. 2 older automatic backups were removed.',
      ),
    ).toBeTruthy();
    // The passphrase fields are gone with what was typed in them.
    expect(screen.queryByLabelText('Passphrase for this backup')).toBeNull();
  });

  it('restores a backup only after it was checked and shown, and says why one is refused', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listBackups).mockResolvedValue([entry]);
    vi.mocked(api.inspectBackupFile)
      .mockRejectedValueOnce(
        invalid(['passphrase', 'The passphrase does not open this backup, or the file is not a Call-In Planner backup.']),
      )
      .mockResolvedValueOnce({
        schemaVersion: 4,
        people: 1204,
        callIns: 7,
        referrals: 1,
        madeAt: '2026-12-02T09:00:00Z',
        reason: 'daily',
      });
    vi.mocked(api.restoreBackup).mockResolvedValue({
      schemaVersion: 4,
      people: 1204,
      callIns: 7,
      referrals: 1,
      madeAt: '2026-12-02T09:00:00Z',
      reason: 'daily',
    });
    render(Backups);
    const row = (await screen.findByText('Daily')).closest('tr') as HTMLElement;
    expect(within(row).getByText('3.0 MB')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: /Restore…/ }));
    const dialog = screen.getByRole('dialog', { name: 'Restore a backup' });
    await user.type(within(dialog).getByLabelText('The backup’s passphrase'), 'wrong one 12{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('does not open this backup');
    expect(api.restoreBackup).not.toHaveBeenCalled();
    await user.clear(within(dialog).getByLabelText('The backup’s passphrase'));
    await user.type(within(dialog).getByLabelText('The backup’s passphrase'), 'correct horse 42');
    await user.click(within(dialog).getByRole('button', { name: 'Check the backup' }));
    expect(await within(dialog).findByText('It holds 1,204 people, 7 call-ins and 1 referral.')).toBeTruthy();
    expect(api.restoreBackup).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Replace everything with this backup' }));
    await waitFor(() => expect(api.restoreBackup).toHaveBeenCalledWith(entry.path, 'correct horse 42'));
    expect(await screen.findByText(/The backup was restored/)).toBeTruthy();
  });

  it('shows a refused restore in the dialog and keeps it open', async () => {
    const user = userEvent.setup();
    vi.mocked(api.listBackups).mockResolvedValue([entry]);
    vi.mocked(api.inspectBackupFile).mockResolvedValue({
      schemaVersion: 4,
      people: 3,
      callIns: 0,
      referrals: 0,
      madeAt: null,
      reason: null,
    });
    vi.mocked(api.restoreBackup).mockRejectedValue(
      refused('io', 'The current database could not be kept as a backup first, so nothing was restored.'),
    );
    render(Backups);
    await user.click(await screen.findByRole('button', { name: /Restore…/ }));
    const dialog = screen.getByRole('dialog', { name: 'Restore a backup' });
    await user.type(within(dialog).getByLabelText('The backup’s passphrase'), 'correct horse 42{Enter}');
    await within(dialog).findByText(/It holds 3 people/);
    await user.click(within(dialog).getByRole('button', { name: 'Replace everything with this backup' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('nothing was restored');
  });
});
