//! Follow-ups: moving a referral along its lifecycle, contact attempts, a referral's history.

use tauri::State;

use crate::domain::followups::{ContactAttemptInput, ReferralMove};
use crate::domain::time::today;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::followups::{self, ReferralHistory};

#[tauri::command]
pub async fn move_referral(
    state: State<'_, AppState>,
    id: String,
    change: ReferralMove,
) -> AppResult<ReferralHistory> {
    state.write(|tx| followups::move_referral(tx, &id, &change, today()))
}

#[tauri::command]
pub async fn log_contact_attempt(
    state: State<'_, AppState>,
    referral_id: String,
    input: ContactAttemptInput,
) -> AppResult<ReferralHistory> {
    state.write(|tx| followups::log_contact(tx, &referral_id, &input, today()))
}

#[tauri::command]
pub async fn referral_history(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ReferralHistory> {
    state.read(|db| followups::history(db, &id))
}
