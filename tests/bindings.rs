//! The TypeScript bindings in ui/src/lib/bindings are generated from the Rust DTOs and
//! committed. This test fails when they are stale; `UPDATE_BINDINGS=1 cargo test --test
//! bindings` rewrites them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use callin_planner::commands::backups::{
    BackupMade, BackupStatus, OwnPassphrase, PassphraseChange, SecuritySettings,
};
use callin_planner::commands::callins::CallInAction;
use callin_planner::commands::imports::{
    DuplicatePair, ImportCheck, ImportPreview, ImportResult, MergeRequest,
};
use callin_planner::commands::session::{DemoSummary, SessionStatus};
use callin_planner::domain::audit::{
    AuditChoice, AuditOptions, AuditPage, AuditQuery, AuditRow, FieldChange,
};
use callin_planner::domain::backup::{BackupContents, BackupEntry, BackupKey, BackupReason};
use callin_planner::domain::callins::{
    CallIn, CallInActions, CallInBasicsInput, CallInSummary, ChecklistItem, ChecklistItemInput,
    Readiness,
};
use callin_planner::domain::dayof::{carries_part2, CheckIn, ReferralSummary};
use callin_planner::domain::dayof::{OfferInput, ServiceChoice};
use callin_planner::domain::dedupe::MatchDecision;
use callin_planner::domain::directory::{
    DirectoryQuery, Provider, ProviderInput, ProviderPage, ProviderSummary, RunOfShow,
    SegmentInput, SegmentKind, ServiceInput, Speaker, SpeakerInput, SpeakerPage, SpeakerRole,
    TableCoverage,
};
use callin_planner::domain::directory_details::{PlaceKind, ServiceStatus};
use callin_planner::domain::exports::{ExportFormat, ExportSummary};
use callin_planner::domain::followups::{
    Consent, ConsentInput, ContactAttemptInput, ContactMethod, ContactOutcome,
    CustomNotificationInput, DueFilter, NoShowQuery, NoShowRow, ReferralHistory, ReferralList,
    ReferralMove, ReferralQuery, ReferralRow, ReferralSort,
};
use callin_planner::domain::groups::{Group, GroupInput, GroupSummary, LinkKind};
use callin_planner::domain::hsds_import::{
    CategoryMappingInput, ChangeKind, HsdsFormat, HsdsImportResult, HsdsLayout, HsdsPreview,
    MappingKind, MappingOrigin, MatchedBy,
};
use callin_planner::domain::import::ImportSummary;
use callin_planner::domain::import::{ImportPlan, RowStatus};
use callin_planner::domain::invitations::{
    check_removable, DeliveryMethod, InviteeCandidate, InviteeList, InviteeQuery, NoticeAction,
};
use callin_planner::domain::labels;
use callin_planner::domain::labels::Labelled;
use callin_planner::domain::letters::{LetterLanguage, LetterTemplate, Placeholder};
use callin_planner::domain::lifecycle::{
    CallInStatus, IneligibleReason, InvitationStatus, Lifecycle, OfferResponse, ReferralStatus,
    SpeakerAssignmentStatus,
};
use callin_planner::domain::people::{
    AuditEntry, NeedCategory, Page, PeopleFilterOptions, PeopleQuery, PeopleSort, Person,
    PersonInput, PersonRow,
};
use callin_planner::domain::printing::{
    DocumentPreview, DocumentRequest, PrintDestination, PrintOutcome, PrintSettings, SavedDocument,
};
use callin_planner::domain::warnings::{Warning, WarningKind};
use callin_planner::error::{ErrorCode, ErrorPayload};
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    macro_rules! export {
        ($($t:ty),+ $(,)?) => { $( <$t as TS>::export_all(&cfg).expect(stringify!($t)); )+ };
    }
    export!(
        AuditQuery,
        AuditPage,
        AuditRow,
        FieldChange,
        AuditOptions,
        AuditChoice,
        BackupStatus,
        BackupMade,
        BackupEntry,
        BackupContents,
        BackupKey,
        BackupReason,
        OwnPassphrase,
        PassphraseChange,
        SecuritySettings,
        ImportPreview,
        ImportCheck,
        ImportPlan,
        ImportResult,
        ImportSummary,
        MatchDecision,
        RowStatus,
        DuplicatePair,
        MergeRequest,
        ErrorPayload,
        SessionStatus,
        DemoSummary,
        PersonInput,
        Person,
        PersonRow,
        Page<PersonRow>,
        PeopleQuery,
        PeopleSort,
        PeopleFilterOptions,
        NeedCategory,
        GroupInput,
        Group,
        GroupSummary,
        LinkKind,
        AuditEntry,
        CallInStatus,
        InvitationStatus,
        IneligibleReason,
        OfferResponse,
        SpeakerAssignmentStatus,
        ReferralStatus,
        CallIn,
        CallInBasicsInput,
        CallInSummary,
        CallInAction,
        ChecklistItem,
        ChecklistItemInput,
        Readiness,
        Warning,
        WarningKind,
        InviteeQuery,
        InviteeCandidate,
        Page<InviteeCandidate>,
        InviteeList,
        NoticeAction,
        DeliveryMethod,
        Speaker,
        SpeakerInput,
        SpeakerRole,
        SegmentInput,
        SegmentKind,
        RunOfShow,
        Provider,
        ProviderInput,
        ServiceInput,
        TableCoverage,
        ServiceStatus,
        PlaceKind,
        DirectoryQuery,
        ProviderSummary,
        ProviderPage,
        SpeakerPage,
        HsdsPreview,
        HsdsLayout,
        ChangeKind,
        MatchedBy,
        MappingKind,
        MappingOrigin,
        CategoryMappingInput,
        HsdsImportResult,
        HsdsFormat,
        CheckIn,
        ReferralSummary,
        OfferInput,
        ServiceChoice,
        ReferralMove,
        ContactAttemptInput,
        ContactMethod,
        ContactOutcome,
        ReferralHistory,
        ReferralQuery,
        ReferralList,
        ReferralRow,
        ReferralSort,
        DueFilter,
        Consent,
        ConsentInput,
        NoShowQuery,
        NoShowRow,
        CustomNotificationInput,
        ExportFormat,
        ExportSummary,
        DocumentRequest,
        DocumentPreview,
        SavedDocument,
        PrintOutcome,
        PrintDestination,
        PrintSettings,
        LetterLanguage,
        LetterTemplate,
        Placeholder,
    );
    std::fs::write(dir.join("labels.ts"), labels_ts()).unwrap();
    std::fs::write(dir.join("rules.ts"), rules_ts()).unwrap();
    std::fs::write(dir.join("lifecycles.ts"), lifecycles_ts()).unwrap();
    std::fs::write(dir.join("letterDefaults.ts"), letter_defaults_ts()).unwrap();
}

