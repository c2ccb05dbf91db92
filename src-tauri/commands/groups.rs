//! Groups, their members, feuds and alliances.

use tauri::State;

use crate::domain::groups::{
    check_name_free, check_new_member, link_pair, validate_group, Group, GroupInput, GroupSummary,
    LinkKind,
};
use crate::domain::text::clean;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::groups;

pub fn list(state: &AppState) -> AppResult<Vec<GroupSummary>> {
    state.read(groups::list_groups)
}

pub fn get(state: &AppState, id: &str) -> AppResult<Group> {
    state.read(|db| groups::get_group(db, id))
}

pub fn create(state: &AppState, input: &GroupInput) -> AppResult<Group> {
    let valid = validate_group(input)?;
    state.write(|tx| {
        check_name_free(&valid.name, None, &groups::group_names(tx)?)?;
        groups::create_group(tx, &valid)
    })
}

pub fn update(state: &AppState, id: &str, input: &GroupInput) -> AppResult<Group> {
    let valid = validate_group(input)?;
    state.write(|tx| {
        let before = groups::get_group(tx, id)?;
        check_name_free(&valid.name, Some(id), &groups::group_names(tx)?)?;
        groups::update_group(tx, &before, &valid)
    })
}

pub fn add_member(
    state: &AppState,
    group_id: &str,
    person_id: &str,
    role: &str,
) -> AppResult<Group> {
    let role = clean(Some(role));
    state.write(|tx| {
        let group = groups::get_group(tx, group_id)?;
        check_new_member(&group, person_id, groups::person_exists(tx, person_id)?)?;
        groups::add_member(tx, &group, person_id, role.as_deref())
    })
}

pub fn remove_member(state: &AppState, group_id: &str, person_id: &str) -> AppResult<Group> {
    state.write(|tx| groups::remove_member(tx, group_id, person_id))
}

pub fn link(
    state: &AppState,
    group_id: &str,
    other_group_id: &str,
    kind: LinkKind,
) -> AppResult<Group> {
    state.write(|tx| {
        let pair = link_pair(group_id, other_group_id)?;
        groups::get_group(tx, group_id)?;
        groups::get_group(tx, other_group_id)
            .map_err(|_| AppError::invalid("otherGroupId", "That group does not exist."))?;
        groups::link_groups(tx, group_id, pair, kind)
    })
}

pub fn unlink(state: &AppState, group_id: &str, link_id: &str) -> AppResult<Group> {
    state.write(|tx| groups::unlink_groups(tx, group_id, link_id))
}

#[tauri::command]
pub async fn list_groups(state: State<'_, AppState>) -> AppResult<Vec<GroupSummary>> {
    list(&state)
}

#[tauri::command]
pub async fn get_group(state: State<'_, AppState>, id: String) -> AppResult<Group> {
    get(&state, &id)
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
    update(&state, &id, &input)
}

#[tauri::command]
pub async fn add_group_member(
    state: State<'_, AppState>,
    group_id: String,
    person_id: String,
    role: String,
) -> AppResult<Group> {
    add_member(&state, &group_id, &person_id, &role)
}

#[tauri::command]
pub async fn remove_group_member(
    state: State<'_, AppState>,
    group_id: String,
    person_id: String,
) -> AppResult<Group> {
    remove_member(&state, &group_id, &person_id)
}

#[tauri::command]
pub async fn link_groups(
    state: State<'_, AppState>,
    group_id: String,
    other_group_id: String,
    kind: LinkKind,
) -> AppResult<Group> {
    link(&state, &group_id, &other_group_id, kind)
}

#[tauri::command]
pub async fn unlink_groups(
    state: State<'_, AppState>,
    group_id: String,
    link_id: String,
) -> AppResult<Group> {
    unlink(&state, &group_id, &link_id)
}
