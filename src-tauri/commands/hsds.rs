//! The directory in and out as Open Referral HSDS: open a package (the open dialog, or a
//! path in tests), preview what importing it would change, import it in one transaction,
//! or export the directory as a tabular data package or HSDS JSON.

use std::path::Path;

use tauri::{AppHandle, State};

use crate::domain::backup::BackupReason;
use crate::domain::hsds_import::{
    assess, check, to_package, writes, CategoryMappingInput, HsdsFormat, HsdsImportResult,
    HsdsPreview, LoadedPackage,
};
use crate::error::{AppError, AppResult};
use crate::import::hsds as reader;
use crate::reports::hsds as writer;
use crate::state::AppState;
use crate::store::{directory, new_id};

fn unlocked(state: &AppState) -> AppResult<()> {
    if state.is_unlocked() {
        Ok(())
    } else {
        Err(AppError::Locked(
            "The app is locked. Unlock it with your passphrase.".into(),
        ))
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads the package at `path` (folder, `.zip`, `.json`) and previews its import.
pub fn open(state: &AppState, path: &Path) -> AppResult<HsdsPreview> {
    unlocked(state)?;
    let package = reader::read_path(path)?;
    *state.hsds_package() = Some(LoadedPackage {
        file_name: file_name(path),
        package,
    });
    preview(state, &[])
}

/// Asks for a package in the open dialog (a file, or a folder) and opens it; `None` when
/// cancelled.
pub fn open_chosen(
    state: &AppState,
    app: &AppHandle,
    folder: bool,
) -> AppResult<Option<HsdsPreview>> {
    match super::save::hsds_path(app, folder) {
        Some(path) => open(state, &path).map(Some),
        None => Ok(None),
    }
}

fn loaded(state: &AppState) -> AppResult<LoadedPackage> {
    state.hsds_package().clone().ok_or_else(|| {
        AppError::Conflict(
            "No HSDS package is open for import; choose one with Directory → Import HSDS….".into(),
        )
    })
}

/// What importing the open package would change, with the mappings as edited.
pub fn preview(state: &AppState, edits: &[CategoryMappingInput]) -> AppResult<HsdsPreview> {
    let l = loaded(state)?;
    state.read(|db| {
        let existing = directory::existing(db)?;
        let remembered = directory::category_maps(db, &l.source())?;
        Ok(assess(&l, &existing, &remembered, edits).preview)
    })
}

/// Imports the open package in one transaction (after a backup): every organization and
/// service new or changed, each provider audited, and the mappings remembered for the
/// source. Refused, with nothing written, while a problem blocks it.
pub fn commit(state: &AppState, edits: &[CategoryMappingInput]) -> AppResult<HsdsImportResult> {
    let l = loaded(state)?;
    // The package's own problems need no database: refuse before the backup.
    if let Some(p) = check(&l.package).into_iter().find(|p| p.blocking) {
        let at = p.row.map(|r| format!(", row {r}")).unwrap_or_default();
        return Err(AppError::Conflict(format!(
            "Nothing was imported. {}{at}: {}",
            p.file, p.message
        )));
    }
    let backup_warning = super::backups::before(state, BackupReason::BeforeImport)
        .map(|e| format!("No backup could be made before this import ({e})."));
    let mut result = state.write(|tx| {
        let existing = directory::existing(tx)?;
        let remembered = directory::category_maps(tx, &l.source())?;
        let a = assess(&l, &existing, &remembered, edits);
        if a.preview.blocked {
            return Err(AppError::Conflict(
                "Nothing was imported: the package has problems.".into(),
            ));
        }
        let planned = writes(&a.incoming, &a.plans, &a.cats, &existing, &mut new_id);
        let mut r = HsdsImportResult::default();
        for w in &planned {
            if w.provider.create {
                r.organizations_created += 1;
            } else {
                r.organizations_updated += 1;
            }
            for s in &w.services {
                if s.create {
                    r.services_created += 1;
                } else {
                    r.services_updated += 1;
                }
            }
            directory::import_provider(tx, w)?;
        }
        directory::save_category_maps(tx, &l.source(), &a.preview.mappings)?;
        Ok(r)
    })?;
    close(state);
    log::info!(
        "hsds import organizations created={} updated={} services created={} updated={}",
        result.organizations_created,
        result.organizations_updated,
        result.services_created,
        result.services_updated
    );
    result.backup_warning = backup_warning;
    Ok(result)
}

/// Forgets the package open for import.
pub fn close(state: &AppState) {
    *state.hsds_package() = None;
}

/// [`close`], for the window.
pub fn forget(state: &AppState) -> AppResult<()> {
    close(state);
    Ok(())
}

/// The directory as HSDS 3.0 bytes in the format asked for.
pub fn export_bytes(state: &AppState, format: HsdsFormat) -> AppResult<Vec<u8>> {
    let existing = state.read(directory::existing)?;
    let pkg = to_package("Call-In Planner directory", &existing);
    match format {
        HsdsFormat::Zip => writer::tabular_zip(&pkg),
        HsdsFormat::Json => writer::json(&pkg),
    }
}

/// Writes the export to `path`.
pub fn export_to(state: &AppState, path: &Path, format: HsdsFormat) -> AppResult<()> {
    let bytes = export_bytes(state, format)?;
    std::fs::write(path, bytes)
        .map_err(|e| AppError::Io(format!("{} could not be written: {e}.", file_name(path))))?;
    log::info!("hsds export format={} bytes written", format.as_str());
    Ok(())
}

/// Asks where to save the export and writes it; the path, or `None` when cancelled.
pub fn export_chosen(
    state: &AppState,
    app: &AppHandle,
    format: HsdsFormat,
) -> AppResult<Option<String>> {
    unlocked(state)?;
    let (kind, ext) = match format {
        HsdsFormat::Zip => ("HSDS tabular data package", "zip"),
        HsdsFormat::Json => ("HSDS JSON", "json"),
    };
    let today = chrono::Local::now().format("%Y-%m-%d");
    let suggested = format!("directory-hsds-{today}.{ext}");
    let Some(path) =
        super::save::save_path(app, "Export the directory as HSDS", &suggested, kind, ext)
    else {
        return Ok(None);
    };
    export_to(state, &path, format)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn hsds_open(
    state: State<'_, AppState>,
    app: AppHandle,
    folder: bool,
) -> AppResult<Option<HsdsPreview>> {
    open_chosen(&state, &app, folder)
}

#[tauri::command]
pub async fn hsds_preview(
    state: State<'_, AppState>,
    mappings: Vec<CategoryMappingInput>,
) -> AppResult<HsdsPreview> {
    preview(&state, &mappings)
}

#[tauri::command]
pub async fn hsds_import(
    state: State<'_, AppState>,
    mappings: Vec<CategoryMappingInput>,
) -> AppResult<HsdsImportResult> {
    commit(&state, &mappings)
}

#[tauri::command]
pub async fn hsds_close(state: State<'_, AppState>) -> AppResult<()> {
    forget(&state)
}

#[tauri::command]
pub async fn hsds_export(
    state: State<'_, AppState>,
    app: AppHandle,
    format: HsdsFormat,
) -> AppResult<Option<String>> {
    export_chosen(&state, &app, format)
}
