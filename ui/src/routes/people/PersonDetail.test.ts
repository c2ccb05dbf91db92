import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Person } from '../../lib/bindings/Person';
import PersonDetail from './PersonDetail.svelte';

vi.mock('../../lib/api');

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

beforeEach(() => {
  vi.mocked(api.getPerson).mockResolvedValue(maria);
});

function props() {
  return { id: 'p-1', onback: vi.fn(), onedit: vi.fn(), onopengroup: vi.fn() };
}

describe('person detail', () => {
  it('says when the history could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    vi.mocked(api.personHistory)
      .mockRejectedValueOnce({ code: 'io', message: 'The disk is busy.', fields: [] })
      .mockResolvedValueOnce([
        {
          id: 'a-1',
          at: '2026-01-01T00:00:00.000Z',
          actor: 'coordinator',
          action: 'create',
          entity: 'person',
          entityId: 'p-1',
          before: null,
          after: null,
        },
      ]);
    render(PersonDetail, { props: props() });
    await screen.findByRole('heading', { name: 'María Núñez', level: 1 });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The history could not be loaded. The disk is busy.');
    expect(screen.queryByText('No changes recorded.')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Created')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'History' })));
  });
});
