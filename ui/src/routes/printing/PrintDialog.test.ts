import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { DocumentPreview } from '../../lib/bindings/DocumentPreview';
import type { DocumentRequest } from '../../lib/bindings/DocumentRequest';
import type { PrintDestination } from '../../lib/bindings/PrintDestination';
import type { PrintOutcome } from '../../lib/bindings/PrintOutcome';
import type { PrintSettings } from '../../lib/bindings/PrintSettings';
import type { ReferralQuery } from '../../lib/bindings/ReferralQuery';
import type { SavedDocument } from '../../lib/bindings/SavedDocument';
import type { TableCoverage } from '../../lib/bindings/TableCoverage';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { refused } from '../../test/backend';
import { callIn, inviteeList, runOfShow } from '../callins/testData';
import ReviewStep from '../callins/ReviewStep.svelte';
import FollowUps from '../followups/FollowUps.svelte';
import { followUpsState } from '../followups/state.svelte';
import { summary } from '../directory/testData';
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

// The backend's answers, built the way src-tauri builds them: the title and file name in
// reports/documents.rs (`prepared`) and domain/printing.rs (`kind_name`, `file_name`), at most
// PREVIEW_PAGES pages (domain/printing.rs), the letters' note (reports/documents.rs, `letters_note`),
// Print's outcome and refusals (printer.rs), a failed save (reports/table.rs, `write_file`).
const KIND_NAME: Record<DocumentRequest['kind'], string> = {
  signInSheet: 'Sign-in sheet',
  attendeeRoster: 'Attendee roster',
  letters: 'Invitation letters',
  runOfShow: 'Run-of-show',
  followUpList: 'Follow-up list',
};
const PREVIEW_PAGES = 24;
/** The walk-in rows stored in Settings, which the backend uses when a request gives none. */
const STORED_ROWS = 12;
const CALL_IN_TITLE = 'Northside spring call-in';

function fileName(kind: string, title: string): string {
  const words = `${kind} ${title}`.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return `${words.map((w) => w.toLowerCase()).join('-')}.pdf`;
}

