//! People → Import…: open a roster file, map its columns, check every row, review matches,
//! write it all in one transaction, undo it; and the registry's own duplicates and merge.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::domain::backup::BackupReason;
use crate::domain::dedupe::{
    self, actions_for, default_action, match_rows, merged_person, strength, Candidate, Found,
    Index, Keys, MatchStrength, MergeField,
};
use crate::domain::import::{
    check_rows, guess_mapping, headers_key, merged_input, value_options, CheckContext,
    CheckOutcome, DateOrderNeed, ImportField, ImportMapping, ImportPlan, MatchAction, RowIssue,
    RowStatus, UnknownValue, ValueOption,
};
use crate::domain::people::{validate_person, Person, PersonInput, ValidPerson};
use crate::domain::time::{format_date, now_utc, today};
use crate::error::{AppError, AppResult};
use crate::import::roster::{self, CsvFormat, FileKind, Loaded};
use crate::state::AppState;
use crate::store::{audit, groups, imports, people};

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 8;
/// How many row issues a check sends (the counts cover all).
pub const MAX_ISSUES: usize = 1000;

/// A mapping saved by name.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedMapping {
    pub name: String,
    pub mapping: ImportMapping,
}

/// One row of the preview.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub number: u32,
    pub cells: Vec<String>,
}

/// The file as read, with the mapping guessed (or saved for files like it).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    pub sha256: String,
    #[ts(optional)]
    pub format: Option<CsvFormat>,
    pub sheets: Vec<String>,
    #[ts(optional)]
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    pub header_row: u32,
    pub sample: Vec<PreviewRow>,
    pub rows: u32,
    pub blank_rows: u32,
    pub mapping: ImportMapping,
    pub saved_mappings: Vec<SavedMapping>,
    /// The fields a column can be mapped to, in order.
    pub fields: Vec<ImportField>,
}

/// A row that matches someone.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowMatch {
    pub row: u32,
    pub row_name: String,
    #[ts(optional)]
    pub row_date_of_birth: Option<String>,
    pub strength: MatchStrength,
    /// The person of the registry matched.
    #[ts(optional)]
    pub person_id: Option<String>,
    /// The earlier row of the file matched.
    #[ts(optional)]
    pub matched_row: Option<u32>,
    pub name: String,
    #[ts(optional)]
    pub date_of_birth: Option<String>,
    pub reasons: Vec<String>,
    pub actions: Vec<MatchAction>,
    /// The coordinator's choice, or the default for a sure match; none when undecided.
    #[ts(optional)]
    pub action: Option<MatchAction>,
}

/// Options for the values of one field.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldOptions {
    pub field: ImportField,
    pub options: Vec<ValueOption>,
}

/// Every row checked, before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCheck {
    pub rows: u32,
    pub ready: u32,
    pub warnings: u32,
    pub problems: u32,
    pub skipped: u32,
    /// The first issues, by row.
    pub issues: Vec<RowIssue>,
    pub issues_total: u32,
    pub unknown: Vec<UnknownValue>,
    pub value_options: Vec<FieldOptions>,
    pub date_order: DateOrderNeed,
    pub names_in_capitals: bool,
    pub mapping_problems: Vec<String>,
    pub matches: Vec<RowMatch>,
    /// What stops the import now (empty: it can run).
    pub blockers: Vec<String>,
    /// People it would add, update and rows it would leave out.
    pub would_create: u32,
    pub would_update: u32,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub import_id: String,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    /// Set when the backup made before the import could not be made (the import went on:
    /// it can be undone).
    pub backup_warning: Option<String>,
}

/// One thing to write.
enum Write {
    Create(ValidPerson, Option<String>),
    Merge(String, ValidPerson, MatchAction, Option<String>),
}

struct Analysis {
    ctx: CheckContext,
    outcome: CheckOutcome,
    matches: Vec<RowMatch>,
    blockers: Vec<String>,
    writes: Vec<Write>,
    skipped: u32,
}

