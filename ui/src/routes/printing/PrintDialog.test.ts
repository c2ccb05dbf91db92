import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { DocumentPreview } from '../../lib/bindings/DocumentPreview';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { callIn, inviteeList } from '../callins/testData';
import ReviewStep from '../callins/ReviewStep.svelte';
import FollowUps from '../followups/FollowUps.svelte';
import { followUpsState } from '../followups/state.svelte';
import { CALL_INS, PROVIDERS, referralList } from '../followups/testData';
import Shell from '../Shell.svelte';
import { callInDocuments } from './documents';
import PrintDialog from './PrintDialog.svelte';

vi.mock('../../lib/api');

// user-event walks a radio group with CSS.escape, which jsdom lacks.
const css = (globalThis as { CSS?: { escape?: (s: string) => string } }).CSS;
if (!css?.escape) {
  (globalThis as unknown as { CSS: { escape: (s: string) => string } }).CSS = {
    ...(css ?? {}),
    escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
  };
}

/** Presses Ctrl+P on the window; false when something prevented the default (the webview's print). */
function ctrlP(): boolean {
  return window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true }));
}

const SVG_1 = '<svg xmlns="http://www.w3.org/2000/svg" width="612" height="792"><text x="72" y="72">Sign-in &amp; more #1</text></svg>';
const SVG_2 = '<svg xmlns="http://www.w3.org/2000/svg" width="612" height="792"><text x="72" y="72">Page two</text></svg>';

function preview(extra: Partial<DocumentPreview> = {}): DocumentPreview {
  return {
    title: 'Sign-in sheet — Northside spring call-in',
    fileName: 'sign-in-sheet.pdf',
    pageCount: 2,
    pages: [SVG_1, SVG_2],
    note: null,
    ...extra,
  };
}

function renderDialog() {
  return render(PrintDialog, { props: { open: true, documents: callInDocuments('c-1') } });
}

async function dialog(): Promise<HTMLElement> {
  return screen.findByRole('dialog', { name: 'Print' });
}

beforeEach(() => {
  vi.mocked(api.printSettings).mockResolvedValue({ walkInRows: 12 });
  vi.mocked(api.previewDocument).mockResolvedValue(preview());
  vi.mocked(api.printDestination).mockResolvedValue({ printer: null });
});

