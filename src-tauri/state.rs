//! The app's state: where its data lives and the open (unlocked) database, if any.
//!
//! One writer connection and a small pool of reader connections, all keyed the same way.
//! WAL lets a reader run beside the writer and beside other readers, so a search typed
//! while a long export or a letter batch runs does not wait for it. Readers are
//! `query_only`: a change through `read` fails instead of slipping past `write`'s
//! transaction. Locking closes every connection (a reader in use closes when it is given back).

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use rusqlite::{Connection, Transaction};

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
                idle: Vec::new(),
            }),
            reader_returned: Condvar::new(),
            import: Mutex::new(None),
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
            if !readers.open {
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
        let conn = store::create(&self.db_path(), passphrase)?;
        self.opened(conn, passphrase)
    }

    /// Opens the database with the passphrase; a wrong one changes nothing.
    pub fn unlock(&self, passphrase: &str) -> AppResult<()> {
        let conn = store::open(&self.db_path(), passphrase)?;
        self.opened(conn, passphrase)
    }

    /// Keeps the writer just opened and opens the readers beside it; if they cannot
    /// open, nothing stays open.
    fn opened(&self, writer: Connection, passphrase: &str) -> AppResult<()> {
        *self.guard() = Some(writer);
        if let Err(e) = self.open_readers(passphrase) {
            self.lock();
            return Err(e);
        }
        Ok(())
    }

    /// Closes the database (the next command needs the passphrase again) and removes the
    /// PDFs printed in this session (they are not encrypted; a viewer that has one open
    /// keeps its copy).
    pub fn lock(&self) {
        self.close_readers();
        if let Some(conn) = self.guard().take() {
            store::refresh_statistics(&conn);
            let _ = conn.close();
        }
        self.clear_printed();
        *self.import_file() = None;
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
        let lease = self.lease()?;
        let conn = lease.conn.as_ref().ok_or_else(|| {
            AppError::Internal("A reader was lent without its connection.".into())
        })?;
        f(conn)
    }

    /// Runs a change in one transaction: all of it is saved, or nothing.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self.guard();
        let conn = guard.as_mut().ok_or_else(Self::locked)?;
        store::write(conn, f)
    }
}
