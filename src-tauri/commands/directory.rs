//! The directory (speakers, providers, services) and the call-in's run-of-show and table.

use tauri::State;

use crate::domain::directory::{
    validate_provider, validate_segment, validate_service, validate_speaker, Provider,
    ProviderInput, RunOfShow, SegmentInput, ServiceInput, Speaker, SpeakerInput, TableCoverage,
};
use crate::domain::lifecycle::SpeakerAssignmentStatus;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::directory;

#[tauri::command]
pub async fn list_speakers(state: State<'_, AppState>) -> AppResult<Vec<Speaker>> {
    state.read(directory::list_speakers)
}

/// Creates a speaker (`id` absent) or edits one.
#[tauri::command]
pub async fn save_speaker(
    state: State<'_, AppState>,
    id: Option<String>,
    input: SpeakerInput,
) -> AppResult<Speaker> {
    let valid = validate_speaker(&input)?;
    state.write(|tx| directory::save_speaker(tx, id.as_deref(), &valid))
}

#[tauri::command]
pub async fn run_of_show(state: State<'_, AppState>, call_in_id: String) -> AppResult<RunOfShow> {
    state.read(|db| directory::run_of_show(db, &call_in_id))
}

#[tauri::command]
pub async fn add_segment(
    state: State<'_, AppState>,
    call_in_id: String,
    input: SegmentInput,
) -> AppResult<RunOfShow> {
    let valid = validate_segment(&input)?;
    state.write(|tx| directory::add_segment(tx, &call_in_id, &valid))
}

#[tauri::command]
pub async fn update_segment(
    state: State<'_, AppState>,
    id: String,
    input: SegmentInput,
) -> AppResult<RunOfShow> {
    let valid = validate_segment(&input)?;
    state.write(|tx| directory::update_segment(tx, &id, &valid))
}

#[tauri::command]
pub async fn remove_segment(state: State<'_, AppState>, id: String) -> AppResult<RunOfShow> {
    state.write(|tx| directory::remove_segment(tx, &id))
}

/// Moves a segment to a 0-based position.
#[tauri::command]
pub async fn move_segment(
    state: State<'_, AppState>,
    id: String,
    position: u32,
) -> AppResult<RunOfShow> {
    state.write(|tx| directory::move_segment(tx, &id, position))
}

#[tauri::command]
pub async fn assign_speaker(
    state: State<'_, AppState>,
    segment_id: String,
    speaker_id: String,
) -> AppResult<RunOfShow> {
    state.write(|tx| directory::assign_speaker(tx, &segment_id, &speaker_id))
}

#[tauri::command]
pub async fn set_assignment_status(
    state: State<'_, AppState>,
    id: String,
    status: SpeakerAssignmentStatus,
) -> AppResult<RunOfShow> {
    state.write(|tx| directory::set_assignment_status(tx, &id, status))
}

#[tauri::command]
pub async fn remove_assignment(state: State<'_, AppState>, id: String) -> AppResult<RunOfShow> {
    state.write(|tx| directory::remove_assignment(tx, &id))
}

#[tauri::command]
pub async fn list_providers(state: State<'_, AppState>) -> AppResult<Vec<Provider>> {
    state.read(directory::list_providers)
}

/// Creates a provider (`id` absent) or edits one.
#[tauri::command]
pub async fn save_provider(
    state: State<'_, AppState>,
    id: Option<String>,
    input: ProviderInput,
) -> AppResult<Provider> {
    let valid = validate_provider(&input)?;
    state.write(|tx| directory::save_provider(tx, id.as_deref(), &valid))
}

/// Adds a service to a provider (`serviceId` absent) or edits one.
#[tauri::command]
pub async fn save_service(
    state: State<'_, AppState>,
    provider_id: String,
    service_id: Option<String>,
    input: ServiceInput,
) -> AppResult<Provider> {
    let valid = validate_service(&input)?;
    state.write(|tx| directory::save_service(tx, &provider_id, service_id.as_deref(), &valid))
}

#[tauri::command]
pub async fn table_coverage(
    state: State<'_, AppState>,
    call_in_id: String,
) -> AppResult<TableCoverage> {
    state.read(|db| directory::table_coverage(db, &call_in_id))
}

#[tauri::command]
pub async fn set_provider_present(
    state: State<'_, AppState>,
    call_in_id: String,
    provider_id: String,
    present: bool,
) -> AppResult<TableCoverage> {
    state.write(|tx| directory::set_provider_present(tx, &call_in_id, &provider_id, present))
}
