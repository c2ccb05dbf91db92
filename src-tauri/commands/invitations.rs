//! The invitee list: the picker, adding and removing, warnings and notices. Every change
//! is refused once the call-in's plan is final ([`super::callins::editable`]).

use chrono::NaiveDate;
use rusqlite::Connection;
use tauri::State;

use super::callins::editable;
use crate::domain::invitations::{
    check_removable, plan_notices, InviteeCandidate, InviteeList, InviteeQuery, NoticeAction,
};
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

pub fn list(state: &AppState, call_in_id: &str) -> AppResult<InviteeList> {
    state.read(|db| invitations::list_invitations(db, call_in_id))
}

pub fn add(
    state: &AppState,
    call_in_id: &str,
    person_id: &str,
    reason: &str,
) -> AppResult<InviteeList> {
    state.write(|tx| {
        editable(tx, call_in_id)?;
        invitations::add_invitee(tx, call_in_id, person_id, reason)
    })
}

/// Adds everyone the filter matches; returns how many were added.
pub fn add_filtered(
    state: &AppState,
    call_in_id: &str,
    query: &InviteeQuery,
    reason: &str,
) -> AppResult<u32> {
    state.write(|tx| {
        editable(tx, call_in_id)?;
        invitations::add_filtered(tx, call_in_id, query, reason)
    })
}

/// Takes someone off the list before a notice went out (after that: Excused or Ineligible).
pub fn remove(state: &AppState, invitation_id: &str) -> AppResult<InviteeList> {
    state.write(|tx| {
        let (call_in_id, status) = invitations::invitation_call_in(tx, invitation_id)?;
        editable(tx, &call_in_id)?;
        check_removable(status)?;
        invitations::remove_invitee(tx, &call_in_id, invitation_id, status)
    })
}

pub fn acknowledge(state: &AppState, call_in_id: &str, keys: &[String]) -> AppResult<InviteeList> {
    state.write(|tx| {
        editable(tx, call_in_id)?;
        invitations::acknowledge(tx, call_in_id, keys)
    })
}

pub fn notice(
    state: &AppState,
    call_in_id: &str,
    ids: &[String],
    action: &NoticeAction,
) -> AppResult<InviteeList> {
    state.write(|tx| {
        editable(tx, call_in_id)?;
        notices(tx, call_in_id, ids, action, today())
    })
}

/// One notice action on a selection of a call-in's invitees, all or nothing: the domain
/// decides every move (`plan_notices`), then they are saved. (Also how the demo data and
/// the benchmarks issue notices.)
pub fn notices(
    conn: &Connection,
    call_in_id: &str,
    ids: &[String],
    action: &NoticeAction,
    today: NaiveDate,
) -> AppResult<InviteeList> {
    let call_in = crate::store::callins::get_call_in(conn, call_in_id)?;
    let list = invitations::list_invitations(conn, call_in_id)?;
    let moves = plan_notices(call_in.status, &list.invitations, ids, action, today)?;
    invitations::save_notices(conn, &moves, action)?;
    invitations::list_invitations(conn, call_in_id)
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
    list(&state, &call_in_id)
}

#[tauri::command]
pub async fn add_invitee(
    state: State<'_, AppState>,
    call_in_id: String,
    person_id: String,
    reason: String,
) -> AppResult<InviteeList> {
    add(&state, &call_in_id, &person_id, &reason)
}

/// Adds everyone the filter matches; returns how many were added.
#[tauri::command]
pub async fn add_filtered_invitees(
    state: State<'_, AppState>,
    call_in_id: String,
    query: InviteeQuery,
    reason: String,
) -> AppResult<u32> {
    add_filtered(&state, &call_in_id, &query, &reason)
}

#[tauri::command]
pub async fn remove_invitee(
    state: State<'_, AppState>,
    invitation_id: String,
) -> AppResult<InviteeList> {
    remove(&state, &invitation_id)
}

#[tauri::command]
pub async fn acknowledge_warnings(
    state: State<'_, AppState>,
    call_in_id: String,
    keys: Vec<String>,
) -> AppResult<InviteeList> {
    acknowledge(&state, &call_in_id, &keys)
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
