//! SQL for call-ins: the draft's basics, target groups, checklist, the list and the lifecycle.

use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, new_id, parse_enum};
use crate::domain::callins::{
    CallIn, CallInActions, CallInSummary, ChecklistItem, ValidBasics, ValidChecklistItem,
    DEFAULT_CHECKLIST,
};
use crate::domain::lifecycle::CallInStatus;
use crate::domain::people::{date_text, GroupOption};
use crate::domain::time::now_utc;
use crate::error::{AppError, AppResult};

fn not_found() -> AppError {
    AppError::NotFound("That call-in does not exist.".into())
}

fn write_target_groups(conn: &Connection, id: &str, wanted: &[String], now: &str) -> AppResult<()> {
    let current: Vec<String> = conn
        .prepare_cached("SELECT group_id FROM call_in_target_groups WHERE call_in_id = ?1 AND deleted_at IS NULL")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for g in current.iter().filter(|g| !wanted.contains(g)) {
        conn.execute(
            "UPDATE call_in_target_groups SET deleted_at = ?3, updated_at = ?3
             WHERE call_in_id = ?1 AND group_id = ?2 AND deleted_at IS NULL",
            params![id, g, now],
        )?;
    }
    for g in wanted.iter().filter(|g| !current.contains(g)) {
        conn.execute(
            "INSERT INTO call_in_target_groups (id, call_in_id, group_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![new_id(), id, g, now],
        )?;
    }
    Ok(())
}

/// Writes step 1's fields and target groups onto a call-in row (new or existing).
fn write_basics(conn: &Connection, id: &str, b: &ValidBasics, now: &str) -> AppResult<()> {
    conn.execute(
        "UPDATE call_ins SET title = ?2, starts_at_local = ?3, time_zone = ?4, starts_at_utc = ?5,
                expected_minutes = ?6, venue_name = ?7, venue_address = ?8, venue_capacity = ?9,
                venue_accessibility = ?10, target_area = ?11, updated_at = ?12
         WHERE id = ?1",
        params![
            id,
            b.title,
            b.starts_at_local,
            b.time_zone,
            b.starts_at_utc,
            b.expected_minutes,
            b.venue_name,
            b.venue_address,
            b.venue_capacity,
            b.venue_accessibility,
            b.target_area,
            now
        ],
    )?;
    write_target_groups(conn, id, &b.target_group_ids, now)
}

/// Starts a draft from step 1, with the default logistics checklist.
pub fn create_call_in(conn: &Connection, b: &ValidBasics) -> AppResult<CallIn> {
    let id = new_id();
    let now = now_utc();
    conn.execute(
        "INSERT INTO call_ins (id, title, status, wizard_step, created_at, updated_at)
         VALUES (?1, ?2, 'draft', 1, ?3, ?3)",
        params![id, b.title, now],
    )?;
    write_basics(conn, &id, b, &now)?;
    for (i, label) in DEFAULT_CHECKLIST.iter().enumerate() {
        conn.execute(
            "INSERT INTO checklist_items (id, call_in_id, position, label, is_default, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
            params![new_id(), id, i as i64, label, now],
        )?;
    }
    let created = get_call_in(conn, &id)?;
    audit::record(conn, "create", "call_in", &id, None::<&()>, Some(&created))?;
    Ok(created)
}

/// Saves step 1 over the call-in `before` (loaded, and found editable, by the command).
pub fn update_basics(conn: &Connection, before: &CallIn, b: &ValidBasics) -> AppResult<CallIn> {
    let id = before.id.as_str();
    let now = now_utc();
    write_basics(conn, id, b, &now)?;
    let after = get_call_in(conn, id)?;
    audit::record(conn, "update", "call_in", id, Some(before), Some(&after))?;
    Ok(after)
}

/// Remembers the wizard step the coordinator is on; audited like every change (a step
/// already saved changes nothing and writes nothing).
pub fn set_wizard_step(conn: &Connection, id: &str, step: u32) -> AppResult<()> {
    let before: Option<u32> = conn
        .query_row(
            "SELECT wizard_step FROM call_ins WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(before) = before else {
        return Err(not_found());
    };
    if before == step {
        return Ok(());
    }
    conn.execute(
        "UPDATE call_ins SET wizard_step = ?2 WHERE id = ?1",
        params![id, step],
    )?;
    audit::record(
        conn,
        "wizard_step",
        "call_in",
        id,
        Some(&serde_json::json!({ "wizardStep": before })),
        Some(&serde_json::json!({ "wizardStep": step })),
    )
}