/** One page as the preview receives it: a whole SVG document; its text says what it shows. */
function svgPage(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="612" height="792"><text x="72" y="72">${escaped}</text></svg>`;
}

/**
 * The preview of `request` for a call-in with 20 invitees at the door: the sign-in sheet runs
 * 25 lines a page (its blank walk-in rows included), the letters one a page.
 */
function previewOf(request: DocumentRequest, letters = 3): DocumentPreview {
  const kind = KIND_NAME[request.kind];
  const subject = request.kind === 'followUpList' ? 'Open referrals' : CALL_IN_TITLE;
  let pageCount = 1;
  let what = kind;
  let note: string | null = null;
  if (request.kind === 'signInSheet') {
    const rows = request.walkInRows ?? STORED_ROWS;
    pageCount = Math.ceil((20 + rows) / 25);
    what = `${kind} with ${rows} blank rows`;
  } else if (request.kind === 'letters') {
    pageCount = letters;
    note = letters === 1 ? '1 letter, all in English.' : `${letters} letters: ${letters - 2} in English, 2 in Spanish.`;
  }
  return {
    title: `${kind} — ${subject}`,
    fileName: fileName(kind, subject),
    pageCount,
    pages: Array.from({ length: Math.min(pageCount, PREVIEW_PAGES) }, (_, i) =>
      svgPage(`${what} & more, page ${i + 1}`),
    ),
    note,
  } satisfies DocumentPreview;
}

const SVG_PREFIX = 'data:image/svg+xml;charset=utf-8,';
/** What the preview's page images show, in order. */
function pagesShown(d: HTMLElement): string[] {
  return (within(d).queryAllByRole('img') as HTMLImageElement[]).map((img) => {
    const src = img.getAttribute('src') ?? '';
    expect(src.startsWith(SVG_PREFIX)).toBe(true);
    const svg = decodeURIComponent(src.slice(SVG_PREFIX.length));
    return new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement.textContent ?? '';
  });
}

/** The title of the document the preview shows, and its page count. */
function previewHead(d: HTMLElement): string {
  const head = d.querySelector('.pr-head');
  return head ? [...head.children].map((c) => c.textContent).join(' · ') : '';
}

function renderDialog() {
  return render(PrintDialog, { props: { open: true, documents: callInDocuments('c-1') } });
}

async function dialog(): Promise<HTMLElement> {
  return screen.findByRole('dialog', { name: 'Print' });
}

beforeEach(() => {
  vi.mocked(api.printSettings).mockResolvedValue({ walkInRows: STORED_ROWS } satisfies PrintSettings);
  vi.mocked(api.previewDocument).mockImplementation(async (request) => previewOf(request));
  vi.mocked(api.printDestination).mockResolvedValue({ printer: null } satisfies PrintDestination);
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

  it('offers the call-in’s documents and shows the preview of the one chosen, with the walk-in rows from Settings', async () => {
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
      expect(pagesShown(d)).toEqual([
        'Sign-in sheet with 12 blank rows & more, page 1',
        'Sign-in sheet with 12 blank rows & more, page 2',
      ]),
    );
    expect(previewHead(d)).toBe('Sign-in sheet — Northside spring call-in · 2 pages');
    const rows = within(d).getByLabelText('Blank rows for walk-ins') as HTMLInputElement;
    expect(rows.value).toBe('12');
    expect(api.previewDocument).toHaveBeenCalledTimes(1);

    // Typing waits for a pause: the preview comes back once, for "40" (not for "4" first).
    await user.clear(rows);
    await user.type(rows, '40');
    await waitFor(() => expect(pagesShown(d)[0]).toBe('Sign-in sheet with 40 blank rows & more, page 1'));
    expect(previewHead(d)).toBe('Sign-in sheet — Northside spring call-in · 3 pages');
    expect(api.previewDocument).toHaveBeenCalledTimes(2);
    expect(api.previewDocument).toHaveBeenLastCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 40 });

    // Out of range: said under the field, not asked for; Print and Save wait for a good number.
    await user.clear(rows);
    await user.type(rows, '500');
    expect(within(d).getByText('Enter a whole number from 0 to 200.')).toBeTruthy();
    expect(rows.getAttribute('aria-invalid')).toBe('true');
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(d).getByRole('button', { name: 'Save as PDF…' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(rows);
    await user.type(rows, '8');
    await waitFor(() =>
      expect(pagesShown(d)).toEqual([
        'Sign-in sheet with 8 blank rows & more, page 1',
        'Sign-in sheet with 8 blank rows & more, page 2',
      ]),
    );
    expect(within(d).queryByText('Enter a whole number from 0 to 200.')).toBeNull();
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(false);

    await user.click(within(d).getByLabelText('Attendee roster'));
    await waitFor(() => expect(previewHead(d)).toBe('Attendee roster — Northside spring call-in · 1 page'));
    expect(pagesShown(d)).toEqual(['Attendee roster & more, page 1']);
    expect(within(d).queryByLabelText('Blank rows for walk-ins')).toBeNull();
    await user.click(within(d).getByLabelText('Invitation letters'));
    await waitFor(() => expect(previewHead(d)).toBe('Invitation letters — Northside spring call-in · 3 pages'));
    expect(within(d).getByText('3 letters: 1 in English, 2 in Spanish.')).toBeTruthy();

    // The arrow keys move through the choices.
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(previewHead(d)).toBe('Run-of-show — Northside spring call-in · 1 page'));
    expect((within(d).getByLabelText('Run-of-show') as HTMLInputElement).checked).toBe(true);
    expect(within(d).queryByText(/letters:/)).toBeNull();

    // Back on the sign-in sheet, the rows typed are still the ones shown.
    await user.click(within(d).getByLabelText('Sign-in sheet'));
    await waitFor(() => expect(pagesShown(d)[0]).toBe('Sign-in sheet with 8 blank rows & more, page 1'));
    expect((within(d).getByLabelText('Blank rows for walk-ins') as HTMLInputElement).value).toBe('8');
    expect(api.printSettings).toHaveBeenCalledTimes(1);
  });

  it('shows the pages as images of the SVG (never as markup), how many there are, and the note', async () => {
    const user = userEvent.setup();
    vi.mocked(api.previewDocument).mockImplementation(async (request) => previewOf(request, 30));
    renderDialog();
    const d = await dialog();
    await user.click(within(d).getByLabelText('Invitation letters'));

    await waitFor(() => expect(previewHead(d)).toBe('Invitation letters — Northside spring call-in · 30 pages'));
    // The backend sends the first 24 pages (domain/printing.rs, PREVIEW_PAGES).
    const imgs = within(d).getAllByRole('img') as HTMLImageElement[];
    expect(imgs).toHaveLength(24);
    expect(imgs[0].alt).toBe('Page 1 of 30');
    expect(imgs[23].alt).toBe('Page 24 of 30');
    expect(pagesShown(d)[1]).toBe('Invitation letters & more, page 2');
    expect(decodeURIComponent(imgs[0].getAttribute('src')!.slice(SVG_PREFIX.length))).toBe(
      svgPage('Invitation letters & more, page 1'),
    );
    // Nothing of the SVG is in the page itself.
    expect(d.querySelector('svg')).toBeNull();
    expect(d.querySelector('text')).toBeNull();

    expect(
      within(d).getByText('Showing the first 24 of 30 pages; Print and Save as PDF include them all.'),
    ).toBeTruthy();
    expect(within(d).getByText('30 letters: 28 in English, 2 in Spanish.')).toBeTruthy();
  });

  it('says the preview is being prepared, and shows a failed preview’s message with a way to try again', async () => {
    const user = userEvent.setup();
    let answer: (p: DocumentPreview) => void = () => {};
    vi.mocked(api.previewDocument).mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    renderDialog();
    const d = await dialog();
    expect(await within(d).findByText('Preparing the preview…')).toBeTruthy();
    expect(within(d).queryAllByRole('img')).toHaveLength(0);
    answer(previewOf({ kind: 'signInSheet', callInId: 'c-1', walkInRows: STORED_ROWS }));
    expect(await within(d).findByText('2 pages')).toBeTruthy();
    expect(within(d).queryByText('Preparing the preview…')).toBeNull();
    expect(within(d).queryByText(/Showing the first/)).toBeNull();

    // src-tauri/store/callins.rs (not_found): the call-in was deleted meanwhile.
    vi.mocked(api.previewDocument).mockRejectedValueOnce(refused('not_found', 'That call-in does not exist.'));
    await user.click(within(d).getByLabelText('Run-of-show'));
    const alert = await within(d).findByRole('alert');
    expect(alert.textContent).toBe('The preview could not be prepared. That call-in does not exist.');
    expect(within(d).queryAllByRole('img')).toHaveLength(0);
    expect(previewHead(d)).toBe('');
    // Still usable: another choice, or the retry.
    await user.click(within(d).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(pagesShown(d)).toEqual(['Run-of-show & more, page 1']));
    expect(previewHead(d)).toBe('Run-of-show — Northside spring call-in · 1 page');
    expect(within(d).queryByRole('alert')).toBeNull();
  });

  it('prints and says how, and shows a refusal in the dialog', async () => {
    const user = userEvent.setup();
    vi.mocked(api.printDestination).mockResolvedValue({ printer: 'HP_LaserJet' });
    let done: (o: PrintOutcome) => void = () => {};
    vi.mocked(api.printDocument).mockReturnValueOnce(new Promise((resolve) => (done = resolve)));
    renderDialog();
    const d = await dialog();
    await within(d).findAllByRole('img');
    expect(within(d).getByText('Print sends all 2 pages to the printer HP_LaserJet.')).toBeTruthy();

    await user.click(within(d).getByRole('button', { name: 'Print' }));
    expect(api.printDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 });
    // While it runs, the buttons and the choices wait.
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(d).getByRole('button', { name: 'Print' }).getAttribute('aria-busy')).toBe('true');
    expect((within(d).getByRole('button', { name: 'Save as PDF…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(d).getByRole('button', { name: 'Close' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(d).getByLabelText('Attendee roster') as HTMLInputElement).matches(':disabled')).toBe(true);
    // printer.rs: Printer::print says where the PDF went and how many pages.
    done({ message: 'Sent to the printer HP_LaserJet (2 pages).', pageCount: 2 });
    expect(await within(d).findByText('Sent to the printer HP_LaserJet (2 pages).')).toBeTruthy();
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(false);

    // printer.rs (hand_on): `lp` failed; the rest of the message is lp's own.
    const refusal = 'The printer HP_LaserJet refused the document: lp: Error - The printer or class does not exist.';
    vi.mocked(api.printDocument).mockRejectedValueOnce(refused('io', refusal));
    await user.click(within(d).getByLabelText('Attendee roster'));
    await within(d).findByText('Attendee roster — Northside spring call-in');
    await user.click(within(d).getByRole('button', { name: 'Print' }));
    expect(api.printDocument).toHaveBeenLastCalledWith({ kind: 'attendeeRoster', callInId: 'c-1' });
    expect((await within(d).findByRole('alert')).textContent).toBe(refusal);
    expect(within(d).queryByText(/^Sent to the printer/)).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Print' })).toBe(d);
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('saves as PDF and says where, with the document’s note; a cancelled save dialog says nothing', async () => {
    const user = userEvent.setup();
    const path = '/home/k/Documents/invitation-letters-northside-spring-call-in.pdf';
    vi.mocked(api.saveDocument).mockResolvedValueOnce({
      path,
      pageCount: 3,
      note: '3 letters: 1 in English, 2 in Spanish.',
    } satisfies SavedDocument);
    renderDialog();
    const d = await dialog();
    await user.click(within(d).getByLabelText('Invitation letters'));
    await within(d).findByText('Invitation letters — Northside spring call-in');

    await user.click(within(d).getByRole('button', { name: 'Save as PDF…' }));
    expect(api.saveDocument).toHaveBeenCalledWith({ kind: 'letters', callInId: 'c-1' });
    expect(
      await within(d).findByText(`Saved 3 pages to ${path} 3 letters: 1 in English, 2 in Spanish.`),
    ).toBeTruthy();

    vi.mocked(api.saveDocument).mockResolvedValueOnce(null);
    await user.click(within(d).getByLabelText('Run-of-show'));
    await within(d).findByText('Run-of-show — Northside spring call-in');
    // Another choice clears what was said about the last one.
    expect(within(d).queryByText(/^Saved/)).toBeNull();
    await user.click(within(d).getByRole('button', { name: 'Save as PDF…' }));
    await waitFor(() => expect(api.saveDocument).toHaveBeenCalledTimes(2));
    await waitFor(() => expect((within(d).getByRole('button', { name: 'Save as PDF…' }) as HTMLButtonElement).disabled).toBe(false));
    expect(within(d).queryByText(/^Saved/)).toBeNull();
    expect(within(d).queryByRole('alert')).toBeNull();

    // reports/table.rs (write_file): the folder chosen cannot be written.
    const failed = 'The file could not be saved to /media/usb/run-of-show-northside-spring-call-in.pdf: Read-only file system (os error 30).';
    vi.mocked(api.saveDocument).mockRejectedValueOnce(refused('io', failed));
    await user.click(within(d).getByRole('button', { name: 'Save as PDF…' }));
    expect((await within(d).findByRole('alert')).textContent).toBe(failed);
  });

  it('closes with Close', async () => {
    const user = userEvent.setup();
    renderDialog();
    const d = await dialog();
    await user.click(within(d).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('leaves the walk-in rows to the backend’s setting when Settings cannot be read, and still shows the preview', async () => {
    // src-tauri/error.rs (From<rusqlite::Error>): a busy database.
    vi.mocked(api.printSettings).mockRejectedValueOnce(
      refused('conflict', 'The database is busy with another change; try again in a moment.'),
    );
    renderDialog();
    const d = await dialog();
    // Asked without walk-in rows, the backend uses the stored number.
    await waitFor(() => expect(pagesShown(d)[0]).toBe('Sign-in sheet with 12 blank rows & more, page 1'));
    expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1' });
    expect((within(d).getByLabelText('Blank rows for walk-ins') as HTMLInputElement).value).toBe('');
    expect(within(d).queryByRole('alert')).toBeNull();
    expect((within(d).getByRole('button', { name: 'Print' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('print entry points', () => {
  it('prints the follow-up list as it is filtered, and only that', async () => {
    const user = userEvent.setup();
    followUpsState.reset();
    followUpsState.need = 'housing';
    followUpsState.due = 'overdue';
    vi.mocked(api.listCallIns).mockResolvedValue(CALL_INS);
    vi.mocked(api.directoryList).mockResolvedValue(PROVIDERS.map(summary));
    vi.mocked(api.listReferrals).mockResolvedValue(referralList([]));
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
    } satisfies ReferralQuery;
    await waitFor(() => expect(previewHead(d)).toBe('Follow-up list — Open referrals · 1 page'));
    expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'followUpList', query });
    expect(within(d).queryByLabelText('Blank rows for walk-ins')).toBeNull();
    expect(api.printSettings).not.toHaveBeenCalled();
    // printer.rs (Printer::print, hand_on): no printer, so the viewer.
    const outcome = 'No printer is set up, so the PDF opened in your PDF viewer; print from there (1 page).';
    vi.mocked(api.printDocument).mockResolvedValueOnce({ message: outcome, pageCount: 1 } satisfies PrintOutcome);
    await user.click(within(d).getByRole('button', { name: 'Print' }));
    expect(api.printDocument).toHaveBeenCalledWith({ kind: 'followUpList', query });
    expect(await within(d).findByText(outcome)).toBeTruthy();
    followUpsState.reset();
  });

  it('has Print… on the wizard’s review', async () => {
    const user = userEvent.setup();
    vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([]));
    vi.mocked(api.tableCoverage).mockResolvedValue({ providers: [], needs: [] } satisfies TableCoverage);
    vi.mocked(api.checklist).mockResolvedValue([]);
    render(ReviewStep, {
      props: { callIn: callIn(), list: inviteeList([]), readiness: null, ongoto: vi.fn(), onscheduled: vi.fn() },
    });
    await user.click(screen.getByRole('button', { name: 'Print…' }));
    const d = await dialog();
    expect(within(d).getAllByRole('radio')).toHaveLength(4);
    await waitFor(() => expect(previewHead(d)).toBe('Sign-in sheet — Northside spring call-in · 2 pages'));
    expect(pagesShown(d)[0]).toBe('Sign-in sheet with 12 blank rows & more, page 1');
  });
});

describe('Ctrl+P', () => {
  beforeEach(() => {
    session.set({ databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 });
    session.notice = null;
    vi.mocked(api.getCallIn).mockResolvedValue(callIn({ status: 'scheduled' }));
    vi.mocked(api.listInvitations).mockResolvedValue(inviteeList([]));
    vi.mocked(api.runOfShow).mockResolvedValue(runOfShow([]));
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
    await waitFor(() => expect(previewHead(d)).toBe('Sign-in sheet — Northside spring call-in · 2 pages'));
    expect(api.previewDocument).toHaveBeenCalledWith({ kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 });
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
