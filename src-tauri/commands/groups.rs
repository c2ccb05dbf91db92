//! Groups, their members, feuds and alliances.

use tauri::State;

use crate::domain::groups::{validate_group, Group, GroupInput, GroupSummary, LinkKind};
use crate::domain::text::clean;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::groups;

pub fn create(state: &AppState, input: &GroupInput) -> AppResult<Group> {
    let valid = validate_group(input)?;
    state.write(|tx| groups::create_group(tx, &valid))
}

#[tauri::command]
pub async fn list_groups(state: State<'_, AppState>) -> AppResult<Vec<GroupSummary>> {
    state.read(groups::list_groups)
}

#[tauri::command]
pub async fn get_group(state: State<'_, AppState>, id: String) -> AppResult<Group> {
    state.read(|db| groups::get_group(db, &id))
}

#[tauri::command]
pub async fn create_group(state: State<'_, AppState>, input: GroupInput) -> AppResult<Group> {
    create(&state, &input)
}

#[tauri::command]
pub async fn update_group(
    state: State<'_, AppState>,
    id: String,
    input: GroupInput,
) -> AppResult<Group> {
    let valid = validate_group(&input)?;
    state.write(|tx| groups::update_group(tx, &id, &valid))
}

#[tauri::command]
pub async fn add_group_member(
    state: State<'_, AppState>,
    group_id: String,
    person_id: String,
    role: String,
) -> AppResult<Group> {
    let role = clean(Some(&role));
    state.write(|tx| groups::add_member(tx, &group_id, &person_id, role.as_deref()))
}

#[tauri::command]
pub async fn remove_group_member(
    state: State<'_, AppState>,
    group_id: String,
    person_id: String,
) -> AppResult<Group> {
    state.write(|tx| groups::remove_member(tx, &group_id, &person_id))
}

#[tauri::command]
pub async fn link_groups(
    state: State<'_, AppState>,
    group_id: String,
    other_group_id: String,
    kind: LinkKind,
) -> AppResult<Group> {
    state.write(|tx| groups::link_groups(tx, &group_id, &other_group_id, kind))
}

#[tauri::command]
pub async fn unlink_groups(
    state: State<'_, AppState>,
    group_id: String,
    link_id: String,
) -> AppResult<Group> {
    state.write(|tx| groups::unlink_groups(tx, &group_id, &link_id))
}
