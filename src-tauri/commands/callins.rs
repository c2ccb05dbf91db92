//! Call-ins: the wizard's steps, the checklist, readiness and the lifecycle actions.

use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use crate::domain::callins::{
    check_plan_editable, check_schedulable, check_wizard_step, readiness as judge, status_change,
    validate_basics, validate_checklist_item, CallIn, CallInBasicsInput, CallInSummary,
    ChecklistItem, ChecklistItemInput, Readiness, ReadinessFacts, ValidBasics,
};
use crate::domain::groups::check_groups_exist;
use crate::domain::labels::Labelled;
use crate::domain::lifecycle::{CallInStatus, SpeakerAssignmentStatus};
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::{callins, directory, groups};
use rusqlite::Connection;

pub fn create(state: &AppState, input: &CallInBasicsInput) -> AppResult<CallIn> {
    let valid = validate_basics(input)?;
    state.write(|tx| {
        check_target_groups(tx, &valid)?;
        callins::create_call_in(tx, &valid)
    })
}

/// Every target group chosen still exists.
fn check_target_groups(conn: &Connection, valid: &ValidBasics) -> AppResult<()> {
    let wanted = &valid.target_group_ids;
    check_groups_exist(wanted, &[], &groups::existing_groups(conn, wanted)?, |i| {
        format!("targetGroupIds.{i}")
    })
}

/// The call-in, refused with a clear message when its plan can no longer change: every
/// change to a plan (basics, invitees, run-of-show, table, checklist) loads it here first.
pub fn editable(conn: &Connection, id: &str) -> AppResult<CallIn> {
    let c = callins::get_call_in(conn, id)?;
    check_plan_editable(c.status)?;
    Ok(c)
}

pub fn list(state: &AppState) -> AppResult<Vec<CallInSummary>> {
    state.read(callins::list_call_ins)
}

pub fn get(state: &AppState, id: &str) -> AppResult<CallIn> {
    state.read(|db| callins::get_call_in(db, id))
}

pub fn update(state: &AppState, id: &str, input: &CallInBasicsInput) -> AppResult<CallIn> {
    let valid = validate_basics(input)?;
    state.write(|tx| {
        let before = editable(tx, id)?;
        check_target_groups(tx, &valid)?;
        callins::update_basics(tx, &before, &valid)
    })
}

/// Remembers the wizard step the coordinator is on.
pub fn set_step(state: &AppState, id: &str, step: u32) -> AppResult<()> {
    let step = check_wizard_step(step)?;
    state.write(|tx| callins::set_wizard_step(tx, id, step))
}

pub fn readiness(state: &AppState, id: &str) -> AppResult<Readiness> {
    state.read(|db| readiness_of(db, id))
}

pub fn checklist_of(state: &AppState, call_in_id: &str) -> AppResult<Vec<ChecklistItem>> {
    state.read(|db| callins::checklist(db, call_in_id))
}

pub fn add_item(
    state: &AppState,
    call_in_id: &str,
    input: &ChecklistItemInput,
) -> AppResult<ChecklistItem> {
    let valid = validate_checklist_item(input)?;
    state.write(|tx| {
        editable(tx, call_in_id)?;
        callins::add_checklist_item(tx, call_in_id, &valid)
    })
}

pub fn update_item(
    state: &AppState,
    id: &str,
    input: &ChecklistItemInput,
) -> AppResult<ChecklistItem> {
    let valid = validate_checklist_item(input)?;
    state.write(|tx| {
        editable(tx, &callins::checklist_call_in(tx, id)?)?;
        callins::update_checklist_item(tx, id, &valid)
    })
}

pub fn remove_item(state: &AppState, id: &str) -> AppResult<()> {
    state.write(|tx| {
        editable(tx, &callins::checklist_call_in(tx, id)?)?;
        callins::remove_checklist_item(tx, id)
    })
}

/// What stands between the call-in and "Schedule", from everything planned so far.
pub fn readiness_of(conn: &Connection, id: &str) -> AppResult<Readiness> {
    // The call-in and the invitee list are loaded once for the three parts that need them.
    let call_in = callins::get_call_in(conn, id)?;
    let list = super::invitations::list_of(conn, call_in.clone())?;
    let show = crate::domain::directory::run_of_show(&call_in, directory::segments(conn, id)?);
    let table = super::directory::table_for(conn, id, list.counted)?;
    let unconfirmed_speakers = show
        .segments
        .iter()
        .flat_map(|s| s.speakers.iter())
        .filter(|a| a.status == SpeakerAssignmentStatus::Invited)
        .map(|a| a.speaker_name.clone())
        .collect();
    let uncovered_needs = table
        .needs
        .iter()
        .filter(|n| n.common && !n.covered)
        .map(|n| n.category.label_en().to_owned())
        .collect();
    let open_checklist = callins::checklist(conn, id)?
        .into_iter()
        .filter(|i| !i.done)
        .map(|i| i.label)
        .collect();
    Ok(judge(&ReadinessFacts {
        call_in: &call_in,
        invitees: list.counted,
        unacknowledged_warnings: list.open_warnings,
        segments: show.segments.len() as u32,
        agenda_minutes: show.total_minutes,
        unconfirmed_speakers,
        providers: table.providers.len() as u32,
        uncovered_needs,
        open_checklist,
    }))
}

