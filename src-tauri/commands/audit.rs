//! Settings → Audit log: every entry, newest first, filtered; an entry field by field; the
//! export for an auditor (withholding 42 CFR Part 2 details without consent).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use tauri::{AppHandle, State};

use crate::domain::audit::{
    self as rules, AuditChoice, AuditOptions, AuditPage, AuditQuery, AuditRow,
};
use crate::domain::exports::{ExportFormat, ExportSummary};
use crate::domain::time::{format_date, today};
use crate::error::AppResult;
use crate::reports::table::{export_streamed, Cell, Column};
use crate::state::AppState;
use crate::store::audit::{self, StoredEntry};

fn row(e: &StoredEntry) -> AuditRow {
    let x = &e.entry;
    AuditRow {
        id: x.id.clone(),
        at: x.at.clone(),
        actor: x.actor.clone(),
        action: x.action.clone(),
        action_label: rules::action_label(&x.action),
        entity: x.entity.clone(),
        entity_label: rules::entity_label(&x.entity),
        entity_id: x.entity_id.clone(),
        changes: rules::changes(x.before.as_deref(), x.after.as_deref()),
    }
}

/// A page of the log, newest first.
pub fn page(state: &AppState, query: &AuditQuery) -> AppResult<AuditPage> {
    let f = rules::filter(query)?;
    let (entries, total) = state.read(|c| audit::search(c, &f, rules::PAGE + 1))?;
    let more = entries.len() > rules::PAGE;
    let entries = &entries[..entries.len().min(rules::PAGE)];
    Ok(AuditPage {
        rows: entries.iter().map(row).collect(),
        total,
        next_cursor: more
            .then(|| entries.last().map(|e| e.seq.to_string()))
            .flatten(),
    })
}

/// The kinds of record and the actions the log holds, with their words.
pub fn options(state: &AppState) -> AppResult<AuditOptions> {
    let (entities, actions) = state.read(audit::kinds)?;
    let choices = |list: Vec<String>, label: fn(&str) -> String| {
        let mut out: Vec<AuditChoice> = list
            .into_iter()
            .map(|v| AuditChoice {
                label: label(&v),
                value: v,
            })
            .collect();
        out.sort_by(|a, b| a.label.cmp(&b.label));
        out
    };
    Ok(AuditOptions {
        entities: choices(entities, rules::entity_label),
        actions: choices(actions, rules::action_label),
    })
}

fn columns() -> Vec<Column> {
    let c = |title, width| Column { title, width };
    vec![
        c("When (UTC)", 24.0),
        c("Who", 14.0),
        c("Action", 22.0),
        c("Record", 18.0),
        c("Record id", 38.0),
        c("Field", 28.0),
        c("Before", 30.0),
        c("After", 30.0),
    ]
}

/// Exports the entries the filter matches to `path`: one row per changed field; an entry
/// about a Part 2 referral without consent keeps its when, who and what, and withholds its
/// values.
pub fn export_to(
    state: &AppState,
    query: &AuditQuery,
    format: ExportFormat,
    path: &Path,
) -> AppResult<ExportSummary> {
    let f = rules::filter(query)?;
    let withheld = AtomicU32::new(0);
    let rows = export_streamed(
        format,
        "Audit log",
        &columns(),
        path,
        |emit| {
            state.read(|c| {
                audit::each(c, &f, |e| {
                    let r = row(&e);
                    let head = |field: Cell, before: Cell, after: Cell| {
                        vec![
                            Cell::from(r.at.as_str()),
                            Cell::from(r.actor.as_str()),
                            Cell::from(r.action_label.as_str()),
                            Cell::from(r.entity_label.as_str()),
                            Cell::from(r.entity_id.clone()),
                            field,
                            before,
                            after,
                        ]
                    };
                    if !rules::entry_exportable(e.part2) {
                        withheld.fetch_add(1, Ordering::Relaxed);
                        return emit(head(
                            Cell::Empty,
                            rules::WITHHELD.into(),
                            rules::WITHHELD.into(),
                        ));
                    }
                    if r.changes.is_empty() {
                        return emit(head(Cell::Empty, Cell::Empty, Cell::Empty));
                    }
                    for ch in &r.changes {
                        emit(head(
                            ch.label.as_str().into(),
                            ch.before.clone().into(),
                            ch.after.clone().into(),
                        ))?;
                    }
                    Ok(())
                })
            })
        },
        || {
            let n = withheld.load(Ordering::Relaxed);
            (n > 0).then(|| format!("{n} entries about 42 CFR Part 2 referrals without recorded consent have their values withheld."))
        },
    )?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        rows,
        withheld: withheld.into_inner(),
    })
}

/// Asks `ask` where to save, then exports; `None` when cancelled.
pub fn export_asking(
    state: &AppState,
    query: &AuditQuery,
    format: ExportFormat,
    ask: impl FnOnce(&str) -> Option<PathBuf>,
) -> AppResult<Option<ExportSummary>> {
    rules::filter(query)?;
    state.read(|_| Ok(()))?;
    let name = format!("audit-log-{}.{}", format_date(today()), format.extension());
    ask(&name)
        .map(|path| export_to(state, query, format, &path))
        .transpose()
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, query: AuditQuery) -> AppResult<AuditPage> {
    page(&state, &query)
}

#[tauri::command]
pub async fn audit_options(state: State<'_, AppState>) -> AppResult<AuditOptions> {
    options(&state)
}

/// Asks where to save (the native dialog), then exports; `None` when cancelled.
#[tauri::command]
pub async fn export_audit_log(
    app: AppHandle,
    state: State<'_, AppState>,
    query: AuditQuery,
    format: ExportFormat,
) -> AppResult<Option<ExportSummary>> {
    export_asking(&state, &query, format, |name| {
        super::save::export_path(&app, name, format)
    })
}
