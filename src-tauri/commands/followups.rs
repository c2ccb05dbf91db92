//! Follow-ups: the open referrals, moving one along its lifecycle, contact attempts, a
//! referral's history and Part 2 consent; the no-shows and their custom notifications;
//! exports of both lists through the native save dialog.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::NaiveDate;
use rusqlite::Connection;
use tauri::{AppHandle, State};

use crate::domain::followups::{
    check_open, check_part2, history, no_show_statuses, notification_move, validate_consent,
    validate_contact, validate_move, validate_notification, ConsentInput, ContactAttemptInput,
    CustomNotificationInput, NoShowQuery, NoShowRow, ReferralHistory, ReferralList, ReferralMove,
    ReferralQuery, ReferralRow, NO_SHOW_STATUSES,
};
use crate::domain::time::{format_date, today};
use crate::error::{AppError, AppResult};
use crate::reports::followups::{no_show_table, referral_cells, referral_columns, withheld_note};
use crate::reports::table::{export_streamed, ExportFormat, ExportSummary, Table};
use crate::state::AppState;
use crate::store::followups;

/// The follow-up list shows at most this many rows; the count says how many match.
pub const LIST_LIMIT: u32 = 500;

pub fn referrals(state: &AppState, query: &ReferralQuery) -> AppResult<ReferralList> {
    referrals_on(state, query, today(), LIST_LIMIT)
}

/// The follow-up list as it stands on `today` (what is overdue, what is due this week), its
/// first `limit` rows and the counts of all that match.
pub fn referrals_on(
    state: &AppState,
    query: &ReferralQuery,
    today: NaiveDate,
    limit: u32,
) -> AppResult<ReferralList> {
    state.read(|db| followups::list_referrals(db, query, today, Some(limit)))
}

/// One row of the follow-up list as it stands on `today`.
pub fn referral_on(state: &AppState, id: &str, today: NaiveDate) -> AppResult<ReferralRow> {
    state.read(|db| followups::referral(db, id, today))
}

fn history_in(conn: &Connection, id: &str) -> AppResult<ReferralHistory> {
    Ok(history(followups::events(conn, id)?))
}

/// A referral's status changes and contact attempts, oldest first.
pub fn history_of(state: &AppState, id: &str) -> AppResult<ReferralHistory> {
    state.read(|db| history_in(db, id))
}

/// Moves a referral along its lifecycle (dated `today` at the latest).
pub fn move_to(
    state: &AppState,
    id: &str,
    change: &ReferralMove,
    today: NaiveDate,
) -> AppResult<ReferralHistory> {
    state.write(|tx| {
        move_in(tx, id, change, today)?;
        history_in(tx, id)
    })
}

/// [`move_to`] inside a write already open (also how the synthetic data moves referrals).
pub fn move_in(
    conn: &Connection,
    id: &str,
    change: &ReferralMove,
    today: NaiveDate,
) -> AppResult<()> {
    let (from, _) = followups::status_of(conn, id)?;
    let v = validate_move(from, change, today)?;
    followups::save_move(conn, id, from, &v)
}

/// Logs a contact attempt on an open referral.
pub fn log_contact(
    state: &AppState,
    referral_id: &str,
    input: &ContactAttemptInput,
    today: NaiveDate,
) -> AppResult<ReferralHistory> {
    state.write(|tx| {
        log_contact_in(tx, referral_id, input, today)?;
        history_in(tx, referral_id)
    })
}

/// [`log_contact`] inside a write already open (also how the synthetic data logs attempts).
pub fn log_contact_in(
    conn: &Connection,
    referral_id: &str,
    input: &ContactAttemptInput,
    today: NaiveDate,
) -> AppResult<()> {
    let (status, person_id) = followups::status_of(conn, referral_id)?;
    check_open(status)?;
    let c = validate_contact(input, today)?;
    followups::save_contact(conn, referral_id, &person_id, input, &c)
}

/// Records (or corrects) the consent of a 42 CFR Part 2 referral.
pub fn consent(
    state: &AppState,
    id: &str,
    input: &ConsentInput,
    today: NaiveDate,
) -> AppResult<ReferralRow> {
    state.write(|tx| {
        consent_in(tx, id, input, today)?;
        followups::referral(tx, id, today)
    })
}

/// [`consent`] inside a write already open (also how the synthetic data records consent).
pub fn consent_in(
    conn: &Connection,
    id: &str,
    input: &ConsentInput,
    today: NaiveDate,
) -> AppResult<()> {
    check_part2(followups::is_part2(conn, id)?)?;
    let v = validate_consent(input, today)?;
    followups::save_consent(conn, id, input, &v)
}

pub fn no_shows(state: &AppState, query: &NoShowQuery) -> AppResult<Vec<NoShowRow>> {
    let statuses = no_show_statuses(query.status)?;
    state.read(|db| followups::list_no_shows(db, &statuses, query.call_in_id.as_deref(), None))
}

/// Plans a custom notification (`done` false) or records the one that happened (`done` true).
pub fn notify(
    state: &AppState,
    invitation_id: &str,
    input: &CustomNotificationInput,
    done: bool,
    today: NaiveDate,
) -> AppResult<NoShowRow> {
    state.write(|tx| {
        let (from, name) = followups::invitation_for_notice(tx, invitation_id)?;
        let to = notification_move(&name, from, done)?;
        let v = validate_notification(input, done, today)?;
        followups::save_notification(tx, invitation_id, from, to, &v)?;
        followups::list_no_shows(tx, &NO_SHOW_STATUSES, None, Some(invitation_id))?
            .pop()
            .ok_or_else(|| AppError::NotFound("That invitation does not exist.".into()))
    })
}

