import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { LetterLanguage } from '../../lib/bindings/LetterLanguage';
import type { LetterTemplate } from '../../lib/bindings/LetterTemplate';
import { defaultTexts, placeholders } from '../../lib/bindings/letterDefaults';
import type { PrintSettings } from '../../lib/bindings/PrintSettings';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { invalid, refused } from '../../test/backend';
import Shell from '../Shell.svelte';
import Settings from './Settings.svelte';

vi.mock('../../lib/api');

// The letters as the backend sends them: its default texts and placeholders (generated
// from src-tauri/domain/letters.rs into bindings/letterDefaults.ts).
const DEFAULT = defaultTexts;
const EN_TEXT = DEFAULT.english;
const ES_TEXT = DEFAULT.spanish;
const PLACEHOLDERS = placeholders;

/**
 * The letter templates' backend: what is stored for each language, or the default (src-tauri/
 * store/printing.rs); a text saved is checked and tidied as domain/letters.rs
 * (validate_template) does — an unknown placeholder refused with its line — and saving the
 * default text again stores nothing.
 */
function lettersBackend(stored: Partial<Record<LetterLanguage, string>> = {}) {
  const texts = { ...stored };
  const template = (language: LetterLanguage): LetterTemplate => ({
    language,
    text: texts[language] ?? DEFAULT[language],
    isDefault: texts[language] === undefined,
    placeholders: PLACEHOLDERS,
  });
  vi.mocked(api.letterTemplates).mockImplementation(async () => [template('english'), template('spanish')]);
  vi.mocked(api.saveLetterTemplate).mockImplementation(async (language, text) => {
    const tidy = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    const known = PLACEHOLDERS.map((p) => p.token);
    for (const [i, line] of tidy.split('\n').entries()) {
      const unknown = (line.match(/\{[^{}]*\}/g) ?? []).find((t) => !known.includes(t));
      if (unknown) {
        throw invalid(['text', `Line ${i + 1}: ${unknown} is not a placeholder. The placeholders are: ${known.join(', ')}.`]);
      }
    }
    if (tidy === DEFAULT[language]) delete texts[language];
    else texts[language] = tidy;
    return template(language);
  });
  vi.mocked(api.resetLetterTemplate).mockImplementation(async (language) => {
    delete texts[language];
    return template(language);
  });
}

function letterText(language: 'English' | 'Spanish'): HTMLTextAreaElement {
  return screen.getByLabelText(`Letter text (${language})`) as HTMLTextAreaElement;
}

