//! SQL for groups, memberships and the feuds and alliances between groups.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{audit, new_id, parse_enum};
use crate::domain::groups::{
    Group, GroupLinkView, GroupMember, GroupSummary, LinkKind, ValidGroup,
};
use crate::domain::time::now_utc;
use crate::error::{AppError, AppResult};

fn not_found() -> AppError {
    AppError::NotFound("That group does not exist.".into())
}

/// The `(id, name)` of every group (for the unique-name rule).
pub fn group_names(conn: &Connection) -> AppResult<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM groups WHERE deleted_at IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Saves a new group (its name found free by the command).
pub fn create_group(conn: &Connection, group: &ValidGroup) -> AppResult<Group> {
    let id = new_id();
    conn.execute(
        "INSERT INTO groups (id, name, area, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, group.name, group.area, group.notes, now_utc()],
    )?;
    let created = get_group(conn, &id)?;
    audit::record(conn, "create", "group", &id, None::<&Group>, Some(&created))?;
    Ok(created)
}

/// Saves the form over the group `before` (as loaded by the command).
pub fn update_group(conn: &Connection, before: &Group, group: &ValidGroup) -> AppResult<Group> {
    let id = before.id.as_str();
    conn.execute(
        "UPDATE groups SET name = ?2, area = ?3, notes = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, group.name, group.area, group.notes, now_utc()],
    )?;
    let after = get_group(conn, id)?;
    audit::record(conn, "update", "group", id, Some(before), Some(&after))?;
    Ok(after)
}

/// Those of `ids` that are groups not deleted.
pub fn existing_groups(conn: &Connection, ids: &[String]) -> AppResult<BTreeSet<String>> {
    let list = serde_json::to_string(ids)?;
    let rows = conn
        .prepare_cached(
            "SELECT id FROM groups WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL",
        )?
        .query_map([list], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Whether a person is in the registry.
pub fn person_exists(conn: &Connection, person_id: &str) -> AppResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND deleted_at IS NULL)",
        [person_id],
        |r| r.get(0),
    )?)
}

/// A membership as the audit log records it: the row, not the whole group.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MembershipRecord<'a> {
    group_id: &'a str,
    group_name: &'a str,
    person_id: &'a str,
    role: Option<&'a str>,
}

/// A link as the audit log records it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LinkRecord<'a> {
    group_a_id: &'a str,
    group_b_id: &'a str,
    kind: &'a str,
}

/// Adds a person to the group (as loaded by the command, which found them a new member).
pub fn add_member(
    conn: &Connection,
    group: &Group,
    person_id: &str,
    role: Option<&str>,
) -> AppResult<Group> {
    let group_id = group.id.as_str();
    let id = new_id();
    conn.execute(
        "INSERT INTO group_memberships (id, group_id, person_id, role, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, group_id, person_id, role, now_utc()],
    )?;
    let record = MembershipRecord {
        group_id,
        group_name: &group.name,
        person_id,
        role,
    };
    audit::record(
        conn,
        "add_member",
        "group_membership",
        &id,
        None::<&()>,
        Some(&record),
    )?;
    get_group(conn, group_id)
}

pub fn remove_member(conn: &Connection, group_id: &str, person_id: &str) -> AppResult<Group> {
    let group = get_group(conn, group_id)?;
    let found: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT id, role FROM group_memberships WHERE group_id = ?1 AND person_id = ?2 AND deleted_at IS NULL",
            params![group_id, person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, role)) = found else {
        return Err(AppError::NotFound(
            "This person is not a member of the group.".into(),
        ));
    };
    let now = now_utc();
    conn.execute(
        "UPDATE group_memberships SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    let record = MembershipRecord {
        group_id,
        group_name: &group.name,
        person_id,
        role: role.as_deref(),
    };
    audit::record(
        conn,
        "remove_member",
        "group_membership",
        &id,
        Some(&record),
        None::<&()>,
    )?;
    get_group(conn, group_id)
}