#[tauri::command]
pub async fn list_referrals(
    state: State<'_, AppState>,
    query: ReferralQuery,
) -> AppResult<ReferralList> {
    referrals(&state, &query)
}

#[tauri::command]
pub async fn move_referral(
    state: State<'_, AppState>,
    id: String,
    change: ReferralMove,
) -> AppResult<ReferralHistory> {
    move_to(&state, &id, &change, today())
}

#[tauri::command]
pub async fn log_contact_attempt(
    state: State<'_, AppState>,
    referral_id: String,
    input: ContactAttemptInput,
) -> AppResult<ReferralHistory> {
    log_contact(&state, &referral_id, &input, today())
}

#[tauri::command]
pub async fn referral_history(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ReferralHistory> {
    history_of(&state, &id)
}

#[tauri::command]
pub async fn record_consent(
    state: State<'_, AppState>,
    id: String,
    input: ConsentInput,
) -> AppResult<ReferralRow> {
    consent(&state, &id, &input, today())
}

#[tauri::command]
pub async fn list_no_shows(
    state: State<'_, AppState>,
    query: NoShowQuery,
) -> AppResult<Vec<NoShowRow>> {
    no_shows(&state, &query)
}

/// Plans a custom notification (`done` false) or records the one that happened (`done` true).
#[tauri::command]
pub async fn custom_notification(
    state: State<'_, AppState>,
    invitation_id: String,
    input: CustomNotificationInput,
    done: bool,
) -> AppResult<NoShowRow> {
    notify(&state, &invitation_id, &input, done, today())
}

/// Exports the follow-up list of `query` (every matching row, not only the page shown)
/// to `path`; Part 2 referrals without consent are left out and counted. The rows are
/// written as they are read.
pub fn export_referrals_to(
    state: &AppState,
    query: &ReferralQuery,
    format: ExportFormat,
    with_ids: bool,
    path: &Path,
) -> AppResult<ExportSummary> {
    let withheld = AtomicU32::new(0);
    let rows = export_streamed(
        format,
        "Follow-ups",
        &referral_columns(with_ids),
        path,
        |emit| {
            state.read(|db| {
                followups::each_referral(db, query, today(), None, |r| {
                    match referral_cells(r, with_ids) {
                        Some(cells) => emit(cells),
                        None => {
                            withheld.fetch_add(1, Ordering::Relaxed);
                            Ok(())
                        }
                    }
                })
            })
        },
        || withheld_note(withheld.load(Ordering::Relaxed), "export"),
    )?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        rows,
        withheld: withheld.into_inner(),
    })
}

pub fn export_no_shows_to(
    state: &AppState,
    query: &NoShowQuery,
    format: ExportFormat,
    with_ids: bool,
    path: &Path,
) -> AppResult<ExportSummary> {
    let rows = no_shows(state, query)?;
    let Table {
        name,
        columns,
        rows,
    } = no_show_table(&rows, with_ids);
    let rows = export_streamed(
        format,
        name,
        &columns,
        path,
        |emit| rows.into_iter().try_for_each(emit),
        || None,
    )?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        rows,
        withheld: 0,
    })
}

/// Refused at once while locked; then asks `ask` where to save (given the file name
/// `list` suggests, dated today) and exports there; `None` when the coordinator cancels.
fn export_asking(
    state: &AppState,
    list: &str,
    format: ExportFormat,
    ask: impl FnOnce(&str) -> Option<PathBuf>,
    export: impl FnOnce(&Path) -> AppResult<ExportSummary>,
) -> AppResult<Option<ExportSummary>> {
    state.read(|_| Ok(()))?;
    let name = format!("{list}-{}.{}", format_date(today()), format.extension());
    ask(&name).map(|path| export(&path)).transpose()
}

/// Asks `ask` where to save, then exports the follow-up list; `None` when cancelled.
pub fn export_referrals_asking(
    state: &AppState,
    query: &ReferralQuery,
    format: ExportFormat,
    with_ids: bool,
    ask: impl FnOnce(&str) -> Option<PathBuf>,
) -> AppResult<Option<ExportSummary>> {
    export_asking(state, "follow-ups", format, ask, |path| {
        export_referrals_to(state, query, format, with_ids, path)
    })
}

/// Asks `ask` where to save, then exports the no-show list; `None` when cancelled.
pub fn export_no_shows_asking(
    state: &AppState,
    query: &NoShowQuery,
    format: ExportFormat,
    with_ids: bool,
    ask: impl FnOnce(&str) -> Option<PathBuf>,
) -> AppResult<Option<ExportSummary>> {
    export_asking(state, "no-shows", format, ask, |path| {
        export_no_shows_to(state, query, format, with_ids, path)
    })
}

/// Asks where to save (the native dialog), then exports; `None` when cancelled.
#[tauri::command]
pub async fn export_referrals(
    app: AppHandle,
    state: State<'_, AppState>,
    query: ReferralQuery,
    format: ExportFormat,
    with_ids: bool,
) -> AppResult<Option<ExportSummary>> {
    export_referrals_asking(&state, &query, format, with_ids, |name| {
        super::save::export_path(&app, name, format)
    })
}

#[tauri::command]
pub async fn export_no_shows(
    app: AppHandle,
    state: State<'_, AppState>,
    query: NoShowQuery,
    format: ExportFormat,
    with_ids: bool,
) -> AppResult<Option<ExportSummary>> {
    export_no_shows_asking(&state, &query, format, with_ids, |name| {
        super::save::export_path(&app, name, format)
    })
}
