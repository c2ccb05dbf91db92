import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Speaker } from '../../lib/bindings/Speaker';
import { invalid } from '../../test/backend';
import { visit } from '../directory/testData';
import SpeakerPage from './SpeakerPage.svelte';

vi.mock('../../lib/api');

const lee: Speaker = {
  id: 'sp-1',
  name: 'Rev. Lee',
  organization: 'First Baptist',
  role: 'clergy',
  phone: '203-555-0142',
  email: 'lee@firstbaptist.example.org',
  notes: 'Prefers to speak last.',
};

beforeEach(() => {
  vi.mocked(api.speakerPage).mockResolvedValue({
    speaker: lee,
    callIns: [
      visit('c-1', 'Northside spring call-in', { date: '2027-03-14', segment: 'A word from the community', segmentKind: 'community', assignment: 'spoke' }),
      visit('c-2', 'Eastside winter call-in', { date: null, status: 'scheduled', segment: null, segmentKind: 'welcome', assignment: 'invited' }),
    ],
  });
});

function props() {
  return { id: 'sp-1', onback: vi.fn(), onopencallin: vi.fn() };
}

describe('a speaker’s page', () => {
  it('shows the speaker and the call-ins they were on, with the segment and how their part went', async () => {
    const user = userEvent.setup();
    const p = props();
    render(SpeakerPage, { props: p });
    expect(await screen.findByRole('heading', { level: 1, name: 'Rev. Lee' })).toBeTruthy();
    expect(api.speakerPage).toHaveBeenCalledWith('sp-1');
    expect(screen.getByText('Prefers to speak last.')).toBeTruthy();
    expect(screen.getByText('lee@firstbaptist.example.org')).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Call-ins this speaker was on the run-of-show of' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Date',
      'Call-in',
      'Segment',
      'Their part',
    ]);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['Sun, Mar 14, 2027', 'Northside spring call-in', 'A word from the community', 'Spoke'],
      // No title: the segment's kind says what it is.
      ['Date not set', 'Eastside winter call-in', 'Welcome', 'Invited'],
    ]);
    await user.click(within(table).getByRole('button', { name: 'Eastside winter call-in' }));
    expect(p.onopencallin).toHaveBeenCalledWith('c-2');
  });

  it('edits the speaker in place, with the backend’s messages by their fields', async () => {
    const user = userEvent.setup();
    render(SpeakerPage, { props: props() });
    await user.click(await screen.findByRole('button', { name: 'Edit speaker' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Edit Rev. Lee' })).toBeTruthy();
    expect((screen.getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('Prefers to speak last.');

    vi.mocked(api.saveSpeaker).mockRejectedValueOnce(invalid(['email', 'Enter an email address like name@example.org.']));
    const email = screen.getByLabelText('Email');
    await user.clear(email);
    await user.type(email, 'lee at church');
    await user.click(screen.getByRole('button', { name: 'Save speaker' }));
    expect(await screen.findByText('Enter an email address like name@example.org.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');

    vi.mocked(api.saveSpeaker).mockResolvedValueOnce({ ...lee, email: 'lee@church.example.org' });
    await user.clear(email);
    await user.type(email, 'lee@church.example.org');
    await user.click(screen.getByRole('button', { name: 'Save speaker' }));
    await waitFor(() =>
      expect(api.saveSpeaker).toHaveBeenLastCalledWith('sp-1', {
        name: 'Rev. Lee',
        organization: 'First Baptist',
        role: 'clergy',
        phone: '203-555-0142',
        email: 'lee@church.example.org',
        notes: 'Prefers to speak last.',
      }),
    );
    expect(await screen.findByText('Saved Rev. Lee.')).toBeTruthy();
    expect(screen.getByText('lee@church.example.org')).toBeTruthy();
  });
});
