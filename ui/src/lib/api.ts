// The only module that talks to the backend: one typed wrapper per Tauri command.
// Every wrapper rejects with an ErrorPayload; a `locked` error sends the app back to
// the unlock screen.

import { invoke } from '@tauri-apps/api/core';

import type { AuditEntry } from './bindings/AuditEntry';
import type { AuditOptions } from './bindings/AuditOptions';
import type { AuditPage } from './bindings/AuditPage';
import type { AuditQuery } from './bindings/AuditQuery';
import type { BackupContents } from './bindings/BackupContents';
import type { BackupEntry } from './bindings/BackupEntry';
import type { BackupMade } from './bindings/BackupMade';
import type { BackupStatus } from './bindings/BackupStatus';
import type { OwnPassphrase } from './bindings/OwnPassphrase';
import type { PassphraseChange } from './bindings/PassphraseChange';
import type { SecuritySettings } from './bindings/SecuritySettings';
import type { DuplicatePair } from './bindings/DuplicatePair';
import type { ImportCheck } from './bindings/ImportCheck';
import type { ImportMapping } from './bindings/ImportMapping';
import type { ImportPlan } from './bindings/ImportPlan';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ImportResult } from './bindings/ImportResult';
import type { ImportSummary } from './bindings/ImportSummary';
import type { MergeRequest } from './bindings/MergeRequest';
import type { CheckIn } from './bindings/CheckIn';
import type { ConsentInput } from './bindings/ConsentInput';
import type { ContactAttemptInput } from './bindings/ContactAttemptInput';
import type { CustomNotificationInput } from './bindings/CustomNotificationInput';
import type { ExportFormat } from './bindings/ExportFormat';
import type { ExportSummary } from './bindings/ExportSummary';
import type { NoShowQuery } from './bindings/NoShowQuery';
import type { NoShowRow } from './bindings/NoShowRow';
import type { OfferInput } from './bindings/OfferInput';
import type { ReferralHistory } from './bindings/ReferralHistory';
import type { ReferralList } from './bindings/ReferralList';
import type { ReferralMove } from './bindings/ReferralMove';
import type { ReferralQuery } from './bindings/ReferralQuery';
import type { ReferralRow } from './bindings/ReferralRow';
import type { ReferralSummary } from './bindings/ReferralSummary';
import type { CallIn } from './bindings/CallIn';
import type { CallInAction } from './bindings/CallInAction';
import type { CallInBasicsInput } from './bindings/CallInBasicsInput';
import type { CallInSummary } from './bindings/CallInSummary';
import type { ChecklistItem } from './bindings/ChecklistItem';
import type { ChecklistItemInput } from './bindings/ChecklistItemInput';
import type { InviteeCandidate } from './bindings/InviteeCandidate';
import type { InviteeList } from './bindings/InviteeList';
import type { InviteeQuery } from './bindings/InviteeQuery';
import type { NoticeAction } from './bindings/NoticeAction';
import type { CategoryMappingInput } from './bindings/CategoryMappingInput';
import type { DirectoryQuery } from './bindings/DirectoryQuery';
import type { HsdsFormat } from './bindings/HsdsFormat';
import type { HsdsImportResult } from './bindings/HsdsImportResult';
import type { HsdsPreview } from './bindings/HsdsPreview';
import type { Provider } from './bindings/Provider';
import type { ProviderInput } from './bindings/ProviderInput';
import type { ProviderPage } from './bindings/ProviderPage';
import type { ProviderSummary } from './bindings/ProviderSummary';
import type { Readiness } from './bindings/Readiness';
import type { RunOfShow } from './bindings/RunOfShow';
import type { SegmentInput } from './bindings/SegmentInput';
import type { ServiceInput } from './bindings/ServiceInput';
import type { Speaker } from './bindings/Speaker';
import type { SpeakerAssignmentStatus } from './bindings/SpeakerAssignmentStatus';
import type { SpeakerInput } from './bindings/SpeakerInput';
import type { SpeakerPage } from './bindings/SpeakerPage';
import type { TableCoverage } from './bindings/TableCoverage';
import type { DemoSummary } from './bindings/DemoSummary';
import type { DocumentPreview } from './bindings/DocumentPreview';
import type { DocumentRequest } from './bindings/DocumentRequest';
import type { LetterLanguage } from './bindings/LetterLanguage';
import type { LetterTemplate } from './bindings/LetterTemplate';
import type { PrintDestination } from './bindings/PrintDestination';
import type { PrintOutcome } from './bindings/PrintOutcome';
import type { PrintSettings } from './bindings/PrintSettings';
import type { SavedDocument } from './bindings/SavedDocument';
import type { Group } from './bindings/Group';
import type { GroupInput } from './bindings/GroupInput';
import type { GroupSummary } from './bindings/GroupSummary';
import type { LinkKind } from './bindings/LinkKind';
import type { Page } from './bindings/Page';
import type { PeopleFilterOptions } from './bindings/PeopleFilterOptions';
import type { PeopleQuery } from './bindings/PeopleQuery';
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { PersonRow } from './bindings/PersonRow';
import type { SessionStatus } from './bindings/SessionStatus';
import { busy } from './busy.svelte';
import { toErrorPayload } from './errors';
import { session } from './session.svelte';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  busy.start();
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    const payload = toErrorPayload(e);
    if (payload.code === 'locked') session.markLocked(payload.message);
    throw payload;
  } finally {
    busy.end();
  }
}

