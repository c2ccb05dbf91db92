//! The audit log covers every change, and nothing a coordinator types leaks (issue 12).
//!
//! (A) Every command of `command_list!` is classified here: a `Write` runs a short scenario
//! and proves the command, called once with valid input, is one write transaction that
//! adds audit entries naming the record it changed; a `Read` is called and proven to change
//! no row at all. A command added to `command_list!` without a line here fails the test, so
//! whoever adds it must say which it is.
//!
//! (B) Distinctive values typed through every form (and the passphrases) are looked for,
//! as raw bytes, in every file the app keeps: the support log, the database and its WAL,
//! every backup, the unlock-attempts file; while unlocked and after locking.
//!
//! The support log starts once a process; only (B) starts it, in its own data folder.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use callin_planner::commands::callins::CallInAction;
use callin_planner::commands::{
    audit, backups, callins, dayof, directory, followups, groups, hsds, imports, invitations,
    people, printing, session,
};
use callin_planner::domain::audit::AuditQuery;
use callin_planner::domain::backup::{BackupKey, BackupReason};
use callin_planner::domain::callins::{CallInBasicsInput, ChecklistItemInput};
use callin_planner::domain::dayof::{OfferInput, ServiceChoice};
use callin_planner::domain::directory::{
    ProviderInput, SegmentInput, SegmentKind, ServiceInput, SpeakerInput, SpeakerRole,
};
use callin_planner::domain::directory_details::{
    AddressInput, ContactInput, LocationInput, PhoneInput,
};
use callin_planner::domain::exports::ExportFormat;
use callin_planner::domain::followups::{
    Consent, ConsentInput, ContactAttemptInput, ContactMethod, ContactOutcome,
    CustomNotificationInput, NoShowQuery, ReferralMove, ReferralQuery,
};
use callin_planner::domain::groups::{GroupInput, LinkKind};
use callin_planner::domain::hsds_import::HsdsFormat;
use callin_planner::domain::import::ImportPlan;
use callin_planner::domain::invitations::{DeliveryMethod, InviteeQuery, NoticeAction};
use callin_planner::domain::letters::LetterLanguage;
use callin_planner::domain::lifecycle::{OfferResponse, ReferralStatus, SpeakerAssignmentStatus};
use callin_planner::domain::people::{MembershipInput, NeedCategory, PeopleQuery, SupervisionType};
use callin_planner::domain::printing::{DocumentRequest, PrintSettings};
use callin_planner::domain::time::today;
use callin_planner::error::AppResult;
use callin_planner::printer::Printer;
use callin_planner::state::AppState;
use common::call_in_day::{after_the_call_in, day, Day};
use common::{fingerprint, temp_dir, unlocked_app, TempDir, PASSPHRASE};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The name of every entry of `command_list!` (read as `tests/commands.rs` reads it).
fn registered_commands() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("src-tauri/commands/mod.rs")).unwrap();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("$crate::commands::"))
        .map(|l| {
            let (_area, name) = l.trim_end_matches(',').split_once("::").unwrap();
            name.to_string()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// (A) Every command classified

/// What a command does to the data.
enum Class {
    /// Changes no row: called on a world with data in it, with valid input; it must
    /// succeed and leave `writes()` and every row (audit log included) as they were.
    Read(fn(&World) -> AppResult<()>),
    /// Changes no row and cannot be called here (why).
    NotCalled(&'static str),
    /// Changes rows: the scenario sets up what it needs and calls the command once
    /// through [`check`].
    Write(fn() -> Checked),
}

/// One audit entry: id, kind of record, record id, action.
type Entry = (String, String, Option<String>, String);

fn entries(app: &AppState) -> AppResult<Vec<Entry>> {
    app.read(|db| {
        let mut stmt = db.prepare("SELECT id, entity, entity_id, action FROM audit_entries")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
}

/// What one call of a changing command did.
struct Checked {
    result: Result<(), String>,
    writes: u64,
    expected_writes: u64,
    count_before: usize,
    count_after: usize,
    /// The entries that were not in the log before the call.
    new: Vec<Entry>,
    entity: &'static str,
    id: Option<String>,
    /// The call replaces the database (and so its log) with another.
    log_replaced: bool,
}

impl Checked {
    /// A restore replaces the whole database, its audit log with it, by the backup's: the
    /// count of entries is the backup's plus the restore's own, not the count before.
    fn log_replaced(mut self) -> Self {
        self.log_replaced = true;
        self
    }

    /// What is wrong with it, if anything.
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Err(e) = &self.result {
            out.push(format!("returned an error with valid input: {e}"));
            return out;
        }
        if self.writes != self.expected_writes {
            out.push(format!(
                "made {} write transactions, not {}",
                self.writes, self.expected_writes
            ));
        }
        if !self.log_replaced && self.count_after <= self.count_before {
            out.push(format!(
                "the audit log has {} entries after the call, {} before",
                self.count_after, self.count_before
            ));
        }
        if self.new.is_empty() {
            out.push("added no audit entry".into());
        } else if !self.new.iter().any(|e| e.1 == self.entity) {
            out.push(format!(
                "added no audit entry about a {} (it added {:?})",
                self.entity, self.new
            ));
        }
        if let Some(id) = &self.id {
            if !self
                .new
                .iter()
                .any(|e| e.1 == self.entity && e.2.as_deref() == Some(id.as_str()))
            {
                out.push(format!(
                    "added no audit entry naming the {} {id} (it added {:?})",
                    self.entity, self.new
                ));
            }
        }
        out
    }
}

/// Calls `call` (one command's plain function) once on `app` and records what it did:
/// the write transactions it committed and the audit entries it added, which must include
/// one about a record of kind `entity` (and with the id `id` gives, when it gives one).
/// The HSDS 3.0 example package (a folder) kept in tests/fixtures.
fn hsds_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds-3.0")
}

fn check<T>(
    app: &AppState,
    entity: &'static str,
    call: impl FnOnce() -> AppResult<T>,
    id: impl FnOnce(&T) -> Option<String>,
) -> Checked {
    let before = entries(app).expect("the audit log before the call");
    let writes = app.writes();
    let result = call();
    let writes = app.writes() - writes;
    let after = entries(app).unwrap_or_default();
    let known: BTreeSet<&String> = before.iter().map(|e| &e.0).collect();
    let (count_before, count_after) = (before.len(), after.len());
    let new = after
        .into_iter()
        .filter(|e| !known.contains(&e.0))
        .collect();
    let (result, id) = match result {
        Ok(v) => (Ok(()), id(&v)),
        Err(e) => (Err(format!("{e} ({:?})", e.code())), None),
    };
    Checked {
        result,
        writes,
        expected_writes: 1,
        count_before,
        count_after,
        new,
        entity,
        id,
        log_replaced: false,
    }
}

/// The record id a call is expected to name, known before the call.
fn the<T>(id: &str) -> impl FnOnce(&T) -> Option<String> + '_ {
    move |_| Some(id.to_owned())
}

fn basics(title: &str) -> CallInBasicsInput {
    CallInBasicsInput {
        title: title.into(),
        date: "2027-03-14".into(),
        start_time: "18:00".into(),
        time_zone: "America/New_York".into(),
        expected_minutes: Some(90),
        venue_name: "Hall".into(),
        venue_capacity: Some(30),
        ..Default::default()
    }
}

fn draft(app: &AppState) -> String {
    callins::create(app, &basics("Spring")).unwrap().id
}

fn group(app: &AppState, name: &str) -> String {
    groups::create(
        app,
        &GroupInput {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn someone(app: &AppState, first: &str, last: &str) -> String {
    people::create(app, &common::person(first, last))
        .unwrap()
        .id
}

fn segment(kind: SegmentKind, minutes: u32) -> SegmentInput {
    SegmentInput {
        kind: Some(kind),
        title: String::new(),
        minutes,
    }
}

fn speaker(app: &AppState) -> String {
    directory::save_speaker_of(
        app,
        None,
        &SpeakerInput {
            name: "Rev. Ellis".into(),
            role: Some(SpeakerRole::Clergy),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// A call-in with one segment and a speaker assigned to it: (call-in, segment, assignment).
fn assigned(app: &AppState) -> (String, String, String) {
    let c = draft(app);
    let show = directory::add_segment_to(app, &c, &segment(SegmentKind::Welcome, 10)).unwrap();
    let seg = show.segments[0].id.clone();
    let show = directory::assign(app, &seg, &speaker(app)).unwrap();
    let a = show.segments[0].speakers[0].id.clone();
    (c, seg, a)
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A roster file opened for import, and the plan that imports it as it is.
fn opened_roster(app: &AppState, dir: &Path) -> ImportPlan {
    let path = write_file(dir, "roster.csv", b"Last,First\nZed,Zoe\nRoe,Rick\n");
    let preview = imports::open(app, &path).unwrap();
    ImportPlan {
        sheet: preview.sheet.clone(),
        mapping: preview.mapping.clone(),
        ..Default::default()
    }
}

fn contact(on: &str) -> ContactAttemptInput {
    ContactAttemptInput {
        attempted_on: on.into(),
        method: Some(ContactMethod::Phone),
        by_whom: "J. Ortiz".into(),
        outcome: Some(ContactOutcome::LeftMessage),
        note: "Left a message".into(),
        next_due_on: None,
    }
}

/// The invitation of the one no-show of [`after_the_call_in`] (Kevin).
fn no_show(d: &Day) -> String {
    followups::no_shows(&d.app, &NoShowQuery::default()).unwrap()[0]
        .invitation_id
        .clone()
}

/// Every command of `command_list!`, classified. A new command must be added here.
fn table() -> Vec<(&'static str, Class)> {
    use Class::{NotCalled, Read, Write};
    vec![
        // ---- session
        ("session_status", Read(|w| session::status(&w.app).map(drop))),
        (
            "create_database",
            // Makes the database file itself (its schema, no row of anyone's data): there
            // is no log to write to before it exists. Called on a folder of its own.
            Read(|_| {
                let dir = temp_dir();
                let app = AppState::new(dir.path());
                session::create(&app, PASSPHRASE, PASSPHRASE)?;
                assert_eq!(app.writes(), 0);
                Ok(())
            }),
        ),
        (
            "unlock",
            // Opens the database; a wrong passphrase is counted in unlock-attempts.json,
            // outside the database.
            Read(|w| {
                session::close(&w.app)?;
                session::open(&w.app, PASSPHRASE).map(drop)
            }),
        ),
        (
            "lock",
            Read(|w| {
                session::close(&w.app)?;
                session::open(&w.app, PASSPHRASE).map(drop)
            }),
        ),
        (
            "load_demo_data",
            Write(|| {
                let (_d, app) = unlocked_app();
                check(&app, "person", || session::load_demo(&app), |_| None)
            }),
        ),
        ("session_activity", Read(|w| session::activity(&w.app).map(drop))),
        (
            "answer_close",
            NotCalled("the page's answer to the window's close button: needs an AppHandle and may end the app; touches no data"),
        ),
        // ---- audit log
        (
            "audit_log",
            Read(|w| audit::page(&w.app, &AuditQuery::default()).map(drop)),
        ),
        ("audit_options", Read(|w| audit::options(&w.app).map(drop))),
        (
            "export_audit_log",
            // The handler asks where to save in the native dialog; the same code with the
            // answer given.
            Read(|w| {
                let out = w.files.path().join("audit.csv");
                let made = audit::export_asking(
                    &w.app,
                    &AuditQuery::default(),
                    ExportFormat::Csv,
                    |_| Some(out.clone()),
                )?;
                assert!(made.is_some() && out.is_file());
                Ok(())
            }),
        ),
        // ---- backups and security
        ("backup_status", Read(|w| backups::status(&w.app).map(drop))),
        (
            "choose_backup_folder",
            // Opens the native folder dialog (needs a window), then runs exactly what
            // set_backup_folder runs with the folder picked: that code, called here.
            Write(|| {
                let (d, app) = unlocked_app();
                let folder = d.path().join("usb");
                std::fs::create_dir(&folder).unwrap();
                check(
                    &app,
                    "setting",
                    || backups::set_folder(&app, folder.to_str().unwrap()),
                    |_| Some("backup.folder".into()),
                )
            }),
        ),
        (
            "set_backup_folder",
            Write(|| {
                let (d, app) = unlocked_app();
                let folder = d.path().join("usb");
                std::fs::create_dir(&folder).unwrap();
                check(
                    &app,
                    "setting",
                    || backups::set_folder(&app, folder.to_str().unwrap()),
                    |_| Some("backup.folder".into()),
                )
            }),
        ),
        (
            "set_automatic_backups",
            Write(|| {
                let (_d, app) = unlocked_app();
                check(
                    &app,
                    "setting",
                    || backups::set_automatic(&app, false),
                    |_| Some("backup.automatic".into()),
                )
            }),
        ),
        (
            "make_backup",
            // The file is made first (no write), then its audit entry: one write.
            Write(|| {
                let (_d, app) = unlocked_app();
                someone(&app, "Ana", "Peña");
                check(
                    &app,
                    "database",
                    || backups::backup_now(&app, None),
                    |_| Some("backup".into()),
                )
            }),
        ),
        (
            "scheduled_backup",
            // Changes no row: it copies the database to a new backup file (and rotation may
            // remove older automatic ones) without an audit entry, unlike make_backup. The
            // world has no backup yet, so the daily one is due and made here.
            Read(|w| {
                let made = backups::scheduled(&w.app)?;
                assert!(made.is_some(), "the daily backup was due");
                Ok(())
            }),
        ),
        ("list_backups", Read(|w| backups::list(&w.app).map(drop))),
        (
            "choose_backup_file",
            NotCalled("only opens the native open dialog (needs a window) and returns the path picked"),
        ),
        (
            "inspect_backup_file",
            Read(|w| {
                backups::inspect_backup(&w.app, w.backup.to_str().unwrap(), PASSPHRASE).map(drop)
            }),
        ),
        (
            "restore_backup",
            // Checks the backup, keeps the current database as a backup, swaps the backup
            // in (no write through AppState::write), then writes its one audit entry.
            Write(|| {
                let (_d, app) = unlocked_app();
                someone(&app, "Ana", "Peña");
                let made = backups::backup_now(&app, None).unwrap();
                check(
                    &app,
                    "database",
                    || backups::restore(&app, &made.entry.path, PASSPHRASE),
                    |_| Some("backup".into()),
                )
                .log_replaced()
            }),
        ),
        (
            "change_passphrase",
            // Re-keys a copy and swaps it in (no write through AppState::write), writes its
            // one audit entry, then makes a backup under the new passphrase (no write).
            Write(|| {
                let (_d, app) = unlocked_app();
                let change = backups::PassphraseChange {
                    current: PASSPHRASE.into(),
                    new_passphrase: "another horse 43".into(),
                    confirmation: "another horse 43".into(),
                };
                check(
                    &app,
                    "database",
                    || backups::rekey(&app, &change),
                    |_| Some("passphrase".into()),
                )
            }),
        ),
        ("security_settings", Read(|w| backups::security(&w.app).map(drop))),
        (
            "set_idle_lock_minutes",
            Write(|| {
                let (_d, app) = unlocked_app();
                check(
                    &app,
                    "setting",
                    || backups::set_idle_lock(&app, 10),
                    |_| Some("security.idle_lock_minutes".into()),
                )
            }),
        ),
        // ---- people
        (
            "search_people",
            Read(|w| people::search(&w.app, &PeopleQuery::default()).map(drop)),
        ),
        ("people_filter_options", Read(|w| people::filter_options(&w.app).map(drop))),
        ("get_person", Read(|w| people::get(&w.app, &w.person).map(drop))),
        (
            "create_person",
            Write(|| {
                let (_d, app) = unlocked_app();
                let input = common::person("Ana", "Peña");
                check(
                    &app,
                    "person",
                    || people::create(&app, &input),
                    |p| Some(p.id.clone()),
                )
            }),
        ),
        (
            "update_person",
            Write(|| {
                let (_d, app) = unlocked_app();
                let p = people::create(&app, &common::person("Ana", "Peña")).unwrap();
                let mut input = p.to_input();
                input.phone = "555-0100".into();
                check(&app, "person", || people::update(&app, &p.id, &input), the(&p.id))
            }),
        ),
        (
            "archive_person",
            Write(|| {
                let (_d, app) = unlocked_app();
                let p = someone(&app, "Ana", "Peña");
                check(&app, "person", || people::archive(&app, &p), the(&p))
            }),
        ),
        (
            "restore_person",
            Write(|| {
                let (_d, app) = unlocked_app();
                let p = someone(&app, "Ana", "Peña");
                people::archive(&app, &p).unwrap();
                check(&app, "person", || people::restore(&app, &p), the(&p))
            }),
        ),
        ("person_history", Read(|w| people::history(&w.app, &w.person).map(drop))),
        // ---- imports and duplicates
        (
            "import_open_file",
            // The handler asks for the file in the native dialog, then runs `open` on it:
            // the file is read into memory, nothing is written.
            Read(|w| imports::open(&w.app, &w.csv).map(drop)),
        ),
        (
            "import_choose_sheet",
            Read(|w| {
                imports::open(&w.app, &w.xlsx)?;
                imports::choose_sheet(&w.app, "Roster").map(drop)
            }),
        ),
        (
            "import_check",
            Read(|w| {
                let preview = imports::open(&w.app, &w.csv)?;
                let plan = ImportPlan {
                    mapping: preview.mapping,
                    ..Default::default()
                };
                imports::check(&w.app, &plan).map(drop)
            }),
        ),
        (
            "import_commit",
            // The backup before the import is a file (no write); the import is one write.
            Write(|| {
                let (d, app) = unlocked_app();
                let plan = opened_roster(&app, d.path());
                check(
                    &app,
                    "import",
                    || imports::commit(&app, &plan),
                    |r| Some(r.import_id.clone()),
                )
            }),
        ),
        (
            "import_close",
            Read(|w| {
                imports::open(&w.app, &w.csv)?;
                imports::forget(&w.app)
            }),
        ),
        (
            "import_save_mapping",
            Write(|| {
                let (d, app) = unlocked_app();
                let plan = opened_roster(&app, d.path());
                check(
                    &app,
                    "import_mapping",
                    || imports::save_mapping(&app, "County probation", &plan.mapping),
                    |_| Some("County probation".into()),
                )
            }),
        ),
        (
            "import_undo",
            Write(|| {
                let (d, app) = unlocked_app();
                let plan = opened_roster(&app, d.path());
                let id = imports::commit(&app, &plan).unwrap().import_id;
                check(&app, "import", || imports::undo(&app, &id), the(&id))
            }),
        ),
        ("list_imports", Read(|w| imports::list(&w.app).map(drop))),
        (
            "possible_duplicate_people",
            Read(|w| imports::possible_duplicates(&w.app).map(drop)),
        ),
        (
            "dismiss_duplicate",
            Write(|| {
                let (_d, app) = unlocked_app();
                let a = someone(&app, "Ana", "Peña");
                let b = someone(&app, "Ana", "Pena");
                check(&app, "person", || imports::dismiss(&app, &a, &b), the(&a))
            }),
        ),
        (
            "merge_people",
            Write(|| {
                let (_d, app) = unlocked_app();
                let keep = someone(&app, "Ana", "Peña");
                let merge = someone(&app, "Ana", "Pena");
                let req = imports::MergeRequest {
                    keep_id: keep.clone(),
                    merge_id: merge.clone(),
                    take_from_merged: vec![],
                };
                check(&app, "person", || imports::merge(&app, &req), the(&merge))
            }),
        ),
        // ---- groups
        ("list_groups", Read(|w| groups::list(&w.app).map(drop))),
        ("get_group", Read(|w| groups::get(&w.app, &w.group).map(drop))),
        (
            "create_group",
            Write(|| {
                let (_d, app) = unlocked_app();
                let input = GroupInput {
                    name: "Maple Street".into(),
                    ..Default::default()
                };
                check(
                    &app,
                    "group",
                    || groups::create(&app, &input),
                    |g| Some(g.id.clone()),
                )
            }),
        ),
        (
            "update_group",
            Write(|| {
                let (_d, app) = unlocked_app();
                let g = group(&app, "Maple Street");
                let input = GroupInput {
                    name: "Maple Street Crew".into(),
                    area: "North".into(),
                    notes: String::new(),
                };
                check(&app, "group", || groups::update(&app, &g, &input), the(&g))
            }),
        ),
        (
            "add_group_member",
            Write(|| {
                let (_d, app) = unlocked_app();
                let g = group(&app, "Maple Street");
                let p = someone(&app, "Ana", "Peña");
                check(
                    &app,
                    "group_membership",
                    || groups::add_member(&app, &g, &p, "leader"),
                    |_| None,
                )
            }),
        ),
        (
            "remove_group_member",
            Write(|| {
                let (_d, app) = unlocked_app();
                let g = group(&app, "Maple Street");
                let p = someone(&app, "Ana", "Peña");
                groups::add_member(&app, &g, &p, "").unwrap();
                check(
                    &app,
                    "group_membership",
                    || groups::remove_member(&app, &g, &p),
                    |_| None,
                )
            }),
        ),
        (
            "link_groups",
            Write(|| {
                let (_d, app) = unlocked_app();
                let a = group(&app, "Maple Street");
                let b = group(&app, "Riverside");
                check(
                    &app,
                    "group_link",
                    || groups::link(&app, &a, &b, LinkKind::Feud),
                    |g| Some(g.links[0].id.clone()),
                )
            }),
        ),
        (
            "unlink_groups",
            Write(|| {
                let (_d, app) = unlocked_app();
                let a = group(&app, "Maple Street");
                let b = group(&app, "Riverside");
                let link = groups::link(&app, &a, &b, LinkKind::Feud).unwrap().links[0]
                    .id
                    .clone();
                check(
                    &app,
                    "group_link",
                    || groups::unlink(&app, &a, &link),
                    the(&link),
                )
            }),
        ),
        // ---- call-ins
        ("list_call_ins", Read(|w| callins::list(&w.app).map(drop))),
        ("get_call_in", Read(|w| callins::get(&w.app, &w.call_in).map(drop))),
        (
            "create_call_in",
            Write(|| {
                let (_d, app) = unlocked_app();
                let input = basics("Spring");
                check(
                    &app,
                    "call_in",
                    || callins::create(&app, &input),
                    |c| Some(c.id.clone()),
                )
            }),
        ),
        (
            "update_call_in",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let input = basics("Spring, moved");
                check(&app, "call_in", || callins::update(&app, &c, &input), the(&c))
            }),
        ),
        (
            "set_wizard_step",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                check(&app, "call_in", || callins::set_step(&app, &c, 3), the(&c))
            }),
        ),
        (
            "call_in_readiness",
            Read(|w| callins::readiness(&w.app, &w.call_in).map(drop)),
        ),
        (
            "call_in_action",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let cancel = CallInAction::Cancel {
                    reason: "Venue flooded".into(),
                };
                check(&app, "call_in", || callins::act(&app, &c, &cancel), the(&c))
            }),
        ),
        ("checklist", Read(|w| callins::checklist_of(&w.app, &w.call_in).map(drop))),
        (
            "add_checklist_item",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let input = ChecklistItemInput {
                    label: "Book the interpreter".into(),
                    ..Default::default()
                };
                check(
                    &app,
                    "checklist_item",
                    || callins::add_item(&app, &c, &input),
                    |i| Some(i.id.clone()),
                )
            }),
        ),
        (
            "update_checklist_item",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let item = callins::checklist_of(&app, &c).unwrap()[0].clone();
                let input = ChecklistItemInput {
                    label: item.label.clone(),
                    owner: "J. Ortiz".into(),
                    due_on: None,
                    done: true,
                };
                check(
                    &app,
                    "checklist_item",
                    || callins::update_item(&app, &item.id, &input),
                    the(&item.id),
                )
            }),
        ),
        (
            "remove_checklist_item",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let item = callins::checklist_of(&app, &c).unwrap()[0].id.clone();
                check(
                    &app,
                    "checklist_item",
                    || callins::remove_item(&app, &item),
                    the(&item),
                )
            }),
        ),
        // ---- invitations
        (
            "invitee_candidates",
            Read(|w| {
                invitations::candidates(&w.app, &w.call_in, &InviteeQuery::default()).map(drop)
            }),
        ),
        (
            "list_invitations",
            Read(|w| invitations::list(&w.app, &w.call_in).map(drop)),
        ),
        (
            "add_invitee",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let p = someone(&app, "Ana", "Peña");
                check(
                    &app,
                    "invitation",
                    || invitations::add(&app, &c, &p, "Group member"),
                    |l| Some(l.invitations[0].id.clone()),
                )
            }),
        ),
        (
            "add_filtered_invitees",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                someone(&app, "Ana", "Peña");
                let q = InviteeQuery::default();
                check(
                    &app,
                    "invitation",
                    || invitations::add_filtered(&app, &c, &q, "Sweep"),
                    |_| None,
                )
            }),
        ),
        (
            "remove_invitee",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let p = someone(&app, "Ana", "Peña");
                let inv = invitations::add(&app, &c, &p, "").unwrap().invitations[0]
                    .id
                    .clone();
                check(
                    &app,
                    "invitation",
                    || invitations::remove(&app, &inv),
                    the(&inv),
                )
            }),
        ),
        (
            "acknowledge_warnings",
            Write(|| {
                let (_d, app) = unlocked_app();
                // A room for one, two invited: an over-capacity warning.
                let mut b = basics("Small room");
                b.venue_capacity = Some(1);
                let c = callins::create(&app, &b).unwrap().id;
                for (f, l) in [("Ana", "Peña"), ("Omar", "Haddad")] {
                    let p = someone(&app, f, l);
                    invitations::add(&app, &c, &p, "").unwrap();
                }
                let keys: Vec<String> = invitations::list(&app, &c)
                    .unwrap()
                    .warnings
                    .iter()
                    .map(|w| w.key.clone())
                    .collect();
                assert!(!keys.is_empty(), "a warning to acknowledge");
                check(
                    &app,
                    "call_in",
                    || invitations::acknowledge(&app, &c, &keys),
                    the(&c),
                )
            }),
        ),
        (
            "notice_action",
            Write(|| {
                let d = day();
                // The fourth invitee is vetted only: issue the notice.
                let issue = NoticeAction::Issue {
                    method: DeliveryMethod::Officer,
                    delivered_by: "R. Carter".into(),
                    issued_on: today().to_string(),
                };
                let ids = vec![d.inv[3].clone()];
                check(
                    &d.app,
                    "invitation",
                    || invitations::notice(&d.app, &d.call_in, &ids, &issue),
                    the(&d.inv[3]),
                )
            }),
        ),
        // ---- directory, run-of-show and table
        ("list_speakers", Read(|w| directory::speakers(&w.app).map(drop))),
        (
            "save_speaker",
            Write(|| {
                let (_d, app) = unlocked_app();
                let input = SpeakerInput {
                    name: "Rev. Ellis".into(),
                    role: Some(SpeakerRole::Clergy),
                    ..Default::default()
                };
                check(
                    &app,
                    "speaker",
                    || directory::save_speaker_of(&app, None, &input),
                    |s| Some(s.id.clone()),
                )
            }),
        ),
        ("run_of_show", Read(|w| directory::show_of(&w.app, &w.call_in).map(drop))),
        (
            "add_segment",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let input = segment(SegmentKind::Welcome, 10);
                check(
                    &app,
                    "agenda_segment",
                    || directory::add_segment_to(&app, &c, &input),
                    |s| Some(s.segments[0].id.clone()),
                )
            }),
        ),
        (
            "update_segment",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let show =
                    directory::add_segment_to(&app, &c, &segment(SegmentKind::Welcome, 10))
                        .unwrap();
                let s = show.segments[0].id.clone();
                let input = segment(SegmentKind::Welcome, 15);
                check(
                    &app,
                    "agenda_segment",
                    || directory::update_segment_of(&app, &s, &input),
                    the(&s),
                )
            }),
        ),
        (
            "remove_segment",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let show =
                    directory::add_segment_to(&app, &c, &segment(SegmentKind::Welcome, 10))
                        .unwrap();
                let s = show.segments[0].id.clone();
                check(
                    &app,
                    "agenda_segment",
                    || directory::remove_segment_of(&app, &s),
                    the(&s),
                )
            }),
        ),
        (
            "move_segment",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                directory::add_segment_to(&app, &c, &segment(SegmentKind::Welcome, 10)).unwrap();
                let show =
                    directory::add_segment_to(&app, &c, &segment(SegmentKind::OfferOfHelp, 30))
                        .unwrap();
                let s = show.segments[1].id.clone();
                check(
                    &app,
                    "agenda_segment",
                    || directory::move_segment_to(&app, &s, 0),
                    the(&s),
                )
            }),
        ),
        (
            "assign_speaker",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let show =
                    directory::add_segment_to(&app, &c, &segment(SegmentKind::Welcome, 10))
                        .unwrap();
                let s = show.segments[0].id.clone();
                let sp = speaker(&app);
                check(
                    &app,
                    "speaker_assignment",
                    || directory::assign(&app, &s, &sp),
                    |show| Some(show.segments[0].speakers[0].id.clone()),
                )
            }),
        ),
        (
            "set_assignment_status",
            Write(|| {
                let (_d, app) = unlocked_app();
                let (_, _, a) = assigned(&app);
                check(
                    &app,
                    "speaker_assignment",
                    || directory::set_assignment(&app, &a, SpeakerAssignmentStatus::Confirmed),
                    the(&a),
                )
            }),
        ),
        (
            "remove_assignment",
            Write(|| {
                let (_d, app) = unlocked_app();
                let (_, _, a) = assigned(&app);
                check(
                    &app,
                    "speaker_assignment",
                    || directory::unassign(&app, &a),
                    the(&a),
                )
            }),
        ),
        ("list_providers", Read(|w| directory::providers(&w.app).map(drop))),
        (
            "save_provider",
            Write(|| {
                let (_d, app) = unlocked_app();
                let input = ProviderInput {
                    name: "Homes First".into(),
                    ..Default::default()
                };
                check(
                    &app,
                    "provider",
                    || directory::save_provider_of(&app, None, &input),
                    |p| Some(p.id.clone()),
                )
            }),
        ),
        (
            "save_service",
            Write(|| {
                let (_d, app) = unlocked_app();
                let p = common::provider(&app, "Homes First", &[]);
                let input = ServiceInput {
                    name: "Rapid rehousing".into(),
                    categories: vec![NeedCategory::Housing],
                    ..Default::default()
                };
                check(
                    &app,
                    "provider",
                    || directory::save_service_of(&app, &p.id, None, &input),
                    the(&p.id),
                )
            }),
        ),
        (
            "table_coverage",
            Read(|w| directory::coverage(&w.app, &w.call_in).map(drop)),
        ),
        (
            "retire_provider",
            Write(|| {
                let (_d, app) = unlocked_app();
                let p = common::provider(&app, "Homes First", &[]);
                check(
                    &app,
                    "provider",
                    || directory::retire_provider_of(&app, &p.id, true),
                    the(&p.id),
                )
            }),
        ),
        (
            "retire_service",
            Write(|| {
                let (_d, app) = unlocked_app();
                let p = common::provider(&app, "Homes First", &[("Rapid rehousing", NeedCategory::Housing)]);
                let s = p.services[0].id.clone();
                check(
                    &app,
                    "provider",
                    || directory::retire_service_of(&app, &p.id, &s, true),
                    the(&p.id),
                )
            }),
        ),
        (
            "directory_list",
            Read(|w| directory::directory_of(&w.app, &Default::default()).map(drop)),
        ),
        (
            "provider_page",
            Read(|w| {
                let p = directory::providers(&w.app)?;
                match p.first() {
                    Some(p) => directory::provider_page_of(&w.app, &p.id).map(drop),
                    None => Ok(()),
                }
            }),
        ),
        ("search_speakers", Read(|w| directory::find_speakers(&w.app, "a").map(drop))),
        (
            "speaker_page",
            Read(|w| {
                let s = directory::speakers(&w.app)?;
                match s.first() {
                    Some(s) => directory::speaker_page_of(&w.app, &s.id).map(drop),
                    None => Ok(()),
                }
            }),
        ),
        (
            "hsds_open",
            // The handler asks for the package in the native dialog, then runs `open` on it:
            // the package is read into memory, nothing is written.
            Read(|w| hsds::open(&w.app, &hsds_example()).map(drop)),
        ),
        (
            "hsds_preview",
            Read(|w| {
                hsds::open(&w.app, &hsds_example())?;
                hsds::preview(&w.app, &[]).map(drop)
            }),
        ),
        (
            "hsds_import",
            // The backup before the import is a file (no write); the import is one write.
            Write(|| {
                let (_d, app) = unlocked_app();
                hsds::open(&app, &hsds_example()).unwrap();
                check(&app, "provider", || hsds::commit(&app, &[]), |_| None)
            }),
        ),
        (
            "hsds_close",
            Read(|w| {
                hsds::open(&w.app, &hsds_example())?;
                hsds::forget(&w.app)
            }),
        ),
        (
            "hsds_export",
            // The handler asks where in the native dialog, then writes a file: nothing is
            // written to the database.
            Read(|w| hsds::export_bytes(&w.app, HsdsFormat::Zip).map(drop)),
        ),
        (
            "set_provider_present",
            Write(|| {
                let (_d, app) = unlocked_app();
                let c = draft(&app);
                let p = common::provider(&app, "Homes First", &[]);
                check(
                    &app,
                    "provider_assignment",
                    || directory::set_present(&app, &c, &p.id, true),
                    |_| None,
                )
            }),
        ),
        // ---- the day of
        ("check_in_state", Read(|w| dayof::door_of(&w.app, &w.call_in).map(drop))),
        (
            "check_in",
            Write(|| {
                let d = day();
                check(
                    &d.app,
                    "invitation",
                    || dayof::arrive(&d.app, &d.inv[0]),
                    the(&d.inv[0]),
                )
            }),
        ),
        (
            "walk_in",
            Write(|| {
                let d = day();
                let new = common::person("Gus", "Walker");
                check(
                    &d.app,
                    "invitation",
                    || dayof::add_walk_in(&d.app, &d.call_in, None, Some(&new)),
                    |_| None,
                )
            }),
        ),
        (
            "undo_check_in",
            Write(|| {
                let d = day();
                dayof::arrive(&d.app, &d.inv[0]).unwrap();
                check(
                    &d.app,
                    "invitation",
                    || dayof::undo(&d.app, &d.inv[0]),
                    the(&d.inv[0]),
                )
            }),
        ),
        (
            "end_check_in",
            Write(|| {
                let d = day();
                check(
                    &d.app,
                    "call_in",
                    || dayof::end(&d.app, &d.call_in),
                    the(&d.call_in),
                )
            }),
        ),
        (
            "record_offer",
            Write(|| {
                let d = day();
                dayof::arrive(&d.app, &d.inv[0]).unwrap();
                let offer = OfferInput {
                    response: OfferResponse::Accepted,
                    needs: vec![NeedCategory::Housing],
                    services: vec![ServiceChoice {
                        service_id: d.housing.clone(),
                        need: NeedCategory::Housing,
                    }],
                };
                check(
                    &d.app,
                    "referral",
                    || dayof::record(&d.app, &d.inv[0], &offer, today()),
                    |made| Some(made[0].id.clone()),
                )
            }),
        ),
        ("first_contact_days", Read(|w| dayof::first_contact(&w.app).map(drop))),
        (
            "set_first_contact_days",
            Write(|| {
                let (_d, app) = unlocked_app();
                check(
                    &app,
                    "setting",
                    || dayof::set_first_contact(&app, 5),
                    |_| None,
                )
            }),
        ),
        // ---- follow-ups
        (
            "list_referrals",
            Read(|w| followups::referrals(&w.app, &ReferralQuery::default()).map(drop)),
        ),
        (
            "move_referral",
            Write(|| {
                let d = day();
                let ids = after_the_call_in(&d);
                let change = ReferralMove {
                    to: ReferralStatus::Declined,
                    on_date: today().to_string(),
                    note: "Found housing with family".into(),
                    reason: String::new(),
                };
                check(
                    &d.app,
                    "referral",
                    || followups::move_to(&d.app, &ids[0], &change, today()),
                    the(&ids[0]),
                )
            }),
        ),
        (
            "log_contact_attempt",
            Write(|| {
                let d = day();
                let ids = after_the_call_in(&d);
                let input = contact(&today().to_string());
                check(
                    &d.app,
                    "referral",
                    || followups::log_contact(&d.app, &ids[0], &input, today()),
                    the(&ids[0]),
                )
            }),
        ),
        (
            "referral_history",
            Read(|w| followups::history_of(&w.app, &w.referrals[0]).map(drop)),
        ),
        (
            "record_consent",
            Write(|| {
                let d = day();
                let ids = after_the_call_in(&d);
                // The second referral is Luis's substance-use treatment: 42 CFR Part 2.
                let input = ConsentInput {
                    consent: Some(Consent::Given),
                    on_date: today().to_string(),
                    scope: "Attendance, to the probation officer, for 12 months".into(),
                };
                check(
                    &d.app,
                    "referral",
                    || followups::consent(&d.app, &ids[1], &input, today()),
                    the(&ids[1]),
                )
            }),
        ),
        (
            "list_no_shows",
            Read(|w| followups::no_shows(&w.app, &NoShowQuery::default()).map(drop)),
        ),
        (
            "custom_notification",
            Write(|| {
                let d = day();
                after_the_call_in(&d);
                let inv = no_show(&d);
                let input = CustomNotificationInput {
                    on_date: (today() + chrono::Days::new(2)).to_string(),
                    by_whom: "R. Carter".into(),
                    outcome: String::new(),
                };
                check(
                    &d.app,
                    "invitation",
                    || followups::notify(&d.app, &inv, &input, false, today()),
                    the(&inv),
                )
            }),
        ),
        (
            "export_referrals",
            // The handler asks where to save in the native dialog; the same code with the
            // answer given.
            Read(|w| {
                let out = w.files.path().join("follow-ups.csv");
                let made = followups::export_referrals_asking(
                    &w.app,
                    &ReferralQuery::default(),
                    ExportFormat::Csv,
                    true,
                    |_| Some(out.clone()),
                )?;
                assert!(made.is_some() && out.is_file());
                Ok(())
            }),
        ),
        (
            "export_no_shows",
            Read(|w| {
                let out = w.files.path().join("no-shows.xlsx");
                let made = followups::export_no_shows_asking(
                    &w.app,
                    &NoShowQuery::default(),
                    ExportFormat::Xlsx,
                    true,
                    |_| Some(out.clone()),
                )?;
                assert!(made.is_some() && out.is_file());
                Ok(())
            }),
        ),
        // ---- printing and letters
        (
            "preview_document",
            Read(|w| printing::preview(&w.app, &w.sign_in()).map(drop)),
        ),
        (
            "save_document",
            // The handler asks where to save in the native dialog; the same code with the
            // answer given.
            Read(|w| {
                let out = w.files.path().join("sign-in.pdf");
                let saved = printing::save_asking(&w.app, &w.sign_in(), |_| Some(out.clone()))?;
                assert!(saved.is_some() && out.is_file());
                Ok(())
            }),
        ),
        (
            "print_document",
            // Hands the PDF to the world's stand-in print command (`true`).
            Read(|w| printing::print(&w.app, &w.sign_in()).map(drop)),
        ),
        ("print_destination", Read(|w| printing::destination(&w.app).map(drop))),
        ("letter_templates", Read(|w| printing::templates(&w.app).map(drop))),
        (
            "save_letter_template",
            Write(|| {
                let (_d, app) = unlocked_app();
                check(
                    &app,
                    "setting",
                    || {
                        printing::save_template(
                            &app,
                            LetterLanguage::English,
                            "Dear {first_name},\nPlease come.",
                        )
                    },
                    |_| None,
                )
            }),
        ),
        (
            "reset_letter_template",
            Write(|| {
                let (_d, app) = unlocked_app();
                // Reset after a template was saved (reset with nothing saved changes nothing).
                printing::save_template(&app, LetterLanguage::English, "Dear {first_name},\nCome.")
                    .unwrap();
                check(
                    &app,
                    "setting",
                    || printing::reset_template(&app, LetterLanguage::English),
                    |_| None,
                )
            }),
        ),
        ("print_settings", Read(|w| printing::settings(&w.app).map(drop))),
        (
            "save_print_settings",
            Write(|| {
                let (_d, app) = unlocked_app();
                let input = PrintSettings { walk_in_rows: 12 };
                check(
                    &app,
                    "setting",
                    || printing::save_settings(&app, &input),
                    |_| None,
                )
            }),
        ),
    ]
}

