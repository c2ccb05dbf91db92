import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { LetterTemplate } from '../../lib/bindings/LetterTemplate';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { runShortcut } from '../../lib/shortcuts';
import Shell from '../Shell.svelte';
import Settings from './Settings.svelte';

vi.mock('../../lib/api');

const PLACEHOLDERS = [
  { token: '{first_name}', meaning: 'The invitee’s first name' },
  { token: '{call_in_date}', meaning: 'The date of the call-in' },
];
const EN_TEXT = 'Dear {first_name},\n\nYou are invited.';
const ES_TEXT = 'Estimado/a {first_name}:\n\nEstá invitado/a.';

function template(language: 'english' | 'spanish', text: string, isDefault = true): LetterTemplate {
  return { language, text, isDefault, placeholders: PLACEHOLDERS };
}

function letterText(language: 'English' | 'Spanish'): HTMLTextAreaElement {
  return screen.getByLabelText(`Letter text (${language})`) as HTMLTextAreaElement;
}

beforeEach(() => {
  vi.mocked(api.letterTemplates).mockResolvedValue([template('english', EN_TEXT), template('spanish', ES_TEXT)]);
  vi.mocked(api.printSettings).mockResolvedValue({ walkInRows: 10 });
  vi.mocked(api.firstContactDays).mockResolvedValue(3);
});