// Session

export const sessionStatus = () => call<SessionStatus>('session_status');

export const createDatabase = (passphrase: string, confirmation: string) =>
  call<SessionStatus>('create_database', { passphrase, confirmation });

export const unlock = (passphrase: string) => call<SessionStatus>('unlock', { passphrase });

export const lock = () => call<SessionStatus>('lock');

export const loadDemoData = () => call<DemoSummary>('load_demo_data');

/** The answer to the window's close button: close the app, or stay. */
export const answerClose = (close: boolean) => call<void>('answer_close', { close });

/** The window saw the coordinator at work: counts toward the idle lock (the backend enforces it too). */
export const sessionActivity = () => call<SessionStatus>('session_activity');

// The audit log

export const auditLog = (query: AuditQuery) => call<AuditPage>('audit_log', { query });

export const auditOptions = () => call<AuditOptions>('audit_options');

/** Opens the system's save dialog; `null` when the coordinator cancels. */
export const exportAuditLog = (query: AuditQuery, format: ExportFormat) =>
  call<ExportSummary | null>('export_audit_log', { query, format });

// Backups, restore, the passphrase and the idle lock

export const backupStatus = () => call<BackupStatus>('backup_status');

/** Opens the system's folder dialog; `null` when the coordinator cancels. */
export const chooseBackupFolder = () => call<BackupStatus | null>('choose_backup_folder');

export const setBackupFolder = (path: string) => call<BackupStatus>('set_backup_folder', { path });

export const setAutomaticBackups = (on: boolean) => call<BackupStatus>('set_automatic_backups', { on });

export const makeBackup = (own: OwnPassphrase | null) => call<BackupMade>('make_backup', { own });

/** The daily backup when it is due; `null` when nothing was due. */
export const scheduledBackup = () => call<BackupMade | null>('scheduled_backup');

export const listBackups = () => call<BackupEntry[]>('list_backups');

/** Opens the system's open dialog for a backup file; `null` when cancelled. */
export const chooseBackupFile = () => call<string | null>('choose_backup_file');

export const inspectBackupFile = (path: string, passphrase: string) =>
  call<BackupContents>('inspect_backup_file', { path, passphrase });

export const restoreBackup = (path: string, passphrase: string) =>
  call<BackupContents>('restore_backup', { path, passphrase });

export const changePassphrase = (change: PassphraseChange) => call<void>('change_passphrase', { change });

export const securitySettings = () => call<SecuritySettings>('security_settings');

export const setIdleLockMinutes = (minutes: number) => call<SecuritySettings>('set_idle_lock_minutes', { minutes });

// People

export const searchPeople = (query: PeopleQuery) => call<Page<PersonRow>>('search_people', { query });

export const peopleFilterOptions = () => call<PeopleFilterOptions>('people_filter_options');

