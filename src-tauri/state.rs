//! The app's state: where its data lives and the open (unlocked) database, if any.
//!
//! One writer connection and a small pool of reader connections, all keyed the same way.
//! WAL lets a reader run beside the writer and beside other readers, so a search typed
//! while a long export or a letter batch runs does not wait for it. Readers are
//! `query_only`: a change through `read` fails instead of slipping past `write`'s
//! transaction. Locking closes every connection (a reader in use closes when it is given back).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};
use zeroize::Zeroizing;

use crate::domain::backup::{self as rules, UnlockAttempts};
use crate::error::{AppError, AppResult};
use crate::import::roster::Loaded;
use crate::printer::Printer;
use crate::store;

/// How many reads can run at once beside the writer (a long export, a search, a preview).
pub const READERS: usize = 3;

/// The reader connections not in use, and which unlock they belong to.
struct Readers {
    /// Bumped at every unlock and lock: a reader of an earlier one is closed when returned.
    generation: u64,
    /// False while locked: `read` refuses at once.
    open: bool,
    /// True while the database is being replaced (a restore, a passphrase change): a read
    /// waits for the new database instead of being refused as locked.
    replacing: bool,
    idle: Vec<Connection>,
}

pub struct AppState {
    data_dir: PathBuf,
    printer: Printer,
    db: Mutex<Option<Connection>>,
    readers: Mutex<Readers>,
    reader_returned: Condvar,
    /// The roster file being imported (read into memory; forgotten on lock).
    import: Mutex<Option<Loaded>>,
    /// The HSDS package being imported (read into memory; forgotten on lock).
    hsds: Mutex<Option<crate::domain::hsds_import::LoadedPackage>>,
    /// The passphrase while unlocked (backups are keyed with it; wiped from memory on lock).
    key: Mutex<Option<Zeroizing<String>>>,
    /// Held by a backup, a restore or a passphrase change: one at a time.
    maintenance: Mutex<()>,
    /// The last time the coordinator did something (a command, or the window's activity).
    last_activity: Mutex<DateTime<Utc>>,
    /// The idle lock, in minutes (the setting, read at unlock).
    idle_minutes: AtomicU32,
    /// When a scheduled backup last failed, and why (it is tried again later).
    backup_failure: Mutex<Option<(DateTime<Utc>, String)>>,
    /// Write transactions committed (the tests check a change is one write).
    writes: AtomicU64,
}

/// A reader lent to one `read`; given back (or closed, after a lock) when dropped, also when
/// the read panics.
struct Lease<'a> {
    state: &'a AppState,
    generation: u64,
    conn: Option<Connection>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut readers = self.state.readers_guard();
            if readers.open && readers.generation == self.generation {
                readers.idle.push(conn);
                drop(readers);
                self.state.reader_returned.notify_one();
            } else {
                drop(readers);
                let _ = conn.close();
            }
        }
    }
}

