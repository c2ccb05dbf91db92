//! The invitee list: the picker, adding and removing, warnings and notices. Every change
//! is refused once the call-in's plan is final ([`super::callins::editable`]).

use chrono::NaiveDate;
use rusqlite::Connection;
use tauri::State;

use super::callins::editable;
use crate::domain::callins::CallIn;
use crate::domain::invitations::{
    candidate_page, check_bulk_add, check_invitable, check_removable, invitee_list,
    plan_acknowledgements, plan_notices, InviteeCandidate, InviteeList, InviteeQuery, NoticeAction,
    MAX_BULK_ADD,
};
use crate::domain::people::Page;
use crate::domain::text::clean;
use crate::domain::time::{now_utc, today};
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::callins::get_call_in;
use crate::store::invitations;

pub fn candidates(
    state: &AppState,
    call_in_id: &str,
    query: &InviteeQuery,
) -> AppResult<Page<InviteeCandidate>> {
    state.read(|db| {
        let (page, facts) = invitations::candidate_rows(db, call_in_id, query)?;
        Ok(candidate_page(
            &invitations::list_facts(db, get_call_in(db, call_in_id)?)?,
            page,
            facts,
        ))
    })
}

pub fn list(state: &AppState, call_in_id: &str) -> AppResult<InviteeList> {
    state.read(|db| invitee_list_of(db, call_in_id))
}

/// The invitee list as the domain assembles it from what the store loads.
pub fn invitee_list_of(conn: &Connection, call_in_id: &str) -> AppResult<InviteeList> {
    list_of(conn, get_call_in(conn, call_in_id)?)
}

/// The invitee list of a call-in already loaded.
pub fn list_of(conn: &Connection, call_in: CallIn) -> AppResult<InviteeList> {
    Ok(invitee_list(invitations::list_facts(conn, call_in)?))
}

pub fn add(
    state: &AppState,
    call_in_id: &str,
    person_id: &str,
    reason: &str,
) -> AppResult<InviteeList> {
    state.write(|tx| {
        invite(tx, call_in_id, person_id, reason)?;
        invitee_list_of(tx, call_in_id)
    })
}

/// Adds one person to a call-in's list, as Proposed: refused once the plan is final, for
/// someone not in the registry or archived, and for someone on the list already. (Also how
/// the demo data and the benchmarks invite.)
pub fn invite(conn: &Connection, call_in_id: &str, person_id: &str, reason: &str) -> AppResult<()> {
    editable(conn, call_in_id)?;
    check_invitable(
        invitations::person_status(conn, person_id)?,
        invitations::already_invited(conn, call_in_id, person_id)?,
    )?;
    invitations::insert_invitation(
        conn,
        call_in_id,
        person_id,
        clean(Some(reason)).as_deref(),
        &now_utc(),
    )?;
    Ok(())
}

/// Adds everyone the filter matches; returns how many were added. Refused, adding no one,
/// when the filter matches more than [`MAX_BULK_ADD`] people.
pub fn add_filtered(
    state: &AppState,
    call_in_id: &str,
    query: &InviteeQuery,
    reason: &str,
) -> AppResult<u32> {
    state.write(|tx| {
        editable(tx, call_in_id)?;
        let ids = invitations::matching(tx, query, MAX_BULK_ADD)?;
        check_bulk_add(ids.len())?;
        invitations::insert_new_invitations(tx, call_in_id, &ids, clean(Some(reason)).as_deref())
    })
}

/// Takes someone off the list before a notice went out (after that: Excused or Ineligible).
pub fn remove(state: &AppState, invitation_id: &str) -> AppResult<InviteeList> {
    state.write(|tx| {
        let (call_in_id, status) = invitations::invitation_call_in(tx, invitation_id)?;
        editable(tx, &call_in_id)?;
        check_removable(status)?;
        invitations::remove_invitee(tx, invitation_id, status)?;
        invitee_list_of(tx, &call_in_id)
    })
}

pub fn acknowledge(state: &AppState, call_in_id: &str, keys: &[String]) -> AppResult<InviteeList> {
    state.write(|tx| acknowledge_warnings_of(tx, call_in_id, keys))
}

/// Records that the coordinator saw these warnings, all or nothing; a key that no longer
/// applies is refused. (Also how the demo data and the benchmarks acknowledge.)
pub fn acknowledge_warnings_of(
    conn: &Connection,
    call_in_id: &str,
    keys: &[String],
) -> AppResult<InviteeList> {
    let call_in = editable(conn, call_in_id)?;
    let list = list_of(conn, call_in.clone())?;
    let seen = plan_acknowledgements(&list.warnings, keys)?;
    invitations::save_acknowledgements(conn, call_in_id, &seen)?;
    list_of(conn, call_in)
}

pub fn notice(
    state: &AppState,
    call_in_id: &str,
    ids: &[String],
    action: &NoticeAction,
) -> AppResult<InviteeList> {
    state.write(|tx| notices(tx, call_in_id, ids, action, today()))
}

/// One notice action on a selection of a call-in's invitees, all or nothing: refused once
/// the plan is final; the domain decides every move (`plan_notices`), then they are saved.
/// (Also how the demo data and the benchmarks issue notices.)
pub fn notices(
    conn: &Connection,
    call_in_id: &str,
    ids: &[String],
    action: &NoticeAction,
    today: NaiveDate,
) -> AppResult<InviteeList> {
    let call_in = editable(conn, call_in_id)?;
    let list = list_of(conn, call_in.clone())?;
    let moves = plan_notices(call_in.status, &list.invitations, ids, action, today)?;
    invitations::save_notices(conn, &moves, action)?;
    list_of(conn, call_in)
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
