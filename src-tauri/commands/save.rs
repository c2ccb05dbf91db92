//! Where to save a file the coordinator asked for: the native save dialog (called from
//! Rust, so the webview needs no file-system permission), or, when
//! `CALLIN_PLANNER_SAVE_DIR` is set in a debug build (the end-to-end tests), that folder.

use std::path::PathBuf;

use tauri::AppHandle;

use crate::reports::table::ExportFormat;

/// Set this to a folder to save there without asking (tests; debug builds only).
pub const SAVE_DIR_ENV: &str = "CALLIN_PLANNER_SAVE_DIR";

/// `None` when the coordinator cancels. `kind` names the file type in the dialog's
/// filter, `ext` is the extension the file must have.
pub fn save_path(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    kind: &str,
    ext: &str,
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(SAVE_DIR_ENV).filter(|_| cfg!(debug_assertions)) {
        return Some(PathBuf::from(dir).join(suggested));
    }
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(kind, &[ext]);
    if let Some(docs) = documents_dir() {
        dialog = dialog.set_directory(docs);
    }
    let path = dialog.blocking_save_file()?.into_path().ok()?;
    Some(with_extension(path, ext))
}

/// The roster file the coordinator picks in the native open dialog; `None` when they cancel.
pub fn roster_path(app: &AppHandle) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Import people from a spreadsheet")
        .add_filter(
            "Spreadsheets and CSV files",
            &[
                "csv", "txt", "tsv", "xlsx", "xls", "ods", "CSV", "TXT", "XLSX", "XLS", "ODS",
            ],
        )
        .add_filter("All files", &["*"]);
    if let Some(docs) = documents_dir() {
        dialog = dialog.set_directory(docs);
    }
    dialog.blocking_pick_file()?.into_path().ok()
}

/// The folder backups go to, picked in the native folder dialog; `None` when cancelled.
pub fn backup_folder(app: &AppHandle) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Choose the folder for backups");
    // Starting in a folder (not on "Recent") lets a folder be selected at once.
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        dialog = dialog.set_directory(home);
    }
    dialog.blocking_pick_folder()?.into_path().ok()
}

/// A backup file to restore, picked in the native open dialog; `None` when cancelled.
pub fn backup_file(app: &AppHandle) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title("Restore from a backup")
        .add_filter("Call-In Planner backups", &["cpbackup"])
        .add_filter("All files", &["*"])
        .blocking_pick_file()?
        .into_path()
        .ok()
}

/// An HSDS package to import: a `.zip` or `.json` file, or (`folder`) a folder of CSV files,
/// picked in the native open dialog; `None` when cancelled.
pub fn hsds_path(app: &AppHandle, folder: bool) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file();
    if let Some(docs) = documents_dir() {
        dialog = dialog.set_directory(docs);
    }
    if folder {
        dialog
            .set_title("Import a directory: choose the package's folder")
            .blocking_pick_folder()?
            .into_path()
            .ok()
    } else {
        dialog
            .set_title("Import a directory: choose an HSDS package")
            .add_filter(
                "HSDS packages (.zip, .json)",
                &["zip", "json", "ZIP", "JSON"],
            )
            .add_filter("All files", &["*"])
            .blocking_pick_file()?
            .into_path()
            .ok()
    }
}

/// The dialog may return a name without the extension the format needs.
fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path
    } else {
        let mut with = path.into_os_string();
        with.push(format!(".{ext}"));
        PathBuf::from(with)
    }
}

pub fn export_path(app: &AppHandle, suggested: &str, format: ExportFormat) -> Option<PathBuf> {
    let (kind, ext) = match format {
        ExportFormat::Csv => ("CSV (comma-separated values)", "csv"),
        ExportFormat::Xlsx => ("Excel workbook", "xlsx"),
    };
    save_path(app, "Save the export", suggested, kind, ext)
}

pub fn pdf_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    save_path(app, "Save as PDF", suggested, "PDF document", "pdf")
}

fn documents_dir() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    let docs = home.join("Documents");
    Some(if docs.is_dir() { docs } else { home })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_added_when_missing() {
        assert_eq!(
            with_extension("/tmp/list".into(), "pdf"),
            PathBuf::from("/tmp/list.pdf")
        );
        assert_eq!(
            with_extension("/tmp/list.PDF".into(), "pdf"),
            PathBuf::from("/tmp/list.PDF")
        );
        assert_eq!(
            with_extension("/tmp/list.csv".into(), "xlsx"),
            PathBuf::from("/tmp/list.csv.xlsx")
        );
    }
}
