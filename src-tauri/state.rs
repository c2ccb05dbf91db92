//! The app's state: where its data lives and the open (unlocked) database, if any.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, AppResult};
use crate::store;

/// Where the app stands, for the unlock screen.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    /// False on the first run: the window offers to create the database.
    pub database_exists: bool,
    pub unlocked: bool,
    /// The folder the database lives in, shown in Settings and on the unlock screen.
    pub data_dir: String,
}

pub struct AppState {
    data_dir: PathBuf,
    db: Mutex<Option<Connection>>,
}

impl AppState {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        AppState {
            data_dir: data_dir.into(),
            db: Mutex::new(None),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(store::DB_FILE)
    }

    fn guard(&self) -> MutexGuard<'_, Option<Connection>> {
        // A panic while holding the lock leaves the connection usable: SQLite rolls back
        // any transaction that was not committed.
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn status(&self) -> SessionStatus {
        SessionStatus {
            database_exists: store::exists(&self.db_path()),
            unlocked: self.guard().is_some(),
            data_dir: self.data_dir.display().to_string(),
        }
    }

    /// First run: creates the encrypted database with a new passphrase, typed twice.
    pub fn create(&self, passphrase: &str, confirmation: &str) -> AppResult<SessionStatus> {
        store::check_passphrase_strength(passphrase)?;
        if passphrase != confirmation {
            return Err(AppError::invalid(
                "confirmation",
                "The two passphrases are not the same.",
            ));
        }
        let conn = store::create(&self.db_path(), passphrase)?;
        *self.guard() = Some(conn);
        Ok(self.status())
    }

    /// Opens the database with the passphrase; a wrong one changes nothing.
    pub fn unlock(&self, passphrase: &str) -> AppResult<SessionStatus> {
        let conn = store::open(&self.db_path(), passphrase)?;
        *self.guard() = Some(conn);
        Ok(self.status())
    }

    /// Closes the database; the next command needs the passphrase again.
    /// Closes the database and removes the PDFs printed in this session (they are not
    /// encrypted; a viewer that has one open keeps its copy).
    pub fn lock(&self) -> SessionStatus {
        if let Some(conn) = self.guard().take() {
            store::refresh_statistics(&conn);
            let _ = conn.close();
        }
        self.clear_printed();
        self.status()
    }

    /// The folder printed PDFs pass through on their way to the printer or viewer.
    pub fn print_dir(&self) -> PathBuf {
        self.data_dir.join("print")
    }

    /// Removes every printed PDF (on lock, at start and on quit).
    pub fn clear_printed(&self) {
        self.clear_printed_older_than(std::time::Duration::ZERO);
    }

    /// Removes the printed PDFs older than `age` (a viewer may still be showing a newer one).
    pub fn clear_printed_older_than(&self, age: std::time::Duration) {
        let Ok(entries) = std::fs::read_dir(self.print_dir()) else {
            return;
        };
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_none_or(|elapsed| elapsed >= age);
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    fn locked() -> AppError {
        AppError::Locked("The app is locked. Unlock it with your passphrase.".into())
    }

    /// Runs a read on the open database.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> AppResult<T>) -> AppResult<T> {
        let guard = self.guard();
        let conn = guard.as_ref().ok_or_else(Self::locked)?;
        f(conn)
    }

    /// Runs a change in one transaction: all of it is saved, or nothing.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self.guard();
        let conn = guard.as_mut().ok_or_else(Self::locked)?;
        store::write(conn, f)
    }
}