fn loaded<T>(state: &AppState, f: impl FnOnce(&Loaded) -> AppResult<T>) -> AppResult<T> {
    let guard = state.import_file();
    let file = guard.as_ref().ok_or_else(|| {
        AppError::Conflict("No file is open for import; choose one with People → Import….".into())
    })?;
    f(file)
}

/// Opens a file to import (from the open dialog, or a path in tests) and previews it.
pub fn open(state: &AppState, path: &std::path::Path) -> AppResult<ImportPreview> {
    if !state.is_unlocked() {
        return Err(AppError::Locked(
            "The app is locked. Unlock it with your passphrase.".into(),
        ));
    }
    let file = roster::read_path(path)?;
    let table = file.table(None)?;
    let sheet = file.sheet_names().first().cloned();
    *state.import_file() = Some(Loaded { file, sheet, table });
    preview(state)
}

/// Asks for a file in the system's open dialog and opens it; `None` when cancelled.
pub fn open_chosen(state: &AppState, app: &AppHandle) -> AppResult<Option<ImportPreview>> {
    match super::save::roster_path(app) {
        Some(path) => open(state, &path).map(Some),
        None => Ok(None),
    }
}

/// Reads another sheet of the workbook open for import.
pub fn choose_sheet(state: &AppState, sheet: &str) -> AppResult<ImportPreview> {
    {
        let mut guard = state.import_file();
        let l = guard
            .as_mut()
            .ok_or_else(|| AppError::Conflict("No file is open for import.".into()))?;
        l.table = l.file.table(Some(sheet))?;
        l.sheet = Some(sheet.to_owned());
    }
    preview(state)
}

/// Forgets the file open for import.
pub fn close(state: &AppState) {
    *state.import_file() = None;
}

/// [`close`], for the window (the wizard left without importing).
pub fn forget(state: &AppState) -> AppResult<()> {
    close(state);
    Ok(())
}

pub fn preview(state: &AppState) -> AppResult<ImportPreview> {
    let (mut p, key) = loaded(state, |l| {
        let t = &l.table;
        Ok((
            ImportPreview {
                file_name: l.file.file_name.clone(),
                sha256: l.file.sha256.clone(),
                format: match &l.file.kind {
                    FileKind::Csv { format, .. } => Some(format.clone()),
                    FileKind::Workbook { .. } => None,
                },
                sheets: l.file.sheet_names(),
                sheet: l.sheet.clone(),
                headers: t.headers.clone(),
                header_row: t.header_row,
                sample: t
                    .rows
                    .iter()
                    .take(PREVIEW_ROWS)
                    .map(|r| PreviewRow {
                        number: r.number,
                        cells: r.cells.clone(),
                    })
                    .collect(),
                rows: t.rows.len() as u32,
                blank_rows: t.blank_rows,
                mapping: guess_mapping(&t.headers),
                saved_mappings: Vec::new(),
                fields: ImportField::ALL.to_vec(),
            },
            headers_key(&t.headers),
        ))
    })?;
    let saved = state.read(|db| imports::mappings_for(db, &key))?;
    p.saved_mappings = saved
        .into_iter()
        .filter_map(|(name, json)| {
            serde_json::from_str::<ImportMapping>(&json)
                .ok()
                .filter(|m| m.columns.len() == p.headers.len())
                .map(|mapping| SavedMapping { name, mapping })
        })
        .collect();
    if let Some(first) = p.saved_mappings.first() {
        p.mapping = first.mapping.clone();
    }
    Ok(p)
}

