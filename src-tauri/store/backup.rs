//! Encrypted copies of the database: made with `sqlcipher_export` inside one read
//! transaction (consistent while the app writes; never a copy of the file and its `-wal`),
//! reopened with their key and checked before they are renamed into place, with a manifest
//! beside each. Also the checks a file passes before it is restored or opened.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::domain::backup::{
    self, BackupContents, BackupEntry, BackupKey, BackupManifest, BackupReason, FileLook,
    BACKUP_EXT, MANIFEST_SUFFIX,
};
use crate::error::{AppError, AppResult};

/// Reads a file's look (first page, length) without changing it.
pub fn look(path: &Path) -> AppResult<FileLook> {
    let len = std::fs::metadata(path)?.len();
    let mut first = Vec::with_capacity(backup::PAGE_SIZE as usize);
    std::fs::File::open(path)?
        .take(backup::PAGE_SIZE)
        .read_to_end(&mut first)?;
    Ok(backup::look(&first, len))
}

/// Refuses a file that cannot be a Call-In Planner database before any key is tried.
pub fn refuse_by_look(path: &Path, what: &str) -> AppResult<()> {
    backup::check_look(look(path)?, what)
}

/// A path as an SQLite URI (`file:` with the characters URIs reserve escaped), for opening
/// a file read-only by ATTACH.
fn read_only_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.display().to_string().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