export const getPerson = (id: string) => call<Person>('get_person', { id });

export const createPerson = (input: PersonInput) => call<Person>('create_person', { input });

export const updatePerson = (id: string, input: PersonInput) => call<Person>('update_person', { id, input });

export const archivePerson = (id: string) => call<Person>('archive_person', { id });

export const restorePerson = (id: string) => call<Person>('restore_person', { id });

export const personHistory = (id: string) => call<AuditEntry[]>('person_history', { id });

// Importing rosters; duplicates and merge

/** Opens the system's open dialog; `null` when the coordinator cancels. */
export const importOpenFile = () => call<ImportPreview | null>('import_open_file');

export const importChooseSheet = (sheet: string) => call<ImportPreview>('import_choose_sheet', { sheet });

export const importCheck = (plan: ImportPlan) => call<ImportCheck>('import_check', { plan });

export const importCommit = (plan: ImportPlan) => call<ImportResult>('import_commit', { plan });

export const importClose = () => call<void>('import_close');

export const importSaveMapping = (name: string, mapping: ImportMapping) =>
  call<void>('import_save_mapping', { name, mapping });

export const importUndo = (importId: string) => call<number>('import_undo', { importId });

export const listImports = () => call<ImportSummary[]>('list_imports');

export const possibleDuplicatePeople = () => call<DuplicatePair[]>('possible_duplicate_people');

export const dismissDuplicate = (a: string, b: string) => call<void>('dismiss_duplicate', { a, b });

export const mergePeople = (request: MergeRequest) => call<Person>('merge_people', { request });

// Groups

export const listGroups = () => call<GroupSummary[]>('list_groups');

export const getGroup = (id: string) => call<Group>('get_group', { id });

export const createGroup = (input: GroupInput) => call<Group>('create_group', { input });

export const updateGroup = (id: string, input: GroupInput) => call<Group>('update_group', { id, input });

export const addGroupMember = (groupId: string, personId: string, role: string) =>
  call<Group>('add_group_member', { groupId, personId, role });

export const removeGroupMember = (groupId: string, personId: string) =>
  call<Group>('remove_group_member', { groupId, personId });

export const linkGroups = (groupId: string, otherGroupId: string, kind: LinkKind) =>
  call<Group>('link_groups', { groupId, otherGroupId, kind });

export const unlinkGroups = (groupId: string, linkId: string) => call<Group>('unlink_groups', { groupId, linkId });

// Call-ins

export const listCallIns = () => call<CallInSummary[]>('list_call_ins');

export const getCallIn = (id: string) => call<CallIn>('get_call_in', { id });

export const createCallIn = (input: CallInBasicsInput) => call<CallIn>('create_call_in', { input });

export const updateCallIn = (id: string, input: CallInBasicsInput) => call<CallIn>('update_call_in', { id, input });

export const setWizardStep = (id: string, step: number) => call<null>('set_wizard_step', { id, step });

export const callInReadiness = (id: string) => call<Readiness>('call_in_readiness', { id });

export const callInAction = (id: string, action: CallInAction) => call<CallIn>('call_in_action', { id, action });

export const checklist = (callInId: string) => call<ChecklistItem[]>('checklist', { callInId });

export const addChecklistItem = (callInId: string, input: ChecklistItemInput) =>
  call<ChecklistItem>('add_checklist_item', { callInId, input });

export const updateChecklistItem = (id: string, input: ChecklistItemInput) =>
  call<ChecklistItem>('update_checklist_item', { id, input });

export const removeChecklistItem = (id: string) => call<null>('remove_checklist_item', { id });

// Invitations

export const inviteeCandidates = (callInId: string, query: InviteeQuery) =>
  call<Page<InviteeCandidate>>('invitee_candidates', { callInId, query });

export const listInvitations = (callInId: string) => call<InviteeList>('list_invitations', { callInId });

export const addInvitee = (callInId: string, personId: string, reason: string) =>
  call<InviteeList>('add_invitee', { callInId, personId, reason });

