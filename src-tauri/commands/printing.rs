//! Printed documents as PDF bytes (the UI shows, prints or saves them). The store is read
//! first and let go; the layout runs after.

use tauri::ipc::Response;
use tauri::State;

use crate::domain::time::today;
use crate::error::AppResult;
use crate::reports::call_in_sheets::{load_sign_in, render_roster, render_sign_in, roster_data};
use crate::state::AppState;

pub fn sign_in_sheet(state: &AppState, call_in_id: &str, walk_in_rows: u32) -> AppResult<Vec<u8>> {
    let data = state.read(|db| load_sign_in(db, call_in_id, walk_in_rows, today()))?;
    render_sign_in(&data)
}

pub fn attendee_roster(state: &AppState, call_in_id: &str) -> AppResult<Vec<u8>> {
    let data = state.read(|db| roster_data(db, call_in_id, today()))?;
    render_roster(&data)
}

/// The call-in's sign-in sheet: names and signature boxes, then `walk_in_rows` blank rows.
#[tauri::command]
pub async fn sign_in_sheet_pdf(
    state: State<'_, AppState>,
    call_in_id: String,
    walk_in_rows: u32,
) -> AppResult<Response> {
    sign_in_sheet(&state, &call_in_id, walk_in_rows).map(Response::new)
}

/// The call-in's attendee roster for staff.
#[tauri::command]
pub async fn attendee_roster_pdf(
    state: State<'_, AppState>,
    call_in_id: String,
) -> AppResult<Response> {
    attendee_roster(&state, &call_in_id).map(Response::new)
}
