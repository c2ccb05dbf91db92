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

/// The newest entry's sequence number (0 when the log is empty).
pub fn last_seq(conn: &Connection) -> AppResult<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM audit_entries", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn count(conn: &Connection) -> AppResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_entries", [], |r| r.get(0))?)
}

/// One entry as stored, with the 42 CFR Part 2 state of the referral it is about (the worst,
/// for an offer that made several), for an export to withhold.
pub struct StoredEntry {
    pub seq: i64,
    pub entry: AuditEntry,
    pub part2: Option<(bool, Option<crate::domain::followups::Consent>)>,
}

const ENTRY_COLUMNS: &str =
    "e.seq, e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after,
    CASE WHEN e.entity = 'referral' THEN
           (SELECT r.part2 FROM referrals r WHERE r.id = e.entity_id)
         WHEN e.entity = 'invitation' AND e.action = 'offer' THEN
           (SELECT max(r.part2) FROM referrals r WHERE r.invitation_id = e.entity_id)
    END,
    CASE WHEN e.entity = 'referral' THEN
           (SELECT r.consent FROM referrals r WHERE r.id = e.entity_id)
         WHEN e.entity = 'invitation' AND e.action = 'offer' THEN
           (SELECT r.consent FROM referrals r WHERE r.invitation_id = e.entity_id AND r.part2 = 1
             ORDER BY r.consent IS 'given' LIMIT 1)
    END";

fn stored(r: &rusqlite::Row) -> rusqlite::Result<StoredEntry> {
    let part2: Option<bool> = r.get(9)?;
    let consent: Option<String> = r.get(10)?;
    Ok(StoredEntry {
        seq: r.get(0)?,
        entry: AuditEntry {
            id: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            action: r.get(4)?,
            entity: r.get(5)?,
            entity_id: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
        },
        part2: part2.map(|p| {
            (
                p,
                consent
                    .as_deref()
                    .and_then(crate::domain::followups::Consent::parse),
            )
        }),
    })
}

/// The WHERE clause of a filter and its parameters.
fn conditions(
    f: &crate::domain::audit::AuditFilter,
) -> (String, Vec<Box<dyn rusqlite::ToSql + '_>>) {
    let mut sql = vec!["1 = 1".to_owned()];
    let mut params: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let mut add = |clause: &str, p: Box<dyn rusqlite::ToSql>| {
        params.push(p);
        sql.push(clause.replace('?', &format!("?{}", params.len())));
    };
    if let Some(v) = &f.from_utc {
        add("e.at >= ?", Box::new(v.clone()));
    }
    if let Some(v) = &f.to_utc {
        add("e.at < ?", Box::new(v.clone()));
    }
    if let Some(v) = &f.entity {
        add("e.entity = ?", Box::new(v.clone()));
    }
    if let Some(v) = &f.action {
        add("e.action = ?", Box::new(v.clone()));
    }
    if let Some(v) = &f.text {
        add(
            "instr(lower(coalesce(e.before, '') || ' ' || coalesce(e.after, '') || ' ' || coalesce(e.entity_id, '') || ' ' || e.actor), ?) > 0",
            Box::new(v.clone()),
        );
    }
    (sql.join(" AND "), params)
}

/// A page of the log, newest first, after `f.before_seq`; and how many entries match in all.
pub fn search(
    conn: &Connection,
    f: &crate::domain::audit::AuditFilter,
    limit: usize,
) -> AppResult<(Vec<StoredEntry>, i64)> {
    let (cond, params) = conditions(f);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM audit_entries e WHERE {cond}"),
        rusqlite::params_from_iter(params.iter().map(|p| p.as_ref())),
        |r| r.get(0),
    )?;
    let page_cond = match f.before_seq {
        Some(seq) => format!("{cond} AND e.seq < {seq}"),
        None => cond,
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_entries e WHERE {page_cond} ORDER BY e.seq DESC LIMIT {limit}"
    ))?;
    let rows = stmt
        .query_map(
            rusqlite::params_from_iter(params.iter().map(|p| p.as_ref())),
            stored,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((rows, total))
}

/// Every entry the filter matches, newest first, handed to `each` one at a time.
pub fn each(
    conn: &Connection,
    f: &crate::domain::audit::AuditFilter,
    mut each: impl FnMut(StoredEntry) -> AppResult<()>,
) -> AppResult<()> {
    let (cond, params) = conditions(f);
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_entries e WHERE {cond} ORDER BY e.seq DESC"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(
        params.iter().map(|p| p.as_ref()),
    ))?;
    while let Some(r) = rows.next()? {
        each(stored(r)?)?;
    }
    Ok(())
}

/// The kinds of record and the actions in the log.
pub fn kinds(conn: &Connection) -> AppResult<(Vec<String>, Vec<String>)> {
    let list = |sql: &str| -> AppResult<Vec<String>> {
        Ok(conn
            .prepare(sql)?
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?)
    };
    Ok((
        list("SELECT DISTINCT entity FROM audit_entries ORDER BY entity")?,
        list("SELECT DISTINCT action FROM audit_entries ORDER BY action")?,
    ))
}
