//! SQL for the directory (speakers, providers and their services) and what a call-in uses
//! of it: the run-of-show's segments and speaker assignments, and the providers at the table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::callins::get_call_in;
use super::{audit, new_id, parse_enum};
use crate::domain::directory::{
    Provider, Segment, SegmentKind, Service, Speaker, SpeakerAssignment, SpeakerRole, TableFacts,
    ValidProvider, ValidSegment, ValidService, ValidSpeaker,
};
use crate::domain::lifecycle::SpeakerAssignmentStatus;
use crate::domain::people::NeedCategory;
use crate::domain::time::now_utc;
use crate::error::{AppError, AppResult};

// ---- speakers -------------------------------------------------------------------------

fn speaker_row(r: &Row) -> rusqlite::Result<Speaker> {
    Ok(Speaker {
        id: r.get(0)?,
        name: r.get(1)?,
        organization: r.get(2)?,
        role: parse_enum(r.get(3)?, SpeakerRole::parse)?,
        phone: r.get(4)?,
        email: r.get(5)?,
        notes: r.get(6)?,
    })
}

pub fn list_speakers(conn: &Connection) -> AppResult<Vec<Speaker>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, name, organization, role, phone, email, notes FROM speakers
             WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )?
        .query_map([], speaker_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get_speaker(conn: &Connection, id: &str) -> AppResult<Speaker> {
    conn.prepare_cached(
        "SELECT id, name, organization, role, phone, email, notes FROM speakers WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], speaker_row)
    .optional()?
    .ok_or_else(|| AppError::NotFound("That speaker is not in the directory.".into()))
}

pub fn save_speaker(conn: &Connection, id: Option<&str>, s: &ValidSpeaker) -> AppResult<Speaker> {
    let now = now_utc();
    let (id, before) = match id {
        Some(id) => (id.to_owned(), Some(get_speaker(conn, id)?)),
        None => (new_id(), None),
    };
    if before.is_some() {
        conn.execute(
            "UPDATE speakers SET name = ?2, organization = ?3, role = ?4, phone = ?5, email = ?6, notes = ?7,
                    updated_at = ?8 WHERE id = ?1",
            params![id, s.name, s.organization, s.role.as_str(), s.phone, s.email, s.notes, now],
        )?;
    } else {
        conn.execute(
            "INSERT INTO speakers (id, name, organization, role, phone, email, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![id, s.name, s.organization, s.role.as_str(), s.phone, s.email, s.notes, now],
        )?;
    }
    let after = get_speaker(conn, &id)?;
    audit::record(
        conn,
        if before.is_some() { "update" } else { "create" },
        "speaker",
        &id,
        before.as_ref(),
        Some(&after),
    )?;
    Ok(after)
}

// ---- run-of-show ------------------------------------------------------------------------

/// A call-in's segments in order, each with its speakers; the domain adds the clock times
/// and what each assignment can move to (`domain::directory::run_of_show`).
pub fn segments(conn: &Connection, call_in_id: &str) -> AppResult<Vec<Segment>> {
    let mut segments: Vec<Segment> = conn
        .prepare_cached(
            "SELECT id, position, kind, title, minutes FROM agenda_segments
             WHERE call_in_id = ?1 AND deleted_at IS NULL ORDER BY position, created_at",
        )?
        .query_map([call_in_id], |r| {
            Ok(Segment {
                id: r.get(0)?,
                position: r.get(1)?,
                kind: parse_enum(r.get(2)?, SegmentKind::parse)?,
                title: r.get(3)?,
                minutes: r.get(4)?,
                starts_at: None,
                speakers: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    for seg in &mut segments {
        seg.speakers = conn
            .prepare_cached(
                "SELECT a.id, s.id, s.name, s.organization, s.role, a.status FROM speaker_assignments a
                 JOIN speakers s ON s.id = a.speaker_id
                 WHERE a.segment_id = ?1 AND a.deleted_at IS NULL ORDER BY a.position, a.created_at",
            )?
            .query_map([&seg.id], |r| {
                Ok(SpeakerAssignment {
                    id: r.get(0)?,
                    speaker_id: r.get(1)?,
                    speaker_name: r.get(2)?,
                    organization: r.get(3)?,
                    role: parse_enum(r.get(4)?, SpeakerRole::parse)?,
                    status: parse_enum(r.get(5)?, SpeakerAssignmentStatus::parse)?,
                    next: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
    }
    Ok(segments)
}

/// The call-in a segment belongs to.
pub fn segment_call_in(conn: &Connection, segment_id: &str) -> AppResult<String> {
    conn.query_row(
        "SELECT call_in_id FROM agenda_segments WHERE id = ?1 AND deleted_at IS NULL",
        [segment_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That segment is not on the run-of-show.".into()))
}

pub fn add_segment(conn: &Connection, call_in_id: &str, s: &ValidSegment) -> AppResult<()> {
    let id = new_id();
    conn.execute(
        "INSERT INTO agenda_segments (id, call_in_id, position, kind, title, minutes, created_at, updated_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM agenda_segments
                          WHERE call_in_id = ?2 AND deleted_at IS NULL), ?3, ?4, ?5, ?6, ?6)",
        params![id, call_in_id, s.kind.as_str(), s.title, s.minutes, now_utc()],
    )?;
    audit::record(
        conn,
        "create",
        "agenda_segment",
        &id,
        None::<&()>,
        Some(&(s.kind.as_str(), &s.title, s.minutes)),
    )?;
    Ok(())
}

/// Saves a segment of `call_in_id`'s run-of-show.
pub fn update_segment(conn: &Connection, segment_id: &str, s: &ValidSegment) -> AppResult<()> {
    conn.execute(
        "UPDATE agenda_segments SET kind = ?2, title = ?3, minutes = ?4, updated_at = ?5 WHERE id = ?1",
        params![segment_id, s.kind.as_str(), s.title, s.minutes, now_utc()],
    )?;
    audit::record(
        conn,
        "update",
        "agenda_segment",
        segment_id,
        None::<&()>,
        Some(&(s.kind.as_str(), &s.title, s.minutes)),
    )?;
    Ok(())
}

fn renumber(conn: &Connection, order: &[String], now: &str) -> AppResult<()> {
    for (i, id) in order.iter().enumerate() {
        conn.execute(
            "UPDATE agenda_segments SET position = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, i as i64, now],
        )?;
    }
    Ok(())
}

/// Removes a segment (and its speakers) from `call_in_id`'s run-of-show; the others close ranks.
pub fn remove_segment(conn: &Connection, call_in_id: &str, segment_id: &str) -> AppResult<()> {
    let now = now_utc();
    conn.execute(
        "UPDATE agenda_segments SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![segment_id, now],
    )?;
    conn.execute(
        "UPDATE speaker_assignments SET deleted_at = ?2, updated_at = ?2 WHERE segment_id = ?1 AND deleted_at IS NULL",
        params![segment_id, now],
    )?;
    renumber(conn, &segment_order(conn, call_in_id)?, &now)?;
    audit::record(
        conn,
        "delete",
        "agenda_segment",
        segment_id,
        None::<&()>,
        None::<&()>,
    )?;
    Ok(())
}

/// The segment ids of `call_in_id`'s run-of-show, in order.
pub fn segment_order(conn: &Connection, call_in_id: &str) -> AppResult<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM agenda_segments WHERE call_in_id = ?1 AND deleted_at IS NULL
             ORDER BY position, created_at",
        )?
        .query_map([call_in_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Saves the run-of-show's new `order` after `segment_id` moved from position `from` to `to`.
pub fn save_segment_order(
    conn: &Connection,
    segment_id: &str,
    order: &[String],
    (from, to): (usize, usize),
) -> AppResult<()> {
    renumber(conn, order, &now_utc())?;
    audit::record(
        conn,
        "move",
        "agenda_segment",
        segment_id,
        Some(&from),
        Some(&to),
    )?;
    Ok(())
}

/// Whether the speaker is already on the segment.
pub fn is_on_segment(conn: &Connection, segment_id: &str, speaker_id: &str) -> AppResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM speaker_assignments WHERE segment_id = ?1 AND speaker_id = ?2 AND deleted_at IS NULL)",
        params![segment_id, speaker_id],
        |r| r.get(0),
    )?)
}

/// Puts a speaker on a segment of `call_in_id` (Invited, last of the segment's speakers).
pub fn assign_speaker(
    conn: &Connection,
    call_in_id: &str,
    segment_id: &str,
    speaker_id: &str,
) -> AppResult<()> {
    let id = new_id();
    conn.execute(
        "INSERT INTO speaker_assignments (id, call_in_id, speaker_id, segment_id, position, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, (SELECT count(*) FROM speaker_assignments WHERE segment_id = ?4 AND deleted_at IS NULL),
                 'invited', ?5, ?5)",
        params![id, call_in_id, speaker_id, segment_id, now_utc()],
    )?;
    audit::record(
        conn,
        "create",
        "speaker_assignment",
        &id,
        None::<&()>,
        Some(&(segment_id, speaker_id)),
    )?;
    Ok(())
}

/// The call-in a speaker assignment belongs to, and its status.
pub fn assignment(conn: &Connection, id: &str) -> AppResult<(String, SpeakerAssignmentStatus)> {
    let (call_in_id, status): (String, String) = conn
        .query_row(
            "SELECT call_in_id, status FROM speaker_assignments WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::NotFound("That speaker is not on the run-of-show.".into()))?;
    Ok((
        call_in_id,
        parse_enum(status, SpeakerAssignmentStatus::parse)?,
    ))
}

/// Saves an assignment's move from `from` to `to` (decided by the lifecycle).
pub fn set_assignment_status(
    conn: &Connection,
    id: &str,
    from: SpeakerAssignmentStatus,
    to: SpeakerAssignmentStatus,
) -> AppResult<()> {
    conn.execute(
        "UPDATE speaker_assignments SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.as_str(), now_utc()],
    )?;
    audit::record(
        conn,
        "status",
        "speaker_assignment",
        id,
        Some(&from),
        Some(&to),
    )?;
    Ok(())
}

/// Takes a speaker (whose assignment was `from`) off `call_in_id`'s run-of-show.
pub fn remove_assignment(
    conn: &Connection,
    id: &str,
    from: SpeakerAssignmentStatus,
) -> AppResult<()> {
    conn.execute(
        "UPDATE speaker_assignments SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now_utc()],
    )?;
    audit::record(
        conn,
        "delete",
        "speaker_assignment",
        id,
        Some(&from),
        None::<&()>,
    )?;
    Ok(())
}

// ---- providers and services ---------------------------------------------------------------

fn categories(text: String) -> rusqlite::Result<Vec<NeedCategory>> {
    super::json_list(&text)?
        .into_iter()
        .map(|c| parse_enum(c, NeedCategory::parse))
        .collect()
}

fn services(conn: &Connection, provider_id: &str) -> AppResult<Vec<Service>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, provider_id, name, description, categories, eligibility, contact_name, phone, email, location
             FROM services WHERE provider_id = ?1 AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )?
        .query_map([provider_id], |r| {
            Ok(Service {
                id: r.get(0)?,
                provider_id: r.get(1)?,
                name: r.get(2)?,
                description: r.get(3)?,
                categories: categories(r.get(4)?)?,
                eligibility: r.get(5)?,
                contact_name: r.get(6)?,
                phone: r.get(7)?,
                email: r.get(8)?,
                location: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get_provider(conn: &Connection, id: &str) -> AppResult<Provider> {
    let mut p = conn
        .prepare_cached(
            "SELECT id, name, description, phone, email, website, address FROM providers WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            Ok(Provider {
                id: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                phone: r.get(3)?,
                email: r.get(4)?,
                website: r.get(5)?,
                address: r.get(6)?,
                services: Vec::new(),
                categories: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(|| AppError::NotFound("That provider is not in the directory.".into()))?;
    p.services = services(conn, id)?;
    p.categories = NeedCategory::ALL
        .iter()
        .copied()
        .filter(|c| p.services.iter().any(|s| s.categories.contains(c)))
        .collect();
    Ok(p)
}

pub fn list_providers(conn: &Connection) -> AppResult<Vec<Provider>> {
    let ids: Vec<String> = conn
        .prepare_cached(
            "SELECT id FROM providers WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| get_provider(conn, id)).collect()
}

pub fn save_provider(
    conn: &Connection,
    id: Option<&str>,
    p: &ValidProvider,
) -> AppResult<Provider> {
    let now = now_utc();
    let (id, before) = match id {
        Some(id) => (id.to_owned(), Some(get_provider(conn, id)?)),
        None => (new_id(), None),
    };
    if before.is_some() {
        conn.execute(
            "UPDATE providers SET name = ?2, description = ?3, phone = ?4, email = ?5, website = ?6, address = ?7,
                    updated_at = ?8 WHERE id = ?1",
            params![id, p.name, p.description, p.phone, p.email, p.website, p.address, now],
        )?;
    } else {
        conn.execute(
            "INSERT INTO providers (id, name, description, phone, email, website, address, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![id, p.name, p.description, p.phone, p.email, p.website, p.address, now],
        )?;
    }
    let after = get_provider(conn, &id)?;
    audit::record(
        conn,
        if before.is_some() { "update" } else { "create" },
        "provider",
        &id,
        before.as_ref(),
        Some(&after),
    )?;
    Ok(after)
}

/// Adds a service to `before` (the provider as loaded) or edits one of its services (the
/// command checked it is one of them: `domain::directory::check_own_service`).
pub fn save_service(
    conn: &Connection,
    before: &Provider,
    service_id: Option<&str>,
    s: &ValidService,
) -> AppResult<Provider> {
    let provider_id = before.id.as_str();
    let now = now_utc();
    let cats = serde_json::to_string(&s.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
    match service_id {
        Some(sid) => {
            conn.execute(
                "UPDATE services SET name = ?2, description = ?3, categories = ?4, eligibility = ?5, contact_name = ?6,
                        phone = ?7, email = ?8, location = ?9, updated_at = ?10 WHERE id = ?1",
                params![sid, s.name, s.description, cats, s.eligibility, s.contact_name, s.phone, s.email, s.location, now],
            )?;
        }
        None => {
            conn.execute(
                "INSERT INTO services (id, provider_id, name, description, categories, eligibility, contact_name, phone,
                                       email, location, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![new_id(), provider_id, s.name, s.description, cats, s.eligibility, s.contact_name, s.phone, s.email, s.location, now],
            )?;
        }
    }
    let after = get_provider(conn, provider_id)?;
    audit::record(
        conn,
        "save_service",
        "provider",
        provider_id,
        Some(before),
        Some(&after),
    )?;
    Ok(after)
}

/// Step 4: the providers at the table, and each need of the invitees who count with how
/// many have it (most common first); the domain weighs them (`domain::directory::table_coverage`).
pub fn table(conn: &Connection, call_in_id: &str) -> AppResult<TableFacts> {
    get_call_in(conn, call_in_id)?;
    let ids: Vec<String> = conn
        .prepare_cached(
            "SELECT a.provider_id FROM provider_assignments a JOIN providers p ON p.id = a.provider_id
             WHERE a.call_in_id = ?1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE",
        )?
        .query_map([call_in_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let providers = ids
        .iter()
        .map(|id| get_provider(conn, id))
        .collect::<AppResult<Vec<_>>>()?;
    let needs = super::invitations::invitee_needs(conn, call_in_id)?
        .into_iter()
        .filter_map(|(cat, n)| NeedCategory::parse(&cat).map(|c| (c, n)))
        .collect();
    Ok(TableFacts { providers, needs })
}

pub fn set_provider_present(
    conn: &Connection,
    call_in_id: &str,
    provider_id: &str,
    present: bool,
) -> AppResult<()> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM provider_assignments WHERE call_in_id = ?1 AND provider_id = ?2 AND deleted_at IS NULL",
            params![call_in_id, provider_id],
            |r| r.get(0),
        )
        .optional()?;
    let now = now_utc();
    match (existing, present) {
        (None, true) => {
            let id = new_id();
            conn.execute(
                "INSERT INTO provider_assignments (id, call_in_id, provider_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, call_in_id, provider_id, now],
            )?;
            audit::record(
                conn,
                "create",
                "provider_assignment",
                &id,
                None::<&()>,
                Some(&(call_in_id, provider_id)),
            )?;
        }
        (Some(id), false) => {
            conn.execute(
                "UPDATE provider_assignments SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            audit::record(
                conn,
                "delete",
                "provider_assignment",
                &id,
                Some(&(call_in_id, provider_id)),
                None::<&()>,
            )?;
        }
        _ => {}
    }
    Ok(())
}