/// `letterDefaults.ts`: the letters' texts as the backend sends them before any edit, and
/// the placeholders every template lists, for the UI tests' fakes only.
fn letter_defaults_ts() -> String {
    let texts: BTreeMap<String, String> = LetterLanguage::ALL
        .iter()
        .map(|l| {
            let code = serde_json::to_value(l)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned();
            (code, l.default_text().to_owned())
        })
        .collect();
    let placeholders = LetterTemplate::new(LetterLanguage::English, None).placeholders;
    format!(
        "// Generated from src-tauri/domain/letters.rs by tests/bindings.rs. Do not edit.\n\
         // For the UI tests' fakes only: the letters as the backend sends them unedited.\n\n\
         import type {{ LetterLanguage }} from './LetterLanguage';\n\
         import type {{ Placeholder }} from './Placeholder';\n\n\
         export const defaultTexts: Record<LetterLanguage, string> = {};\n\n\
         export const placeholders: Placeholder[] = {};\n",
        serde_json::to_string_pretty(&texts).unwrap(),
        serde_json::to_string_pretty(&placeholders).unwrap()
    )
}

/// One lifecycle's table: each status and the statuses it can move to.
fn next_table<L: Lifecycle + serde::Serialize>() -> String {
    let rows: Vec<String> = L::values()
        .iter()
        .map(|s| format!("    {}: {},", s.code(), ts_list(s.next())))
        .collect();
    format!(
        "  {0}: {{\n{1}\n  }} satisfies Record<{0}, {0}[]>,\n",
        L::NAME,
        rows.join("\n")
    )
}

