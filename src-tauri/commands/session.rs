//! Unlocking, locking, and the first-run demo data.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::demo;
use crate::error::AppResult;
use crate::state::{AppState, SessionStatus};

#[tauri::command]
pub async fn session_status(state: State<'_, AppState>) -> AppResult<SessionStatus> {
    Ok(state.status())
}

#[tauri::command]
pub async fn create_database(
    state: State<'_, AppState>,
    passphrase: String,
    confirmation: String,
) -> AppResult<SessionStatus> {
    state.create(&passphrase, &confirmation)
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> AppResult<SessionStatus> {
    state.unlock(&passphrase)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> AppResult<SessionStatus> {
    Ok(state.lock())
}

/// What loading the demo data added.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub people: u32,
    pub groups: u32,
    pub links: u32,
}

/// Loads the synthetic demo data into an empty registry, in one transaction.
pub fn load_demo(state: &AppState) -> AppResult<DemoSummary> {
    let data = demo::generate(demo::DEFAULT_SEED, demo::DEFAULT_PEOPLE);
    state.write(|tx| demo::load(tx, &data))?;
    Ok(DemoSummary {
        people: data.people.len() as u32,
        groups: data.groups.len() as u32,
        links: data.links.len() as u32,
    })
}

#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> AppResult<DemoSummary> {
    load_demo(&state)
}
