//! Settings → Backups: where backups go, making one now, the daily one, the list, and
//! restoring one; the backups made before an import. Settings → Security: the passphrase
//! and the idle lock.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::domain::backup::{
    self as rules, BackupContents, BackupEntry, BackupKey, BackupReason, Dated,
};
use crate::domain::session::check_passphrase_strength;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{self, audit, backup, settings};

/// Where backups go and how they stand, for Settings → Backups.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    /// The folder backups go to.
    pub folder: String,
    /// True until the coordinator chooses a folder: backups are on this computer's disk,
    /// which does not help when the disk dies.
    pub folder_is_local: bool,
    /// Whether a daily backup is made automatically.
    pub automatic: bool,
    /// Why backups cannot go to the folder now (missing, unplugged), if they cannot.
    pub folder_problem: Option<String>,
    /// The newest backup in the folder.
    pub newest: Option<BackupEntry>,
    /// The last scheduled backup failed: when (UTC) and why; it is tried again later.
    pub last_failure: Option<String>,
    pub last_failure_at: Option<String>,
    /// Whether a daily backup is due now.
    pub due: bool,
}

/// A passphrase of its own for one backup, typed twice.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnPassphrase {
    pub passphrase: String,
    pub confirmation: String,
}

/// A changed passphrase: the current one, and the new one twice.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PassphraseChange {
    pub current: String,
    pub new_passphrase: String,
    pub confirmation: String,
}

/// What a backup made now, or the daily one, brought.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupMade {
    pub entry: BackupEntry,
    /// Older automatic backups rotation removed.
    pub removed: u32,
}

/// The idle lock, for Settings → Security.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecuritySettings {
    pub idle_lock_minutes: u32,
    pub min_minutes: u32,
    pub max_minutes: u32,
}

fn local_folder(state: &AppState) -> PathBuf {
    state.data_dir().join(rules::LOCAL_FOLDER)
}

/// The folder backups go to (chosen, else the data folder's own) and whether it is the local one.
fn folder(state: &AppState) -> AppResult<(PathBuf, bool)> {
    let chosen = state.read(|c| settings::get(c, rules::FOLDER_SETTING))?;
    Ok(match chosen {
        Some(f) => (PathBuf::from(f), false),
        None => (local_folder(state), true),
    })
}

fn ensure_local(state: &AppState) -> AppResult<PathBuf> {
    let local = local_folder(state);
    std::fs::create_dir_all(&local)?;
    store::restrict_to_owner(&local);
    Ok(local)
}

fn newest_at(entries: &[BackupEntry]) -> Option<chrono::DateTime<chrono::Utc>> {
    entries
        .iter()
        .filter_map(|e| e.manifest.as_ref().and_then(|m| m.made_at()))
        .max()
}