/// A lifecycle action on a call-in.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(
    tag = "action",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum CallInAction {
    /// Draft or Postponed → Scheduled, when nothing blocks it.
    Schedule,
    NoticesOut,
    /// With a new date and start time when known.
    Postpone {
        date: String,
        start_time: String,
    },
    Cancel {
        reason: String,
    },
}

/// Moves a call-in along its lifecycle: the domain decides, the store saves.
pub fn move_to(
    conn: &Connection,
    id: &str,
    to: CallInStatus,
    reason: Option<&str>,
    new_start: Option<&ValidBasics>,
) -> AppResult<CallIn> {
    move_loaded(
        conn,
        &callins::get_call_in(conn, id)?,
        to,
        reason,
        new_start,
    )
}

/// [`move_to`] for a call-in already loaded.
fn move_loaded(
    conn: &Connection,
    c: &CallIn,
    to: CallInStatus,
    reason: Option<&str>,
    new_start: Option<&ValidBasics>,
) -> AppResult<CallIn> {
    let reason = status_change(c.status, to, reason)?;
    callins::save_status(conn, c, to, reason.as_deref(), new_start)
}

/// Schedules a call-in when nothing blocks it (the one way to Scheduled: the demo data
/// and the benchmarks go through it too).
pub fn schedule(conn: &Connection, id: &str) -> AppResult<CallIn> {
    let c = callins::get_call_in(conn, id)?;
    check_schedulable(c.status, &readiness_of(conn, id)?)?;
    move_loaded(conn, &c, CallInStatus::Scheduled, None, None)
}

pub fn act(state: &AppState, id: &str, action: &CallInAction) -> AppResult<CallIn> {
    state.write(|tx| match action {
        CallInAction::Schedule => schedule(tx, id),
        CallInAction::NoticesOut => move_to(tx, id, CallInStatus::NoticesOut, None, None),
        CallInAction::Postpone { date, start_time } => {
            let c = callins::get_call_in(tx, id)?;
            let new_start = if date.trim().is_empty() {
                None
            } else {
                let mut b = c.to_basics();
                b.date = date.clone();
                b.start_time = start_time.clone();
                Some(validate_basics(&b)?)
            };
            move_loaded(tx, &c, CallInStatus::Postponed, None, new_start.as_ref())
        }
        CallInAction::Cancel { reason } => {
            move_to(tx, id, CallInStatus::Cancelled, Some(reason), None)
        }
    })
}

#[tauri::command]
pub async fn list_call_ins(state: State<'_, AppState>) -> AppResult<Vec<CallInSummary>> {
    list(&state)
}

#[tauri::command]
pub async fn get_call_in(state: State<'_, AppState>, id: String) -> AppResult<CallIn> {
    get(&state, &id)
}

#[tauri::command]
pub async fn create_call_in(
    state: State<'_, AppState>,
    input: CallInBasicsInput,
) -> AppResult<CallIn> {
    create(&state, &input)
}

#[tauri::command]
pub async fn update_call_in(
    state: State<'_, AppState>,
    id: String,
    input: CallInBasicsInput,
) -> AppResult<CallIn> {
    update(&state, &id, &input)
}

#[tauri::command]
pub async fn set_wizard_step(state: State<'_, AppState>, id: String, step: u32) -> AppResult<()> {
    set_step(&state, &id, step)
}

#[tauri::command]
pub async fn call_in_readiness(state: State<'_, AppState>, id: String) -> AppResult<Readiness> {
    readiness(&state, &id)
}

#[tauri::command]
pub async fn call_in_action(
    state: State<'_, AppState>,
    id: String,
    action: CallInAction,
) -> AppResult<CallIn> {
    act(&state, &id, &action)
}

#[tauri::command]
pub async fn checklist(
    state: State<'_, AppState>,
    call_in_id: String,
) -> AppResult<Vec<ChecklistItem>> {
    checklist_of(&state, &call_in_id)
}

#[tauri::command]
pub async fn add_checklist_item(
    state: State<'_, AppState>,
    call_in_id: String,
    input: ChecklistItemInput,
) -> AppResult<ChecklistItem> {
    add_item(&state, &call_in_id, &input)
}

#[tauri::command]
pub async fn update_checklist_item(
    state: State<'_, AppState>,
    id: String,
    input: ChecklistItemInput,
) -> AppResult<ChecklistItem> {
    update_item(&state, &id, &input)
}

#[tauri::command]
pub async fn remove_checklist_item(state: State<'_, AppState>, id: String) -> AppResult<()> {
    remove_item(&state, &id)
}
