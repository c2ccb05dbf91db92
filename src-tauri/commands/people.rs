//! The registry of people.

use rusqlite::Connection;
use tauri::State;

use crate::domain::groups::check_groups_exist;
use crate::domain::people::{
    check_archivable, check_editable, check_own_supervisions, check_restorable, validate_person,
    AuditEntry, Page, PeopleFilterOptions, PeopleQuery, Person, PersonInput, PersonRow,
    ValidPerson,
};
use crate::domain::time::today;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::{audit, groups, people};

pub fn search(state: &AppState, query: &PeopleQuery) -> AppResult<Page<PersonRow>> {
    state.read(|db| people::search_people(db, query))
}

pub fn filter_options(state: &AppState) -> AppResult<PeopleFilterOptions> {
    state.read(people::filter_options)
}

pub fn get(state: &AppState, id: &str) -> AppResult<Person> {
    state.read(|db| people::get_person(db, id))
}

pub fn create(state: &AppState, input: &PersonInput) -> AppResult<Person> {
    let valid = validate_person(input, today())?;
    state.write(|tx| create_in(tx, &valid))
}

/// Saves a new person inside a write already open, refused when a group chosen no longer
/// exists (also how the door adds a walk-in who is new to the registry).
pub fn create_in(conn: &Connection, valid: &ValidPerson) -> AppResult<Person> {
    check_groups(conn, valid, None)?;
    people::create_person(conn, valid)
}

/// The groups a person is put in still exist (those they were in before are kept as they are).
fn check_groups(conn: &Connection, valid: &ValidPerson, before: Option<&Person>) -> AppResult<()> {
    let wanted: Vec<String> = valid.groups.iter().map(|(g, _)| g.clone()).collect();
    let kept: Vec<String> = before
        .map(|b| b.groups.iter().map(|m| m.group_id.clone()).collect())
        .unwrap_or_default();
    check_groups_exist(
        &wanted,
        &kept,
        &groups::existing_groups(conn, &wanted)?,
        |i| format!("groups.{i}.groupId"),
    )
}

/// Saves the form over a person; an archived person is restored first.
pub fn update(state: &AppState, id: &str, input: &PersonInput) -> AppResult<Person> {
    let valid = validate_person(input, today())?;
    state.write(|tx| {
        let before = people::get_person(tx, id)?;
        check_editable(&before)?;
        check_own_supervisions(&before, &valid)?;
        check_groups(tx, &valid, Some(&before))?;
        people::update_person(tx, &before, &valid)
    })
}

pub fn archive(state: &AppState, id: &str) -> AppResult<Person> {
    state.write(|tx| {
        let before = people::get_person(tx, id)?;
        check_archivable(&before)?;
        people::archive_person(tx, &before)
    })
}

pub fn restore(state: &AppState, id: &str) -> AppResult<Person> {
    state.write(|tx| {
        let before = people::get_person(tx, id)?;
        check_restorable(&before)?;
        people::restore_person(tx, &before)
    })
}

/// Everything the audit log holds about a person, oldest first.
pub fn history(state: &AppState, id: &str) -> AppResult<Vec<AuditEntry>> {
    state.read(|db| audit::for_person(db, id))
}

#[tauri::command]
pub async fn search_people(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> AppResult<Page<PersonRow>> {
    search(&state, &query)
}

#[tauri::command]
pub async fn people_filter_options(state: State<'_, AppState>) -> AppResult<PeopleFilterOptions> {
    filter_options(&state)
}

#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    get(&state, &id)
}

#[tauri::command]
pub async fn create_person(state: State<'_, AppState>, input: PersonInput) -> AppResult<Person> {
    create(&state, &input)
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> AppResult<Person> {
    update(&state, &id, &input)
}

#[tauri::command]
pub async fn archive_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    archive(&state, &id)
}

#[tauri::command]
pub async fn restore_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    restore(&state, &id)
}

#[tauri::command]
pub async fn person_history(state: State<'_, AppState>, id: String) -> AppResult<Vec<AuditEntry>> {
    history(&state, &id)
}