/// Saves the mapping by name for files with these headers.
pub fn save_mapping(state: &AppState, name: &str, mapping: &ImportMapping) -> AppResult<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            "Give the mapping a name of 1 to 100 characters.",
        ));
    }
    let key = loaded(state, |l| {
        if mapping.columns.len() != l.table.headers.len() {
            return Err(AppError::invalid(
                "mapping",
                "The mapping does not fit this file's columns.",
            ));
        }
        Ok(headers_key(&l.table.headers))
    })?;
    let json = serde_json::to_string(mapping)?;
    state.write(|tx| {
        imports::save_mapping(tx, name, &key, &json, &now_utc())?;
        audit::record(
            tx,
            "save",
            "import_mapping",
            name,
            None::<&()>,
            Some(mapping),
        )
    })
}

fn context(conn: &Connection) -> AppResult<CheckContext> {
    Ok(CheckContext {
        today: today(),
        groups: groups::group_names(conn)?,
    })
}

fn name_of(p: &ValidPerson) -> String {
    format!("{} {}", p.first_name, p.last_name)
        .trim()
        .to_owned()
}

fn candidate(p: &ValidPerson, ext: &Option<String>) -> Candidate {
    Candidate {
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        aliases: p.aliases.clone(),
        date_of_birth: p.date_of_birth,
        external_id: ext.clone(),
    }
}

/// Checks the file against the plan and the registry as `conn` sees it.
fn analyse(conn: &Connection, l: &Loaded, plan: &ImportPlan) -> AppResult<Analysis> {
    if plan.sheet.is_some() && plan.sheet != l.sheet {
        return Err(AppError::Conflict(
            "The plan is for another sheet of the workbook; choose the sheet again.".into(),
        ));
    }
    let ctx = context(conn)?;
    let outcome = check_rows(&l.table, plan, &ctx);

    let registry = imports::registry_candidates(conn)?;
    let mut index = Index::new();
    for (_, c) in &registry {
        index.push(Keys::of(c));
    }
    let rows: Vec<Option<Candidate>> = outcome
        .rows
        .iter()
        .map(|r| r.person.as_ref().map(|p| candidate(p, &r.external_id)))
        .collect();
    let found = match_rows(&index, &rows);

    let decided: std::collections::HashMap<u32, MatchAction> =
        plan.decisions.iter().map(|d| (d.row, d.action)).collect();
    let mut matches = Vec::new();
    let mut writes = Vec::new();
    let mut skipped = 0u32;
    let mut undecided = 0u32;
    for (r, f) in outcome.rows.iter().zip(found) {
        let Some(person) = &r.person else {
            skipped += 1;
            continue;
        };
        let Some((found, score)) = f else {
            writes.push(Write::Create(person.clone(), r.external_id.clone()));
            continue;
        };
        let Some(st) = strength(score.total) else {
            writes.push(Write::Create(person.clone(), r.external_id.clone()));
            continue;
        };
        let in_file = matches!(found, Found::Row(_));
        let actions = actions_for(in_file);
        let action = decided
            .get(&r.number)
            .copied()
            .filter(|a| actions.contains(a))
            .or_else(|| default_action(st, in_file));
        let (person_id, matched_row, name, dob) = match &found {
            Found::Registry(at) => {
                let (id, c) = &registry[*at as usize];
                (
                    Some(id.clone()),
                    None,
                    format!("{} {}", c.first_name, c.last_name)
                        .trim()
                        .to_owned(),
                    c.date_of_birth.map(format_date),
                )
            }
            Found::Row(i) => {
                let other = &outcome.rows[*i];
                let p = other.person.as_ref();
                (
                    None,
                    Some(other.number),
                    p.map(name_of).unwrap_or_default(),
                    p.and_then(|p| p.date_of_birth).map(format_date),
                )
            }
        };
        match (action, &person_id) {
            (None, _) => undecided += 1,
            (Some(MatchAction::Skip), _) => skipped += 1,
            (Some(MatchAction::AddNew), _) => {
                writes.push(Write::Create(person.clone(), r.external_id.clone()))
            }
            (Some(a), Some(id)) => writes.push(Write::Merge(
                id.clone(),
                person.clone(),
                a,
                r.external_id.clone(),
            )),
            (Some(_), None) => skipped += 1,
        }
        matches.push(RowMatch {
            row: r.number,
            row_name: name_of(person),
            row_date_of_birth: person.date_of_birth.map(format_date),
            strength: st,
            person_id,
            matched_row,
            name,
            date_of_birth: dob,
            reasons: score.reasons,
            actions,
            action,
        });
    }

    let mut blockers = outcome.mapping_problems.clone();
    if outcome.date_order.needed {
        blockers.push(format!(
            "Choose how the file writes dates: is {} month first or day first?",
            outcome.date_order.example.as_deref().unwrap_or("03/04")
        ));
    }
    let problems = outcome
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Problem)
        .count();
    if problems > 0 {
        blockers.push(format!(
            "{problems} row{} still {} a problem: fix {} or skip {}.",
            if problems == 1 { "" } else { "s" },
            if problems == 1 { "has" } else { "have" },
            if problems == 1 { "it" } else { "them" },
            if problems == 1 { "it" } else { "them" },
        ));
    }
    if undecided > 0 {
        blockers.push(format!(
            "Decide what to do with {undecided} possible match{}.",
            if undecided == 1 { "" } else { "es" }
        ));
    }
    if outcome.rows.is_empty() && outcome.mapping_problems.is_empty() {
        blockers.push("The file has no rows to import.".into());
    }
    Ok(Analysis {
        ctx,
        outcome,
        matches,
        blockers,
        writes,
        skipped,
    })
}

