//! rusqlite with SQLCipher: opening (key, pragmas), migrations, and one module per
//! table group. Store functions take `&Connection` so they run inside a transaction too.

pub mod audit;
pub mod backup;
pub mod callins;
pub mod dayof;
pub mod directory;
pub mod directory_details;
pub mod followups;
pub mod groups;
pub mod imports;
pub mod invitations;
pub mod people;
pub mod printing;
pub mod settings;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{AppError, AppResult};

/// The migrations, in order; migration N brings the schema to `user_version` N.
/// Append-only: a landed migration is never edited.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_call_in_planning.sql"),
    include_str!("migrations/0003_day_of.sql"),
    include_str!("migrations/0004_import.sql"),
    include_str!("migrations/0005_directory.sql"),
];

/// The schema version this build of the app knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The page cache of a connection, in KiB (64 MiB).
pub const CACHE_KIB: i64 = 64 * 1024;

/// The file name of the database inside the data folder.
pub const DB_FILE: &str = "callin-planner.db";

pub(crate) fn apply_key(conn: &Connection, passphrase: &str) -> AppResult<()> {
    if passphrase.is_empty() {
        return Err(AppError::invalid("passphrase", "Enter the passphrase."));
    }
    // A passphrase no database can have (a NUL would also cut the PRAGMA short) is wrong,
    // and never reaches SQL.
    if !crate::domain::session::possible_passphrase(passphrase) {
        return Err(AppError::invalid(
            "passphrase",
            "The passphrase is not correct.",
        ));
    }
    conn.pragma_update(None, "key", passphrase)?;
    Ok(())
}

fn configure(conn: &Connection) -> AppResult<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Every page read from the file is decrypted and authenticated: a page cache large
    // enough for a 100k-person registry keeps searches and list counts in memory.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(AppError::Io(format!(
            "The database could not switch to write-ahead logging (it is in {mode} mode)."
        )));
    }
    Ok(())
}

/// A wrong key shows as "not a database" at the first read: `message` says so in the
/// words of the caller; any other failure keeps its own.
pub(crate) fn not_a_database(e: rusqlite::Error, message: &str) -> AppError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ffi::ErrorCode::NotADatabase =>
        {
            AppError::invalid("passphrase", message)
        }
        _ => AppError::from(e),
    }
}

/// Reads the schema version; this is the first read after the key, so a wrong
/// passphrase fails here with "not a database".
fn schema_version(conn: &Connection) -> AppResult<i64> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| not_a_database(e, "The passphrase is not correct."))?;
    if version < 0 {
        return Err(AppError::Io(
            "The database file is damaged (its schema version is not valid).".into(),
        ));
    }
    Ok(version)
}

/// Whether `path` holds a database (an empty file left by an interrupted start is none).
pub fn exists(path: &Path) -> bool {
    std::fs::metadata(path)
        .map(|m| m.len() > 0)
        .unwrap_or(false)
}

