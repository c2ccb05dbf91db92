import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { Segment } from '../../lib/bindings/Segment';
import type { Speaker } from '../../lib/bindings/Speaker';
import { invalid } from '../../test/backend';
import SpeakersStep from './SpeakersStep.svelte';
import { assignment, callIn, inOrder, runOfShow, segment } from './testData';

vi.mock('../../lib/api');

const welcome = segment('s-1', 0, 'Welcome', 10, '18:00');
const police = segment('s-2', 1, 'Police message', 20, '18:10');
const help = segment('s-3', 2, 'Offer of help', 30, '18:30');

const revLee = {
  id: 'sp-1',
  name: 'Rev. Lee',
  organization: 'First Baptist',
  role: 'clergy',
  phone: null,
  email: null,
  notes: null,
} satisfies Speaker;

/** The run-of-show's backend for moves: `move_segment` puts a segment at a position and answers with the run-of-show renumbered and retimed. */
function movableShow(start: Segment[]) {
  let segments = inOrder(start);
  vi.mocked(api.runOfShow).mockImplementation(async () => runOfShow(segments));
  vi.mocked(api.moveSegment).mockImplementation(async (id, to) => {
    const moving = segments.find((x) => x.id === id)!;
    const rest = segments.filter((x) => x.id !== id);
    rest.splice(to, 0, moving);
    segments = inOrder(rest);
    return runOfShow(segments);
  });
}

/** The segments in the order shown, each with the clock time it starts. */
function shownOrder(): string[] {
  return screen
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('segment'))
    .map((li) => {
      const name = document.getElementById(`${li.id}-name`)?.textContent?.trim();
      const when = document.getElementById(`${li.id}-when`)?.textContent?.trim().slice(0, 5);
      return `${name} ${when}`;
    });
}

beforeEach(() => {
  movableShow([welcome, police, help]);
  vi.mocked(api.listSpeakers).mockResolvedValue([revLee]);
});

describe('speakers and run-of-show', () => {
  it('moves the focused segment down with Alt+↓ and keeps focus on it', async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    render(SpeakersStep, { props: { callIn: callIn(), onsaved } });

    const item = await screen.findByRole('listitem', { name: 'Welcome' });
    expect(screen.getByText('Total 60 of 90 minutes')).toBeTruthy();
    expect(shownOrder()).toEqual(['Welcome 18:00', 'Police message 18:10', 'Offer of help 18:30']);
    item.focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(shownOrder()).toEqual(['Police message 18:00', 'Welcome 18:20', 'Offer of help 18:30']));
    expect(api.moveSegment).toHaveBeenCalledWith('s-1', 1);
    expect(document.activeElement?.id).toBe('seg-s-1');
    expect(onsaved).toHaveBeenCalled();
  });

  it('moves a segment up with Alt+↑ pressed on a button inside it, focus staying with the segment', async () => {
    const user = userEvent.setup();
    render(SpeakersStep, { props: { callIn: callIn(), onsaved: vi.fn() } });
    const remove = await screen.findByRole('button', { name: 'Remove Offer of help' });
    remove.focus();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(shownOrder()).toEqual(['Welcome 18:00', 'Offer of help 18:10', 'Police message 18:40']));
    expect(api.moveSegment).toHaveBeenCalledWith('s-3', 1);
    expect(document.activeElement?.id).toBe('seg-s-3');
    // Alt+↑ moved it and did nothing else: no removal was asked.
    expect(screen.queryByRole('dialog')).toBeNull();

    // Once more: it is first, and Alt+↑ on the first segment leaves it there.
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(shownOrder()).toEqual(['Offer of help 18:00', 'Welcome 18:30', 'Police message 18:40']));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(api.moveSegment).toHaveBeenCalledTimes(2);
    expect(shownOrder()).toEqual(['Offer of help 18:00', 'Welcome 18:30', 'Police message 18:40']);
  });

  it('moves a segment up with its Move up button, focus staying on that button', async () => {
    const user = userEvent.setup();
    render(SpeakersStep, { props: { callIn: callIn(), onsaved: vi.fn() } });
    await user.click(await screen.findByRole('button', { name: 'Move Offer of help up' }));
    await waitFor(() => expect(shownOrder()).toEqual(['Welcome 18:00', 'Offer of help 18:10', 'Police message 18:40']));
    expect(api.moveSegment).toHaveBeenCalledWith('s-3', 1);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Offer of help up' }));
  });

  it('adds a segment and a speaker, shows the backend’s messages, and assigns and confirms a speaker', async () => {
    const user = userEvent.setup();
    vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([]));
    vi.mocked(api.addSegment)
      // src-tauri/domain/directory.rs (validate_segment).
      .mockRejectedValueOnce(invalid(['kind', 'Choose the kind of segment.']))
      .mockResolvedValueOnce(runOfShow([{ ...welcome, kind: 'welcome', title: null }]));
    render(SpeakersStep, { props: { callIn: callIn(), onsaved: vi.fn() } });

    await user.type(await screen.findByLabelText('Minutes'), '10');
    await user.click(screen.getByRole('button', { name: 'Add segment' }));
    const kind = screen.getByLabelText('Kind');
    await waitFor(() => expect(kind.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Choose the kind of segment.')).toBeTruthy();
    expect(screen.queryAllByRole('listitem').filter((li) => li.classList.contains('segment'))).toHaveLength(0);
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
            assignment('a-1', 'Rev. Lee', { speakerId: 'sp-1', organization: 'First Baptist', role: 'clergy' }),
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
    } satisfies Speaker);
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