/// Writes a copy of the database at `src` (opened with `src_key`) to the new file `dest`,
/// encrypted with `dest_key`, in one read transaction of `src`: whatever the app commits
/// meanwhile is either wholly in the copy or not at all. `src_read_only` opens the source
/// read-only (a backup being restored); the live database is read through a normal
/// connection, which writes nothing to it.
pub fn export(
    src: &Path,
    src_key: &str,
    src_read_only: bool,
    dest: &Path,
    dest_key: &str,
) -> AppResult<()> {
    super::initialize()?;
    remove_quietly(dest);
    let conn = Connection::open_with_flags(
        dest,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    super::apply_key(&conn, dest_key)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    let source = if src_read_only {
        read_only_uri(src)
    } else {
        src.display().to_string()
    };
    conn.execute(
        "ATTACH DATABASE ?1 AS src KEY ?2",
        rusqlite::params![source, src_key],
    )?;
    let version: i64 = conn
        .query_row("PRAGMA src.user_version", [], |r| r.get(0))
        .map_err(|e| super::not_a_database(e, "The passphrase does not open this file."))?;
    conn.execute_batch("BEGIN")?;
    let copied = (|| -> AppResult<()> {
        conn.query_row("SELECT sqlcipher_export('main', 'src')", [], |_| Ok(()))?;
        conn.pragma_update(None, "user_version", version)?;
        Ok(())
    })();
    match copied {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    conn.execute_batch("DETACH DATABASE src")?;
    conn.close().map_err(|(_, e)| AppError::from(e))?;
    super::restrict_to_owner(dest);
    Ok(())
}

/// Opens `path` read-only with `key` and checks it the way a restore must: every page's
/// authentication, SQLite's own integrity check, the schema version, and that it is one of
/// Call-In Planner's databases; returns what it holds. `what` names it in messages.
pub fn inspect(path: &Path, key: &str, what: &str) -> AppResult<BackupContents> {
    if !path.is_file() {
        return Err(AppError::NotFound(format!(
            "The {what} file {} is not there.",
            path.display()
        )));
    }
    refuse_by_look(path, what)?;
    super::initialize()?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    super::apply_key(&conn, key)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| {
            super::not_a_database(
                e,
                &format!(
                    "The passphrase does not open this {what}, or the file is not a Call-In Planner {what}."
                ),
            )
        })?;
    let bad_pages: Vec<String> = conn
        .prepare("PRAGMA cipher_integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    if !bad_pages.is_empty() {
        return Err(AppError::Io(format!(
            "The {what} is damaged: {} of its pages fail the encryption's check.",
            bad_pages.len()
        )));
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(AppError::Io(format!(
            "The {what} is damaged: SQLite's integrity check says \"{integrity}\"."
        )));
    }
    backup::check_schema(version, super::SCHEMA_VERSION, what)?;
    for table in backup::REQUIRED_TABLES {
        let found: Option<String> = conn
            .query_row(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_none() {
            return Err(backup::not_ours(table, what));
        }
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    Ok(BackupContents {
        schema_version: version,
        people: count("SELECT count(*) FROM people")?,
        call_ins: count("SELECT count(*) FROM call_ins")?,
        referrals: count("SELECT count(*) FROM referrals")?,
        made_at: None,
        reason: None,
    })
}

/// The SHA-256 of a file, lowercase hex.
pub fn sha256_file(path: &Path) -> AppResult<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

fn remove_quietly(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes `text` to `path` through a temporary file and a rename: never half a file.
fn write_atomically(path: &Path, text: &[u8]) -> AppResult<()> {
    let tmp = path.with_extension("json.partial");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Why backups cannot go to `folder` now, in words for the coordinator.
pub fn folder_problem(folder: &Path) -> Option<String> {
    match std::fs::metadata(folder) {
        Err(_) => Some(format!(
            "The backup folder {} is not there. If it is on a drive, plug the drive in; the next backup will try again.",
            folder.display()
        )),
        Ok(m) if !m.is_dir() => Some(format!(
            "The backup location {} is a file, not a folder.",
            folder.display()
        )),
        Ok(_) => None,
    }
}

/// A backup just made: where it is and its manifest.
#[derive(Debug, Clone)]
pub struct Made {
    pub path: PathBuf,
    pub manifest: BackupManifest,
}

/// Makes one backup of the live database `src` in `folder`: exported to a hidden partial
/// file, reopened with `dest_key` and checked, synced, renamed into place, and its manifest
/// written beside it. A failure removes the partial file and never touches `src`.
pub fn make(
    src: &Path,
    src_key: &str,
    folder: &Path,
    dest_key: &str,
    key: BackupKey,
    reason: BackupReason,
) -> AppResult<Made> {
    if let Some(problem) = folder_problem(folder) {
        return Err(AppError::Io(problem));
    }
    clear_partials(folder);
    let now = chrono::Utc::now();
    let mut n = 1;
    let name = loop {
        let name = backup::file_name(now, reason, n);
        if !folder.join(&name).exists() {
            break name;
        }
        n += 1;
    };
    let partial = folder.join(format!(".{name}.partial"));
    let made = (|| -> AppResult<Made> {
        export(src, src_key, false, &partial, dest_key)?;
        let contents = inspect(&partial, dest_key, "backup")?;
        std::fs::File::open(&partial)?.sync_all()?;
        let manifest = BackupManifest {
            format: backup::MANIFEST_FORMAT.into(),
            format_version: backup::MANIFEST_FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: contents.schema_version,
            made_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            reason,
            key,
            size_bytes: std::fs::metadata(&partial)?.len(),
            sha256: sha256_file(&partial)?,
            file: name.clone(),
        };
        let path = folder.join(&name);
        std::fs::rename(&partial, &path)?;
        sync_dir(folder);
        let text = serde_json::to_vec_pretty(&manifest)?;
        write_atomically(&manifest_path(&path), &text)?;
        sync_dir(folder);
        Ok(Made { path, manifest })
    })();
    if made.is_err() {
        remove_quietly(&partial);
    }
    made.map_err(|e| match e {
        AppError::Io(m) => AppError::Io(format!(
            "The backup could not be written to {}: {m}",
            folder.display()
        )),
        other => other,
    })
}

/// The manifest beside a backup file.
pub fn manifest_path(backup: &Path) -> PathBuf {
    let mut p = backup.as_os_str().to_owned();
    p.push(MANIFEST_SUFFIX);
    PathBuf::from(p)
}

/// Reads the manifest beside `backup`, if there is one.
pub fn read_manifest(backup: &Path) -> AppResult<Option<BackupManifest>> {
    match std::fs::read_to_string(manifest_path(backup)) {
        Ok(text) => BackupManifest::parse(&text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The backups in `folder`, newest first, from their manifests (none is opened).
pub fn list(folder: &Path) -> AppResult<Vec<BackupEntry>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || path.extension().and_then(|e| e.to_str()) != Some(BACKUP_EXT) {
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        let (manifest, problem) = match read_manifest(&path) {
            Ok(Some(m)) if m.size_bytes != size => (
                Some(m),
                Some("Its size is not the size the manifest records: it may be damaged.".into()),
            ),
            Ok(Some(m)) => (Some(m), None),
            Ok(None) => (None, Some("It has no manifest beside it.".into())),
            Err(e) => (None, Some(e.to_string())),
        };
        out.push(BackupEntry {
            file: name,
            path: path.display().to_string(),
            size_bytes: size,
            manifest,
            problem,
        });
    }
    out.sort_by(|a, b| {
        let at = |e: &BackupEntry| e.manifest.as_ref().map(|m| m.made_at.clone());
        at(b).cmp(&at(a)).then(b.file.cmp(&a.file))
    });
    Ok(out)
}

/// Removes a backup and its manifest.
pub fn remove(folder: &Path, file: &str) -> AppResult<()> {
    let path = folder.join(file);
    std::fs::remove_file(&path)?;
    let _ = std::fs::remove_file(manifest_path(&path));
    Ok(())
}

/// Removes the partial files interrupted backups left in `folder` (a backup killed midway
/// leaves its hidden `.….partial`): those older than ten minutes, so a backup another
/// computer is writing into a shared folder right now is left alone.
pub fn clear_partials(folder: &Path) {
    let old = std::time::Duration::from_secs(600);
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= old);
            if name.starts_with('.') && name.contains(".partial") && stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_uri_escapes_what_uris_reserve() {
        assert_eq!(
            read_only_uri(Path::new("/media/usb/50% #1?.cpbackup")),
            "file:/media/usb/50%25 %231%3f.cpbackup?mode=ro"
        );
    }
}
