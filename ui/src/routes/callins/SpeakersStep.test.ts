import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import SpeakersStep from './SpeakersStep.svelte';
import { callIn, runOfShow, segment } from './testData';

vi.mock('../../lib/api');

const welcome = segment('s-1', 0, 'Welcome', 10, '18:00');
const police = segment('s-2', 1, 'Police message', 20, '18:10');
const help = segment('s-3', 2, 'Offer of help', 30, '18:30');

beforeEach(() => {
  vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([welcome, police, help]));
  vi.mocked(api.listSpeakers).mockResolvedValue([
    {
      id: 'sp-1',
      name: 'Rev. Lee',
      organization: 'First Baptist',
      role: 'clergy',
      phone: null,
      email: null,
      notes: null,
    },
  ]);
});

describe('speakers and run-of-show', () => {
  it('moves the focused segment down with Alt+↓ and keeps focus on it', async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    vi.mocked(api.moveSegment).mockResolvedValue(
      runOfShow([
        { ...police, position: 0, startsAt: '18:00' },
        { ...welcome, position: 1, startsAt: '18:20' },
        help,
      ]),
    );
    render(SpeakersStep, { props: { callIn: callIn(), onsaved } });

    const item = await screen.findByRole('listitem', { name: 'Welcome' });
    expect(screen.getByText('Total 60 of 90 minutes')).toBeTruthy();
    item.focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(api.moveSegment).toHaveBeenCalledWith('s-1', 1));
    await waitFor(() => expect(document.activeElement?.id).toBe('seg-s-1'));
    expect(onsaved).toHaveBeenCalled();
    const names = screen.getAllByRole('listitem').filter((li) => li.classList.contains('segment'));
    expect(names.map((li) => li.id)).toEqual(['seg-s-2', 'seg-s-1', 'seg-s-3']);
    expect(document.getElementById('seg-s-1-when')?.textContent).toContain('18:20');

    // Alt+↑ from a button inside a segment moves that segment.
    await user.click(screen.getByRole('button', { name: 'Move Offer of help up' }));
    await waitFor(() => expect(api.moveSegment).toHaveBeenLastCalledWith('s-3', 1));
  });

  it('adds a segment and a speaker, shows the backend’s messages, and assigns and confirms a speaker', async () => {
    const user = userEvent.setup();
    vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([]));
    vi.mocked(api.addSegment)
      .mockRejectedValueOnce({
        code: 'validation',
        message: 'Choose the kind of segment.',
        field: 'kind',
        fields: [{ field: 'kind', message: 'Choose the kind of segment.' }],
      })
      .mockResolvedValueOnce(runOfShow([{ ...welcome, kind: 'welcome', title: null }]));
    render(SpeakersStep, { props: { callIn: callIn(), onsaved: vi.fn() } });

    await user.type(await screen.findByLabelText('Minutes'), '10');
    await user.click(screen.getByRole('button', { name: 'Add segment' }));
    const kind = screen.getByLabelText('Kind');
    await waitFor(() => expect(kind.getAttribute('aria-invalid')).toBe('true'));
    expect((screen.getByLabelText('Minutes') as HTMLInputElement).value).toBe('10');
    await user.selectOptions(kind, 'Welcome');
    await user.click(screen.getByRole('button', { name: 'Add segment' }));
    await waitFor(() => expect(api.addSegment).toHaveBeenLastCalledWith('c-1', { kind: 'welcome', title: '', minutes: 10 }));
    expect(await screen.findByText(/18:00 · 10 min/)).toBeTruthy();

    vi.mocked(api.assignSpeaker).mockResolvedValue(
      runOfShow([
        {
          ...welcome,
          kind: 'welcome',
          title: null,
          speakers: [
            {
              id: 'a-1',
              speakerId: 'sp-1',
              speakerName: 'Rev. Lee',
              organization: null,
              role: 'clergy',
              status: 'invited',
            },
          ],
        },
      ]),
    );
    await user.selectOptions(screen.getByLabelText('Assign speaker'), 'Rev. Lee — Clergy / moral voice');
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(api.assignSpeaker).toHaveBeenCalledWith('s-1', 'sp-1'));
    expect(await screen.findByRole('button', { name: 'Mark Rev. Lee confirmed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mark Rev. Lee declined' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark Rev. Lee spoke' })).toBeNull();

    vi.mocked(api.saveSpeaker).mockResolvedValue({
      id: 'sp-2',
      name: 'Off. Diaz',
      organization: 'NHPD',
      role: 'law_enforcement',
      phone: null,
      email: null,
      notes: null,
    });
    await user.type(screen.getByLabelText('Speaker name'), 'Off. Diaz');
    await user.type(screen.getByLabelText('Organization'), 'NHPD');
    await user.selectOptions(screen.getByLabelText('Role'), 'Law enforcement');
    await user.click(screen.getByRole('button', { name: 'Add speaker' }));
    await waitFor(() =>
      expect(api.saveSpeaker).toHaveBeenCalledWith(null, {
        name: 'Off. Diaz',
        organization: 'NHPD',
        role: 'law_enforcement',
        phone: '',
        email: '',
        notes: '',
      }),
    );
    expect(await screen.findByRole('cell', { name: 'Off. Diaz' })).toBeTruthy();
  });
});
