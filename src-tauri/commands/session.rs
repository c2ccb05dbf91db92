//! Unlocking, locking, and the first-run demo data.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::demo;
use crate::error::AppResult;
use crate::state::AppState;

/// Where the app stands, for the unlock screen.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    /// False on the first run: the window offers to create the database.
    pub database_exists: bool,
    pub unlocked: bool,
    /// The folder the database lives in, shown in Settings and on the unlock screen.
    pub data_dir: String,
    /// Wrong passphrases tried in a row.
    pub failed_attempts: u32,
    /// Seconds before the next try is allowed (0: now); the unlock screen counts down.
    pub retry_after_seconds: u32,
    /// Minutes without activity before the app locks itself.
    pub idle_lock_minutes: u32,
}

pub fn status(state: &AppState) -> AppResult<SessionStatus> {
    let attempts = state.unlock_attempts();
    Ok(SessionStatus {
        database_exists: state.database_exists(),
        unlocked: state.is_unlocked(),
        data_dir: state.data_dir().display().to_string(),
        failed_attempts: attempts.failures,
        retry_after_seconds: attempts
            .wait_left(chrono::Utc::now())
            .min(u64::from(u32::MAX)) as u32,
        idle_lock_minutes: state.idle_minutes(),
    })
}

/// First run: creates the encrypted database with a new passphrase, typed twice.
pub fn create(state: &AppState, passphrase: &str, confirmation: &str) -> AppResult<SessionStatus> {
    state.create(passphrase, confirmation)?;
    status(state)
}

/// Opens the database with the passphrase; a wrong one changes nothing.
pub fn open(state: &AppState, passphrase: &str) -> AppResult<SessionStatus> {
    state.unlock(passphrase)?;
    status(state)
}

/// Closes the database and removes the PDFs printed in this session.
pub fn close(state: &AppState) -> AppResult<SessionStatus> {
    state.lock();
    status(state)
}

/// The window saw the coordinator at work (keys, pointer): counts toward the idle lock.
/// Refused as locked when the idle time had already run out.
pub fn activity(state: &AppState) -> AppResult<SessionStatus> {
    state.touch()?;
    status(state)
}

/// The page's answer to the window's close button: close (the app ends) or stay.
pub fn close_answer(app: &tauri::AppHandle, close: bool) -> AppResult<()> {
    crate::window::answer_close(app, close);
    Ok(())
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
pub async fn session_status(state: State<'_, AppState>) -> AppResult<SessionStatus> {
    status(&state)
}

#[tauri::command]
pub async fn create_database(
    state: State<'_, AppState>,
    passphrase: String,
    confirmation: String,
) -> AppResult<SessionStatus> {
    create(&state, &passphrase, &confirmation)
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> AppResult<SessionStatus> {
    open(&state, &passphrase)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> AppResult<SessionStatus> {
    close(&state)
}

#[tauri::command]
pub async fn session_activity(state: State<'_, AppState>) -> AppResult<SessionStatus> {
    activity(&state)
}

#[tauri::command]
pub async fn answer_close(app: tauri::AppHandle, close: bool) -> AppResult<()> {
    close_answer(&app, close)
}

#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> AppResult<DemoSummary> {
    load_demo(&state)
}