export const addFilteredInvitees = (callInId: string, query: InviteeQuery, reason: string) =>
  call<number>('add_filtered_invitees', { callInId, query, reason });

export const removeInvitee = (invitationId: string) => call<InviteeList>('remove_invitee', { invitationId });

export const acknowledgeWarnings = (callInId: string, keys: string[]) =>
  call<InviteeList>('acknowledge_warnings', { callInId, keys });

export const noticeAction = (callInId: string, invitationIds: string[], action: NoticeAction) =>
  call<InviteeList>('notice_action', { callInId, invitationIds, action });

// Speakers and the run-of-show

export const listSpeakers = () => call<Speaker[]>('list_speakers');

/** Creates a speaker (no id) or edits one. */
export const saveSpeaker = (id: string | null, input: SpeakerInput) => call<Speaker>('save_speaker', { id, input });

/** The speakers the typed words find (every speaker for none). */
export const searchSpeakers = (text: string) => call<Speaker[]>('search_speakers', { text });

/** A speaker and the call-ins they were on the run-of-show of. */
export const speakerPage = (id: string) => call<SpeakerPage>('speaker_page', { id });

export const runOfShow = (callInId: string) => call<RunOfShow>('run_of_show', { callInId });

export const addSegment = (callInId: string, input: SegmentInput) =>
  call<RunOfShow>('add_segment', { callInId, input });

export const updateSegment = (id: string, input: SegmentInput) => call<RunOfShow>('update_segment', { id, input });

export const removeSegment = (id: string) => call<RunOfShow>('remove_segment', { id });

/** Moves a segment to a 0-based position. */
export const moveSegment = (id: string, position: number) => call<RunOfShow>('move_segment', { id, position });

export const assignSpeaker = (segmentId: string, speakerId: string) =>
  call<RunOfShow>('assign_speaker', { segmentId, speakerId });

export const setAssignmentStatus = (id: string, status: SpeakerAssignmentStatus) =>
  call<RunOfShow>('set_assignment_status', { id, status });

export const removeAssignment = (id: string) => call<RunOfShow>('remove_assignment', { id });

// Providers at the table

/** The providers not retired, with their services: the ones a call-in can have at its table. */
export const listProviders = () => call<Provider[]>('list_providers');

/** Creates a provider (no id) or edits one. */
export const saveProvider = (id: string | null, input: ProviderInput) =>
  call<Provider>('save_provider', { id, input });

/** Adds a service to a provider (no serviceId) or edits one. */
export const saveService = (providerId: string, serviceId: string | null, input: ServiceInput) =>
  call<Provider>('save_service', { providerId, serviceId, input });

/** Retires a provider (kept in past call-ins and referrals, no longer offered) or offers it again. */
export const retireProvider = (id: string, retired: boolean) =>
  call<Provider>('retire_provider', { id, retired });

/** Retires one of a provider's services or offers it again. */
export const retireService = (providerId: string, serviceId: string, retired: boolean) =>
  call<Provider>('retire_service', { providerId, serviceId, retired });

export const tableCoverage = (callInId: string) => call<TableCoverage>('table_coverage', { callInId });

export const setProviderPresent = (callInId: string, providerId: string, present: boolean) =>
  call<TableCoverage>('set_provider_present', { callInId, providerId, present });

// The Directory: providers, their pages, and HSDS packages in and out

/** The Directory list narrowed by the typed text, a need, a service status; retired ones when asked. */
export const directoryList = (query: DirectoryQuery) => call<ProviderSummary[]>('directory_list', { query });

/** A provider whole, the call-ins it was at, and how its referrals went. */
export const providerPage = (id: string) => call<ProviderPage>('provider_page', { id });

/**
 * Opens the system's open dialog (a folder chooser when `folder`, else a .zip or .json file
 * chooser) and reads the package; `null` when the coordinator cancels.
 */
export const hsdsOpen = (folder: boolean) => call<HsdsPreview | null>('hsds_open', { folder });

/** The preview of the open package again, with the coordinator's category mappings. */
export const hsdsPreview = (mappings: CategoryMappingInput[]) => call<HsdsPreview>('hsds_preview', { mappings });

