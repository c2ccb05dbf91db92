//! The directory (speakers, providers, services) and the call-in's run-of-show and table.
//! A change to a call-in's run-of-show or table is refused once its plan is final
//! (`domain::callins::check_plan_editable`, through [`super::callins::editable`]).

use rusqlite::Connection;
use tauri::State;

use super::callins::editable;
use super::invitations::invitee_list_of;
use crate::domain::directory::{
    check_own_service, check_speaker_choice, moved, run_of_show as show_from,
    table_coverage as coverage_from, validate_provider, validate_segment, validate_service,
    validate_speaker, Provider, ProviderInput, RunOfShow, SegmentInput, ServiceInput, Speaker,
    SpeakerInput, TableCoverage,
};
use crate::domain::directory::{
    directory_list as list_from, provider_page as page_from, speaker_matches, DirectoryQuery,
    ProviderPage, ProviderSummary, SpeakerPage, ValidProvider, ValidService,
};
use crate::domain::directory_details::{
    edit_provider_details, edit_service_details, DetailRows, ValidProviderDetails,
    ValidServiceDetails,
};
use crate::domain::lifecycle::{Lifecycle, SpeakerAssignmentStatus};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::callins::get_call_in;
use crate::store::{directory, directory_details, new_id};

pub fn speakers(state: &AppState) -> AppResult<Vec<Speaker>> {
    state.read(directory::list_speakers)
}

/// Creates a speaker (`id` absent) or edits one.
pub fn save_speaker_of(
    state: &AppState,
    id: Option<&str>,
    input: &SpeakerInput,
) -> AppResult<Speaker> {
    let valid = validate_speaker(input)?;
    state.write(|tx| directory::save_speaker(tx, id, &valid))
}

pub fn show_of(state: &AppState, call_in_id: &str) -> AppResult<RunOfShow> {
    state.read(|db| show(db, call_in_id))
}

/// A call-in's run-of-show as the domain times it from the segments the store loads.
pub fn show(conn: &Connection, call_in_id: &str) -> AppResult<RunOfShow> {
    let call_in = get_call_in(conn, call_in_id)?;
    Ok(show_from(&call_in, directory::segments(conn, call_in_id)?))
}

pub fn add_segment_to(
    state: &AppState,
    call_in_id: &str,
    input: &SegmentInput,
) -> AppResult<RunOfShow> {
    let valid = validate_segment(input)?;
    state.write(|tx| {
        let call_in = editable(tx, call_in_id)?;
        directory::add_segment(tx, call_in_id, &valid)?;
        Ok(show_from(&call_in, directory::segments(tx, call_in_id)?))
    })
}

/// Runs one change to the run-of-show of `segment_id`'s call-in, refused once its plan is
/// final, and returns the run-of-show after it.
fn change_segment(
    state: &AppState,
    segment_id: &str,
    change: impl FnOnce(&Connection, &str) -> AppResult<()>,
) -> AppResult<RunOfShow> {
    state.write(|tx| {
        let call_in_id = directory::segment_call_in(tx, segment_id)?;
        let call_in = editable(tx, &call_in_id)?;
        change(tx, &call_in_id)?;
        Ok(show_from(&call_in, directory::segments(tx, &call_in_id)?))
    })
}

pub fn update_segment_of(state: &AppState, id: &str, input: &SegmentInput) -> AppResult<RunOfShow> {
    let valid = validate_segment(input)?;
    change_segment(state, id, |tx, _| directory::update_segment(tx, id, &valid))
}

pub fn remove_segment_of(state: &AppState, id: &str) -> AppResult<RunOfShow> {
    change_segment(state, id, |tx, call_in_id| {
        directory::remove_segment(tx, call_in_id, id)
    })
}

/// Moves a segment to a 0-based position; the others close ranks.
pub fn move_segment_to(state: &AppState, id: &str, position: u32) -> AppResult<RunOfShow> {
    change_segment(state, id, |tx, call_in_id| {
        let order = directory::segment_order(tx, call_in_id)?;
        let (order, from, to) = moved(&order, id, position)
            .ok_or_else(|| AppError::NotFound("That segment is not on the run-of-show.".into()))?;
        directory::save_segment_order(tx, id, &order, (from, to))
    })
}