/// Checks every row; nothing is written.
pub fn check(state: &AppState, plan: &ImportPlan) -> AppResult<ImportCheck> {
    let guard = state.import_file();
    let l = guard
        .as_ref()
        .ok_or_else(|| AppError::Conflict("No file is open for import.".into()))?;
    let a = state.read(|db| analyse(db, l, plan))?;
    let count = |s: RowStatus| a.outcome.rows.iter().filter(|r| r.status == s).count() as u32;
    let all_issues: Vec<RowIssue> = a
        .outcome
        .rows
        .iter()
        .flat_map(|r| r.issues.iter().cloned())
        .collect();
    let mut fields: Vec<ImportField> = a.outcome.unknown.iter().map(|u| u.field).collect();
    fields.dedup();
    let would_create = a
        .writes
        .iter()
        .filter(|w| matches!(w, Write::Create(..)))
        .count() as u32;
    Ok(ImportCheck {
        rows: a.outcome.rows.len() as u32,
        ready: count(RowStatus::Ready),
        warnings: count(RowStatus::Warning),
        problems: count(RowStatus::Problem),
        skipped: count(RowStatus::Skipped),
        issues_total: all_issues.len() as u32,
        issues: all_issues.into_iter().take(MAX_ISSUES).collect(),
        value_options: fields
            .into_iter()
            .map(|field| FieldOptions {
                field,
                options: value_options(field, &a.ctx),
            })
            .collect(),
        unknown: a.outcome.unknown,
        date_order: a.outcome.date_order,
        names_in_capitals: a.outcome.names_in_capitals,
        mapping_problems: a.outcome.mapping_problems,
        matches: a.matches,
        blockers: a.blockers,
        would_create,
        would_update: a.writes.len() as u32 - would_create,
    })
}

/// Writes the import in one transaction: every person created or updated with their audit
/// entries, and the import's record. Refused, with nothing written, while anything blocks.
pub fn commit(state: &AppState, plan: &ImportPlan) -> AppResult<ImportResult> {
    let guard = state.import_file();
    let l = guard
        .as_ref()
        .ok_or_else(|| AppError::Conflict("No file is open for import.".into()))?;
    let backup_warning = super::backups::before(state, BackupReason::BeforeImport).map(|e| {
        format!("No backup could be made before this import ({e}). The import can still be undone.")
    });
    let mut result = state.write(|tx| {
        let a = analyse(tx, l, plan)?;
        if let Some(first) = a.blockers.first() {
            return Err(AppError::Conflict(format!("Nothing was imported. {first}")));
        }
        write_all(tx, l, plan, a)
    })?;
    drop(guard);
    close(state);
    log::info!(
        "import committed id={} created={} updated={} skipped={} backup={}",
        result.import_id,
        result.created,
        result.updated,
        result.skipped,
        if backup_warning.is_none() {
            "made"
        } else {
            "failed"
        }
    );
    result.backup_warning = backup_warning;
    Ok(result)
}

