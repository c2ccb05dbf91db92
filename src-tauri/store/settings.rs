//! The settings table: one text value a key, every change audited.

use rusqlite::{params, Connection, OptionalExtension};

use super::audit;
use crate::domain::time::now_utc;
use crate::error::AppResult;

/// The stored value of `key`, if the coordinator ever set one.
pub fn get(conn: &Connection, key: &str) -> AppResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets `key` to `value` and audits the change from what it was.
pub fn put(conn: &Connection, key: &str, value: &str) -> AppResult<()> {
    let before = get(conn, key)?;
    conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![key, value, now_utc()],
    )?;
    audit::record(
        conn,
        "update",
        "setting",
        key,
        before.as_ref(),
        Some(&value),
    )
}

/// Removes `key` (back to the app's default) and audits it.
pub fn clear(conn: &Connection, key: &str) -> AppResult<()> {
    let before = get(conn, key)?;
    if before.is_some() {
        conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
        audit::record(conn, "delete", "setting", key, before.as_ref(), None::<&()>)?;
    }
    Ok(())
}
