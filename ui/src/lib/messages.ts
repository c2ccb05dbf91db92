// The one message catalog: every piece of text the UI shows comes from here.
// English now; a Spanish catalog of the same shape (`Messages`) comes later.

import type { LinkKind } from './bindings/LinkKind';
import type { NeedCategory } from './bindings/NeedCategory';
import type { PersonStatus } from './bindings/PersonStatus';
import type { SupervisionType } from './bindings/SupervisionType';

const en = {
  locale: 'en-US',
  appName: 'Call-In Planner',
  loading: 'Loading…',
  saving: 'Saving…',
  none: '—',
  close: 'Close',
  cancel: 'Cancel',
  remove: 'Remove',
  save: 'Save',
  back: 'Back',
  tryAgain: 'Try again',

  unlock: {
    createTitle: 'Create your passphrase',
    createIntro:
      'Everything you record is kept encrypted on this computer. The passphrase opens it; nobody can recover it for you, so keep it somewhere safe.',
    passphrase: 'Passphrase',
    passphraseAgain: 'Passphrase again',
    passphraseHint: 'At least 10 characters, with letters and also digits or symbols.',
    create: 'Create database',
    creating: 'Creating…',
    unlockTitle: 'Unlock Call-In Planner',
    unlockIntro: 'Enter your passphrase to open the registry.',
    unlock: 'Unlock',
    unlocking: 'Unlocking…',
    dataDir: 'Data folder',
    idleLocked: 'Locked after 30 minutes without activity.',
    demoTitle: 'Load synthetic demo data?',
    demoBody:
      'The demo data is fictional: made-up people, groups and supervision records, for trying the app out. It can only be loaded into an empty registry.',
    demoLoad: 'Load demo data',
    demoStartEmpty: 'Start empty',
    demoLoaded: (people: number, groups: number, links: number) =>
      `Loaded demo data: ${fmtNumber(people)} people, ${fmtNumber(groups)} groups, ${fmtNumber(links)} links.`,
  },

  shell: {
    navLabel: 'Main',
    people: 'People',
    groups: 'Groups',
    lock: 'Lock',
    lockShortcut: 'Ctrl+L',
    leaveTitle: 'Leave without saving?',
    leaveBody: 'The changes you made on this form have not been saved.',
    leaveDiscard: 'Discard changes',
    leaveStay: 'Keep editing',
    dismiss: 'Dismiss',
  },

  people: {
    title: 'People',
    search: 'Search people',
    searchPlaceholder: 'Search by name or alias…',
    searchShortcut: 'Ctrl+K',
    new: 'New person',
    newShortcut: 'Ctrl+N',
    filters: 'Filters',
    filterSupervision: 'Supervision type',
    filterAgency: 'Agency',
    filterOfficer: 'Officer',
    filterGroup: 'Group',
    filterStatus: 'Status',
    any: 'Any',
    notArchived: 'Not archived',
    clearFilters: 'Clear filters',
    colName: 'Name',
    colSupervision: 'Supervision',
    colAgency: 'Agency',
    colOfficer: 'Officer',
    colGroups: 'Group(s)',
    colEnds: 'Ends',
    colStatus: 'Status',
    tableCaption: 'People in the registry',
    count: (from: number, to: number, total: number) => `${fmtNumber(from)}–${fmtNumber(to)} of ${fmtNumber(total)}`,
    loadMore: 'Load more',
    emptySearch: 'No one matches this search and these filters.',
    emptyRegistry: 'No one is in the registry yet.',
    aka: 'also known as',
    optionsFailed: 'The agencies, officers and groups to filter by could not be loaded.',
  },

  person: {
    backToList: 'Back to people',
    edit: 'Edit',
    archive: 'Archive',
    restore: 'Restore',
    archiveTitle: 'Archive this person?',
    archiveBody: (name: string) =>
      `${name} will leave the working lists. Nothing is deleted: you can find them with the status filter "Archived" and restore them.`,
    archiveConfirm: 'Archive person',
    archivedNote: 'This person is archived. Restore them to edit their record.',
    aliases: 'Aliases',
    dateOfBirth: 'Date of birth',
    phone: 'Phone',
    address: 'Address',
    area: 'Area',
    preferredLanguage: 'Preferred language',
    notes: 'Notes',
    status: 'Status',
    details: 'Details',
    supervision: 'Supervision',
    noSupervision: 'No supervision records.',
    callInCondition: 'Call-in condition',
    yes: 'Yes',
    no: 'No',
    groups: 'Groups',
    noGroups: 'Not a member of any group.',
    needs: 'Needs',
    noNeeds: 'No needs recorded.',
    history: 'History',
    noHistory: 'No changes recorded.',
    historyFailed: 'The history could not be loaded.',
    when: 'When',
    who: 'Who',
    action: 'Action',
    role: 'Role',
    type: 'Type',
    agency: 'Agency',
    officer: 'Officer',
    officerContact: 'Officer contact',
    startDate: 'Start date',
    endDate: 'End date',
  },

  form: {
    newTitle: 'New person',
    editTitle: 'Edit person',
    firstName: 'First name',
    lastName: 'Last name',
    aliases: 'Aliases',
    aliasesHint: 'Separate aliases with commas.',
    dateOfBirth: 'Date of birth',
    datePlaceholder: 'YYYY-MM-DD',
    dateHint: 'As YYYY-MM-DD, for example 1990-03-31.',
    phone: 'Phone',
    address: 'Address',
    area: 'Area',
    preferredLanguage: 'Preferred language',
    status: 'Status',
    notes: 'Notes',
    notesHint: 'Restricted: keep to what the work needs.',
    supervision: 'Supervision',
    record: (n: number) => `Record ${n}`,
    addSupervision: 'Add supervision record',
    noSupervision: 'No supervision records.',
    type: 'Type',
    chooseType: 'Choose…',
    agency: 'Agency',
    officer: 'Officer',
    officerContact: 'Officer contact',
    startDate: 'Start date',
    endDate: 'End date',
    callInCondition: 'Call-in is a condition of supervision',
    groups: 'Groups',
    addToGroup: 'Add to group',
    chooseGroup: 'Choose a group…',
    add: 'Add',
    role: 'Role',
    noGroups: 'Not a member of any group.',
    needs: 'Needs',
    save: 'Save',
    saveShortcut: 'Ctrl+S',
    cancelShortcut: 'Esc',
    /** Said after a label of the n-th supervision record (n from 1), so screen readers tell records apart; the first says nothing. */
    recordExtra: (n: number) => (n <= 1 ? '' : `, record ${n}`),
    /** Said after a label of a membership row after the first. */
    groupExtra: (n: number, group: string) => (n <= 1 ? '' : `, ${group}`),
    summary: (count: number) =>
      count === 1 ? 'The person was not saved: 1 problem to fix.' : `The person was not saved: ${count} problems to fix.`,
    notSaved: 'The person was not saved.',
    fieldIn: (label: string, n: number) => `${label} (supervision record ${n})`,
    fieldInGroup: (label: string, group: string) => `${label} (${group})`,
    unknownGroup: 'Unknown group',
    groupsFailed: 'The groups to add this person to could not be loaded.',
  },

  groups: {
    title: 'Groups',
    new: 'New group',
    tableCaption: 'Street groups',
    colName: 'Name',
    colArea: 'Area',
    colMembers: 'Members',
    colFeuds: 'Feuds',
    colAlliances: 'Alliances',
    empty: 'No groups recorded yet.',
    backToList: 'Back to groups',
    name: 'Name',
    area: 'Area',
    notes: 'Notes',
    create: 'Create group',
    newTitle: 'New group',
    edit: 'Edit group',
    editTitle: 'Edit group',
    saveGroup: 'Save group',
    members: 'Members',
    noMembers: 'No members.',
    archivedMember: 'archived',
    role: 'Role',
    addMember: 'Add member',
    findPerson: 'Find person',
    findPersonPlaceholder: 'Type a name…',
    results: 'Search results',
    noMatches: 'No one matches.',
    selected: (name: string) => `Selected: ${name}`,
    added: (name: string) => `Added ${name}.`,
    choosePerson: 'Choose a person from the results first.',
    links: 'Feuds and alliances',
    noLinks: 'No feuds or alliances.',
    /** Before the other group's name: "Feud with Riverside Kings". */
    linkWith: { feud: 'Feud with', alliance: 'Alliance with' } satisfies Record<LinkKind, string>,
    removeLink: 'Remove link',
    removeMemberTitle: 'Remove this member?',
    removeMemberBody: (person: string, group: string) =>
      `${person} will no longer be a member of ${group}. Their record stays in the registry.`,
    removeMemberConfirm: 'Remove member',
    removeLinkTitle: 'Remove this link?',
    removeLinkBody: (kind: LinkKind, group: string, other: string) =>
      `The ${kind === 'feud' ? 'feud' : 'alliance'} between ${group} and ${other} will be removed.`,
    removeLinkConfirm: { feud: 'Remove feud', alliance: 'Remove alliance' } satisfies Record<LinkKind, string>,
    linkForm: 'Link to another group',
    otherGroup: 'Other group',
    chooseOtherGroup: 'Choose a group…',
    kind: 'Kind',
    linkGroups: 'Link groups',
    notSaved: 'The group was not saved.',
    groupsFailed: 'The groups to link to could not be loaded.',
  },

  supervisionType: {
    probation: 'Probation',
    parole: 'Parole',
    supervised_release: 'Supervised release',
    pretrial: 'Pretrial',
  } satisfies Record<SupervisionType, string>,

  personStatus: {
    active: 'Active',
    in_custody: 'In custody',
    moved: 'Moved',
    deceased: 'Deceased',
    archived: 'Archived',
  } satisfies Record<PersonStatus, string>,

  need: {
    employment: 'Employment',
    housing: 'Housing',
    education_ged: 'Education / GED',
    substance_use: 'Substance-use treatment',
    mental_health: 'Mental health',
    id_documents: 'ID documents',
    medical: 'Medical',
    legal: 'Legal',
    childcare: 'Childcare',
    transportation: 'Transportation',
    clothing_food: 'Clothing / food',
    anger_management_cbt: 'Anger management / CBT',
    mentoring: 'Mentoring',
    other: 'Other',
  } satisfies Record<NeedCategory, string>,

  linkKind: {
    feud: 'Feud',
    alliance: 'Alliance',
  } satisfies Record<LinkKind, string>,

  language: {
    en: 'English',
    es: 'Spanish',
  } as Record<string, string>,

  auditAction: {
    create: 'Created',
    update: 'Edited',
    archive: 'Archived',
    restore: 'Restored',
    add_member: 'Member added',
    remove_member: 'Member removed',
    link: 'Groups linked',
    unlink: 'Link removed',
  } as Record<string, string>,

  error: {
    generic: 'Something went wrong.',
  },
};

export type Messages = typeof en;

/** The catalog in use. */
export const m: Messages = en;

/** A whole number as the coordinator reads it: 12,345. */
export function fmtNumber(n: number): string {
  return new Intl.NumberFormat(en.locale).format(n);
}

/** An instant (UTC RFC 3339) in local time. */
export function fmtInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(m.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** The order enum values are offered in. */
export const SUPERVISION_TYPES: SupervisionType[] = ['probation', 'parole', 'supervised_release', 'pretrial'];
export const PERSON_STATUSES: PersonStatus[] = ['active', 'in_custody', 'moved', 'deceased', 'archived'];
/** The statuses the person form offers: archiving is its own action. */
export const FORM_STATUSES: PersonStatus[] = ['active', 'in_custody', 'moved', 'deceased'];
export const NEEDS: NeedCategory[] = [
  'employment',
  'housing',
  'education_ged',
  'substance_use',
  'mental_health',
  'id_documents',
  'medical',
  'legal',
  'childcare',
  'transportation',
  'clothing_food',
  'anger_management_cbt',
  'mentoring',
  'other',
];
export const LANGUAGES = ['en', 'es'];
export const LINK_KINDS: LinkKind[] = ['feud', 'alliance'];