/** Imports the open package in one transaction; refused (conflict) while its preview is blocked. */
export const hsdsImport = (mappings: CategoryMappingInput[]) =>
  call<HsdsImportResult>('hsds_import', { mappings });

/** The import screen was left: the backend lets go of the package. */
export const hsdsClose = () => call<void>('hsds_close');

/** Asks where to save (native dialog) and exports the directory; the path, or `null` when cancelled. */
export const hsdsExport = (format: HsdsFormat) => call<string | null>('hsds_export', { format });

// The day of the call-in: check-in and the offer of help

export const checkInState = (callInId: string) => call<CheckIn>('check_in_state', { callInId });

export const checkIn = (invitationId: string) => call<CheckIn>('check_in', { invitationId });

/** A walk-in: someone from the registry (personId) or a new person with the least data. */
export const walkIn = (callInId: string, personId: string | null, person: PersonInput | null) =>
  call<CheckIn>('walk_in', { callInId, personId, person });

export const undoCheckIn = (invitationId: string) => call<CheckIn>('undo_check_in', { invitationId });

/** Marks the rest No-show and the call-in Held; resolves to how many became no-shows. */
export const endCheckIn = (callInId: string) => call<number>('end_check_in', { callInId });

export const recordOffer = (invitationId: string, offer: OfferInput) =>
  call<ReferralSummary[]>('record_offer', { invitationId, offer });

export const firstContactDays = () => call<number>('first_contact_days');

export const setFirstContactDays = (days: number) => call<number>('set_first_contact_days', { days });

// Follow-ups

/** The open referrals (or those of the status asked for), first 500 in order, with counts. */
export const listReferrals = (query: ReferralQuery) => call<ReferralList>('list_referrals', { query });

export const moveReferral = (id: string, change: ReferralMove) =>
  call<ReferralHistory>('move_referral', { id, change });

export const logContactAttempt = (referralId: string, input: ContactAttemptInput) =>
  call<ReferralHistory>('log_contact_attempt', { referralId, input });

export const referralHistory = (id: string) => call<ReferralHistory>('referral_history', { id });

export const recordConsent = (id: string, input: ConsentInput) =>
  call<ReferralRow>('record_consent', { id, input });

export const listNoShows = (query: NoShowQuery) => call<NoShowRow[]>('list_no_shows', { query });

/** Plans a custom notification (done = false) or records the one that happened (done = true). */
export const customNotification = (invitationId: string, input: CustomNotificationInput, done: boolean) =>
  call<NoShowRow>('custom_notification', { invitationId, input, done });

/** Asks where to save (native dialog) and exports; null when the dialog is cancelled. */
export const exportReferrals = (query: ReferralQuery, format: ExportFormat, withIds = false) =>
  call<ExportSummary | null>('export_referrals', { query, format, withIds });

export const exportNoShows = (query: NoShowQuery, format: ExportFormat, withIds = false) =>
  call<ExportSummary | null>('export_no_shows', { query, format, withIds });

// Printing

/** The document laid out as SVG pages (the first few) for the print dialog's preview. */
export const previewDocument = (request: DocumentRequest) => call<DocumentPreview>('preview_document', { request });

/** Asks where to save (native dialog) and writes the PDF; null when the dialog is cancelled. */
export const saveDocument = (request: DocumentRequest) => call<SavedDocument | null>('save_document', { request });

export const printDocument = (request: DocumentRequest) => call<PrintOutcome>('print_document', { request });

/** Where Print sends a document: the default printer, or (none) the PDF viewer. */
export const printDestination = () => call<PrintDestination>('print_destination');

/** The letter templates, English then Spanish. */
export const letterTemplates = () => call<LetterTemplate[]>('letter_templates');

export const saveLetterTemplate = (language: LetterLanguage, text: string) =>
  call<LetterTemplate>('save_letter_template', { language, text });

export const resetLetterTemplate = (language: LetterLanguage) =>
  call<LetterTemplate>('reset_letter_template', { language });

export const printSettings = () => call<PrintSettings>('print_settings');

export const savePrintSettings = (input: PrintSettings) => call<PrintSettings>('save_print_settings', { input });
