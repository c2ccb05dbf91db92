import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Speaker } from '../../lib/bindings/Speaker';
import SpeakersList from './SpeakersList.svelte';
import { speakersList } from './listState.svelte';

vi.mock('../../lib/api');

const lee: Speaker = {
  id: 'sp-1',
  name: 'Rev. Lee',
  organization: 'First Baptist',
  role: 'clergy',
  phone: '203-555-0142',
  email: null,
  notes: null,
};
const diaz: Speaker = { id: 'sp-2', name: 'Off. Diaz', organization: 'NHPD', role: 'law_enforcement', phone: null, email: null, notes: null };

beforeEach(() => {
  speakersList.reset();
  // As search_speakers finds them (src-tauri/domain/directory.rs: speaker_matches), roughly.
  vi.mocked(api.searchSpeakers).mockImplementation(async (text) =>
    [lee, diaz].filter((s) => `${s.name} ${s.organization}`.toLowerCase().includes(text.toLowerCase())),
  );
});

function names(): string[] {
  return within(screen.getByRole('table'))
    .queryAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('.row-open')?.textContent ?? '');
}

describe('the speakers list', () => {
  it('lists the speakers with organization, role and phone, and searches as you type', async () => {
    const user = userEvent.setup();
    const onopen = vi.fn();
    render(SpeakersList, { props: { onopen } });
    await waitFor(() => expect(names()).toEqual(['Rev. Lee', 'Off. Diaz']));
    expect(api.searchSpeakers).toHaveBeenCalledWith('');
    const row = screen.getByRole('button', { name: 'Rev. Lee' }).closest('tr') as HTMLElement;
    expect([...row.querySelectorAll('td')].map((c) => c.textContent?.trim())).toEqual([
      'Rev. Lee',
      'First Baptist',
      'Clergy / moral voice',
      '203-555-0142',
    ]);

    await user.type(screen.getByLabelText('Search speakers'), 'nhpd');
    await waitFor(() => expect(names()).toEqual(['Off. Diaz']));
    expect(api.searchSpeakers).toHaveBeenLastCalledWith('nhpd');
    expect(api.searchSpeakers).toHaveBeenCalledTimes(2);
    expect(screen.getByText('1 speaker')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Off. Diaz' }));
    expect(onopen).toHaveBeenCalledWith('sp-2');

    await user.type(screen.getByLabelText('Search speakers'), 'zzz');
    expect(await screen.findByText('No speaker matches this search.')).toBeTruthy();
  });

  it('adds a new speaker and opens their page', async () => {
    const user = userEvent.setup();
    const onopen = vi.fn();
    vi.mocked(api.saveSpeaker).mockResolvedValueOnce({ ...diaz, id: 'sp-3', name: 'Dr. Okafor', role: 'medical' });
    render(SpeakersList, { props: { onopen } });
    await user.click(await screen.findByRole('button', { name: 'New speaker' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Speaker name'));
    await user.type(screen.getByLabelText('Speaker name'), 'Dr. Okafor');
    await user.selectOptions(screen.getByLabelText('Role'), 'Medical');
    await user.click(screen.getByRole('button', { name: 'Add speaker' }));
    await waitFor(() => expect(onopen).toHaveBeenCalledWith('sp-3'));
    expect(api.saveSpeaker).toHaveBeenCalledWith(null, {
      name: 'Dr. Okafor',
      organization: '',
      role: 'medical',
      phone: '',
      email: '',
      notes: '',
    });
  });
});