pub fn assign(state: &AppState, segment_id: &str, speaker_id: &str) -> AppResult<RunOfShow> {
    change_segment(state, segment_id, |tx, call_in_id| {
        check_speaker_choice(speaker_id, false)?;
        directory::get_speaker(tx, speaker_id)
            .map_err(|_| AppError::invalid("speakerId", "That speaker is not in the directory."))?;
        check_speaker_choice(
            speaker_id,
            directory::is_on_segment(tx, segment_id, speaker_id)?,
        )?;
        directory::assign_speaker(tx, call_in_id, segment_id, speaker_id)
    })
}

/// Moves a speaker's assignment along its lifecycle (also after the plan is final: who
/// spoke is recorded on the day).
pub fn set_assignment(
    state: &AppState,
    id: &str,
    to: SpeakerAssignmentStatus,
) -> AppResult<RunOfShow> {
    state.write(|tx| {
        let (call_in_id, from) = directory::assignment(tx, id)?;
        from.transition(to)?;
        directory::set_assignment_status(tx, id, from, to)?;
        show(tx, &call_in_id)
    })
}

pub fn unassign(state: &AppState, id: &str) -> AppResult<RunOfShow> {
    state.write(|tx| {
        let (call_in_id, from) = directory::assignment(tx, id)?;
        let call_in = editable(tx, &call_in_id)?;
        directory::remove_assignment(tx, id, from)?;
        Ok(show_from(&call_in, directory::segments(tx, &call_in_id)?))
    })
}

pub fn providers(state: &AppState) -> AppResult<Vec<Provider>> {
    state.read(directory::list_providers)
}

/// Creates a provider (`id` absent) or edits one.
pub fn save_provider_of(
    state: &AppState,
    id: Option<&str>,
    input: &ProviderInput,
) -> AppResult<Provider> {
    let valid = validate_provider(input)?;
    state.write(|tx| save_provider_in(tx, id, &valid))
}

/// [`save_provider_of`] inside a write already open (also how the demo data adds providers).
pub fn save_provider_in(
    conn: &Connection,
    id: Option<&str>,
    valid: &ValidProvider,
) -> AppResult<Provider> {
    let (id, before, rows) = match id {
        Some(id) => (
            id.to_owned(),
            Some(directory::get_provider(conn, id)?),
            directory_details::load(conn, Some(id))?,
        ),
        None => (new_id(), None, DetailRows::default()),
    };
    let parts = ValidProviderDetails {
        phones: &valid.phones,
        contacts: &valid.contacts,
        locations: &valid.locations,
    };
    let after = edit_provider_details(&rows, &id, &parts, &mut new_id);
    directory::save_provider(conn, &id, before.as_ref(), valid, &after)
}

/// Adds a service to a provider (`service_id` absent) or edits one of its own.
pub fn save_service_of(
    state: &AppState,
    provider_id: &str,
    service_id: Option<&str>,
    input: &ServiceInput,
) -> AppResult<Provider> {
    let valid = validate_service(input)?;
    state.write(|tx| save_service_in(tx, provider_id, service_id, &valid))
}

/// [`save_service_of`] inside a write already open (also how the demo data adds services).
pub fn save_service_in(
    conn: &Connection,
    provider_id: &str,
    service_id: Option<&str>,
    valid: &ValidService,
) -> AppResult<Provider> {
    let before = directory::get_provider(conn, provider_id)?;
    check_own_service(&before, service_id)?;
    let service_id = service_id.map_or_else(new_id, str::to_owned);
    let rows = directory_details::load(conn, Some(provider_id))?;
    let parts = ValidServiceDetails {
        location_ids: &valid.location_ids,
        phones: &valid.phones,
        contacts: &valid.contacts,
        schedules: &valid.schedules,
        languages: &valid.languages,
    };
    let after = edit_service_details(&rows, provider_id, &service_id, &parts, &mut new_id)?;
    directory::save_service(conn, &before, &service_id, valid, &after)
}

