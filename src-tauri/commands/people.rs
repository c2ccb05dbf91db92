//! The registry of people.

use tauri::State;

use crate::domain::people::{
    validate_person, Page, PeopleFilterOptions, PeopleQuery, Person, PersonInput, PersonRow,
};
use crate::domain::time::today;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::{audit, people};

pub fn search(state: &AppState, query: &PeopleQuery) -> AppResult<Page<PersonRow>> {
    state.read(|db| people::search_people(db, query))
}

pub fn create(state: &AppState, input: &PersonInput) -> AppResult<Person> {
    let valid = validate_person(input, today())?;
    state.write(|tx| people::create_person(tx, &valid))
}

pub fn update(state: &AppState, id: &str, input: &PersonInput) -> AppResult<Person> {
    let valid = validate_person(input, today())?;
    state.write(|tx| people::update_person(tx, id, &valid))
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
    state.read(people::filter_options)
}

#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    state.read(|db| people::get_person(db, &id))
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
    state.write(|tx| people::archive_person(tx, &id))
}

#[tauri::command]
pub async fn restore_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    state.write(|tx| people::restore_person(tx, &id))
}

#[tauri::command]
pub async fn person_history(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<Vec<audit::AuditEntry>> {
    state.read(|db| audit::for_person(db, &id))
}