/// The world the `Read` commands are called on: a call-in held, with referrals, a no-show,
/// a provider at its table; a person, a group, a backup file and roster files to open.
struct World {
    _dir: TempDir,
    /// Files outside the data folder (exports, rosters, a backup to inspect).
    files: TempDir,
    app: AppState,
    call_in: String,
    referrals: Vec<String>,
    person: String,
    group: String,
    backup: PathBuf,
    csv: PathBuf,
    xlsx: PathBuf,
}

impl World {
    fn sign_in(&self) -> DocumentRequest {
        DocumentRequest::SignInSheet {
            call_in_id: self.call_in.clone(),
            walk_in_rows: Some(2),
        }
    }
}

fn world() -> World {
    let d = day();
    let referrals = after_the_call_in(&d);
    let Day {
        _dir, app, call_in, ..
    } = d;
    // Print goes to a stand-in that succeeds, so print_document can be called.
    let app = app.with_printer(Printer::with_command(_dir.path(), "true"));
    let person = someone(&app, "Reed", "Reader");
    let group = group(&app, "Maple Street");
    let files = temp_dir();
    // A backup made outside the backup folder (no audit entry, no backup due-date change):
    // the daily backup is still due when scheduled_backup is called.
    let backup = callin_planner::store::backup::make(
        &app.db_path(),
        PASSPHRASE,
        files.path(),
        PASSPHRASE,
        BackupKey::Database,
        BackupReason::Manual,
    )
    .unwrap()
    .path;
    let csv = write_file(files.path(), "roster.csv", b"Last,First\nZed,Zoe\n");
    let xlsx = {
        use rust_xlsxwriter::Workbook;
        let mut book = Workbook::new();
        let notes = book.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.write(0, 0, "nothing here").unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name("Roster").unwrap();
        sheet.write(0, 0, "Last").unwrap();
        sheet.write(0, 1, "First").unwrap();
        sheet.write(1, 0, "Zed").unwrap();
        sheet.write(1, 1, "Zoe").unwrap();
        let path = files.path().join("roster.xlsx");
        book.save(&path).unwrap();
        path
    };
    World {
        _dir,
        files,
        app,
        call_in,
        referrals,
        person,
        group,
        backup,
        csv,
        xlsx,
    }
}