/// Only the user may read the data folder and the database in it.
pub fn restrict_to_owner(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// Initializes SQLite once per process, before the first connection.
///
/// SQLite marks itself initialized before it runs SQLCipher's own set-up (its
/// `SQLITE_EXTRA_INIT`), and outside its lock: a second thread opening its first
/// connection in that moment is let through and its `PRAGMA key` fails ("An error
/// occurred with PRAGMA key or rekey"), as seen in parallel tests at process start.
/// Every connection is opened through this module, so finishing the whole
/// initialization here, with the other threads waiting, closes that window.
pub(crate) fn initialize() -> AppResult<()> {
    static READY: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
    // SAFETY: sqlite3_initialize takes no arguments and may be called at any time;
    // the OnceLock makes every other thread wait until this call has returned.
    let rc = *READY.get_or_init(|| unsafe { rusqlite::ffi::sqlite3_initialize() });
    if rc != rusqlite::ffi::SQLITE_OK {
        return Err(AppError::Internal(format!(
            "The encrypted database engine could not start (SQLite error {rc})."
        )));
    }
    Ok(())
}

/// Creates a new encrypted database at `path` with `passphrase` (whose strength the caller
/// checked: `domain::session`), migrated to the latest schema.
/// It is built under a temporary name and renamed when complete, so an interrupted
/// creation never leaves a file that looks like a database. Refuses to touch one that exists.
pub fn create(path: &Path, passphrase: &str) -> AppResult<Connection> {
    if exists(path) {
        return Err(AppError::Conflict(
            "A database already exists in the data folder; unlock it instead.".into(),
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        restrict_to_owner(dir);
    }
    initialize()?;
    remove_db_files(path);
    let partial = path.with_extension("db.creating");
    remove_db_files(&partial);
    let built = (|| {
        let conn = Connection::open_with_flags(
            &partial,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, passphrase)?;
        migrate(&conn)?;
        conn.close().map_err(|(_, e)| AppError::from(e))?;
        restrict_to_owner(&partial);
        std::fs::rename(&partial, path)?;
        Ok(())
    })();
    if let Err(err) = built {
        remove_db_files(&partial);
        return Err(err);
    }
    open(path, passphrase)
}

/// Opens the encrypted database at `path`. A wrong passphrase, or a database made by a
/// newer version of the app, is refused and the file is left as it was.
pub fn open(path: &Path, passphrase: &str) -> AppResult<Connection> {
    if !exists(path) {
        return Err(AppError::NotFound(
            "There is no database in the data folder yet.".into(),
        ));
    }
    // A file that cannot be a database (zeros, cut short, unencrypted) is refused before
    // any key is tried, with its own message, and is left as it was.
    backup::refuse_by_look(path, "database")?;
    initialize()?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, passphrase)?;
    let version = schema_version(&conn)?;
    if version > SCHEMA_VERSION {
        return Err(AppError::Conflict(format!(
            "This database was made by a newer version of Call-In Planner (schema {version}); \
             this version knows schema {SCHEMA_VERSION} at most. Install the newer version to open it."
        )));
    }
    configure(&conn)?;
    if (1..SCHEMA_VERSION).contains(&version) {
        backup_before_upgrade(&conn, path, passphrase)?;
    }
    migrate(&conn)?;
    refresh_statistics(&conn);
    Ok(conn)
}

/// Before a schema upgrade, a backup: to the chosen folder, else (missing, unplugged) the
/// data folder's own. Without one the database is not upgraded (the older version of the
/// app still opens it).
fn backup_before_upgrade(conn: &Connection, path: &Path, passphrase: &str) -> AppResult<()> {
    use crate::domain::backup::{BackupKey, BackupReason, FOLDER_SETTING, LOCAL_FOLDER};
    let local = path.parent().unwrap_or(Path::new(".")).join(LOCAL_FOLDER);
    let chosen = settings::get(conn, FOLDER_SETTING)?.map(std::path::PathBuf::from);
    let mut last_error = None;
    for folder in chosen.into_iter().chain([local.clone()]) {
        if folder == local {
            std::fs::create_dir_all(&local)?;
            restrict_to_owner(&local);
        }
        match backup::make(
            path,
            passphrase,
            &folder,
            passphrase,
            BackupKey::Database,
            BackupReason::BeforeUpgrade,
        ) {
            Ok(_) => return Ok(()),
            Err(e) => last_error = Some(e),
        }
    }
    Err(AppError::Io(format!(
        "This version of Call-In Planner upgrades the database, and makes a backup first; the backup could not be made, so nothing was changed: {}",
        last_error.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// A reader beside the writer [`open`] made: keyed the same way, the same pragmas, and
/// `query_only`, so nothing can be changed through it.
pub fn open_reader(path: &Path, passphrase: &str) -> AppResult<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, passphrase)?;
    schema_version(&conn)?;
    configure(&conn)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

/// Keeps the query planner's statistics current (sampled, so it stays quick on a large
/// registry): without them a filter that matches most people can be planned as if it
/// matched a few. Run when the database opens and before it closes; a failure only costs speed.
pub fn refresh_statistics(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;");
}

/// Applies every migration past the database's version, all in one transaction.
pub fn migrate(conn: &Connection) -> AppResult<()> {
    let version = schema_version(conn)?;
    if version > SCHEMA_VERSION {
        return Err(AppError::Conflict(format!(
            "This database was made by a newer version of Call-In Planner (schema {version})."
        )));
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Exclusive)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)
            .map_err(|e| AppError::Internal(format!("Migration {} failed: {e}.", i + 1)))?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Runs `f` in one immediate transaction: all of it is saved, or none of it.
pub fn write<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction) -> AppResult<T>,
) -> AppResult<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// The values of an enum a domain rule keeps, as an SQL list (`'a', 'b'`), so a query
/// filters on the rule rather than on a copy of it.
pub(crate) fn sql_list<T: Copy>(
    all: &[T],
    keep: impl Fn(T) -> bool,
    text: impl Fn(T) -> &'static str,
) -> String {
    all.iter()
        .copied()
        .filter(|v| keep(*v))
        .map(|v| format!("'{}'", text(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new UUID v7, as stored.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Reads a JSON array of strings stored in a column.
pub(crate) fn json_list(text: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads a stored enum value, refusing text the schema should never have let in.
/// Reads column `idx` as one of a closed set of values without copying the text.
pub(crate) fn enum_at<T>(
    row: &rusqlite::Row,
    idx: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text = row.get_ref(idx)?.as_str()?;
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown value {text:?}").into(),
        )
    })
}

pub(crate) fn parse_enum<T>(text: String, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown value {text:?}").into(),
        )
    })
}
