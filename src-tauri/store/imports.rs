//! SQL for imports (their records and what they changed), saved column mappings, the pairs
//! said not to be the same person, and merging two people.

use rusqlite::{params, Connection, OptionalExtension};

use super::{json_list, new_id};
use crate::domain::dedupe::Candidate;
use crate::domain::import::ImportSummary;
use crate::domain::people::Person;
use crate::domain::time::stored_date;
use crate::error::{AppError, AppResult};

/// Every live person as the dedupe rule sees them: (id, candidate).
pub fn registry_candidates(conn: &Connection) -> AppResult<Vec<(String, Candidate)>> {
    let mut stmt = conn.prepare(
        "SELECT id, first_name, last_name, aliases, date_of_birth, external_id
         FROM people WHERE deleted_at IS NULL",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let dob: Option<String> = r.get(4)?;
            Ok((
                r.get::<_, String>(0)?,
                Candidate {
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    aliases: json_list(&r.get::<_, String>(3)?)?,
                    date_of_birth: dob.as_deref().and_then(stored_date),
                    external_id: r.get(5)?,
                },
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn external_id(conn: &Connection, person_id: &str) -> AppResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT external_id FROM people WHERE id = ?1")?
        .query_row([person_id], |r| r.get(0))
        .optional()?
        .flatten())
}

pub fn set_external_id(conn: &Connection, person_id: &str, ext: Option<&str>) -> AppResult<()> {
    conn.prepare_cached("UPDATE people SET external_id = ?2 WHERE id = ?1")?
        .execute(params![person_id, ext])?;
    Ok(())
}

/// An import's record as written.
pub struct ImportRecord<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub sheet: Option<&'a str>,
    pub mapping_json: &'a str,
    pub actor: &'a str,
    pub at: &'a str,
    pub rows_read: u32,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
}

pub fn insert_import(conn: &Connection, rec: &ImportRecord) -> AppResult<String> {
    let id = new_id();
    conn.execute(
        "INSERT INTO imports (id, file_name, sha256, sheet, mapping, actor, at, rows_read, created, updated, skipped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            rec.file_name,
            rec.sha256,
            rec.sheet,
            rec.mapping_json,
            rec.actor,
            rec.at,
            rec.rows_read,
            rec.created,
            rec.updated,
            rec.skipped
        ],
    )?;
    Ok(id)
}

pub fn insert_change(
    conn: &Connection,
    import_id: &str,
    person_id: &str,
    before: Option<&Person>,
    updated_at_after: &str,
) -> AppResult<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    conn.prepare_cached(
        "INSERT INTO import_changes (import_id, person_id, kind, before, updated_at_after)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        import_id,
        person_id,
        if before.is_some() {
            "updated"
        } else {
            "created"
        },
        before,
        updated_at_after
    ])?;
    Ok(())
}

/// One change an import made: the person, what they were before (none when created), and
/// their `updated_at` right after the import.
pub struct ImportChange {
    pub person_id: String,
    pub before: Option<Person>,
    pub updated_at_after: String,
    /// Their `updated_at` now (none when no longer live).
    pub updated_at_now: Option<String>,
    /// Rows of other tables that point to them now (invitations, referrals, …).
    pub dependents: i64,
}

