//! The day of the call-in: the door (check-in, walk-ins, undo, end) and the offer of help.

use tauri::State;

use crate::domain::dayof::OfferInput;
use crate::domain::people::{validate_person, PersonInput};
use crate::domain::time::today;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::dayof::{self, CheckIn, ReferralSummary};

#[tauri::command]
pub async fn check_in_state(state: State<'_, AppState>, call_in_id: String) -> AppResult<CheckIn> {
    state.read(|db| dayof::check_in_state(db, &call_in_id))
}

#[tauri::command]
pub async fn check_in(state: State<'_, AppState>, invitation_id: String) -> AppResult<CheckIn> {
    state.write(|tx| dayof::check_in(tx, &invitation_id))
}

/// A walk-in: someone from the registry (`personId`) or a new person with the least data (`person`).
#[tauri::command]
pub async fn walk_in(
    state: State<'_, AppState>,
    call_in_id: String,
    person_id: Option<String>,
    person: Option<PersonInput>,
) -> AppResult<CheckIn> {
    let valid = person.map(|p| validate_person(&p, today())).transpose()?;
    state.write(|tx| dayof::walk_in(tx, &call_in_id, person_id.as_deref(), valid.as_ref()))
}

#[tauri::command]
pub async fn undo_check_in(
    state: State<'_, AppState>,
    invitation_id: String,
) -> AppResult<CheckIn> {
    state.write(|tx| dayof::undo_check_in(tx, &invitation_id))
}

/// Ends check-in: the notified who did not come become no-shows; returns how many.
#[tauri::command]
pub async fn end_check_in(state: State<'_, AppState>, call_in_id: String) -> AppResult<u32> {
    state.write(|tx| dayof::end_check_in(tx, &call_in_id).map(|(n, _)| n))
}

/// Records an attendee's response to the offer of help; each chosen service becomes a
/// referral whose first contact is due the first-contact setting's days after `today` (or
/// after the call-in, when that is later).
pub fn record(
    state: &AppState,
    invitation_id: &str,
    offer: &OfferInput,
    today: chrono::NaiveDate,
) -> AppResult<Vec<ReferralSummary>> {
    state.write(|tx| {
        let days = dayof::first_contact_days(tx)?;
        dayof::record_offer(tx, invitation_id, offer, today, days)
    })
}

#[tauri::command]
pub async fn record_offer(
    state: State<'_, AppState>,
    invitation_id: String,
    offer: OfferInput,
) -> AppResult<Vec<ReferralSummary>> {
    record(&state, &invitation_id, &offer, today())
}

#[tauri::command]
pub async fn first_contact_days(state: State<'_, AppState>) -> AppResult<u32> {
    state.read(dayof::first_contact_days)
}

#[tauri::command]
pub async fn set_first_contact_days(state: State<'_, AppState>, days: u32) -> AppResult<u32> {
    state.write(|tx| dayof::set_first_contact_days(tx, days))
}