pub fn status(state: &AppState) -> AppResult<BackupStatus> {
    let (folder, local) = folder(state)?;
    let automatic = state.read(|c| settings::get(c, rules::AUTOMATIC_SETTING))?;
    let problem = if local {
        None
    } else {
        backup::folder_problem(&folder)
    };
    let entries = if problem.is_none() {
        backup::list(&folder)?
    } else {
        Vec::new()
    };
    let failure = state.backup_failure().clone();
    Ok(BackupStatus {
        folder: folder.display().to_string(),
        folder_is_local: local,
        automatic: rules::automatic(automatic.as_deref()),
        folder_problem: problem,
        due: rules::daily_due(newest_at(&entries), chrono::Utc::now()),
        newest: entries.into_iter().next(),
        last_failure_at: failure
            .as_ref()
            .map(|(at, _)| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        last_failure: failure.map(|(_, m)| m),
    })
}

/// Backups go to `path` from now on (it must be a folder that exists).
pub fn set_folder(state: &AppState, path: &str) -> AppResult<BackupStatus> {
    let folder = PathBuf::from(path.trim());
    if !folder.is_absolute() {
        return Err(AppError::invalid(
            "folder",
            "Choose the backup folder in the dialog (a full path).",
        ));
    }
    if let Some(problem) = backup::folder_problem(&folder) {
        return Err(AppError::invalid("folder", problem));
    }
    let text = folder.display().to_string();
    state.write(|tx| settings::put(tx, rules::FOLDER_SETTING, &text))?;
    *state.backup_failure() = None;
    status(state)
}

/// Asks for the folder in the system's dialog; `None` when cancelled.
pub fn choose_folder(state: &AppState, app: &AppHandle) -> AppResult<Option<BackupStatus>> {
    match super::save::backup_folder(app) {
        Some(path) => set_folder(state, &path.display().to_string()).map(Some),
        None => Ok(None),
    }
}

/// Daily backups on or off.
pub fn set_automatic(state: &AppState, on: bool) -> AppResult<BackupStatus> {
    state.write(|tx| settings::put(tx, rules::AUTOMATIC_SETTING, if on { "on" } else { "off" }))?;
    status(state)
}

/// Removes the automatic backups rotation no longer keeps; returns how many.
fn rotate(folder: &Path) -> u32 {
    let Ok(entries) = backup::list(folder) else {
        return 0;
    };
    let dated: Vec<Dated> = entries
        .iter()
        .filter_map(|e| {
            let m = e.manifest.as_ref()?;
            let at = m.made_at()?;
            Some(Dated {
                file: e.file.clone(),
                made_at: at,
                local_date: at.with_timezone(&chrono::Local).date_naive(),
                reason: m.reason,
            })
        })
        .collect();
    rules::rotation(&dated)
        .iter()
        .filter(|f| backup::remove(folder, f).is_ok())
        .count() as u32
}

/// One backup into `folder` under the database's passphrase (or `own`), then rotation.
fn make_into(
    state: &AppState,
    folder: &Path,
    reason: BackupReason,
    own: Option<&str>,
) -> AppResult<BackupMade> {
    let _one = state.maintenance();
    let key = state.passphrase()?;
    let (dest_key, kind) = match own {
        Some(p) => (p, BackupKey::Own),
        None => (key.as_str(), BackupKey::Database),
    };
    let made =
        backup::make(&state.db_path(), &key, folder, dest_key, kind, reason).inspect_err(|e| {
            log::warn!(
                "backup failed reason={} error={}",
                reason.as_str(),
                e.code().as_str()
            )
        })?;
    let removed = rotate(folder);
    log::info!(
        "backup made reason={} key={} bytes={} removed={removed}",
        reason.as_str(),
        kind.as_str(),
        made.manifest.size_bytes
    );
    let entry = backup::list(folder)?
        .into_iter()
        .find(|e| Path::new(&e.path) == made.path)
        .ok_or_else(|| AppError::Internal("The backup just made is not in its folder.".into()))?;
    Ok(BackupMade { entry, removed })
}

/// A backup now, to the backup folder; `own` gives it a passphrase of its own.
pub fn backup_now(state: &AppState, own: Option<&OwnPassphrase>) -> AppResult<BackupMade> {
    if let Some(own) = own {
        check_passphrase_strength(&own.passphrase)?;
        if own.passphrase != own.confirmation {
            return Err(AppError::invalid(
                "confirmation",
                "The two passphrases are not the same.",
            ));
        }
    }
    let (folder, local) = folder(state)?;
    if local {
        ensure_local(state)?;
    }
    let made = make_into(
        state,
        &folder,
        BackupReason::Manual,
        own.map(|o| o.passphrase.as_str()),
    )?;
    let record = serde_json::json!({
        "file": made.entry.file,
        "folder": folder.display().to_string(),
        "key": if own.is_some() { BackupKey::Own } else { BackupKey::Database },
    });
    state.write(|tx| {
        audit::record(
            tx,
            "backup",
            "database",
            "backup",
            None::<&()>,
            Some(&record),
        )
    })?;
    *state.backup_failure() = None;
    Ok(made)
}

/// The daily backup, when it is due (and not tried and failed in the last minutes); the
/// window asks every few minutes. `None` when nothing was due.
pub fn scheduled(state: &AppState) -> AppResult<Option<BackupMade>> {
    let st = status(state)?;
    if !st.automatic || !st.due {
        return Ok(None);
    }
    if let Some((at, _)) = state.backup_failure().as_ref() {
        if chrono::Utc::now().signed_duration_since(*at)
            < chrono::Duration::minutes(rules::RETRY_AFTER_MINUTES)
        {
            return Ok(None);
        }
    }
    let (folder, local) = folder(state)?;
    let made = (|| {
        if local {
            ensure_local(state)?;
        }
        make_into(state, &folder, BackupReason::Daily, None)
    })();
    match made {
        Ok(made) => {
            *state.backup_failure() = None;
            Ok(Some(made))
        }
        Err(e) => {
            *state.backup_failure() = Some((chrono::Utc::now(), e.to_string()));
            Err(e)
        }
    }
}

/// A backup before an import, a restore or after a passphrase change: to the backup
/// folder, else the data folder's own. Returns a sentence for the coordinator when it went
/// to neither.
pub fn before(state: &AppState, reason: BackupReason) -> Option<String> {
    let _one = state.maintenance();
    make_before(state, reason).err()
}

/// [`before`], by a caller that holds the maintenance lock.
fn make_before(state: &AppState, reason: BackupReason) -> Result<(), String> {
    let attempt = || -> AppResult<()> {
        let key = state.passphrase()?;
        let (folder, local) = folder(state)?;
        let chosen = if local { None } else { Some(folder) };
        let mut last = None;
        for f in chosen.into_iter().map(Ok).chain([ensure_local(state)]) {
            let made = f.and_then(|f| {
                backup::make(
                    &state.db_path(),
                    &key,
                    &f,
                    &key,
                    BackupKey::Database,
                    reason,
                )?;
                rotate(&f);
                Ok(())
            });
            match made {
                Ok(()) => return Ok(()),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| AppError::Internal("No backup folder.".into())))
    };
    attempt().map_err(|e| e.to_string())
}

/// The backups in the backup folder, newest first (read from their manifests).
pub fn list(state: &AppState) -> AppResult<Vec<BackupEntry>> {
    let (folder, _) = folder(state)?;
    if let Some(problem) = backup::folder_problem(&folder) {
        if folder == local_folder(state) {
            return Ok(Vec::new());
        }
        return Err(AppError::Io(problem));
    }
    backup::list(&folder)
}

/// Opens a backup with its passphrase and checks it: its manifest's digest (when it has
/// one), every page, the schema, that it is one of ours; says what it holds.
pub fn inspect(path: &Path, passphrase: &str) -> AppResult<BackupContents> {
    let manifest = backup::read_manifest(path).unwrap_or(None);
    if let Some(m) = &manifest {
        if path.is_file() && backup::sha256_file(path)? != m.sha256 {
            return Err(AppError::Io(
                "The backup is damaged: its contents are not what its manifest recorded when it was made."
                    .into(),
            ));
        }
    }
    let mut contents = backup::inspect(path, passphrase, "backup")?;
    if let Some(m) = manifest {
        contents.made_at = Some(m.made_at);
        contents.reason = Some(m.reason);
    }
    Ok(contents)
}

/// [`inspect`], for the window (needs the app unlocked: restoring replaces its data).
pub fn inspect_backup(state: &AppState, path: &str, passphrase: &str) -> AppResult<BackupContents> {
    state.passphrase()?;
    inspect(Path::new(path), passphrase)
}

/// Asks for a backup file in the system's open dialog; `None` when cancelled.
pub fn choose_file(app: &AppHandle) -> AppResult<Option<String>> {
    Ok(super::save::backup_file(app).map(|p| p.display().to_string()))
}

/// Replaces the database with the backup at `path`: checked first; the current database is
/// kept as a backup; the backup is copied under the current passphrase (so it still opens
/// the app), checked again, and swapped in with every connection closed. Any failure before
/// the swap changes nothing.
pub fn restore(state: &AppState, path: &str, passphrase: &str) -> AppResult<BackupContents> {
    let path = PathBuf::from(path);
    let key = state.passphrase()?;
    let contents = inspect(&path, passphrase)?;
    {
        let _one = state.maintenance();
        state.replace_database(&key, |_, replacement| {
            // With writes stopped: the copy kept is exactly what the restore replaces.
            make_before(state, BackupReason::BeforeRestore).map_err(|problem| {
                AppError::Io(format!(
                    "The current database could not be kept as a backup first, so nothing was restored. {problem}"
                ))
            })?;
            backup::export(&path, passphrase, true, replacement, &key)?;
            backup::inspect(replacement, &key, "backup")?;
            Ok(())
        })?;
    }
    log::info!("restore done schema={}", contents.schema_version);
    let record = serde_json::json!({
        "file": path.file_name().map(|f| f.to_string_lossy().into_owned()),
        "madeAt": contents.made_at,
        "people": contents.people,
        "callIns": contents.call_ins,
        "referrals": contents.referrals,
    });
    state.write(|tx| {
        audit::record(
            tx,
            "restore",
            "database",
            "backup",
            None::<&()>,
            Some(&record),
        )
    })?;
    Ok(contents)
}

/// Changes the passphrase: the database is exported under the new one, checked, and swapped
/// in; interrupted at any point, the old or the new passphrase opens a whole database. Then
/// a backup under the new one (older backups keep the passphrase they were made with).
pub fn rekey(state: &AppState, change: &PassphraseChange) -> AppResult<()> {
    let key = state.passphrase()?;
    if !constant_time_eq(change.current.as_bytes(), key.as_bytes()) {
        return Err(AppError::invalid(
            "current",
            "The current passphrase is not correct.",
        ));
    }
    check_passphrase_strength(&change.new_passphrase)
        .map_err(|e| AppError::invalid("newPassphrase", e.to_string()))?;
    if change.new_passphrase != change.confirmation {
        return Err(AppError::invalid(
            "confirmation",
            "The two new passphrases are not the same.",
        ));
    }
    if change.new_passphrase == change.current {
        return Err(AppError::invalid(
            "newPassphrase",
            "The new passphrase is the same as the current one.",
        ));
    }
    let new = change.new_passphrase.as_str();
    {
        let _one = state.maintenance();
        state.replace_database(new, |db, replacement| {
            backup::export(db, &key, false, replacement, new)?;
            backup::inspect(replacement, new, "database")?;
            Ok(())
        })?;
    }
    log::info!("passphrase changed");
    state.write(|tx| {
        audit::record(
            tx,
            "change_passphrase",
            "database",
            "passphrase",
            None::<&()>,
            None::<&()>,
        )
    })?;
    let _ = before(state, BackupReason::PassphraseChanged);
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn security(state: &AppState) -> AppResult<SecuritySettings> {
    state.passphrase()?;
    Ok(SecuritySettings {
        idle_lock_minutes: state.idle_minutes(),
        min_minutes: rules::IDLE_LOCK_MIN,
        max_minutes: rules::IDLE_LOCK_MAX,
    })
}

/// The idle lock, 5 to 60 minutes; enforced by the backend as well as the window.
pub fn set_idle_lock(state: &AppState, minutes: i64) -> AppResult<SecuritySettings> {
    let minutes = rules::check_idle_minutes(minutes)?;
    state.write(|tx| settings::put(tx, rules::IDLE_LOCK_SETTING, &minutes.to_string()))?;
    state.set_idle_minutes(minutes);
    security(state)
}

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> AppResult<BackupStatus> {
    status(&state)
}

#[tauri::command]
pub async fn choose_backup_folder(
    state: State<'_, AppState>,
    app: AppHandle,
) -> AppResult<Option<BackupStatus>> {
    choose_folder(&state, &app)
}

#[tauri::command]
pub async fn set_backup_folder(
    state: State<'_, AppState>,
    path: String,
) -> AppResult<BackupStatus> {
    set_folder(&state, &path)
}

#[tauri::command]
pub async fn set_automatic_backups(
    state: State<'_, AppState>,
    on: bool,
) -> AppResult<BackupStatus> {
    set_automatic(&state, on)
}

#[tauri::command]
pub async fn make_backup(
    state: State<'_, AppState>,
    own: Option<OwnPassphrase>,
) -> AppResult<BackupMade> {
    backup_now(&state, own.as_ref())
}

#[tauri::command]
pub async fn scheduled_backup(state: State<'_, AppState>) -> AppResult<Option<BackupMade>> {
    scheduled(&state)
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> AppResult<Vec<BackupEntry>> {
    list(&state)
}

#[tauri::command]
pub async fn choose_backup_file(app: AppHandle) -> AppResult<Option<String>> {
    choose_file(&app)
}

#[tauri::command]
pub async fn inspect_backup_file(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
) -> AppResult<BackupContents> {
    inspect_backup(&state, &path, &passphrase)
}

#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
) -> AppResult<BackupContents> {
    restore(&state, &path, &passphrase)
}

#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    change: PassphraseChange,
) -> AppResult<()> {
    rekey(&state, &change)
}

#[tauri::command]
pub async fn security_settings(state: State<'_, AppState>) -> AppResult<SecuritySettings> {
    security(&state)
}

#[tauri::command]
pub async fn set_idle_lock_minutes(
    state: State<'_, AppState>,
    minutes: i64,
) -> AppResult<SecuritySettings> {
    set_idle_lock(&state, minutes)
}