describe('print dialog', () => {
  it('says before Print where the pages will go: the default printer, or the PDF viewer', async () => {
    vi.mocked(api.printDestination).mockResolvedValueOnce({ printer: 'HP_LaserJet' });
    const first = renderDialog();
    let d = await dialog();
    expect(await within(d).findByText('Print sends all 2 pages to the printer HP_LaserJet.')).toBeTruthy();
    first.unmount();

    renderDialog();
    d = await dialog();
    expect(
      await within(d).findByText('No printer is set up: Print opens the PDF in your PDF viewer, to print from there.'),
    ).toBeTruthy();
  });

  it('offers the call-in’s documents and asks for the preview of each, with the walk-in rows from Settings', async () => {
    const user = userEvent.setup();
    renderDialog();
    const d = await dialog();
    expect(within(d).getByRole('heading', { name: 'Print' })).toBeTruthy();
    const radios = within(d).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.labels?.[0]?.textContent)).toEqual([
      'Sign-in sheet',
      'Attendee roster',
      'Invitation letters',
      'Run-of-show',
    ]);
    expect(radios[0].checked).toBe(true);

    await waitFor(() =>
      expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 }),
    );
    expect(api.previewDocument).toHaveBeenCalledTimes(1);
    const rows = within(d).getByLabelText('Blank rows for walk-ins') as HTMLInputElement;
    expect(rows.value).toBe('12');

    // Typing waits for a pause: one request for "20", not one for "2" then "20".
    await user.clear(rows);
    await user.type(rows, '20');
    await waitFor(() =>
      expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 20 }),
    );
    expect(api.previewDocument).toHaveBeenCalledTimes(2);

    // Out of range: said under the field, not asked for; Print and Save wait for a good number.
    await user.clear(rows);
    await user.type(rows, '500');
    expect(within(d).getByText('Enter a whole number from 0 to 200.')).toBeTruthy();
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(rows);
    await user.type(rows, '8');
    await waitFor(() =>
      expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 8 }),
    );
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(false);

    await user.click(within(d).getByLabelText('Attendee roster'));
    await waitFor(() => expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'attendeeRoster', callInId: 'c-1' }));
    expect(within(d).queryByLabelText('Blank rows for walk-ins')).toBeNull();
    await user.click(within(d).getByLabelText('Invitation letters'));
    await waitFor(() => expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'letters', callInId: 'c-1' }));

    // The arrow keys move through the choices.
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'runOfShow', callInId: 'c-1' }));
    expect((within(d).getByLabelText('Run-of-show') as HTMLInputElement).checked).toBe(true);

    // Back on the sign-in sheet, the rows typed are still the ones sent.
    await user.click(within(d).getByLabelText('Sign-in sheet'));
    await waitFor(() =>
      expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 8 }),
    );
    expect(api.printSettings).toHaveBeenCalledTimes(1);
  });

  it('shows the pages as images of the SVG (never as markup), how many there are, and the note', async () => {
    vi.mocked(api.previewDocument).mockResolvedValue(
      preview({ pageCount: 30, note: '3 rows of Part 2 referrals without consent are withheld.' }),
    );
    renderDialog();
    const d = await dialog();

    const imgs = (await within(d).findAllByRole('img')) as HTMLImageElement[];
    expect(imgs.map((i) => i.alt)).toEqual(['Page 1 of 30', 'Page 2 of 30']);
    const prefix = 'data:image/svg+xml;charset=utf-8,';
    expect(imgs[0].getAttribute('src')?.startsWith(prefix)).toBe(true);
    expect(decodeURIComponent(imgs[0].getAttribute('src')!.slice(prefix.length))).toBe(SVG_1);
    expect(decodeURIComponent(imgs[1].getAttribute('src')!.slice(prefix.length))).toBe(SVG_2);
    expect(d.querySelector('svg')).toBeNull();
    expect(d.querySelector('text')).toBeNull();

    expect(within(d).getByText('Sign-in sheet — Northside spring call-in')).toBeTruthy();
    expect(within(d).getByText('30 pages')).toBeTruthy();
    expect(
      within(d).getByText('Showing the first 2 of 30 pages; Print and Save as PDF include them all.'),
    ).toBeTruthy();
    expect(within(d).getByText('3 rows of Part 2 referrals without consent are withheld.')).toBeTruthy();
  });

  it('says the preview is being prepared, and shows a failed preview’s message with a way to try again', async () => {
    const user = userEvent.setup();
    let answer: (p: DocumentPreview) => void = () => {};
    vi.mocked(api.previewDocument).mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    renderDialog();
    const d = await dialog();
    expect(await within(d).findByText('Preparing the preview…')).toBeTruthy();
    answer(preview({ pageCount: 2 }));
    expect(await within(d).findByText('2 pages')).toBeTruthy();
    expect(within(d).queryByText('Preparing the preview…')).toBeNull();
    expect(within(d).queryByText(/Showing the first/)).toBeNull();

    vi.mocked(api.previewDocument).mockRejectedValueOnce({
      code: 'not_found',
      message: 'That call-in is not in the registry.',
      fields: [],
    });
    await user.click(within(d).getByLabelText('Run-of-show'));
    const alert = await within(d).findByRole('alert');
    expect(alert.textContent).toBe('The preview could not be prepared. That call-in is not in the registry.');
    expect(within(d).queryAllByRole('img')).toHaveLength(0);
    // Still usable: another choice, or the retry.
    await user.click(within(d).getByRole('button', { name: 'Try again' }));
    expect(await within(d).findAllByRole('img')).toHaveLength(2);
    expect(within(d).queryByRole('alert')).toBeNull();
  });

  it('prints and says how, and shows a refusal in the dialog', async () => {
    const user = userEvent.setup();
    let done: (o: { message: string; pageCount: number }) => void = () => {};
    vi.mocked(api.printDocument).mockReturnValueOnce(new Promise((resolve) => (done = resolve)));
    renderDialog();
    const d = await dialog();
    await within(d).findAllByRole('img');

    await user.click(within(d).getByRole('button', { name: 'Print' }));
    expect(api.printDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 });
    // While it runs, the buttons wait.
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(d).getByRole('button', { name: 'Save as PDF…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(d).getByRole('button', { name: 'Close' }) as HTMLButtonElement).disabled).toBe(true);
    done({ message: 'Sent to the printer HP_LaserJet.', pageCount: 2 });
    expect(await within(d).findByText('Sent to the printer HP_LaserJet.')).toBeTruthy();
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(false);

    vi.mocked(api.printDocument).mockRejectedValueOnce({ code: 'io', message: 'No printer is set up.', fields: [] });
    await user.click(within(d).getByLabelText('Attendee roster'));
    await user.click(within(d).getByRole('button', { name: 'Print' }));
    expect(api.printDocument).toHaveBeenLastCalledWith({ kind: 'attendeeRoster', callInId: 'c-1' });
    expect((await within(d).findByRole('alert')).textContent).toBe('No printer is set up.');
    expect(within(d).queryByText('Sent to the printer HP_LaserJet.')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Print' })).toBeTruthy();
  });

  it('saves as PDF and says where; a cancelled save dialog says nothing', async () => {
    const user = userEvent.setup();
    vi.mocked(api.saveDocument).mockResolvedValueOnce({ path: '/home/k/Sign-in sheet.pdf', pageCount: 3, note: null });
    renderDialog();
    const d = await dialog();
    await within(d).findAllByRole('img');

    await user.click(within(d).getByRole('button', { name: 'Save as PDF…' }));
    expect(api.saveDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 });
    expect(await within(d).findByText('Saved 3 pages to /home/k/Sign-in sheet.pdf')).toBeTruthy();

    vi.mocked(api.saveDocument).mockResolvedValueOnce(null);
    await user.click(within(d).getByLabelText('Run-of-show'));
    await user.click(within(d).getByRole('button', { name: 'Save as PDF…' }));
    await waitFor(() => expect(api.saveDocument).toHaveBeenCalledTimes(2));
    expect(api.saveDocument).toHaveBeenLastCalledWith({ kind: 'runOfShow', callInId: 'c-1' });
    await waitFor(() => expect((within(d).getByRole('button', { name: 'Save as PDF…' }) as HTMLButtonElement).disabled).toBe(false));
    expect(within(d).queryByText(/^Saved/)).toBeNull();
    expect(within(d).queryByRole('alert')).toBeNull();

    vi.mocked(api.saveDocument).mockRejectedValueOnce({ code: 'io', message: 'The file could not be written.', fields: [] });
    await user.click(within(d).getByRole('button', { name: 'Save as PDF…' }));
    expect((await within(d).findByRole('alert')).textContent).toBe('The file could not be written.');
  });

  it('closes with Close', async () => {
    const user = userEvent.setup();
    renderDialog();
    const d = await dialog();
    await user.click(within(d).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('sends the sign-in sheet without walk-in rows when the setting cannot be read', async () => {
    vi.mocked(api.printSettings).mockRejectedValueOnce({ code: 'internal', message: 'Boom.', fields: [] });
    renderDialog();
    const d = await dialog();
    await waitFor(() => expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1' }));
    expect((within(d).getByLabelText('Blank rows for walk-ins') as HTMLInputElement).value).toBe('');
  });
});

describe('print entry points', () => {
  it('prints the follow-up list as it is filtered, and only that', async () => {
    const user = userEvent.setup();
    followUpsState.reset();
    followUpsState.need = 'housing';
    followUpsState.due = 'overdue';
    vi.mocked(api.listCallIns).mockResolvedValue(CALL_INS);
    vi.mocked(api.listProviders).mockResolvedValue(PROVIDERS);
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([]));
    vi.mocked(api.previewDocument).mockResolvedValue(preview({ title: 'Follow-up list', pageCount: 1, pages: [SVG_1] }));
    render(FollowUps, { props: { view: 'referrals', onview: vi.fn(), onopenperson: vi.fn() } });

    await user.click(await screen.findByRole('button', { name: 'Print list…' }));
    const d = await dialog();
    const radios = within(d).getAllByRole('radio') as HTMLInputElement[];
    expect(radios).toHaveLength(1);
    expect(radios[0].labels?.[0]?.textContent).toBe('Follow-up list');
    expect(radios[0].checked).toBe(true);
    const query = {
      callInId: null,
      providerId: null,
      need: 'housing',
      status: null,
      due: 'overdue',
      sort: 'due',
      descending: false,
    };
    await waitFor(() => expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'followUpList', query }));
    expect(within(d).getByText('1 page')).toBeTruthy();
    expect(within(d).queryByLabelText('Blank rows for walk-ins')).toBeNull();
    expect(api.printSettings).not.toHaveBeenCalled();
    vi.mocked(api.printDocument).mockResolvedValueOnce({ message: 'Opened in your PDF viewer; print from there.', pageCount: 1 });
    await user.click(within(d).getByRole('button', { name: 'Print' }));
    expect(api.printDocument).toHaveBeenCalledWith({ kind: 'followUpList', query });
    expect(await within(d).findByText('Opened in your PDF viewer; print from there.')).toBeTruthy();
    followUpsState.reset();
  });

  it('has Print… on the wizard’s review', async () => {
    const user = userEvent.setup();
    vi.mocked(api.runOfShow).mockResolvedValue({ segments: [], totalMinutes: 0, expectedMinutes: 90, endsAt: null });
    vi.mocked(api.tableCoverage).mockResolvedValue({ providers: [], needs: [] } as never);
    vi.mocked(api.checklist).mockResolvedValue([]);
    render(ReviewStep, {
      props: { callIn: callIn(), list: inviteeList([]), readiness: null, ongoto: vi.fn(), onscheduled: vi.fn() },
    });
    await user.click(screen.getByRole('button', { name: 'Print…' }));
    const d = await dialog();
    expect(within(d).getAllByRole('radio')).toHaveLength(4);
    await waitFor(() =>
      expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 }),
    );
  });
});