pub fn get_call_in(conn: &Connection, id: &str) -> AppResult<CallIn> {
    let mut c = conn
        .prepare_cached(
            "SELECT id, title, starts_at_local, time_zone, starts_at_utc, expected_minutes, venue_name, venue_address,
                    venue_capacity, venue_accessibility, target_area, status, status_reason, wizard_step,
                    created_at, updated_at
             FROM call_ins WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            let local: Option<String> = r.get(2)?;
            let (date, time) = split_local(local.as_deref());
            let status = parse_enum(r.get(11)?, CallInStatus::parse)?;
            Ok(CallIn {
                id: r.get(0)?,
                title: r.get(1)?,
                date,
                start_time: time,
                time_zone: r.get(3)?,
                starts_at_utc: r.get(4)?,
                expected_minutes: r.get(5)?,
                venue_name: r.get(6)?,
                venue_address: r.get(7)?,
                venue_capacity: r.get(8)?,
                venue_accessibility: r.get(9)?,
                target_area: r.get(10)?,
                status,
                allowed: CallInActions::of(status),
                status_reason: r.get(12)?,
                wizard_step: r.get(13)?,
                created_at: r.get(14)?,
                updated_at: r.get(15)?,
                target_groups: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(not_found)?;
    c.target_groups = conn
        .prepare_cached(
            "SELECT g.id, g.name FROM call_in_target_groups t JOIN groups g ON g.id = t.group_id
             WHERE t.call_in_id = ?1 AND t.deleted_at IS NULL ORDER BY g.name COLLATE NOCASE",
        )?
        .query_map([id], |r| {
            Ok(GroupOption {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(c)
}

/// `YYYY-MM-DDTHH:MM` (or a bare date) into its date and time.
fn split_local(local: Option<&str>) -> (Option<String>, Option<String>) {
    match local {
        None => (None, None),
        Some(l) => match l.split_once('T') {
            Some((d, t)) => (Some(d.to_owned()), Some(t.to_owned())),
            None => (Some(l.to_owned()), None),
        },
    }
}

/// Every call-in, the soonest upcoming first, then drafts, then the past.
pub fn list_call_ins(conn: &Connection) -> AppResult<Vec<CallInSummary>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.title, c.starts_at_local, c.time_zone, c.venue_name, c.status,
                (SELECT count(*) FROM invitations i WHERE i.call_in_id = c.id AND i.deleted_at IS NULL
                   AND i.status NOT IN ('ineligible', 'excused')),
                (SELECT count(*) FROM invitations i WHERE i.call_in_id = c.id AND i.deleted_at IS NULL
                   AND i.issued_on IS NOT NULL),
                (SELECT count(*) FROM speaker_assignments a WHERE a.call_in_id = c.id AND a.deleted_at IS NULL
                   AND a.status IN ('confirmed', 'spoke')),
                (SELECT count(*) FROM speaker_assignments a WHERE a.call_in_id = c.id AND a.deleted_at IS NULL
                   AND a.status <> 'declined')
         FROM call_ins c WHERE c.deleted_at IS NULL
         ORDER BY CASE c.status WHEN 'scheduled' THEN 0 WHEN 'notices_out' THEN 0 WHEN 'postponed' THEN 1
                                WHEN 'draft' THEN 2 WHEN 'held' THEN 3 WHEN 'follow_up' THEN 3 ELSE 4 END,
                  CASE WHEN c.status IN ('scheduled', 'notices_out', 'postponed', 'draft')
                       THEN coalesce(c.starts_at_utc, '9999') END ASC,
                  c.starts_at_utc DESC, c.created_at DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let local: Option<String> = r.get(2)?;
            let (date, time) = split_local(local.as_deref());
            Ok(CallInSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                date,
                start_time: time,
                time_zone: r.get(3)?,
                venue_name: r.get(4)?,
                status: parse_enum(r.get(5)?, CallInStatus::parse)?,
                invited: r.get(6)?,
                notices_issued: r.get(7)?,
                speakers_confirmed: r.get(8)?,
                speakers_total: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Saves a call-in's move along its lifecycle (decided by `domain::callins::status_change`),
/// with a new start when postponed to a known date.
pub fn save_status(
    conn: &Connection,
    before: &CallIn,
    to: CallInStatus,
    reason: Option<&str>,
    new_start: Option<&ValidBasics>,
) -> AppResult<CallIn> {
    let id = before.id.as_str();
    let now = now_utc();
    conn.execute(
        "UPDATE call_ins SET status = ?2, status_reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, to.as_str(), reason, now],
    )?;
    if let Some(b) = new_start {
        conn.execute(
            "UPDATE call_ins SET starts_at_local = ?2, time_zone = ?3, starts_at_utc = ?4 WHERE id = ?1",
            params![id, b.starts_at_local, b.time_zone, b.starts_at_utc],
        )?;
    }
    let after = get_call_in(conn, id)?;
    audit::record(conn, "status", "call_in", id, Some(before), Some(&after))?;
    Ok(after)
}

pub fn checklist(conn: &Connection, call_in_id: &str) -> AppResult<Vec<ChecklistItem>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, label, owner, due_on, done, is_default FROM checklist_items
             WHERE call_in_id = ?1 AND deleted_at IS NULL ORDER BY position, created_at",
        )?
        .query_map([call_in_id], |r| {
            Ok(ChecklistItem {
                id: r.get(0)?,
                label: r.get(1)?,
                owner: r.get(2)?,
                due_on: r.get(3)?,
                done: r.get(4)?,
                is_default: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn add_checklist_item(
    conn: &Connection,
    call_in_id: &str,
    item: &ValidChecklistItem,
) -> AppResult<ChecklistItem> {
    let id = new_id();
    let now = now_utc();
    conn.execute(
        "INSERT INTO checklist_items (id, call_in_id, position, label, owner, due_on, done, is_default, created_at, updated_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM checklist_items WHERE call_in_id = ?2),
                 ?3, ?4, ?5, ?6, 0, ?7, ?7)",
        params![id, call_in_id, item.label, item.owner, date_text(item.due_on), item.done, now],
    )?;
    let created = get_checklist_item(conn, &id)?;
    audit::record(
        conn,
        "create",
        "checklist_item",
        &id,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

fn get_checklist_item(conn: &Connection, id: &str) -> AppResult<ChecklistItem> {
    conn.query_row(
        "SELECT id, label, owner, due_on, done, is_default FROM checklist_items WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| {
            Ok(ChecklistItem {
                id: r.get(0)?,
                label: r.get(1)?,
                owner: r.get(2)?,
                due_on: r.get(3)?,
                done: r.get(4)?,
                is_default: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That checklist item does not exist.".into()))
}

/// The call-in a checklist item belongs to.
pub fn checklist_call_in(conn: &Connection, item_id: &str) -> AppResult<String> {
    conn.query_row(
        "SELECT call_in_id FROM checklist_items WHERE id = ?1 AND deleted_at IS NULL",
        [item_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That checklist item does not exist.".into()))
}

pub fn update_checklist_item(
    conn: &Connection,
    id: &str,
    item: &ValidChecklistItem,
) -> AppResult<ChecklistItem> {
    let before = get_checklist_item(conn, id)?;
    conn.execute(
        "UPDATE checklist_items SET label = ?2, owner = ?3, due_on = ?4, done = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, item.label, item.owner, date_text(item.due_on), item.done, now_utc()],
    )?;
    let after = get_checklist_item(conn, id)?;
    audit::record(
        conn,
        "update",
        "checklist_item",
        id,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

pub fn remove_checklist_item(conn: &Connection, id: &str) -> AppResult<()> {
    let before = get_checklist_item(conn, id)?;
    let now = now_utc();
    conn.execute(
        "UPDATE checklist_items SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    audit::record(
        conn,
        "delete",
        "checklist_item",
        id,
        Some(&before),
        None::<&()>,
    )?;
    Ok(())
}