/// What is wrong with a `Read` command's call, if anything: it failed, committed a write,
/// or changed a row (the audit log's included).
fn read_problems(app: &AppState, call: impl FnOnce() -> AppResult<()>) -> Vec<String> {
    let before = (app.writes(), fingerprint(app));
    let result = call();
    let after = (app.writes(), fingerprint(app));
    let mut problems = Vec::new();
    if let Err(e) = result {
        problems.push(format!("returned an error with valid input: {e}"));
    }
    if after.0 != before.0 {
        problems.push(format!(
            "is classified Read but made {} write transactions",
            after.0 - before.0
        ));
    }
    if after.1 != before.1 {
        let changed: Vec<&String> = after
            .1
            .iter()
            .zip(&before.1)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .collect();
        problems.push(format!(
            "is classified Read but changed rows of {changed:?}"
        ));
    }
    problems
}

fn panic_text(e: Box<dyn std::any::Any + Send>) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".into())
}

#[test]
fn every_command_that_changes_data_writes_its_audit_entry_in_the_same_transaction() {
    let started = Instant::now();
    let registered = registered_commands();
    assert!(
        registered.len() > 50,
        "command_list! was read: {}",
        registered.len()
    );
    let table = table();
    let mut classified = BTreeMap::new();
    for (name, class) in &table {
        assert!(
            classified.insert(*name, class).is_none(),
            "{name} is classified twice"
        );
    }
    let missing: Vec<&String> = registered
        .iter()
        .filter(|n| !classified.contains_key(n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "commands in command_list! that this test does not classify (add each to table() as \
         Read, or Write with a scenario proving its audit entry): {missing:?}"
    );
    let stale: Vec<&&str> = classified
        .keys()
        .filter(|n| !registered.iter().any(|r| r == *n))
        .collect();
    assert!(
        stale.is_empty(),
        "classified but not in command_list!: {stale:?}"
    );

    let mut failures = Vec::new();
    let (mut writes, mut reads, mut not_called) = (0, 0, Vec::new());
    for (name, class) in &table {
        let Class::Write(scenario) = class else {
            continue;
        };
        writes += 1;
        match catch_unwind(AssertUnwindSafe(scenario)) {
            Ok(checked) => failures.extend(
                checked
                    .problems()
                    .into_iter()
                    .map(|p| format!("{name}: {p}")),
            ),
            Err(e) => failures.push(format!("{name}: its scenario panicked: {}", panic_text(e))),
        }
    }
    let after_writes = started.elapsed();

    let w = world();
    for (name, class) in &table {
        match class {
            Class::Read(call) => {
                reads += 1;
                let outcome = catch_unwind(AssertUnwindSafe(|| read_problems(&w.app, || call(&w))));
                match outcome {
                    Ok(problems) => {
                        failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")))
                    }
                    Err(e) => failures.push(format!("{name}: panicked: {}", panic_text(e))),
                }
            }
            Class::NotCalled(why) => not_called.push(format!("{name} ({why})")),
            Class::Write(_) => {}
        }
    }
    println!(
        "audit coverage: {} commands: {writes} Write (each called once), {reads} Read (each \
         called), {} not called: {not_called:?}; writes took {:.1?}, all {:.1?}",
        table.len(),
        not_called.len(),
        after_writes,
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The check itself: a call that writes without an audit entry, twice, or fails is named.
#[test]
fn a_change_without_its_audit_entry_is_named() {
    let (_d, app) = unlocked_app();
    // Refused by AppState::write itself: nothing saved, and the check says so.
    let bare = check(
        &app,
        "person",
        || {
            app.write(|tx| {
                tx.execute(
                    "INSERT INTO settings (key, value, updated_at) VALUES ('x', 'y', 'z')",
                    [],
                )?;
                Ok(())
            })
        },
        |_| None,
    );
    let problems = bare.problems();
    assert!(
        problems[0].contains("without its audit entry"),
        "{problems:?}"
    );
    // Two transactions for one call.
    let twice = check(
        &app,
        "setting",
        || {
            backups::set_idle_lock(&app, 10)?;
            backups::set_idle_lock(&app, 11)
        },
        |_| None,
    );
    assert!(
        twice
            .problems()
            .iter()
            .any(|p| p.contains("2 write transactions")),
        "{:?}",
        twice.problems()
    );
    // An entry about another kind of record than the one changed.
    let other = check(
        &app,
        "person",
        || backups::set_idle_lock(&app, 12),
        |_| None,
    );
    assert!(
        other
            .problems()
            .iter()
            .any(|p| p.contains("about a person")),
        "{:?}",
        other.problems()
    );
    let fine = check(
        &app,
        "setting",
        || backups::set_idle_lock(&app, 13),
        |_| None,
    );
    assert!(fine.problems().is_empty(), "{:?}", fine.problems());
    // A command classified Read that writes is named, with the tables it changed.
    let wrong = read_problems(&app, || backups::set_idle_lock(&app, 14).map(drop));
    assert!(
        wrong
            .iter()
            .any(|p| p.contains("made 1 write transactions"))
            && wrong.iter().any(|p| p.contains("audit_entries")),
        "{wrong:?}"
    );
    assert!(read_problems(&app, || backups::security(&app).map(drop)).is_empty());
}

// ---------------------------------------------------------------------------------------
// (B) No typed value in plaintext

const DB_PASS: &str = "Zqxdbpass 1234";
const NEW_DB_PASS: &str = "Zqxnewpass 5678";
const OWN_BACKUP_PASS: &str = "Zqxpassphrase 99";
const WRONG_PASS: &str = "Zqxwrongpass 1";

/// Every value typed in (B), looked for in every file.
const TYPED: &[&str] = &[
    DB_PASS,
    NEW_DB_PASS,
    OWN_BACKUP_PASS,
    WRONG_PASS,
    "Zqxwvutname",
    "Zqxlastname",
    "Zqxaliasname",
    "1971-07-19",
    "555-7190",
    "Zqxaddress",
    "Zqxareaname",
    "Zqxnotetext",
    "Zqxnoteupdated",
    "Zqxagency",
    "Zqxofficername",
    "Zqxofficercontact",
    "Zqxrole",
    "Zqxgroupname",
    "Zqxgrouparea",
    "Zqxgroupnote",
    "Zqxsecondgroup",
    "Zqxinvitee",
    "Zqxnoshow",
    "Zqxwalkin",
    "Zqxcallintitle",
    "Zqxvenuename",
    "Zqxvenueaddress",
    "Zqxaccessibility",
    "Zqxtargetarea",
    "Zqxcancelled",
    "Zqxcancelreason",
    "Zqxchecklabel",
    "Zqxcheckowner",
    "Zqxinvitereason",
    "Zqxdeliveredby",
    "Zqxspeakername",
    "Zqxspeakerorg",
    "zqxspeaker@example.org",
    "Zqxspeakernote",
    "Zqxsegmenttitle",
    "Zqxprovidername",
    "Zqxproviderdesc",
    "zqxprovider@example.org",
    "Zqxprovidersite",
    "Zqxprovideraddr",
    "Zqxservicename",
    "Zqxservicedesc",
    "Zqxeligibility",
    "Zqxservicecontact",
    "Zqxservicelocation",
    "Zqxmovenote",
    "Zqxcontactby",
    "Zqxcontactnote",
    "Zqxconsentscope",
    "Zqxnotifyby",
    "Zqxnotifyoutcome",
    "Zqxlettertext",
    "Zqxrosterfile",
    "Zqximportfirst",
    "Zqximportlast",
    "1966-02-13",
    "Zqximportnote",
    "Zqxmappingname",
    "Zqxsearchtext",
    "Zqxaudittext",
    "Zqxbackupfolder",
];

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Scans every file of the data folder (but `print/` when `skip_print`: the PDFs printed
/// in this session are unencrypted by design and removed on lock) and of the backup folder;
/// returns the files scanned, and fails naming each value found and where.
fn scan(data: &Path, backup_folder: &Path, skip_print: bool, when: &str) -> Vec<PathBuf> {
    callin_planner::logging::flush();
    let mut files = Vec::new();
    files_under(data, &mut files);
    files_under(backup_folder, &mut files);
    let print = data.join("print");
    files.retain(|f| !(skip_print && f.starts_with(&print)));
    let mut found = Vec::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue; // removed while listed (a -shm, a rotated log)
        };
        for v in TYPED {
            if contains(&bytes, v) {
                found.push(format!("{v:?} in {}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{when}: typed values in plaintext:\n{}",
        found.join("\n")
    );
    files
}

fn names(files: &[PathBuf], data: &Path) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            f.strip_prefix(data)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| f.display().to_string())
        })
        .collect()
}

#[test]
fn no_typed_value_reaches_the_log_the_database_or_a_backup_in_plaintext() {
    let started = Instant::now();
    let dir = temp_dir();
    let data = dir.path().to_path_buf();
    callin_planner::logging::init(&data);
    let outside = temp_dir();
    let folder = outside.path().join("Zqxbackupfolder");
    std::fs::create_dir(&folder).unwrap();

    let app = AppState::new(&data).with_printer(Printer::with_command(&data, "true"));
    session::create(&app, DB_PASS, DB_PASS).unwrap();
    backups::set_folder(&app, folder.to_str().unwrap()).unwrap();

    // Groups.
    let g = groups::create(
        &app,
        &GroupInput {
            name: "Zqxgroupname".into(),
            area: "Zqxgrouparea".into(),
            notes: "Zqxgroupnote".into(),
        },
    )
    .unwrap();
    groups::update(
        &app,
        &g.id,
        &GroupInput {
            name: "Zqxgroupname".into(),
            area: "Zqxgrouparea".into(),
            notes: "Zqxgroupnote again".into(),
        },
    )
    .unwrap();
    let g2 = groups::create(
        &app,
        &GroupInput {
            name: "Zqxsecondgroup".into(),
            ..Default::default()
        },
    )
    .unwrap();
    groups::link(&app, &g.id, &g2.id, LinkKind::Alliance).unwrap();

    // People: every field of the form.
    let mut p = common::person("Zqxwvutname", "Zqxlastname");
    p.aliases = vec!["Zqxaliasname".into()];
    p.date_of_birth = Some("1971-07-19".into());
    p.phone = "(203) 555-7190".into();
    p.address = "77 Zqxaddress Lane".into();
    p.area = "Zqxareaname".into();
    p.notes = "Zqxnotetext".into();
    p.supervisions = vec![{
        let mut s = common::supervision(
            SupervisionType::Probation,
            "Zqxagency",
            "Zqxofficername",
            "2024-01-01",
            "2029-12-31",
        );
        s.officer_contact = "Zqxofficercontact".into();
        s
    }];
    p.groups = vec![MembershipInput {
        group_id: g.id.clone(),
        role: "Zqxrole".into(),
    }];
    p.needs = vec![NeedCategory::Housing, NeedCategory::SubstanceUse];
    let zed = people::create(&app, &p).unwrap();
    let mut edit = zed.to_input();
    edit.notes = "Zqxnoteupdated".into();
    people::update(&app, &zed.id, &edit).unwrap();
    let kim = people::create(&app, &common::person("Zqxinvitee", "Kim")).unwrap();
    let nos = people::create(&app, &common::person("Zqxnoshow", "Nash")).unwrap();
    groups::add_member(&app, &g2.id, &kim.id, "Zqxrole second").unwrap();

    // A call-in: basics, checklist, invitees, run-of-show, speakers, the table.
    let input = CallInBasicsInput {
        title: "Zqxcallintitle".into(),
        date: "2027-03-14".into(),
        start_time: "18:00".into(),
        time_zone: "America/New_York".into(),
        expected_minutes: Some(90),
        venue_name: "Zqxvenuename".into(),
        venue_address: "Zqxvenueaddress".into(),
        venue_capacity: Some(30),
        venue_accessibility: "Zqxaccessibility".into(),
        target_area: "Zqxtargetarea".into(),
        target_group_ids: vec![g.id.clone()],
    };
    let c = callins::create(&app, &input).unwrap().id;
    callins::update(&app, &c, &input).unwrap();
    let item = callins::add_item(
        &app,
        &c,
        &ChecklistItemInput {
            label: "Zqxchecklabel".into(),
            owner: "Zqxcheckowner".into(),
            due_on: None,
            done: false,
        },
    )
    .unwrap();
    callins::update_item(
        &app,
        &item.id,
        &ChecklistItemInput {
            label: "Zqxchecklabel".into(),
            owner: "Zqxcheckowner".into(),
            due_on: None,
            done: true,
        },
    )
    .unwrap();
    for who in [&zed.id, &kim.id, &nos.id] {
        invitations::add(&app, &c, who, "Zqxinvitereason").unwrap();
    }
    let sp = directory::save_speaker_of(
        &app,
        None,
        &SpeakerInput {
            name: "Zqxspeakername".into(),
            organization: "Zqxspeakerorg".into(),
            role: Some(SpeakerRole::Clergy),
            phone: "555-7190".into(),
            email: "zqxspeaker@example.org".into(),
            notes: "Zqxspeakernote".into(),
        },
    )
    .unwrap();
    let show = directory::add_segment_to(
        &app,
        &c,
        &SegmentInput {
            kind: Some(SegmentKind::Community),
            title: "Zqxsegmenttitle".into(),
            minutes: 20,
        },
    )
    .unwrap();
    directory::update_segment_of(
        &app,
        &show.segments[0].id,
        &SegmentInput {
            kind: Some(SegmentKind::Community),
            title: "Zqxsegmenttitle".into(),
            minutes: 25,
        },
    )
    .unwrap();
    directory::assign(&app, &show.segments[0].id, &sp.id).unwrap();
    let pr = directory::save_provider_of(
        &app,
        None,
        &ProviderInput {
            name: "Zqxprovidername".into(),
            description: "Zqxproviderdesc".into(),
            phones: vec![PhoneInput {
                number: "555-7190".into(),
                ..Default::default()
            }],
            email: "zqxprovider@example.org".into(),
            website: "https://Zqxprovidersite.example".into(),
            locations: vec![
                LocationInput {
                    addresses: vec![AddressInput {
                        address_1: "Zqxprovideraddr".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                LocationInput {
                    name: "Zqxservicelocation".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
    )
    .unwrap();
    let pr = directory::save_service_of(
        &app,
        &pr.id,
        None,
        &ServiceInput {
            name: "Zqxservicename".into(),
            description: "Zqxservicedesc".into(),
            categories: vec![NeedCategory::SubstanceUse, NeedCategory::Housing],
            eligibility: "Zqxeligibility".into(),
            location_ids: vec![pr.locations[1].id.clone()],
            contacts: vec![ContactInput {
                name: "Zqxservicecontact".into(),
                ..Default::default()
            }],
            phones: vec![PhoneInput {
                number: "555-7190".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
    )
    .unwrap();
    let service = pr.services[0].id.clone();
    directory::set_present(&app, &c, &pr.id, true).unwrap();
    callins::act(&app, &c, &CallInAction::Schedule).unwrap();
    let inv: Vec<(String, String)> = invitations::list(&app, &c)
        .unwrap()
        .invitations
        .iter()
        .map(|i| (i.person_id.clone(), i.id.clone()))
        .collect();
    let inv_of = |person: &str| inv.iter().find(|(p, _)| p == person).unwrap().1.clone();
    let all: Vec<String> = inv.iter().map(|(_, i)| i.clone()).collect();
    invitations::notice(&app, &c, &all, &NoticeAction::Vet).unwrap();
    invitations::notice(
        &app,
        &c,
        &all,
        &NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "Zqxdeliveredby".into(),
            issued_on: today().to_string(),
        },
    )
    .unwrap();
    printing::save_template(
        &app,
        LetterLanguage::English,
        "Dear {first_name},\nZqxlettertext.",
    )
    .unwrap();
    printing::print(
        &app,
        &DocumentRequest::Letters {
            call_in_id: c.clone(),
        },
    )
    .unwrap();

    // The day: check-in, a walk-in new to the registry, the offer, the end.
    dayof::arrive(&app, &inv_of(&zed.id)).unwrap();
    dayof::arrive(&app, &inv_of(&kim.id)).unwrap();
    dayof::undo(&app, &inv_of(&kim.id)).unwrap();
    dayof::arrive(&app, &inv_of(&kim.id)).unwrap();
    dayof::add_walk_in(&app, &c, None, Some(&common::person("Zqxwalkin", "Wade"))).unwrap();
    let made = dayof::record(
        &app,
        &inv_of(&zed.id),
        &OfferInput {
            response: OfferResponse::Accepted,
            needs: vec![NeedCategory::SubstanceUse],
            services: vec![ServiceChoice {
                service_id: service.clone(),
                need: NeedCategory::SubstanceUse,
            }],
        },
        today(),
    )
    .unwrap();
    let kim_made = dayof::record(
        &app,
        &inv_of(&kim.id),
        &OfferInput {
            response: OfferResponse::Accepted,
            needs: vec![NeedCategory::Housing],
            services: vec![ServiceChoice {
                service_id: service.clone(),
                need: NeedCategory::Housing,
            }],
        },
        today(),
    )
    .unwrap();
    dayof::end(&app, &c).unwrap();

    // Follow-ups.
    let referral = made[0].id.clone();
    followups::log_contact(
        &app,
        &referral,
        &ContactAttemptInput {
            attempted_on: today().to_string(),
            method: Some(ContactMethod::Phone),
            by_whom: "Zqxcontactby".into(),
            outcome: Some(ContactOutcome::Reached),
            note: "Zqxcontactnote".into(),
            next_due_on: None,
        },
        today(),
    )
    .unwrap();
    followups::consent(
        &app,
        &referral,
        &ConsentInput {
            consent: Some(Consent::Given),
            on_date: today().to_string(),
            scope: "Zqxconsentscope".into(),
        },
        today(),
    )
    .unwrap();
    followups::move_to(
        &app,
        &kim_made[0].id,
        &ReferralMove {
            to: ReferralStatus::Declined,
            on_date: today().to_string(),
            note: "Zqxmovenote".into(),
            reason: String::new(),
        },
        today(),
    )
    .unwrap();
    let no_show = inv_of(&nos.id);
    let notification = |outcome: &str| CustomNotificationInput {
        on_date: today().to_string(),
        by_whom: "Zqxnotifyby".into(),
        outcome: outcome.into(),
    };
    followups::notify(&app, &no_show, &notification(""), false, today()).unwrap();
    followups::notify(
        &app,
        &no_show,
        &notification("Zqxnotifyoutcome"),
        true,
        today(),
    )
    .unwrap();

    // A second call-in, cancelled with a reason.
    let mut other = input.clone();
    other.title = "Zqxcancelled".into();
    other.target_group_ids = vec![];
    let c2 = callins::create(&app, &other).unwrap().id;
    callins::act(
        &app,
        &c2,
        &CallInAction::Cancel {
            reason: "Zqxcancelreason".into(),
        },
    )
    .unwrap();

    // An import (a backup is made before it), with its mapping saved by name.
    let roster = write_file(
        outside.path(),
        "Zqxrosterfile.csv",
        b"Last,First,DOB,Notes\nZqximportlast,Zqximportfirst,1966-02-13,Zqximportnote\n",
    );
    // The scan finds a value where it is in plaintext (the roster file itself, outside).
    assert!(contains(&std::fs::read(&roster).unwrap(), "Zqximportfirst"));
    let preview = imports::open(&app, &roster).unwrap();
    let plan = ImportPlan {
        mapping: preview.mapping.clone(),
        ..Default::default()
    };
    imports::save_mapping(&app, "Zqxmappingname", &plan.mapping).unwrap();
    let imported = imports::commit(&app, &plan).unwrap();
    assert_eq!(imported.created, 1);
    assert!(
        imported.backup_warning.is_none(),
        "{:?}",
        imported.backup_warning
    );
    // The backup made before the import (rotation removes it later the same day, when a
    // newer automatic one is made): scanned now.
    let after_import = scan(&data, &folder, true, "after the import");
    assert!(
        after_import
            .iter()
            .any(|f| f.to_string_lossy().ends_with("before-import.cpbackup")),
        "the backup before the import: {:?}",
        names(&after_import, &data)
    );

    // Searches (typed, not saved).
    people::search(
        &app,
        &PeopleQuery {
            search: Some("Zqxsearchtext".into()),
            ..Default::default()
        },
    )
    .unwrap();
    audit::page(
        &app,
        &AuditQuery {
            text: Some("Zqxaudittext".into()),
            ..Default::default()
        },
    )
    .unwrap();

    // Backups: one under the database's passphrase, one with its own; that one inspected
    // and restored; then the passphrase changed (a backup follows under the new one).
    backups::backup_now(&app, None).unwrap();
    let own = backups::backup_now(
        &app,
        Some(&backups::OwnPassphrase {
            passphrase: OWN_BACKUP_PASS.into(),
            confirmation: OWN_BACKUP_PASS.into(),
        }),
    )
    .unwrap();
    backups::inspect_backup(&app, &own.entry.path, OWN_BACKUP_PASS).unwrap();
    backups::restore(&app, &own.entry.path, OWN_BACKUP_PASS).unwrap();
    backups::rekey(
        &app,
        &backups::PassphraseChange {
            current: DB_PASS.into(),
            new_passphrase: NEW_DB_PASS.into(),
            confirmation: NEW_DB_PASS.into(),
        },
    )
    .unwrap();
    // The values are all in the database (so the scan looks for what is really there).
    let zed_back = people::get(&app, &zed.id).unwrap();
    assert_eq!(zed_back.notes.as_deref(), Some("Zqxnoteupdated"));
    let written = app.writes();

    // While unlocked: the WAL holds the latest pages.
    let wal = data.join("callin-planner.db-wal");
    let unlocked = scan(&data, &folder, true, "while unlocked");
    let unlocked_names = names(&unlocked, &data);
    println!("scanned while unlocked: {unlocked_names:?}");
    assert!(data.join("callin-planner.db").is_file());
    assert!(
        wal.is_file(),
        "the WAL is there while unlocked: {unlocked_names:?}"
    );
    assert!(
        std::fs::read_dir(data.join("print")).unwrap().count() > 0,
        "a printed PDF waits in print/ while unlocked"
    );

    // Locked, after a wrong passphrase (counted in unlock-attempts.json).
    session::close(&app).unwrap();
    assert!(
        std::fs::read_dir(data.join("print"))
            .map(|d| d.count() == 0)
            .unwrap_or(true),
        "the printed PDFs are removed on lock"
    );
    assert!(session::open(&app, WRONG_PASS).is_err());
    assert!(data.join("unlock-attempts.json").is_file());
    let locked = scan(&data, &folder, false, "locked, after a wrong passphrase");
    let locked_names = names(&locked, &data);
    println!("scanned while locked: {locked_names:?}");

    // Unlocked with the new passphrase, and locked again.
    session::open(&app, NEW_DB_PASS).unwrap();
    session::close(&app).unwrap();
    let files = scan(&data, &folder, false, "locked again");
    let backups_made: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "cpbackup"))
        .collect();
    // The two made now, the one before the restore, the one after the passphrase change
    // (the one before the import was scanned before rotation removed it).
    assert!(
        backups_made.len() >= 4,
        "the backups were scanned: {:?}",
        names(&files, &data)
    );

    // Every file of the log folder (the current one and any rotated), as support gets them.
    let mut logs = Vec::new();
    files_under(&data.join(callin_planner::logging::LOG_FOLDER), &mut logs);
    logs.sort();
    let text: String = logs
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(!text.is_empty(), "the support log is written: {logs:?}");
    for event in [
        "database created",
        "unlock ok",
        "unlock refused",
        "backup made",
        "import committed",
        "restore done",
        "passphrase changed",
    ] {
        assert!(text.contains(event), "the log has {event:?}:\n{text}");
    }
    assert!(
        text.lines().any(|l| l.ends_with(" lock")),
        "the log has the lock:\n{text}"
    );
    println!(
        "{} typed values looked for in {} files ({written} writes); took {:.1?}",
        TYPED.len(),
        files.len(),
        started.elapsed()
    );
    // Last, so that everything above is proven first: the file logging::file() names is the
    // one the log is written to.
    let log = callin_planner::logging::file(&data);
    assert!(
        log.is_file(),
        "logging::file() names {}, which does not exist; the log folder holds {:?}",
        log.display(),
        names(&logs, &data)
    );
}