fn write_all(
    tx: &Connection,
    l: &Loaded,
    plan: &ImportPlan,
    a: Analysis,
) -> AppResult<ImportResult> {
    let now = now_utc();
    let mapping_json = serde_json::to_string(&plan.mapping)?;
    let rows_read = a.outcome.rows.len() as u32;
    let mut done: Vec<(String, Option<Person>, String)> = Vec::new();
    let mut updated_at: std::collections::HashMap<String, usize> = Default::default();
    let (mut created, mut updated) = (0u32, 0u32);
    for w in a.writes {
        match w {
            Write::Create(valid, ext) => {
                let p = super::people::create_in(tx, &valid)?;
                if let Some(e) = &ext {
                    imports::set_external_id(tx, &p.id, Some(e))?;
                }
                created += 1;
                done.push((p.id, None, p.updated_at));
            }
            Write::Merge(id, row, action, ext) => {
                let before = people::get_person(tx, &id)?;
                let input: PersonInput = merged_input(&before, &row, action);
                let valid = validate_person(&input, today()).map_err(|e| {
                    AppError::Conflict(format!(
                        "Nothing was imported: the row for {} cannot be put into {} {}'s record ({e}).",
                        name_of(&row),
                        before.first_name,
                        before.last_name
                    ))
                })?;
                let after = people::update_person(tx, &before, &valid)?;
                if let Some(e) = &ext {
                    let current = imports::external_id(tx, &id)?;
                    if action == MatchAction::Update || current.is_none() {
                        imports::set_external_id(tx, &id, Some(e))?;
                    }
                }
                // A person two rows of the file matched: one change, its before-image the
                // first one, its after the last one.
                match updated_at.get(&id) {
                    Some(&at) => done[at].2 = after.updated_at,
                    None => {
                        updated += 1;
                        updated_at.insert(id.clone(), done.len());
                        done.push((id, Some(before), after.updated_at));
                    }
                }
            }
        }
    }
    let import_id = imports::insert_import(
        tx,
        &imports::ImportRecord {
            file_name: &l.file.file_name,
            sha256: &l.file.sha256,
            sheet: l.sheet.as_deref(),
            mapping_json: &mapping_json,
            actor: &audit::actor(),
            at: &now,
            rows_read,
            created,
            updated,
            skipped: a.skipped,
        },
    )?;
    for (id, before, after) in &done {
        imports::insert_change(tx, &import_id, id, before.as_ref(), after)?;
    }
    let result = ImportResult {
        import_id: import_id.clone(),
        created,
        updated,
        skipped: a.skipped,
        backup_warning: None,
    };
    audit::record(
        tx,
        "import",
        "import",
        &import_id,
        None::<&()>,
        Some(&serde_json::json!({
            "fileName": l.file.file_name,
            "sha256": l.file.sha256,
            "sheet": l.sheet,
            "mapping": plan.mapping,
            "rows": rows_read,
            "created": created,
            "updated": updated,
            "skipped": a.skipped,
        })),
    )?;
    Ok(result)
}

