//! The invitee list: the picker, adding and removing, warnings and notices.

use tauri::State;

use crate::domain::invitations::{InviteeCandidate, InviteeList, InviteeQuery, NoticeAction};
use crate::domain::people::Page;
use crate::domain::time::today;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::invitations;

pub fn candidates(
    state: &AppState,
    call_in_id: &str,
    query: &InviteeQuery,
) -> AppResult<Page<InviteeCandidate>> {
    state.read(|db| invitations::candidates(db, call_in_id, query))
}

pub fn notice(
    state: &AppState,
    call_in_id: &str,
    ids: &[String],
    action: &NoticeAction,
) -> AppResult<InviteeList> {
    state.write(|tx| invitations::bulk_notice(tx, call_in_id, ids, action, today()))
}

#[tauri::command]
pub async fn invitee_candidates(
    state: State<'_, AppState>,
    call_in_id: String,
    query: InviteeQuery,
) -> AppResult<Page<InviteeCandidate>> {
    candidates(&state, &call_in_id, &query)
}

#[tauri::command]
pub async fn list_invitations(
    state: State<'_, AppState>,
    call_in_id: String,
) -> AppResult<InviteeList> {
    state.read(|db| invitations::list_invitations(db, &call_in_id))
}

#[tauri::command]
pub async fn add_invitee(
    state: State<'_, AppState>,
    call_in_id: String,
    person_id: String,
    reason: String,
) -> AppResult<InviteeList> {
    state.write(|tx| invitations::add_invitee(tx, &call_in_id, &person_id, &reason))
}

/// Adds everyone the filter matches; returns how many were added.
#[tauri::command]
pub async fn add_filtered_invitees(
    state: State<'_, AppState>,
    call_in_id: String,
    query: InviteeQuery,
    reason: String,
) -> AppResult<u32> {
    state.write(|tx| invitations::add_filtered(tx, &call_in_id, &query, &reason))
}

#[tauri::command]
pub async fn remove_invitee(
    state: State<'_, AppState>,
    invitation_id: String,
) -> AppResult<InviteeList> {
    state.write(|tx| invitations::remove_invitee(tx, &invitation_id))
}

#[tauri::command]
pub async fn acknowledge_warnings(
    state: State<'_, AppState>,
    call_in_id: String,
    keys: Vec<String>,
) -> AppResult<InviteeList> {
    state.write(|tx| invitations::acknowledge(tx, &call_in_id, &keys))
}

#[tauri::command]
pub async fn notice_action(
    state: State<'_, AppState>,
    call_in_id: String,
    invitation_ids: Vec<String>,
    action: NoticeAction,
) -> AppResult<InviteeList> {
    notice(&state, &call_in_id, &invitation_ids, &action)
}
