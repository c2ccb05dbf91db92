//! The audit log: append-only, written in the same transaction as the change it records.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::new_id;
use crate::domain::people::AuditEntry;
use crate::domain::time::now_utc;
use crate::error::AppResult;

/// Who is making the change: the operating-system account running the app.
pub fn actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "coordinator".into())
}

/// Records one change. `before`/`after` are the record as the UI sees it.
pub fn record<B: Serialize, A: Serialize>(
    conn: &Connection,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> AppResult<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    conn.prepare_cached(
        "INSERT INTO audit_entries (id, at, actor, action, entity, entity_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        new_id(),
        now_utc(),
        actor(),
        action,
        entity,
        entity_id,
        before,
        after
    ])?;
    Ok(())
}

fn entry(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
    })
}

/// The entries about one record, oldest first.
pub fn for_entity(conn: &Connection, entity: &str, entity_id: &str) -> AppResult<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_entries
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![entity, entity_id], entry)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A person's history: changes to the person, and to their group memberships wherever made,
/// with the history of everyone merged into them.
pub fn for_person(conn: &Connection, person_id: &str) -> AppResult<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "WITH ids(id) AS (SELECT ?1 UNION SELECT id FROM people WHERE merged_into = ?1)
         SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_entries
         WHERE (entity = 'person' AND entity_id IN ids)
            OR (entity = 'group_membership' AND json_extract(coalesce(after, before), '$.personId') IN ids)
         ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![person_id], entry)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn count(conn: &Connection) -> AppResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_entries", [], |r| r.get(0))?)
}
