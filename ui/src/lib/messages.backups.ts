// Settings → Backups and Settings → Security. Enum labels come from the backend's table.

import { english, labels } from './labels';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** A UTC instant as the coordinator's local date and time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const settingsNav = {
  label: 'Settings sections',
  general: 'Letters and documents',
  backups: 'Backups',
  security: 'Passphrase and lock',
  audit: 'Audit log',
};

export const auditLog = {
  title: 'Audit log',
  intro: 'Every change anyone made in the app, newest first: who, when, and each field before and after.',
  filters: 'Filter the audit log',
  from: 'From',
  to: 'To',
  kind: 'Kind of record',
  action: 'Action',
  any: 'Any',
  text: 'Text',
  textHint: 'Anywhere in the entry: a name, a value, a record id.',
  apply: 'Show',
  clear: 'Clear',
  total: (k: number) => `${plural(k, 'entry', 'entries')}`,
  when: 'When',
  who: 'Who',
  record: 'Record',
  changes: 'Changes',
  field: 'Field',
  before: 'Before',
  after: 'After',
  show: (k: number) => `Show ${plural(k, 'change', 'changes')}`,
  hide: 'Hide the changes',
  noChanges: 'No field values.',
  none: 'No entries match.',
  more: 'Show more',
  empty: '—',
  exportCsv: 'Export CSV…',
  exportExcel: 'Export Excel…',
  exportsLabel: 'Export the audit log as filtered',
  exported: (rows: number, path: string, withheld: number) =>
    `Exported ${plural(rows, 'row', 'rows')} to ${path}.${withheld > 0 ? ` ${plural(withheld, 'entry about a 42 CFR Part 2 referral without consent has', 'entries about 42 CFR Part 2 referrals without consent have')} its values withheld.` : ''}`,
};

export const backups = {
  title: 'Backups',
  intro:
    'A backup is an encrypted copy of the whole database. Keep backups on an external drive or a synced folder: if this computer is lost or its disk fails, a backup is the only other copy.',
  folder: 'Backup folder',
  folderLocal:
    'Backups are going to a folder on this computer. That protects against mistakes, not against a lost laptop or a failed disk: choose a folder on an external drive or a synced folder.',
  chooseFolder: 'Choose folder…',
  automatic: 'Make a backup automatically every day',
  automaticHint: 'Also before every import and every upgrade. Older automatic backups are removed: the last 7 days, 4 weeks and 12 months are kept.',
  newest: (when: string) => `Newest backup: ${when}.`,
  none: 'No backup has been made in this folder yet.',
  due: 'A daily backup is due.',
  lastFailure: (when: string, why: string) => `The backup at ${when} failed: ${why} It is tried again in a few minutes.`,
  now: 'Back up now',
  making: 'Making the backup…',
  made: (file: string, removed: number) =>
    `Backup made: ${file}.${removed > 0 ? ` ${plural(removed, 'older automatic backup was', 'older automatic backups were')} removed.` : ''}`,
  ownToggle: 'Give this backup a passphrase of its own (for a copy kept by a supervisor)',
  ownPassphrase: 'Passphrase for this backup',
  ownAgain: 'Passphrase for this backup, again',
  ownHint: 'At least 10 characters, with letters and also digits or symbols. Whoever restores this copy needs it.',
  listTitle: 'Backups in the folder',
  listEmpty: 'There are no backups in the folder.',
  madeAt: 'Made',
  reason: 'Why',
  key: 'Opens with',
  size: 'Size',
  state: 'State',
  fine: 'OK',
  restore: 'Restore…',
  restoreExtra: (when: string, why: string) => ` the backup made ${when}${why ? ` (${why.toLowerCase()})` : ''}`,
  restoreOther: 'Restore from another file…',
  reasons: english(labels.BackupReason),
  keys: english(labels.BackupKey),
  restoreTitle: 'Restore a backup',
  restoreIntro:
    'Restoring replaces everything in the app with what the backup holds. The database as it is now is kept as a backup first.',
  restoreFile: 'Backup file',
  restorePassphrase: 'The backup’s passphrase',
  restorePassphraseHint: 'The database’s passphrase when the backup was made, or the backup’s own.',
  check: 'Check the backup',
  checking: 'Checking…',
  holds: (people: number, callIns: number, referrals: number) =>
    `It holds ${plural(people, 'person', 'people')}, ${plural(callIns, 'call-in', 'call-ins')} and ${plural(referrals, 'referral', 'referrals')}.`,
  holdsMadeAt: (when: string) => `Made ${when}.`,
  restoreConfirm: 'Replace everything with this backup',
  restoring: 'Restoring…',
  restored: (when: string) => `The backup was restored${when ? ` (made ${when})` : ''}. The database it replaced was kept as a backup.`,
  cancel: 'Cancel',
};

export const security = {
  title: 'Passphrase and lock',
  passphraseTitle: 'Change the passphrase',
  passphraseIntro:
    'The database is copied under the new passphrase, checked, and then put in place of the old one. Backups made before keep the passphrase they were made with.',
  current: 'Current passphrase',
  newPassphrase: 'New passphrase',
  confirmation: 'New passphrase again',
  newHint: 'At least 10 characters, with letters and also digits or symbols.',
  change: 'Change the passphrase',
  changing: 'Changing…',
  changed: 'The passphrase was changed. Use the new one from now on.',
  idleTitle: 'Lock when idle',
  idleLabel: 'Lock after this many minutes without activity',
  idleHint: (min: number, max: number) => `From ${min} to ${max} minutes.`,
  idleSave: 'Save',
  idleSaveExtra: ' the idle lock',
  idleInvalid: (min: number, max: number) => `Enter a whole number of minutes from ${min} to ${max}.`,
};