/// Whether the import exists and when it was undone.
pub fn import_undone_at(conn: &Connection, import_id: &str) -> AppResult<Option<String>> {
    conn.query_row(
        "SELECT undone_at FROM imports WHERE id = ?1",
        [import_id],
        |r| r.get::<_, Option<String>>(0),
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That import is not recorded.".into()))
}

pub fn import_changes(conn: &Connection, import_id: &str) -> AppResult<Vec<ImportChange>> {
    let mut stmt = conn.prepare(
        "SELECT c.person_id, c.before, c.updated_at_after,
                (SELECT updated_at FROM people p WHERE p.id = c.person_id AND p.deleted_at IS NULL),
                (SELECT count(*) FROM invitations i WHERE i.person_id = c.person_id)
              + (SELECT count(*) FROM referrals f WHERE f.person_id = c.person_id)
              + (SELECT count(*) FROM contact_attempts a WHERE a.person_id = c.person_id)
              + (SELECT count(*) FROM outcome_events o WHERE o.person_id = c.person_id)
         FROM import_changes c WHERE c.import_id = ?1 ORDER BY c.rowid",
    )?;
    let rows = stmt
        .query_map([import_id], |r| {
            let before: Option<String> = r.get(1)?;
            Ok((r.get(0)?, before, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<Vec<(String, Option<String>, String, Option<String>, i64)>, _>>()?;
    rows.into_iter()
        .map(|(person_id, before, after, now, dependents)| {
            Ok(ImportChange {
                person_id,
                before: before.map(|b| serde_json::from_str(&b)).transpose()?,
                updated_at_after: after,
                updated_at_now: now,
                dependents,
            })
        })
        .collect()
}

pub fn mark_undone(conn: &Connection, import_id: &str, at: &str) -> AppResult<()> {
    conn.execute(
        "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
        params![import_id, at],
    )?;
    Ok(())
}

/// Tombstones a person and what hangs from them alone (supervisions, memberships, needs).
pub fn tombstone_person(conn: &Connection, person_id: &str, now: &str) -> AppResult<()> {
    for table in ["supervisions", "group_memberships", "person_needs"] {
        conn.execute(
            &format!(
                "UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE person_id = ?1 AND deleted_at IS NULL"
            ),
            params![person_id, now],
        )?;
    }
    conn.execute(
        "UPDATE people SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![person_id, now],
    )?;
    Ok(())
}

pub fn list_imports(conn: &Connection) -> AppResult<Vec<ImportSummary>> {
    let mut stmt = conn.prepare(
        "SELECT id, file_name, sha256, at, actor, rows_read, created, updated, skipped, undone_at
         FROM imports ORDER BY at DESC, rowid DESC LIMIT 200",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(ImportSummary {
                id: r.get(0)?,
                file_name: r.get(1)?,
                sha256: r.get(2)?,
                at: r.get(3)?,
                actor: r.get(4)?,
                rows_read: r.get(5)?,
                created: r.get(6)?,
                updated: r.get(7)?,
                skipped: r.get(8)?,
                undone_at: r.get(9)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Saves a mapping by name (a name already used is overwritten).
pub fn save_mapping(
    conn: &Connection,
    name: &str,
    headers_key: &str,
    json: &str,
    now: &str,
) -> AppResult<()> {
    let updated = conn.execute(
        "UPDATE import_mappings SET headers_key = ?2, mapping = ?3, updated_at = ?4 WHERE lower(name) = lower(?1)",
        params![name, headers_key, json, now],
    )?;
    if updated == 0 {
        conn.execute(
            "INSERT INTO import_mappings (id, name, headers_key, mapping, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_id(), name, headers_key, json, now],
        )?;
    }
    Ok(())
}

/// The mappings saved for files with these headers, latest first: (name, mapping JSON).
pub fn mappings_for(conn: &Connection, headers_key: &str) -> AppResult<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT name, mapping FROM import_mappings WHERE headers_key = ?1 ORDER BY updated_at DESC",
    )?;
    let rows = stmt
        .query_map([headers_key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Orders a pair as stored.
fn pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

pub fn dismiss_pair(conn: &Connection, a: &str, b: &str, actor: &str, now: &str) -> AppResult<()> {
    let (a, b) = pair(a, b);
    conn.execute(
        "INSERT OR IGNORE INTO not_duplicates (person_a, person_b, actor, at) VALUES (?1, ?2, ?3, ?4)",
        params![a, b, actor, now],
    )?;
    Ok(())
}

/// Every pair said not to be the same person.
pub fn dismissed_pairs(
    conn: &Connection,
) -> AppResult<std::collections::HashSet<(String, String)>> {
    let mut stmt = conn.prepare("SELECT person_a, person_b FROM not_duplicates")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Rows per table that point to a person (tombstoned ones too).
pub fn related_counts(conn: &Connection, person_id: &str) -> AppResult<Vec<(&'static str, i64)>> {
    RELATED
        .iter()
        .map(|t| {
            let n: i64 = conn.query_row(
                &format!("SELECT count(*) FROM {t} WHERE person_id = ?1"),
                [person_id],
                |r| r.get(0),
            )?;
            Ok((*t, n))
        })
        .collect()
}

/// The tables whose rows belong to a person.
pub const RELATED: &[&str] = &[
    "supervisions",
    "person_needs",
    "group_memberships",
    "invitations",
    "referrals",
    "contact_attempts",
    "outcome_events",
];

/// Moves everything of `from` to `into`: rows that would repeat one of `into`'s (the same
/// need, group or call-in) are tombstoned instead, so both stay on record. Then `from`
/// becomes a tombstone pointing to `into`.
pub fn merge_into(conn: &Connection, from: &str, into: &str, now: &str) -> AppResult<()> {
    // Rows of `from` that would break a "one live row" rule once moved.
    let clashes = [
        ("person_needs", "category"),
        ("group_memberships", "group_id"),
        ("invitations", "call_in_id"),
    ];
    for (table, key) in clashes {
        conn.execute(
            &format!(
                "UPDATE {table} SET deleted_at = ?3, updated_at = ?3
                 WHERE person_id = ?1 AND deleted_at IS NULL
                   AND {key} IN (SELECT {key} FROM {table} WHERE person_id = ?2 AND deleted_at IS NULL)"
            ),
            params![from, into, now],
        )?;
    }
    for table in RELATED {
        conn.execute(
            &format!("UPDATE {table} SET person_id = ?2 WHERE person_id = ?1"),
            params![from, into],
        )?;
    }
    // Supervision triggers keep the current supervision of `into`; touch one to rerun them.
    conn.execute(
        "UPDATE supervisions SET updated_at = ?2 WHERE person_id = ?1 AND deleted_at IS NULL",
        params![into, now],
    )?;
    conn.execute(
        "UPDATE people SET deleted_at = ?3, updated_at = ?3, merged_into = ?2 WHERE id = ?1",
        params![from, into, now],
    )?;
    conn.execute(
        "UPDATE people SET merged_into = ?2 WHERE merged_into = ?1",
        params![from, into],
    )?;
    Ok(())
}

/// The people merged into this one (directly or through others).
pub fn merged_ids(conn: &Connection, person_id: &str) -> AppResult<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM people WHERE merged_into = ?1")?;
    let rows = stmt
        .query_map([person_id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(rows)
}