impl AppState {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        AppState {
            printer: Printer::system(&data_dir),
            data_dir,
            db: Mutex::new(None),
            readers: Mutex::new(Readers {
                generation: 0,
                open: false,
                replacing: false,
                idle: Vec::new(),
            }),
            reader_returned: Condvar::new(),
            import: Mutex::new(None),
            hsds: Mutex::new(None),
            key: Mutex::new(None),
            maintenance: Mutex::new(()),
            last_activity: Mutex::new(Utc::now()),
            idle_minutes: AtomicU32::new(rules::IDLE_LOCK_DEFAULT),
            backup_failure: Mutex::new(None),
            writes: AtomicU64::new(0),
        }
    }

    fn readers_guard(&self) -> MutexGuard<'_, Readers> {
        self.readers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Opens the readers beside a writer just opened (in parallel: each keying costs the
    /// passphrase's key derivation) and puts them in the pool.
    fn open_readers(&self, passphrase: &str) -> AppResult<()> {
        let path = self.db_path();
        let opened: Vec<AppResult<Connection>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..READERS)
                .map(|_| scope.spawn(|| store::open_reader(&path, passphrase)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(AppError::Internal(
                            "A reader connection could not open.".into(),
                        ))
                    })
                })
                .collect()
        });
        let conns = opened.into_iter().collect::<AppResult<Vec<_>>>()?;
        let mut readers = self.readers_guard();
        readers.generation += 1;
        readers.open = true;
        for old in std::mem::replace(&mut readers.idle, conns) {
            let _ = old.close();
        }
        drop(readers);
        self.reader_returned.notify_all();
        Ok(())
    }

    fn close_readers(&self) {
        let idle = {
            let mut readers = self.readers_guard();
            readers.generation += 1;
            readers.open = false;
            std::mem::take(&mut readers.idle)
        };
        for conn in idle {
            let _ = conn.close();
        }
        // Wake any read waiting for a reader: it now finds the app locked.
        self.reader_returned.notify_all();
    }

    fn lease(&self) -> AppResult<Lease<'_>> {
        let mut readers = self.readers_guard();
        loop {
            if !readers.open && !readers.replacing {
                return Err(Self::locked());
            }
            if let Some(conn) = readers.idle.pop() {
                return Ok(Lease {
                    state: self,
                    generation: readers.generation,
                    conn: Some(conn),
                });
            }
            readers = self
                .reader_returned
                .wait(readers)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
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

    /// False on the first run: there is no database yet.
    pub fn database_exists(&self) -> bool {
        store::exists(&self.db_path())
    }

    pub fn is_unlocked(&self) -> bool {
        self.guard().is_some()
    }

    /// First run: creates the encrypted database with a new passphrase, typed twice.
    pub fn create(&self, passphrase: &str, confirmation: &str) -> AppResult<()> {
        crate::domain::session::check_passphrase_strength(passphrase)?;
        if passphrase != confirmation {
            return Err(AppError::invalid(
                "confirmation",
                "The two passphrases are not the same.",
            ));
        }
        self.clear_replacement();
        let conn = store::create(&self.db_path(), passphrase)?;
        log::info!("database created schema={}", store::SCHEMA_VERSION);
        self.opened(conn, passphrase)
    }

    /// Opens the database with the passphrase; a wrong one changes nothing. After five
    /// wrong ones in a row, each further try must wait (the wait doubles); the count is
    /// kept in the data folder, so quitting does not reset it.
    pub fn unlock(&self, passphrase: &str) -> AppResult<()> {
        let attempts = self.unlock_attempts();
        let wait = attempts.wait_left(Utc::now());
        if wait > 0 {
            log::warn!(
                "unlock refused: waiting {wait}s after {} wrong passphrases",
                attempts.failures
            );
            return Err(AppError::invalid("passphrase", rules::wait_message(wait)));
        }
        self.clear_replacement();
        match store::open(&self.db_path(), passphrase) {
            Ok(conn) => {
                let _ = std::fs::remove_file(self.attempts_path());
                log::info!("unlock ok");
                self.opened(conn, passphrase)
            }
            Err(e) => {
                if e.field() == Some("passphrase") && !passphrase.is_empty() {
                    let failed = attempts.failed(Utc::now());
                    log::warn!(
                        "unlock refused: wrong passphrase (failures={})",
                        failed.failures
                    );
                    self.save_attempts(&failed);
                } else {
                    log::warn!("unlock refused: {}", e.code().as_str());
                }
                Err(e)
            }
        }
    }

    fn attempts_path(&self) -> PathBuf {
        self.data_dir.join("unlock-attempts.json")
    }

    /// The wrong passphrases tried in a row (none when the file is missing or unreadable).
    pub fn unlock_attempts(&self) -> UnlockAttempts {
        std::fs::read_to_string(self.attempts_path())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    fn save_attempts(&self, attempts: &UnlockAttempts) {
        if let Ok(text) = serde_json::to_string(attempts) {
            let path = self.attempts_path();
            let _ = std::fs::write(&path, text);
            store::restrict_to_owner(&path);
        }
    }

    /// Keeps the writer just opened and opens the readers beside it; if they cannot
    /// open, nothing stays open.
    fn opened(&self, writer: Connection, passphrase: &str) -> AppResult<()> {
        let idle = store::settings::get(&writer, rules::IDLE_LOCK_SETTING)
            .ok()
            .flatten();
        self.idle_minutes
            .store(rules::idle_minutes(idle.as_deref()), Ordering::Relaxed);
        *self.guard() = Some(writer);
        if let Err(e) = self.open_readers(passphrase) {
            self.lock();
            return Err(e);
        }
        *self.key_guard() = Some(Zeroizing::new(passphrase.to_owned()));
        *self.activity_guard() = Utc::now();
        Ok(())
    }

    /// Closes the database (the next command needs the passphrase again) and removes the
    /// PDFs printed in this session (they are not encrypted; a viewer that has one open
    /// keeps its copy).
    pub fn lock(&self) {
        if self.key_guard().is_some() {
            log::info!("lock");
        }
        self.close_readers();
        if let Some(conn) = self.guard().take() {
            store::refresh_statistics(&conn);
            let _ = conn.close();
        }
        *self.key_guard() = None;
        self.clear_printed();
        *self.import_file() = None;
        *self.hsds_package() = None;
    }

    fn key_guard(&self) -> MutexGuard<'_, Option<Zeroizing<String>>> {
        self.key.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn activity_guard(&self) -> MutexGuard<'_, DateTime<Utc>> {
        self.last_activity.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The passphrase the database is open with (backups are keyed with it).
    pub fn passphrase(&self) -> AppResult<Zeroizing<String>> {
        self.key_guard().clone().ok_or_else(Self::locked)
    }

    /// One backup, restore or passphrase change at a time.
    pub fn maintenance(&self) -> MutexGuard<'_, ()> {
        self.maintenance.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The idle lock in minutes.
    pub fn idle_minutes(&self) -> u32 {
        self.idle_minutes.load(Ordering::Relaxed)
    }

    pub fn set_idle_minutes(&self, minutes: u32) {
        self.idle_minutes.store(minutes, Ordering::Relaxed);
    }

    /// Counts as activity, unless the idle time has already run out: then the app locks and
    /// the command is refused, as the window would have locked.
    pub fn touch(&self) -> AppResult<()> {
        // The key, not the writer, says whether the app is unlocked: a read must not wait
        // for a long write to learn it.
        if self.key_guard().is_none() {
            return Ok(());
        }
        let now = Utc::now();
        let mut last = self.activity_guard();
        let limit = chrono::Duration::minutes(i64::from(self.idle_minutes()));
        // A clock set back counts as activity now.
        if now >= *last && now.signed_duration_since(*last) >= limit {
            drop(last);
            log::info!("idle lock after {} minutes", self.idle_minutes());
            self.lock();
            return Err(AppError::Locked(format!(
                "The app locked itself after {} minutes without activity. Unlock it with your passphrase.",
                self.idle_minutes()
            )));
        }
        *last = now;
        Ok(())
    }

    /// Makes the last activity `minutes` ago (tests of the idle lock).
    pub fn pretend_idle_for(&self, minutes: i64) {
        *self.activity_guard() = Utc::now() - chrono::Duration::minutes(minutes);
    }

    /// The last scheduled backup's failure, if the last try failed.
    pub fn backup_failure(&self) -> MutexGuard<'_, Option<(DateTime<Utc>, String)>> {
        self.backup_failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Write transactions committed since the app started.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Relaxed)
    }

    /// Where a replacement database is built before it is swapped in (same folder: the
    /// rename is atomic).
    fn replacement_path(&self) -> PathBuf {
        self.data_dir.join(format!("{}.replacing", store::DB_FILE))
    }

    /// A replacement an interrupted restore or passphrase change left is removed: the
    /// database it was to replace is still whole.
    fn clear_replacement(&self) {
        let path = self.replacement_path();
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }

    /// Replaces the database with another, safely: writes stop; `prepare` writes the
    /// replacement (it gets the database's path and the replacement's) and checks it;
    /// then every connection closes, the replacement is renamed over the database in one
    /// step, and the app reopens with `new_key`. Interrupted at any point, the folder holds
    /// either the old database whole or the new one whole. If `prepare` fails nothing
    /// changes.
    pub fn replace_database(
        &self,
        new_key: &str,
        prepare: impl FnOnce(&Path, &Path) -> AppResult<()>,
    ) -> AppResult<()> {
        let db = self.db_path();
        let replacement = self.replacement_path();
        // Writes wait on the writer for the whole replacement, and reads wait for the new
        // readers: nothing is refused as locked while the database is swapped.
        let mut writer = self.guard();
        if writer.is_none() {
            return Err(Self::locked());
        }
        self.clear_replacement();
        if let Err(e) = prepare(&db, &replacement) {
            self.clear_replacement();
            return Err(e);
        }
        self.set_replacing(true);
        let swapped = self.swap_in(&mut writer, &db, &replacement, new_key);
        self.set_replacing(false);
        let closed = writer.is_none();
        drop(writer);
        if swapped.is_err() {
            self.clear_replacement();
            if closed {
                self.lock();
            }
        }
        swapped
    }

    fn set_replacing(&self, on: bool) {
        self.readers_guard().replacing = on;
        self.reader_returned.notify_all();
    }

    /// [`replace_database`]'s swap, with the writer held: every connection closes, the
    /// replacement is renamed over the database, and the writer and readers reopen on it.
    fn swap_in(
        &self,
        writer: &mut MutexGuard<'_, Option<Connection>>,
        db: &Path,
        replacement: &Path,
        new_key: &str,
    ) -> AppResult<()> {
        // Every connection closes: the last one checkpoints the WAL and removes it.
        self.close_readers();
        if let Some(conn) = writer.take() {
            store::refresh_statistics(&conn);
            if let Err((conn, e)) = conn.close() {
                **writer = Some(conn);
                let _ = self.reopen_readers();
                return Err(AppError::from(e));
            }
        }
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        if store::exists(&wal) {
            *self.key_guard() = None;
            return Err(AppError::Io(
                "The database's write-ahead log did not close, so it was not replaced. Unlock the app and try again."
                    .into(),
            ));
        }
        std::fs::rename(replacement, db)?;
        log::info!("database replaced");
        if let Some(dir) = db.parent() {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        let _ = std::fs::remove_file(format!("{}-shm", db.display()));
        let opened = store::open(db, new_key).and_then(|conn| {
            let idle = store::settings::get(&conn, rules::IDLE_LOCK_SETTING)
                .ok()
                .flatten();
            self.idle_minutes
                .store(rules::idle_minutes(idle.as_deref()), Ordering::Relaxed);
            **writer = Some(conn);
            self.open_readers(new_key)
        });
        match opened {
            Ok(()) => {
                *self.key_guard() = Some(Zeroizing::new(new_key.to_owned()));
                *self.activity_guard() = Utc::now();
                Ok(())
            }
            Err(e) => {
                // Locked: the next unlock opens the new database.
                if let Some(conn) = writer.take() {
                    let _ = conn.close();
                }
                self.close_readers();
                *self.key_guard() = None;
                Err(e)
            }
        }
    }

    /// Reopens the readers after a replacement was given up.
    fn reopen_readers(&self) -> AppResult<()> {
        let key = self.passphrase()?;
        self.open_readers(&key)
    }

    /// The HSDS package being imported, if any.
    pub fn hsds_package(
        &self,
    ) -> MutexGuard<'_, Option<crate::domain::hsds_import::LoadedPackage>> {
        self.hsds.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The roster file being imported, if any.
    pub fn import_file(&self) -> MutexGuard<'_, Option<Loaded>> {
        self.import.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Where Print sends documents.
    pub fn printer(&self) -> &Printer {
        &self.printer
    }

    /// Prints through `printer` instead of the system's (tests: never a real printer).
    pub fn with_printer(mut self, printer: Printer) -> Self {
        self.printer = printer;
        self
    }

    /// Removes every printed PDF (on lock, at start and on quit).
    pub fn clear_printed(&self) {
        self.printer.clear();
    }

    fn locked() -> AppError {
        AppError::Locked("The app is locked. Unlock it with your passphrase.".into())
    }

    /// Runs a read on one of the reader connections: it sees everything committed, runs
    /// beside a write and beside other reads, and cannot change anything.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> AppResult<T>) -> AppResult<T> {
        self.touch()?;
        let lease = self.lease()?;
        let conn = lease.conn.as_ref().ok_or_else(|| {
            AppError::Internal("A reader was lent without its connection.".into())
        })?;
        f(conn)
    }

    /// Runs a change in one transaction: all of it is saved, or nothing.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> AppResult<T>) -> AppResult<T> {
        self.touch()?;
        let mut guard = self.guard();
        let conn = guard.as_mut().ok_or_else(Self::locked)?;
        let value = store::write(conn, |tx| {
            // Every change writes its audit entry in the same transaction: a change that
            // did not is refused whole, so a command without one cannot save anything.
            let changes = tx.total_changes();
            let last = store::audit::last_seq(tx)?;
            let value = f(tx)?;
            if tx.total_changes() > changes && store::audit::last_seq(tx)? == last {
                return Err(AppError::Internal(
                    "A change was about to be saved without its audit entry, so nothing was saved."
                        .into(),
                ));
            }
            Ok(value)
        })?;
        self.writes.fetch_add(1, Ordering::Relaxed);
        Ok(value)
    }
}