/// Retires a provider (kept in the history of the call-ins and referrals it was in, no
/// longer offered) or offers it again.
pub fn retire_provider_of(state: &AppState, id: &str, retired: bool) -> AppResult<Provider> {
    state.write(|tx| {
        let before = directory::get_provider(tx, id)?;
        directory::set_provider_retired(tx, &before, retired)
    })
}

/// Retires one of a provider's services or offers it again.
pub fn retire_service_of(
    state: &AppState,
    provider_id: &str,
    service_id: &str,
    retired: bool,
) -> AppResult<Provider> {
    state.write(|tx| {
        let before = directory::get_provider(tx, provider_id)?;
        check_own_service(&before, Some(service_id))?;
        directory::set_service_retired(tx, &before, service_id, retired)
    })
}

/// The Directory list narrowed by the query.
pub fn directory_of(state: &AppState, query: &DirectoryQuery) -> AppResult<Vec<ProviderSummary>> {
    state.read(|db| Ok(list_from(&directory::all_providers(db)?, query)))
}

/// A provider's page: the provider whole, the call-ins it was at, its referrals counted.
pub fn provider_page_of(state: &AppState, id: &str) -> AppResult<ProviderPage> {
    state.read(|db| {
        let provider = directory::get_provider(db, id)?;
        let call_ins = directory::provider_call_ins(db, id)?;
        let statuses = directory::provider_referral_statuses(db, id)?;
        Ok(page_from(provider, call_ins, &statuses))
    })
}

/// The speakers found by the typed words (all of them for none).
pub fn find_speakers(state: &AppState, text: &str) -> AppResult<Vec<Speaker>> {
    let all = state.read(directory::list_speakers)?;
    Ok(all
        .into_iter()
        .filter(|s| speaker_matches(s, text))
        .collect())
}

/// A speaker's page: the speaker and the call-ins they were on.
pub fn speaker_page_of(state: &AppState, id: &str) -> AppResult<SpeakerPage> {
    state.read(|db| {
        Ok(SpeakerPage {
            speaker: directory::get_speaker(db, id)?,
            call_ins: directory::speaker_call_ins(db, id)?,
        })
    })
}

pub fn coverage(state: &AppState, call_in_id: &str) -> AppResult<TableCoverage> {
    state.read(|db| table_of(db, call_in_id))
}

/// Step 4's coverage: the store loads the table and the needs, the domain weighs them
/// against the invitees who count.
pub fn table_of(conn: &Connection, call_in_id: &str) -> AppResult<TableCoverage> {
    let invitees = invitee_list_of(conn, call_in_id)?.counted;
    table_for(conn, call_in_id, invitees)
}

/// [`table_of`] when the count of the invitees who count is known already.
pub fn table_for(conn: &Connection, call_in_id: &str, invitees: u32) -> AppResult<TableCoverage> {
    Ok(coverage_from(directory::table(conn, call_in_id)?, invitees))
}

pub fn set_present(
    state: &AppState,
    call_in_id: &str,
    provider_id: &str,
    present: bool,
) -> AppResult<TableCoverage> {
    state.write(|tx| set_present_in(tx, call_in_id, provider_id, present))
}

/// [`set_present`] inside a write already open (also how the demo data sets its table).
pub fn set_present_in(
    conn: &Connection,
    call_in_id: &str,
    provider_id: &str,
    present: bool,
) -> AppResult<TableCoverage> {
    editable(conn, call_in_id)?;
    directory::get_provider(conn, provider_id)
        .map_err(|_| AppError::invalid("providerId", "That provider is not in the directory."))?;
    directory::set_provider_present(conn, call_in_id, provider_id, present)?;
    table_of(conn, call_in_id)
}

#[tauri::command]
pub async fn list_speakers(state: State<'_, AppState>) -> AppResult<Vec<Speaker>> {
    speakers(&state)
}

/// Creates a speaker (`id` absent) or edits one.
#[tauri::command]
pub async fn save_speaker(
    state: State<'_, AppState>,
    id: Option<String>,
    input: SpeakerInput,
) -> AppResult<Speaker> {
    save_speaker_of(&state, id.as_deref(), &input)
}

#[tauri::command]
pub async fn run_of_show(state: State<'_, AppState>, call_in_id: String) -> AppResult<RunOfShow> {
    show_of(&state, &call_in_id)
}