/// Links two groups as feud or alliance; an existing link between them changes kind.
/// `(a, b)` is the pair as stored (`domain::groups::link_pair`); `group_id` is one of them,
/// the group whose page asked.
pub fn link_groups(
    conn: &Connection,
    group_id: &str,
    (a, b): (String, String),
    kind: LinkKind,
) -> AppResult<Group> {
    let now = now_utc();
    let existing: Option<(String, String)> = conn
        .query_row(
            "SELECT id, kind FROM group_links WHERE group_a_id = ?1 AND group_b_id = ?2 AND deleted_at IS NULL",
            params![a, b],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let after = LinkRecord {
        group_a_id: &a,
        group_b_id: &b,
        kind: kind.as_str(),
    };
    match existing {
        Some((_, old_kind)) if old_kind == kind.as_str() => {}
        Some((link_id, old_kind)) => {
            conn.execute(
                "UPDATE group_links SET kind = ?2, updated_at = ?3 WHERE id = ?1",
                params![link_id, kind.as_str(), now],
            )?;
            let before = LinkRecord {
                group_a_id: &a,
                group_b_id: &b,
                kind: &old_kind,
            };
            audit::record(
                conn,
                "update",
                "group_link",
                &link_id,
                Some(&before),
                Some(&after),
            )?;
        }
        None => {
            let link_id = new_id();
            conn.execute(
                "INSERT INTO group_links (id, group_a_id, group_b_id, kind, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![link_id, a, b, kind.as_str(), now],
            )?;
            audit::record(
                conn,
                "create",
                "group_link",
                &link_id,
                None::<&()>,
                Some(&after),
            )?;
        }
    }
    get_group(conn, group_id)
}

pub fn unlink_groups(conn: &Connection, group_id: &str, link_id: &str) -> AppResult<Group> {
    get_group(conn, group_id)?;
    let found: Option<(String, String, String)> = conn
        .query_row(
            "SELECT group_a_id, group_b_id, kind FROM group_links
             WHERE id = ?1 AND (group_a_id = ?2 OR group_b_id = ?2) AND deleted_at IS NULL",
            params![link_id, group_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((a, b, kind)) = found else {
        return Err(AppError::NotFound("That link does not exist.".into()));
    };
    conn.execute(
        "UPDATE group_links SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![link_id, now_utc()],
    )?;
    let before = LinkRecord {
        group_a_id: &a,
        group_b_id: &b,
        kind: &kind,
    };
    audit::record(
        conn,
        "delete",
        "group_link",
        link_id,
        Some(&before),
        None::<&()>,
    )?;
    get_group(conn, group_id)
}

pub fn get_group(conn: &Connection, id: &str) -> AppResult<Group> {
    let mut group = conn
        .query_row(
            "SELECT id, name, area, notes, created_at, updated_at FROM groups WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    area: r.get(2)?,
                    notes: r.get(3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    members: Vec::new(),
                    links: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(not_found)?;
    group.members = conn
        .prepare_cached(
            "SELECT p.id, p.first_name, p.last_name, m.role, p.status = 'archived'
             FROM group_memberships m JOIN people p ON p.id = m.person_id
             WHERE m.group_id = ?1 AND m.deleted_at IS NULL AND p.deleted_at IS NULL
             ORDER BY p.sort_name, p.id",
        )?
        .query_map([id], |r| {
            Ok(GroupMember {
                person_id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                role: r.get(3)?,
                archived: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    group.links = conn
        .prepare_cached(
            "SELECT l.id, g.id, g.name, l.kind FROM group_links l
             JOIN groups g ON g.id = CASE WHEN l.group_a_id = ?1 THEN l.group_b_id ELSE l.group_a_id END
             WHERE (l.group_a_id = ?1 OR l.group_b_id = ?1) AND l.deleted_at IS NULL AND g.deleted_at IS NULL
             ORDER BY l.kind DESC, g.name COLLATE NOCASE",
        )?
        .query_map([id], |r| {
            Ok(GroupLinkView {
                id: r.get(0)?,
                other_group_id: r.get(1)?,
                other_group_name: r.get(2)?,
                kind: parse_enum(r.get(3)?, LinkKind::parse)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(group)
}

pub fn list_groups(conn: &Connection) -> AppResult<Vec<GroupSummary>> {
    let mut stmt = conn.prepare(
        "SELECT g.id, g.name, g.area,
                (SELECT count(*) FROM group_memberships m JOIN people p ON p.id = m.person_id
                  WHERE m.group_id = g.id AND m.deleted_at IS NULL AND p.status <> 'archived' AND p.deleted_at IS NULL),
                (SELECT count(*) FROM group_links l WHERE (l.group_a_id = g.id OR l.group_b_id = g.id)
                  AND l.kind = 'feud' AND l.deleted_at IS NULL),
                (SELECT count(*) FROM group_links l WHERE (l.group_a_id = g.id OR l.group_b_id = g.id)
                  AND l.kind = 'alliance' AND l.deleted_at IS NULL)
         FROM groups g WHERE g.deleted_at IS NULL ORDER BY g.name COLLATE NOCASE, g.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(GroupSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                area: r.get(2)?,
                member_count: r.get(3)?,
                feud_count: r.get(4)?,
                alliance_count: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