describe('Ctrl+P', () => {
  beforeEach(() => {
    session.set({ databaseExists: true, unlocked: true, dataDir: '/data' });
    session.notice = null;
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'scheduled' }));
    vi.mocked(api.listInvitations).mockResolvedValue(inviteeList([]));
    vi.mocked(api.runOfShow).mockResolvedValue({ segments: [], totalMinutes: 0, expectedMinutes: 90, endsAt: null });
    vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
    vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  });

  it('opens the print dialog on the call-in page, and never lets the webview print', async () => {
    const user = userEvent.setup();
    nav.route = { area: 'callins', view: 'detail', id: 'c-1' };
    render(Shell);
    await screen.findByRole('heading', { level: 1, name: 'Northside spring call-in' });
    const button = screen.getByRole('button', { name: 'Print…' });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Control+P');

    expect(ctrlP()).toBe(false);
    const d = await dialog();
    await waitFor(() =>
      expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 }),
    );
    // Over the open dialog, Ctrl+P does nothing more (and still not the webview's print).
    expect(ctrlP()).toBe(false);
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    await user.click(within(d).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('does nothing on a screen without documents', async () => {
    nav.route = { area: 'people', view: 'list' };
    render(Shell);
    await screen.findByRole('heading', { level: 1, name: 'People' });
    expect(ctrlP()).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.previewDocument).not.toHaveBeenCalled();
  });
});
