import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { AuditRow } from '../../lib/bindings/AuditRow';
import { invalid } from '../../test/backend';
import AuditLog from './AuditLog.svelte';

vi.mock('../../lib/api');

const edit: AuditRow = {
  id: 'a-2',
  at: '2026-12-03T10:15:00.000Z',
  actor: 'coordinator',
  action: 'update',
  actionLabel: 'Changed',
  entity: 'person',
  entityLabel: 'Person',
  entityId: 'p-1',
  changes: [{ field: 'phone', label: 'Phone', before: null, after: '555-0142' }],
};

beforeEach(() => {
  vi.mocked(api.auditLog).mockResolvedValue({ rows: [edit], total: 1, nextCursor: null });
  vi.mocked(api.auditOptions).mockResolvedValue({
    entities: [{ value: 'person', label: 'Person' }],
    actions: [{ value: 'update', label: 'Changed' }],
  });
});

describe('Settings → Audit log', () => {
  it('filters through the backend, shows an entry field by field, and exports what is shown', async () => {
    const user = userEvent.setup();
    render(AuditLog);
    const row = (await screen.findByRole('cell', { name: 'Changed' })).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Show 1 change' }));
    const changes = within(row).getByRole('table');
    expect(within(changes).getByRole('rowheader', { name: 'Phone' })).toBeTruthy();
    expect(within(changes).getByText('555-0142')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Kind of record'), 'person');
    await user.type(screen.getByLabelText('Text'), 'Ocampo');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(api.auditLog).toHaveBeenLastCalledWith({ entity: 'person', text: 'Ocampo' }));

    vi.mocked(api.exportAuditLog).mockResolvedValue({ path: '/home/c/audit.csv', rows: 12, withheld: 2 });
    await user.click(screen.getByRole('button', { name: 'Export CSV…' }));
    expect(api.exportAuditLog).toHaveBeenCalledWith({ entity: 'person', text: 'Ocampo' }, 'csv');
    expect(await screen.findByText(/Exported 12 rows to \/home\/c\/audit.csv\. 2 entries/)).toBeTruthy();
  });

  it('puts a refused date under its field', async () => {
    const user = userEvent.setup();
    render(AuditLog);
    await screen.findByRole('cell', { name: 'Changed' });
    // src-tauri/domain/audit.rs (filter)
    vi.mocked(api.auditLog).mockRejectedValueOnce(invalid(['to', 'The last day comes before the first day.']));
    await user.type(screen.getByLabelText('From'), '2026-12-02');
    await user.type(screen.getByLabelText('To'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const to = screen.getByLabelText('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toContain('comes before');
  });
});
