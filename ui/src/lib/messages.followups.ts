// Part of the one message catalog (messages.ts): the Follow-ups area — referrals, their
// history and consent, the no-shows and their custom notifications, exports.

import type { Consent } from './bindings/Consent';
import { english, labels } from './labels';

/** A whole number as the coordinator reads it (messages.ts has the same; this part cannot import it). */
const num = (n: number) => new Intl.NumberFormat('en-US').format(n);

/** "1 referral" / "2 referrals". */
const count = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

export const followUps = {
  title: 'Follow-ups',
  viewsLabel: 'Follow-up views',
  tabReferrals: 'Referrals',
  tabNoShows: 'No-shows',

  // The filters
  filters: 'Filters',
  filterCallIn: 'Call-in',
  filterProvider: 'Provider',
  filterNeed: 'Need',
  filterStatus: 'Status',
  filterDue: 'Due',
  sortBy: 'Sort by',
  reverse: 'Reverse order',
  allCallIns: 'All call-ins',
  allProviders: 'All providers',
  allNeeds: 'All needs',
  openAll: 'Open (all)',
  anyTime: 'Any time',
  dueOverdue: 'Overdue',
  dueThisWeek: 'Due this week',
  sort: english(labels.ReferralSort),
  optionsFailed: 'The call-ins and providers to filter by could not be loaded.',
  callInsFailed: 'The call-ins to filter by could not be loaded.',

  // The referrals list
  summary: (total: number, overdue: number) => `${count(total, 'referral', 'referrals')}, ${num(overdue)} overdue`,
  showingFirst: (shown: number, total: number) => `Showing the first ${num(shown)} of ${num(total)}.`,
  tableCaption: 'Referrals to follow up',
  colPerson: 'Person',
  colNeed: 'Need',
  colService: 'Service / provider',
  colCallIn: 'Call-in',
  colStatus: 'Status',
  colDue: 'Due',
  colLastContact: 'Last contact',
  overdue: 'Overdue',
  part2: 'Part 2',
  part2Title: 'Substance-use treatment referral: 42 CFR Part 2 applies',
  consentNeeded: 'consent needed',
  noDueDate: 'No due date',
  noContact: 'None yet',
  empty: 'No open referrals match these filters.',
  emptyStatus: 'No referrals match these filters.',
  listFailed: 'The referrals could not be loaded.',

  // A referral's detail
  detailTitle: (person: string, service: string) => `${person} — ${service}`,
  closeDetail: 'Close',
  closeDetailLabel: 'Close the referral',
  openPerson: 'Open person record',
  status: 'Status',
  due: 'Due',
  need: 'Need',
  provider: 'Provider',
  callIn: 'Call-in',
  phone: 'Phone',
  referredOn: 'Referred on',
  history: 'History',
  historyCaption: 'History of the referral',
  historyDate: 'Date',
  historyWhat: 'What',
  historyNote: 'Note',
  historyBy: 'By',
  noHistory: 'Nothing recorded yet.',
  historyFailed: 'The history could not be loaded.',
  finalStatus: (status: string) => `This referral is ${status}: it no longer moves and takes no contact attempts.`,

  // Move to
  moveLegend: 'Move to',
  newStatus: 'New status',
  dateOfChange: 'Date of change',
  noteOnChange: 'Note on the change',
  reason: 'Reason',
  reasonHint: 'Required when closing: say why the referral is closed.',
  saveMove: 'Save move',
  moved: (status: string) => `Moved to ${status}.`,

  // Log contact attempt
  contactLegend: 'Log contact attempt',
  dateOfAttempt: 'Date of attempt',
  method: 'Method',
  by: 'By',
  outcome: 'Outcome',
  choose: 'Choose…',
  noteOnAttempt: 'Note on the attempt',
  nextDue: 'Next due date',
  nextDueHint: 'Optional, as YYYY-MM-DD: when the referral is next due.',
  logAttempt: 'Log attempt',
  logged: 'Contact attempt logged.',

  // Consent (42 CFR Part 2)
  consentLegend: 'Consent (42 CFR Part 2)',
  consentIntro:
    'A substance-use treatment referral is shared (in an export, or with anyone) only with the person’s written consent.',
  consentChoice: 'Consent',
  consentGiven: 'Consent given',
  consentNotGiven: 'Consent not given',
  dateOfConsent: 'Date of consent',
  scope: 'Scope',
  scopeHint: 'What may be shared, with whom, until when. Required when consent is given.',
  saveConsent: 'Save consent',
  consentRecorded: 'Consent recorded.',
  currentConsent: (consent: Consent | null, on: string | null, scope: string | null): string => {
    if (consent === 'given') return `Consent given${on ? ` on ${on}` : ''}${scope ? `: ${scope}` : '.'}`;
    if (consent === 'not_given') return `Consent not given${on ? ` (recorded ${on})` : ''}.`;
    return 'No consent recorded.';
  },

  // Exports
  exportCsv: 'Export CSV',
  exportExcel: 'Export Excel',
  withIds: 'Include internal IDs',
  exportsLabel: 'Export',
  exportedReferrals: (rows: number, path: string, withheld: number) =>
    `Exported ${count(rows, 'referral', 'referrals')} to ${path}.` +
    (withheld > 0
      ? withheld === 1
        ? ' 1 substance-use referral without recorded consent was withheld (42 CFR Part 2).'
        : ` ${num(withheld)} substance-use referrals without recorded consent were withheld (42 CFR Part 2).`
      : ''),
  exportedNoShows: (rows: number, path: string) => `Exported ${count(rows, 'no-show', 'no-shows')} to ${path}.`,

  // No-shows
  filterNotification: 'Notification',
  notificationAll: 'All',
  notificationNoShow: 'No-show',
  notificationPending: 'Pending',
  notificationDone: 'Done',
  noShowsCount: (n: number) => count(n, 'no-show', 'no-shows'),
  noShowsCaption: 'No-shows and their custom notifications',
  colOfficer: 'Officer',
  colPhone: 'Phone',
  colNotification: 'Notification',
  colActions: 'Actions',
  planned: (on: string, by: string | null) => `Planned for ${on}${by ? `, ${by}` : ''}`,
  done: (on: string, by: string | null) => `Done ${on}${by ? `, ${by}` : ''}`,
  notPlanned: 'Not planned',
  emptyNoShows: 'No no-shows to follow up.',
  noShowsFailed: 'The no-shows could not be loaded.',
  plan: 'Plan notification',
  record: 'Record notification',
  /** Said after "Plan notification" / "Record notification" on a row: " for María Núñez". */
  forPerson: (name: string) => ` for ${name}`,
  planTitle: (name: string) => `Plan notification for ${name}`,
  recordTitle: (name: string) => `Record notification for ${name}`,
  plannedDate: 'Planned date',
  whoWillGo: 'Who will go',
  date: 'Date',
  whoWent: 'Who went',
  notificationOutcome: 'Outcome',
  planIntro: 'A custom notification: someone goes to tell the person the message of the call-in they missed.',
  planSaved: (name: string) => `Notification planned for ${name}.`,
  recordSaved: (name: string) => `Notification recorded for ${name}.`,

  referralStatus: english(labels.ReferralStatus),

  contactMethod: english(labels.ContactMethod),

  contactOutcome: english(labels.ContactOutcome),
};
