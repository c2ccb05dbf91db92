//! Follow-ups: the open referrals, moving one along its lifecycle, contact attempts, a
//! referral's history and Part 2 consent; the no-shows and their custom notifications;
//! exports of both lists through the native save dialog.

use tauri::{AppHandle, State};

use crate::domain::followups::{
    ConsentInput, ContactAttemptInput, CustomNotificationInput, NoShowQuery, NoShowRow,
    ReferralList, ReferralMove, ReferralQuery, ReferralRow,
};
use crate::domain::time::{format_date, today};
use crate::error::AppResult;
use crate::reports::followups::{no_show_table, referral_cells, referral_columns, withheld_note};
use crate::reports::table::{export_streamed, ExportFormat, ExportSummary, Table};
use crate::state::AppState;
use crate::store::followups::{self, ReferralHistory};

/// The follow-up list shows at most this many rows; the count says how many match.
const LIST_LIMIT: u32 = 500;

#[tauri::command]
pub async fn list_referrals(
    state: State<'_, AppState>,
    query: ReferralQuery,
) -> AppResult<ReferralList> {
    state.read(|db| followups::list_referrals(db, &query, today(), Some(LIST_LIMIT)))
}

#[tauri::command]
pub async fn move_referral(
    state: State<'_, AppState>,
    id: String,
    change: ReferralMove,
) -> AppResult<ReferralHistory> {
    state.write(|tx| followups::move_referral(tx, &id, &change, today()))
}

#[tauri::command]
pub async fn log_contact_attempt(
    state: State<'_, AppState>,
    referral_id: String,
    input: ContactAttemptInput,
) -> AppResult<ReferralHistory> {
    state.write(|tx| followups::log_contact(tx, &referral_id, &input, today()))
}

#[tauri::command]
pub async fn referral_history(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ReferralHistory> {
    state.read(|db| followups::history(db, &id))
}

#[tauri::command]
pub async fn record_consent(
    state: State<'_, AppState>,
    id: String,
    input: ConsentInput,
) -> AppResult<ReferralRow> {
    state.write(|tx| followups::record_consent(tx, &id, &input, today()))
}

#[tauri::command]
pub async fn list_no_shows(
    state: State<'_, AppState>,
    query: NoShowQuery,
) -> AppResult<Vec<NoShowRow>> {
    state.read(|db| followups::list_no_shows(db, &query))
}

/// Plans a custom notification (`done` false) or records the one that happened (`done` true).
#[tauri::command]
pub async fn custom_notification(
    state: State<'_, AppState>,
    invitation_id: String,
    input: CustomNotificationInput,
    done: bool,
) -> AppResult<NoShowRow> {
    state.write(|tx| followups::custom_notification(tx, &invitation_id, &input, done, today()))
}

/// Exports the follow-up list of `query` (every matching row, not only the page shown)
/// to `path`; Part 2 referrals without consent are left out and counted. The rows are
/// written as they are read.
pub fn export_referrals_to(
    state: &AppState,
    query: &ReferralQuery,
    format: ExportFormat,
    with_ids: bool,
    path: &std::path::Path,
) -> AppResult<ExportSummary> {
    let withheld = std::cell::Cell::new(0u32);
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
                            withheld.set(withheld.get() + 1);
                            Ok(())
                        }
                    }
                })
            })
        },
        || withheld_note(withheld.get(), "export"),
    )?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        rows,
        withheld: withheld.get(),
    })
}

pub fn export_no_shows_to(
    state: &AppState,
    query: &NoShowQuery,
    format: ExportFormat,
    with_ids: bool,
    path: &std::path::Path,
) -> AppResult<ExportSummary> {
    let rows = state.read(|db| followups::list_no_shows(db, query))?;
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

/// Asks where to save (the native dialog), then exports; `None` when cancelled.
#[tauri::command]
pub async fn export_referrals(
    app: AppHandle,
    state: State<'_, AppState>,
    query: ReferralQuery,
    format: ExportFormat,
    with_ids: bool,
) -> AppResult<Option<ExportSummary>> {
    state.read(|_| Ok(()))?;
    let name = format!("follow-ups-{}.{}", format_date(today()), format.extension());
    let Some(path) = super::save::export_path(&app, &name, format) else {
        return Ok(None);
    };
    export_referrals_to(&state, &query, format, with_ids, &path).map(Some)
}

#[tauri::command]
pub async fn export_no_shows(
    app: AppHandle,
    state: State<'_, AppState>,
    query: NoShowQuery,
    format: ExportFormat,
    with_ids: bool,
) -> AppResult<Option<ExportSummary>> {
    state.read(|_| Ok(()))?;
    let name = format!("no-shows-{}.{}", format_date(today()), format.extension());
    let Some(path) = super::save::export_path(&app, &name, format) else {
        return Ok(None);
    };
    export_no_shows_to(&state, &query, format, with_ids, &path).map(Some)
}