beforeEach(() => {
  lettersBackend();
  vi.mocked(api.printSettings).mockResolvedValue({ walkInRows: 10 } satisfies PrintSettings);
  vi.mocked(api.savePrintSettings).mockImplementation(async (input) => input);
  vi.mocked(api.firstContactDays).mockResolvedValue(3);
  vi.mocked(api.setFirstContactDays).mockImplementation(async (days) => days);
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
    expect(screen.getAllByRole('button', { name: /^Insert / })).toHaveLength(10);
    expect(screen.getByText("The call-in's date, written out in the letter's language")).toBeTruthy();

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

  it('saves the text of the language shown with Save letter, and says when', async () => {
    const user = userEvent.setup();
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    expect(screen.getByText('(the app’s default text)')).toBeTruthy();
    const en = letterText('English');
    await user.clear(en);
    await user.type(en, 'Hello {{first_name}.{Enter}{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save letter' }));
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
    expect(api.saveLetterTemplate).toHaveBeenCalledWith('english', 'Hello {first_name}.\n\n');
    // What the backend kept: the text tidied, no longer the default; nothing is left unsaved.
    expect(letterText('English').value).toBe('Hello {first_name}.');
    expect(screen.queryByText('(the app’s default text)')).toBeNull();
    expect(screen.queryByText(/unsaved/)).toBeNull();

    // Saving the app's text again makes it the default once more.
    await user.clear(en);
    await user.click(en);
    await user.paste(EN_TEXT);
    await user.click(screen.getByRole('button', { name: 'Save letter' }));
    expect(await screen.findByText('(the app’s default text)')).toBeTruthy();
  });

  it('shows the backend’s validation message under the text', async () => {
    const user = userEvent.setup();
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    await user.type(letterText('English'), '\n{{fecha}');
    // src-tauri/domain/letters.rs (validate_template): the letter's 20th line.
    const message =
      'Line 20: {fecha} is not a placeholder. The placeholders are: {first_name}, {last_name}, {title}, {date}, {time}, {venue}, {address}, {accessibility}, {length}, {officer}.';
    await user.click(screen.getByRole('button', { name: 'Save letter' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    const en = letterText('English');
    expect(en.getAttribute('aria-invalid')).toBe('true');
    expect(en.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(en.value).toBe(`${EN_TEXT}\n{fecha}`);
    expect(screen.queryByText(/^Saved/)).toBeNull();
    expect(screen.getByText(/unsaved/)).toBeTruthy();
  });

  it('puts a placeholder where the caret is', async () => {
    const user = userEvent.setup();
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    const en = letterText('English');
    en.focus();
    en.setSelectionRange(5, 5);
    await user.click(screen.getByRole('button', { name: 'Insert {date}' }));
    expect(en.value).toBe(`Dear {date}${EN_TEXT.slice(5)}`);
    expect(document.activeElement).toBe(en);
    expect(en.selectionStart).toBe(5 + '{date}'.length);
  });

  it('asks before resetting to the default text, then resets', async () => {
    const user = userEvent.setup();
    lettersBackend({ english: 'Our own letter.' });
    render(Settings);
    await waitFor(() => expect(letterText('English').value).toBe('Our own letter.'));

    await user.click(screen.getByRole('button', { name: 'Reset to default' }));
    let dialog = await screen.findByRole('dialog', { name: 'Reset the English letter?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(letterText('English').value).toBe('Our own letter.');
    expect(screen.queryByText('(the app’s default text)')).toBeNull();
    expect(api.resetLetterTemplate).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Reset to default' }));
    dialog = await screen.findByRole('dialog', { name: 'Reset the English letter?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reset letter' }));
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    expect(api.resetLetterTemplate).toHaveBeenCalledWith('english');
    expect(screen.getByText('(the app’s default text)')).toBeTruthy();
    expect(screen.getByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
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
    await user.click(screen.getByRole('button', { name: 'Save blank rows for walk-ins' }));
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
    expect(api.savePrintSettings).toHaveBeenCalledWith({ walkInRows: 25 });
    // The field shows the number the backend saved.
    expect(rows.value).toBe('25');

    // Out of range never reaches the backend (it takes unsigned numbers).
    for (const typed of ['-1', '500']) {
      await user.clear(rows);
      await user.type(rows, `${typed}{Enter}`);
      expect((await screen.findByRole('alert')).textContent).toBe('Enter a whole number from 0 to 200.');
    }
    expect(api.savePrintSettings).toHaveBeenCalledTimes(1);

    expect(rows.getAttribute('aria-invalid')).toBe('true');

    // A number the backend could not save (src-tauri/error.rs: the database busy with another change).
    await user.clear(rows);
    await user.type(rows, '150');
    const busy = 'The database is busy with another change; try again in a moment.';
    vi.mocked(api.savePrintSettings).mockRejectedValueOnce(refused('conflict', busy));
    await user.type(rows, '{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(busy));
    expect(rows.getAttribute('aria-invalid')).toBe('true');
    expect(rows.value).toBe('150');
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });

  it('saves the days before first contact is due', async () => {
    const user = userEvent.setup();
    render(Settings);
    const days = (await screen.findByLabelText('First contact due after (days)')) as HTMLInputElement;
    expect(days.value).toBe('3');
    await user.clear(days);
    await user.type(days, '5');
    await user.click(screen.getByRole('button', { name: 'Save first contact days' }));
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
    expect(api.setFirstContactDays).toHaveBeenCalledWith(5);
    expect(days.value).toBe('5');

    // Out of range is said before anything is sent (the backend's range: domain/dayof.rs, 1 to 30).
    await user.clear(days);
    await user.type(days, '31{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a whole number of days from 1 to 30.');
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(api.setFirstContactDays).toHaveBeenCalledTimes(1);
  });
});

describe('settings in the shell', () => {
  beforeEach(() => {
    session.set({ databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 });
    session.notice = null;
    nav.route = { area: 'people', view: 'list' };
    vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
    vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  });

  it('saves with Ctrl+S the section the focus is in: the letter shown, or the walk-in rows', async () => {
    const user = userEvent.setup();
    nav.route = { area: 'settings', view: 'main' };
    render(Shell);
    await waitFor(() => expect(letterText('English').value).toBe(EN_TEXT));
    await user.click(screen.getByLabelText('Spanish'));
    await user.type(letterText('Spanish'), ' Gracias.');
    expect(screen.getByText(/unsaved/)).toBeTruthy();
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByText(/^Saved \d\d:\d\d$/)).toBeTruthy();
    expect(api.saveLetterTemplate).toHaveBeenCalledWith('spanish', `${ES_TEXT} Gracias.`);
    expect(screen.queryByText(/unsaved/)).toBeNull();
    expect(letterText('Spanish').value).toBe(`${ES_TEXT} Gracias.`);

    const rows = screen.getByLabelText('Blank rows for walk-ins') as HTMLInputElement;
    await user.clear(rows);
    await user.type(rows, '12');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(api.savePrintSettings).toHaveBeenCalledWith({ walkInRows: 12 }));
    expect(api.saveLetterTemplate).toHaveBeenCalledTimes(1);
    expect(rows.value).toBe('12');
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