#[tauri::command]
pub async fn add_segment(
    state: State<'_, AppState>,
    call_in_id: String,
    input: SegmentInput,
) -> AppResult<RunOfShow> {
    add_segment_to(&state, &call_in_id, &input)
}

#[tauri::command]
pub async fn update_segment(
    state: State<'_, AppState>,
    id: String,
    input: SegmentInput,
) -> AppResult<RunOfShow> {
    update_segment_of(&state, &id, &input)
}

#[tauri::command]
pub async fn remove_segment(state: State<'_, AppState>, id: String) -> AppResult<RunOfShow> {
    remove_segment_of(&state, &id)
}

/// Moves a segment to a 0-based position.
#[tauri::command]
pub async fn move_segment(
    state: State<'_, AppState>,
    id: String,
    position: u32,
) -> AppResult<RunOfShow> {
    move_segment_to(&state, &id, position)
}

#[tauri::command]
pub async fn assign_speaker(
    state: State<'_, AppState>,
    segment_id: String,
    speaker_id: String,
) -> AppResult<RunOfShow> {
    assign(&state, &segment_id, &speaker_id)
}

#[tauri::command]
pub async fn set_assignment_status(
    state: State<'_, AppState>,
    id: String,
    status: SpeakerAssignmentStatus,
) -> AppResult<RunOfShow> {
    set_assignment(&state, &id, status)
}

#[tauri::command]
pub async fn remove_assignment(state: State<'_, AppState>, id: String) -> AppResult<RunOfShow> {
    unassign(&state, &id)
}

#[tauri::command]
pub async fn list_providers(state: State<'_, AppState>) -> AppResult<Vec<Provider>> {
    providers(&state)
}

/// Creates a provider (`id` absent) or edits one.
#[tauri::command]
pub async fn save_provider(
    state: State<'_, AppState>,
    id: Option<String>,
    input: ProviderInput,
) -> AppResult<Provider> {
    save_provider_of(&state, id.as_deref(), &input)
}

/// Adds a service to a provider (`serviceId` absent) or edits one.
#[tauri::command]
pub async fn save_service(
    state: State<'_, AppState>,
    provider_id: String,
    service_id: Option<String>,
    input: ServiceInput,
) -> AppResult<Provider> {
    save_service_of(&state, &provider_id, service_id.as_deref(), &input)
}

#[tauri::command]
pub async fn table_coverage(
    state: State<'_, AppState>,
    call_in_id: String,
) -> AppResult<TableCoverage> {
    coverage(&state, &call_in_id)
}

#[tauri::command]
pub async fn set_provider_present(
    state: State<'_, AppState>,
    call_in_id: String,
    provider_id: String,
    present: bool,
) -> AppResult<TableCoverage> {
    set_present(&state, &call_in_id, &provider_id, present)
}

/// Retires a provider, or offers it again (`retired` false).
#[tauri::command]
pub async fn retire_provider(
    state: State<'_, AppState>,
    id: String,
    retired: bool,
) -> AppResult<Provider> {
    retire_provider_of(&state, &id, retired)
}

/// Retires one of a provider's services, or offers it again.
#[tauri::command]
pub async fn retire_service(
    state: State<'_, AppState>,
    provider_id: String,
    service_id: String,
    retired: bool,
) -> AppResult<Provider> {
    retire_service_of(&state, &provider_id, &service_id, retired)
}

/// The Directory list narrowed by the query.
#[tauri::command]
pub async fn directory_list(
    state: State<'_, AppState>,
    query: DirectoryQuery,
) -> AppResult<Vec<ProviderSummary>> {
    directory_of(&state, &query)
}

#[tauri::command]
pub async fn provider_page(state: State<'_, AppState>, id: String) -> AppResult<ProviderPage> {
    provider_page_of(&state, &id)
}

/// The speakers found by the typed words.
#[tauri::command]
pub async fn search_speakers(state: State<'_, AppState>, text: String) -> AppResult<Vec<Speaker>> {
    find_speakers(&state, &text)
}

#[tauri::command]
pub async fn speaker_page(state: State<'_, AppState>, id: String) -> AppResult<SpeakerPage> {
    speaker_page_of(&state, &id)
}