/// `lifecycles.ts`: the backend's lifecycles and call-in actions, for the UI tests'
/// fakes, so that they answer with the `next` and `allowed` the backend would send.
/// Screens never import it (tests/commands.rs checks): they show what each DTO carries.
fn lifecycles_ts() -> String {
    let mut out = String::from(
        "// Generated from src-tauri/domain/lifecycle.rs by tests/bindings.rs. Do not edit.
// For the UI tests' fakes only: screens show the `next` and `allowed` each DTO carries.

import type { CallInActions } from './CallInActions';
import type { CallInStatus } from './CallInStatus';
import type { InvitationStatus } from './InvitationStatus';
import type { ReferralStatus } from './ReferralStatus';
import type { SpeakerAssignmentStatus } from './SpeakerAssignmentStatus';

/** The statuses each status can move to (`Lifecycle::next`). */
export const next = {
",
    );
    out.push_str(&next_table::<CallInStatus>());
    out.push_str(&next_table::<InvitationStatus>());
    out.push_str(&next_table::<SpeakerAssignmentStatus>());
    out.push_str(&next_table::<ReferralStatus>());
    out.push_str("};\n\n/** What a call-in in each status allows (`CallInActions::of`). */\nexport const callInActions = {\n");
    for s in CallInStatus::ALL {
        out.push_str(&format!(
            "  {}: {},\n",
            s.code(),
            serde_json::to_string(&CallInActions::of(*s)).unwrap()
        ));
    }
    out.push_str("} satisfies Record<CallInStatus, CallInActions>;\n\n");
    out.push_str("/** Whether an invitee in each status can still be taken off the list (`check_removable`). */\nexport const invitationRemovable = {\n");
    for s in InvitationStatus::ALL {
        out.push_str(&format!(
            "  {}: {},\n",
            s.code(),
            check_removable(*s).is_ok()
        ));
    }
    out.push_str("} satisfies Record<InvitationStatus, boolean>;\n");
    out
}

fn ts_list<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|i| serde_json::to_string(&i).unwrap().replace('"', "'"))
        .collect();
    format!("[{}]", items.join(", "))
}

/// `rules.ts`: the few facts the screens need before any data arrives, from the
/// backend's own rules (so the UI keeps no copy of them).
fn rules_ts() -> String {
    format!(
        "// Generated from the backend's rules by tests/bindings.rs. Do not edit.\n\n\
         import type {{ ErrorCode }} from './ErrorCode';\n\
         import type {{ NeedCategory }} from './NeedCategory';\n\n\
         /** Every error code the backend sends (src-tauri/error.rs). */\n\
         export const ERROR_CODES: ErrorCode[] = {};\n\n\
         /** The needs whose referrals carry the 42 CFR Part 2 flag (domain/dayof.rs, carries_part2). */\n\
         export const PART2_NEEDS: NeedCategory[] = {};\n",
        ts_list(ErrorCode::ALL),
        ts_list(NeedCategory::ALL.iter().filter(|n| carries_part2(**n))),
    )
}

/// `labels.ts`: every enum's values in order and their labels, from `domain::labels`.
fn labels_ts() -> String {
    let tables = labels::tables();
    let mut out = String::from(
        "// Generated from src-tauri/domain/labels.rs by tests/bindings.rs. Do not edit.\n\n",
    );
    for t in &tables {
        out.push_str(&format!("import type {{ {0} }} from './{0}';\n", t.name));
    }
    out.push_str("\nexport type Label = { en: string; es: string };\n\n");
    out.push_str("/** Every value of each enum, in the order screens list them. */\nexport const values = {\n");
    for t in &tables {
        let codes: Vec<String> = t.rows.iter().map(|(c, _)| format!("'{c}'")).collect();
        out.push_str(&format!(
            "  {}: [{}] as {}[],\n",
            t.name,
            codes.join(", "),
            t.name
        ));
    }
    out.push_str("};\n\n/** The one label of each value, in English and Spanish. */\nexport const labels = {\n");
    for t in &tables {
        out.push_str(&format!("  {}: {{\n", t.name));
        for (code, l) in &t.rows {
            out.push_str(&format!(
                "    {code}: {{ en: {}, es: {} }},\n",
                serde_json::to_string(l.en).unwrap(),
                serde_json::to_string(l.es).unwrap()
            ));
        }
        out.push_str(&format!("  }} satisfies Record<{}, Label>,\n", t.name));
    }
    out.push_str("};\n");
    out
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ts") {
                files.insert(
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&path).unwrap(),
                );
            }
        }
    }
    files
}

#[test]
fn typescript_bindings_are_current() {
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let fresh = common::temp_dir();
    export_all(fresh.path());
    let generated = read_dir(fresh.path());
    assert!(generated.contains_key("Person.ts"));
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<&String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|name| generated.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/bindings is stale for {stale:?}: run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit"
    );
}
