// Part of the one message catalog (messages.ts): printing — the print dialog with its
// preview, and the Settings area (letter templates, sign-in sheets, follow-ups).

import type { LetterLanguage } from './bindings/LetterLanguage';
import { english, labels } from './labels';

/** A whole number as the coordinator reads it (messages.ts has the same; this part cannot import it). */
const num = (n: number) => new Intl.NumberFormat('en-US').format(n);

export const printing = {
  /** The button that opens the dialog on a call-in and on the wizard's review. */
  open: 'Print…',
  /** The button that opens the dialog in Follow-ups. */
  openList: 'Print list…',
  shortcut: 'Ctrl+P',
  shortcutKeys: 'Control+P',
  title: 'Print',
  documents: 'Document',
  doc: {
    signInSheet: 'Sign-in sheet',
    attendeeRoster: 'Attendee roster',
    letters: 'Invitation letters',
    runOfShow: 'Run-of-show',
    followUpList: 'Follow-up list',
  },
  docHint: {
    signInSheet: 'For the door: invitees to sign, then blank rows for walk-ins.',
    attendeeRoster: 'For staff: every invitee with supervision, notice, attendance and offer.',
    letters: 'One letter per invitee, in their preferred language.',
    runOfShow: 'The segments, their times and speakers.',
    followUpList: 'The referrals as the list is filtered now.',
  },
  walkInRows: 'Blank rows for walk-ins',
  walkInRowsHint: '0 to 200.',
  walkInRowsInvalid: 'Enter a whole number from 0 to 200.',
  previewLabel: 'Preview',
  preparing: 'Preparing the preview…',
  previewFailed: 'The preview could not be prepared.',
  pageCount: (n: number) => (n === 1 ? '1 page' : `${num(n)} pages`),
  pageAlt: (n: number, of: number) => `Page ${num(n)} of ${num(of)}`,
  showingFirst: (shown: number, total: number) =>
    `Showing the first ${num(shown)} of ${num(total)} pages; Print and Save as PDF include them all.`,
  noPages: 'This document has no pages.',
  print: 'Print',
  /** Said before Print is pressed, so 200 pages never go to a printer by surprise. */
  toPrinter: (pages: number, printer: string) =>
    `Print sends ${pages === 1 ? 'this page' : `all ${num(pages)} pages`} to the printer ${printer}.`,
  toViewer: 'No printer is set up: Print opens the PDF in your PDF viewer, to print from there.',
  save: 'Save as PDF…',
  saved: (pages: number, path: string) => `Saved ${pages === 1 ? '1 page' : `${num(pages)} pages`} to ${path}`,
  close: 'Close',
};

export const settings = {
  title: 'Settings',
  saved: (time: string) => `Saved ${time}`,
  saveShortcut: 'Ctrl+S',
  saveKeys: 'Control+S',

  letters: {
    title: 'Letters',
    intro: 'The invitation letter, in each language invitees prefer. Each invitee gets the letter in their language.',
    language: 'Language',
    languageName: english(labels.LetterLanguage),
    textLabel: { english: 'Letter text (English)', spanish: 'Letter text (Spanish)' } satisfies Record<LetterLanguage, string>,
    unsaved: 'unsaved',
    isDefault: '(the app’s default text)',
    help: 'Blank lines separate paragraphs. Lines starting with “- ” become bullet points. Placeholders in braces are filled in for each invitee.',
    placeholders: 'Placeholders',
    placeholdersHint: 'Choose one to put it where the cursor is in the letter.',
    insert: 'Insert',
    save: 'Save letter',
    reset: 'Reset to default',
    resetTitle: (language: string) => `Reset the ${language} letter?`,
    resetBody: (language: string) =>
      `The ${language} letter goes back to the app’s default text. Your own text for it, saved or not, is lost.`,
    resetConfirm: 'Reset letter',
    loadFailed: 'The letters could not be loaded.',
  },

  signIn: {
    title: 'Sign-in sheets',
    walkInRows: 'Blank rows for walk-ins',
    walkInRowsHint: 'How many empty rows a sign-in sheet ends with, for walk-ins (0 to 200). The print dialog can change it for one sheet.',
    invalid: 'Enter a whole number from 0 to 200.',
    save: 'Save',
    saveExtra: ' blank rows for walk-ins',
    loadFailed: 'The sign-in sheet setting could not be loaded.',
  },

  followUps: {
    title: 'Follow-ups',
    days: 'First contact due after (days)',
    daysHint: 'Days after the call-in; for referrals made from now on (1 to 30).',
    invalid: 'Enter a whole number of days from 1 to 30.',
    save: 'Save',
    saveExtra: ' first contact days',
    loadFailed: 'The follow-up setting could not be loaded.',
  },
};