/// Undoes a whole import: people it created are tombstoned, people it updated get back what
/// they were. Refused when any of them changed since (or, for one created, was invited,
/// referred or contacted).
pub fn undo(state: &AppState, import_id: &str) -> AppResult<u32> {
    state.write(|tx| {
        if imports::import_undone_at(tx, import_id)?.is_some() {
            return Err(AppError::InvalidTransition(
                "This import was undone already.".into(),
            ));
        }
        let changes = imports::import_changes(tx, import_id)?;
        for c in &changes {
            let changed = c.updated_at_now.as_deref() != Some(c.updated_at_after.as_str());
            if changed || (c.before.is_none() && c.dependents > 0) {
                let who = people::get_person(tx, &c.person_id)
                    .map(|p| format!("{} {}", p.first_name, p.last_name))
                    .unwrap_or_else(|_| "a person it brought in".into());
                return Err(AppError::Conflict(format!(
                    "The import cannot be undone: {} changed since it ran.",
                    who.trim()
                )));
            }
        }
        let now = now_utc();
        for c in &changes {
            let current = people::get_person(tx, &c.person_id)?;
            match &c.before {
                None => {
                    imports::tombstone_person(tx, &c.person_id, &now)?;
                    audit::record(
                        tx,
                        "undo_import",
                        "person",
                        &c.person_id,
                        Some(&current),
                        None::<&()>,
                    )?;
                }
                Some(before) => {
                    let valid = validate_person(&before.to_input(), today())?;
                    people::update_person(tx, &current, &valid)?;
                }
            }
        }
        imports::mark_undone(tx, import_id, &now)?;
        audit::record(
            tx,
            "undo",
            "import",
            import_id,
            None::<&()>,
            Some(&changes.len()),
        )?;
        Ok(changes.len() as u32)
    })
}

pub fn list(state: &AppState) -> AppResult<Vec<crate::domain::import::ImportSummary>> {
    state.read(imports::list_imports)
}

// ---------------------------------------------------------------------------------------
// Duplicates in the registry

/// Two people the rule finds alike.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePair {
    pub a: PersonBrief,
    pub b: PersonBrief,
    pub strength: MatchStrength,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonBrief {
    pub id: String,
    pub name: String,
    #[ts(optional)]
    pub date_of_birth: Option<String>,
    #[ts(optional)]
    pub external_id: Option<String>,
}

/// The pairs of the registry the rule finds, best first, without those said not to be the
/// same person.
pub fn possible_duplicates(state: &AppState) -> AppResult<Vec<DuplicatePair>> {
    state.read(|db| {
        let registry = imports::registry_candidates(db)?;
        let dismissed = imports::dismissed_pairs(db)?;
        let mut index = Index::new();
        for (_, c) in &registry {
            index.push(Keys::of(c));
        }
        let ids = |i: u32| registry[i as usize].0.as_str();
        let pairs = dedupe::registry_pairs(
            &index,
            |a, b| {
                let (x, y) = (ids(a), ids(b));
                let (x, y) = if x < y { (x, y) } else { (y, x) };
                dismissed.contains(&(x.to_owned(), y.to_owned()))
            },
            500,
        );
        let brief = |i: u32| {
            let (id, c) = &registry[i as usize];
            PersonBrief {
                id: id.clone(),
                name: format!("{} {}", c.first_name, c.last_name)
                    .trim()
                    .to_owned(),
                date_of_birth: c.date_of_birth.map(format_date),
                external_id: c.external_id.clone(),
            }
        };
        Ok(pairs
            .into_iter()
            .filter_map(|(a, b, s)| {
                Some(DuplicatePair {
                    a: brief(a),
                    b: brief(b),
                    strength: strength(s.total)?,
                    reasons: s.reasons,
                })
            })
            .collect())
    })
}

/// Remembers that two people are not the same person.
pub fn dismiss(state: &AppState, a: &str, b: &str) -> AppResult<()> {
    if a == b {
        return Err(AppError::invalid("b", "Choose two different people."));
    }
    state.write(|tx| {
        people::get_person(tx, a)?;
        people::get_person(tx, b)?;
        imports::dismiss_pair(tx, a, b, &audit::actor(), &now_utc())?;
        audit::record(tx, "not_duplicate", "person", a, None::<&()>, Some(&b))
    })
}

