import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { ImportCheck } from '../../lib/bindings/ImportCheck';
import type { ImportPreview } from '../../lib/bindings/ImportPreview';
import ImportWizard from './ImportWizard.svelte';

vi.mock('../../lib/api');

const preview: ImportPreview = {
  fileName: 'roster.csv',
  sha256: 'a'.repeat(64),
  format: { encoding: 'windows-1252', byteOrderMark: false, delimiter: ';' },
  sheets: [],
  headers: ['Name', 'DOB', 'Contact'],
  headerRow: 1,
  sample: [
    { number: 2, cells: ['DOE, JANE', '03/14/1990', '555-0100'] },
    { number: 3, cells: ['Roe, Rick', '02/30/1985', '555-0101'] },
  ],
  rows: 2,
  blankRows: 1,
  mapping: { columns: ['full_name', 'date_of_birth', null], values: [], dateOrder: null, capitalise: false },
  savedMappings: [],
  fields: ['full_name', 'date_of_birth', 'phone'],
};

function checked(over: Partial<ImportCheck> = {}): ImportCheck {
  return {
    rows: 2,
    ready: 1,
    warnings: 0,
    problems: 1,
    skipped: 0,
    issues: [
      {
        row: 3,
        column: 1,
        columnName: 'DOB',
        value: '02/30/1985',
        message: '“02/30/1985” does not exist: February has 28 days.',
        problem: true,
      },
    ],
    issuesTotal: 1,
    unknown: [],
    valueOptions: [],
    dateOrder: { needed: false, used: 'month_first' },
    namesInCapitals: true,
    mappingProblems: [],
    matches: [],
    blockers: ['1 row still has a problem: fix it or skip it.'],
    wouldCreate: 1,
    wouldUpdate: 0,
    ...over,
  };
}

beforeEach(() => {
  vi.mocked(api.importOpenFile).mockResolvedValue(preview);
  vi.mocked(api.importClose).mockResolvedValue(undefined);
});

describe('import wizard', () => {
  it('shows how the file was read, takes a mapping, and sends a fix with the next check', async () => {
    const user = userEvent.setup();
    vi.mocked(api.importCheck)
      .mockResolvedValueOnce(checked())
      .mockResolvedValueOnce(checked({ ready: 2, problems: 0, issues: [], issuesTotal: 0, blockers: [], wouldCreate: 2 }));
    // src-tauri/commands/imports.rs (commit): the backup before the import failed, the import went on.
    vi.mocked(api.importCommit).mockResolvedValue({
      importId: 'i-1',
      created: 2,
      updated: 0,
      skipped: 0,
      backupWarning: 'No backup could be made before this import (the folder is not there). The import can still be undone.',
    });
    render(ImportWizard, { props: { onclose: vi.fn(), onopen: vi.fn() } });

    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await screen.findByText('roster.csv: 2 rows under the header row.');
    expect(screen.getByText('Read as windows-1252, columns split at semicolons.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.selectOptions(screen.getByLabelText('Contact'), 'Phone');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('1 ready, 0 with warnings, 1 with problems, 0 skipped');
    expect(vi.mocked(api.importCheck).mock.calls[0][0].mapping.columns).toEqual(['full_name', 'date_of_birth', 'phone']);
    // The backend's blockers keep Import off.
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);

    const fix = screen.getByLabelText('Fix row 3, DOB');
    await user.clear(fix);
    await user.type(fix, '02/28/1985{Enter}');
    await screen.findByText('2 ready, 0 with warnings, 0 with problems, 0 skipped');
    expect(vi.mocked(api.importCheck).mock.calls[1][0].fixes).toEqual([{ row: 3, column: 1, value: '02/28/1985' }]);

    await user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('Imported: 2 people added, 0 updated, 0 rows skipped.');
    expect(screen.getByRole('alert').textContent).toContain('No backup could be made before this import');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Undo this import' })).toBeTruthy());
  });

  it('says why a file could not be read and stays on the first step', async () => {
    const user = userEvent.setup();
    vi.mocked(api.importOpenFile).mockRejectedValue({
      code: 'validation',
      message: 'The file is empty: it has no header row and no rows.',
      fields: [],
    });
    render(ImportWizard, { props: { onclose: vi.fn(), onopen: vi.fn() } });
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The file is empty: it has no header row and no rows.');
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