describe('settings: letters', () => {
  it('loads the templates, each language with its own label, text and placeholders', async () => {
    const user = userEvent.setup();
    render(Settings);
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    for (const name of ['Letters', 'Sign-in sheets', 'Follow-ups']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    const en = await screen.findByLabelText('Letter text (English)');
    expect((en as HTMLTextAreaElement).value).toBe(EN_TEXT);
    expect(en.tagName).toBe('TEXTAREA');
    expect(screen.getByText('(the app’s default text)')).toBeTruthy();
    expect(
      screen.getByText(
        'Blank lines separate paragraphs. Lines starting with “- ” become bullet points. Placeholders in braces are filled in for each invitee.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Insert {first_name}' })).toBeTruthy();
    expect(screen.getByText('The date of the call-in')).toBeTruthy();

    // Edits in one language stay while the other is shown.
    await user.type(en, ' See you there.');
    expect(screen.queryByText('(the app’s default text)')).toBeNull();
    await user.click(screen.getByLabelText('Spanish'));
    expect(letterText('Spanish').value).toBe(ES_TEXT);
    expect(screen.queryByLabelText('Letter text (English)')).toBeNull();
    expect(screen.getByText(/unsaved/)).toBeTruthy();
    await user.click(screen.getByLabelText(/English/));
    expect(letterText('English').value).toBe(`${EN_TEXT} See you there.`);
  });

  it('saves the text of the language shown, with Save letter and with Ctrl+S, and says when', async () => {
    const user = userEvent.setup();
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    const en = letterText('English');
    await user.clear(en);
    await user.type(en, 'Hello {{first_name}.');
    vi.mocked(api.saveLetterTemplate).mockResolvedValueOnce(template('english', 'Hello {first_name}.', false));
    await user.click(screen.getByRole('button', { name: 'Save letter' }));
    expect(api.saveLetterTemplate).toHaveBeenCalledWith('english', 'Hello {first_name}.');
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
    expect(screen.queryByText('(the app’s default text)')).toBeNull();

    await user.click(screen.getByLabelText('Spanish'));
    await user.type(letterText('Spanish'), ' Gracias.');
    vi.mocked(api.saveLetterTemplate).mockResolvedValueOnce(template('spanish', `${ES_TEXT} Gracias.`, false));
    runShortcut('save');
    await waitFor(() => expect(api.saveLetterTemplate).toHaveBeenLastCalledWith('spanish', `${ES_TEXT} Gracias.`));
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
  });

  it('shows the backend’s validation message under the text', async () => {
    const user = userEvent.setup();
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    await user.type(letterText('English'), '\n{{fecha}');
    const message = 'Line 3: {fecha} is not a placeholder. The placeholders are: {first_name}, {call_in_date}.';
    vi.mocked(api.saveLetterTemplate).mockRejectedValueOnce({ code: 'validation', message, field: 'text', fields: [] });
    await user.click(screen.getByRole('button', { name: 'Save letter' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    const en = letterText('English');
    expect(en.getAttribute('aria-invalid')).toBe('true');
    expect(en.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(en.value).toBe(`${EN_TEXT}\n{fecha}`);
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });

  it('puts a placeholder where the caret is', async () => {
    const user = userEvent.setup();
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    const en = letterText('English');
    en.focus();
    en.setSelectionRange(5, 5);
    await user.click(screen.getByRole('button', { name: 'Insert {call_in_date}' }));
    expect(en.value).toBe(`Dear {call_in_date}{first_name},\n\nYou are invited.`);
    expect(document.activeElement).toBe(en);
    expect(en.selectionStart).toBe(5 + '{call_in_date}'.length);
  });

  it('asks before resetting to the default text, then resets', async () => {
    const user = userEvent.setup();
    vi.mocked(api.letterTemplates).mockResolvedValue([
      template('english', 'Our own letter.', false),
      template('spanish', ES_TEXT),
    ]);
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe('Our own letter.'));

    await user.click(screen.getByRole('button', { name: 'Reset to default' }));
    let dialog = await screen.findByRole('dialog', { name: 'Reset the English letter?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.resetLetterTemplate).not.toHaveBeenCalled();

    vi.mocked(api.resetLetterTemplate).mockResolvedValueOnce(template('english', EN_TEXT));
    await user.click(screen.getByRole('button', { name: 'Reset to default' }));
    dialog = await screen.findByRole('dialog', { name: 'Reset the English letter?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reset letter' }));
    expect(api.resetLetterTemplate).toHaveBeenCalledWith('english');
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    expect(screen.getByText('(the app’s default text)')).toBeTruthy();
  });
});

describe('settings: numbers', () => {
  it('saves the blank rows for walk-ins, and shows what is wrong with them', async () => {
    const user = userEvent.setup();
    render(Settings);
    const rows = (await screen.findByLabelText('Blank rows for walk-ins')) as HTMLInputElement;
    expect(rows.value).toBe('10');
    await user.clear(rows);
    await user.type(rows, '25');
    vi.mocked(api.savePrintSettings).mockResolvedValueOnce({ walkInRows: 25 });
    await user.click(screen.getByRole('button', { name: 'Save blank rows for walk-ins' }));
    expect(api.savePrintSettings).toHaveBeenCalledWith({ walkInRows: 25 });
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();

    // Out of range never reaches the backend (it takes unsigned numbers).
    for (const typed of ['-1', '500']) {
      await user.clear(rows);
      await user.type(rows, `${typed}{Enter}`);
      expect((await screen.findByRole('alert')).textContent).toBe('Enter a whole number from 0 to 200.');
    }
    expect(api.savePrintSettings).toHaveBeenCalledTimes(1);

    await user.clear(rows);
    await user.type(rows, '150');
    vi.mocked(api.savePrintSettings).mockRejectedValueOnce({
      code: 'validation',
      message: 'Blank rows for walk-ins must be from 0 to 200.',
      field: 'walkInRows',
      fields: [],
    });
    await user.type(rows, '{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Blank rows for walk-ins must be from 0 to 200.');
    expect(rows.getAttribute('aria-invalid')).toBe('true');
  });

  it('saves the days before first contact is due', async () => {
    const user = userEvent.setup();
    render(Settings);
    const days = (await screen.findByLabelText('First contact due after (days)')) as HTMLInputElement;
    expect(days.value).toBe('3');
    await user.clear(days);
    await user.type(days, '5');
    vi.mocked(api.setFirstContactDays).mockResolvedValueOnce(5);
    await user.click(screen.getByRole('button', { name: 'Save first contact days' }));
    expect(api.setFirstContactDays).toHaveBeenCalledWith(5);
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
  });
});

describe('settings in the shell', () => {
  beforeEach(() => {
    session.set({ databaseExists: true, unlocked: true, dataDir: '/data' });
    session.notice = null;
    nav.route = { area: 'people', view: 'list' };
    vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
    vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  });

  it('opens from the navigation, and leaving with unsaved edits asks first', async () => {
    const user = userEvent.setup();
    render(Shell);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));

    // Nothing changed: leaving does not ask.
    await user.click(screen.getByRole('button', { name: 'People' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'People' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    await user.type(letterText('English'), ' More.');
    await user.click(screen.getByRole('button', { name: 'People' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(letterText('English').value).toBe(`${EN_TEXT} More.`);

    await user.click(screen.getByRole('button', { name: 'People' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'People' })).toBeTruthy();
  });
});