/// The merge: the person kept, the one merged into them, and the fields to take from the
/// one merged (the rest are the kept one's).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeRequest {
    pub keep_id: String,
    pub merge_id: String,
    pub take_from_merged: Vec<MergeField>,
}

/// Merges two people in one transaction: the kept record takes the chosen values and every
/// supervision, membership, need, invitation, referral, contact attempt and outcome of the
/// other; the other becomes a tombstone pointing to the kept one. Audited.
pub fn merge(state: &AppState, req: &MergeRequest) -> AppResult<Person> {
    if req.keep_id == req.merge_id {
        return Err(AppError::invalid("mergeId", "Choose two different people."));
    }
    state.write(|tx| {
        let keep = people::get_person(tx, &req.keep_id)?;
        let other = people::get_person(tx, &req.merge_id)?;
        crate::domain::people::check_editable(&keep)?;
        let mut input = merged_person(&keep, &other, &req.take_from_merged);
        if input.status == crate::domain::people::PersonStatus::Archived {
            input.status = crate::domain::people::PersonStatus::Active;
        }
        let now = now_utc();
        // The other's supervisions, memberships and needs move over first, so the form
        // saved over the kept record lists them all.
        imports::merge_into(tx, &other.id, &keep.id, &now)?;
        let moved = people::get_person(tx, &keep.id)?;
        let full = moved.to_input();
        input.supervisions = full.supervisions;
        input.groups = full.groups;
        input.needs = full.needs;
        let valid = validate_person(&input, today())?;
        let after = people::update_person(tx, &moved, &valid)?;
        if imports::external_id(tx, &keep.id)?.is_none() {
            if let Some(e) = imports::external_id(tx, &other.id)? {
                imports::set_external_id(tx, &keep.id, Some(&e))?;
            }
        }
        audit::record(tx, "merge", "person", &other.id, Some(&other), Some(&after))?;
        audit::record(tx, "merge", "person", &keep.id, Some(&keep), Some(&after))?;
        Ok(after)
    })
}

// ---------------------------------------------------------------------------------------
// Handlers

#[tauri::command]
pub async fn import_open_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<ImportPreview>> {
    open_chosen(&state, &app)
}

#[tauri::command]
pub async fn import_choose_sheet(
    state: State<'_, AppState>,
    sheet: String,
) -> AppResult<ImportPreview> {
    choose_sheet(&state, &sheet)
}

#[tauri::command]
pub async fn import_check(state: State<'_, AppState>, plan: ImportPlan) -> AppResult<ImportCheck> {
    check(&state, &plan)
}

#[tauri::command]
pub async fn import_commit(
    state: State<'_, AppState>,
    plan: ImportPlan,
) -> AppResult<ImportResult> {
    commit(&state, &plan)
}

#[tauri::command]
pub async fn import_close(state: State<'_, AppState>) -> AppResult<()> {
    forget(&state)
}

#[tauri::command]
pub async fn import_save_mapping(
    state: State<'_, AppState>,
    name: String,
    mapping: ImportMapping,
) -> AppResult<()> {
    save_mapping(&state, &name, &mapping)
}

#[tauri::command]
pub async fn import_undo(state: State<'_, AppState>, import_id: String) -> AppResult<u32> {
    undo(&state, &import_id)
}

#[tauri::command]
pub async fn list_imports(
    state: State<'_, AppState>,
) -> AppResult<Vec<crate::domain::import::ImportSummary>> {
    list(&state)
}

#[tauri::command]
pub async fn possible_duplicate_people(
    state: State<'_, AppState>,
) -> AppResult<Vec<DuplicatePair>> {
    possible_duplicates(&state)
}

#[tauri::command]
pub async fn dismiss_duplicate(state: State<'_, AppState>, a: String, b: String) -> AppResult<()> {
    dismiss(&state, &a, &b)
}

#[tauri::command]
pub async fn merge_people(state: State<'_, AppState>, request: MergeRequest) -> AppResult<Person> {
    merge(&state, &request)
}
