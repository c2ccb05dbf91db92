//! SQL for the directory (speakers, providers and their services) and what a call-in uses
//! of it: the run-of-show's segments and speaker assignments, and the providers at the table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::callins::get_call_in;
use super::{audit, directory_details, new_id, parse_enum};
use crate::domain::directory::{
    assemble, CallInVisit, Provider, Segment, SegmentKind, Service, Speaker, SpeakerAssignment,
    SpeakerRole, TableFacts, ValidProvider, ValidSegment, ValidService, ValidSpeaker,
};
use crate::domain::directory_details::{DetailRows, ServiceStatus};
use crate::domain::hsds_import::{
    CategoryMapping, Existing, MappingKind, ProviderWrite, Remembered,
};
use crate::domain::lifecycle::{CallInStatus, ReferralStatus, SpeakerAssignmentStatus};
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

const SERVICE_COLUMNS: &str = "id, provider_id, name, alternate_name, description, status, categories, eligibility,
    application_process, fees_description, interpretation_services, url, email, retired_at, hsds_id";

fn service_row(r: &Row<'_>) -> rusqlite::Result<Service> {
    Ok(Service {
        id: r.get(0)?,
        provider_id: r.get(1)?,
        name: r.get(2)?,
        alternate_name: r.get(3)?,
        description: r.get(4)?,
        status: parse_enum(r.get(5)?, ServiceStatus::parse)?,
        categories: categories(r.get(6)?)?,
        eligibility: r.get(7)?,
        application_process: r.get(8)?,
        fees_description: r.get(9)?,
        interpretation_services: r.get(10)?,
        url: r.get(11)?,
        email: r.get(12)?,
        retired: r.get::<_, Option<String>>(13)?.is_some(),
        hsds_id: r.get(14)?,
        ..Default::default()
    })
}

/// The services of a provider as stored (retired ones too), nothing nested.
pub fn service_rows(conn: &Connection, provider_id: &str) -> AppResult<Vec<Service>> {
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {SERVICE_COLUMNS} FROM services WHERE provider_id = ?1 AND deleted_at IS NULL
             ORDER BY name COLLATE NOCASE, id"
        ))?
        .query_map([provider_id], service_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A provider's own row as stored (retired too), nothing nested.
pub fn provider_row(conn: &Connection, id: &str) -> AppResult<Provider> {
    conn.prepare_cached(
        "SELECT id, name, alternate_name, description, email, website, retired_at, hsds_id
         FROM providers WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], |r| {
        Ok(Provider {
            id: r.get(0)?,
            name: r.get(1)?,
            alternate_name: r.get(2)?,
            description: r.get(3)?,
            email: r.get(4)?,
            website: r.get(5)?,
            retired: r.get::<_, Option<String>>(6)?.is_some(),
            hsds_id: r.get(7)?,
            ..Default::default()
        })
    })
    .optional()?
    .ok_or_else(|| AppError::NotFound("That provider is not in the directory.".into()))
}

/// A provider with its services, locations, phones, contacts, schedules and languages
/// (retired ones too: a call-in's history still shows them).
pub fn get_provider(conn: &Connection, id: &str) -> AppResult<Provider> {
    let p = provider_row(conn, id)?;
    let services = service_rows(conn, id)?;
    let rows = directory_details::load(conn, Some(id))?;
    Ok(assemble(p, services, &rows))
}

/// The ids of the providers, by name; `retired` too or not.
pub fn provider_ids(conn: &Connection, retired: bool) -> AppResult<Vec<String>> {
    let ids = conn
        .prepare_cached(
            "SELECT id FROM providers WHERE deleted_at IS NULL AND (?1 OR retired_at IS NULL)
             ORDER BY name COLLATE NOCASE, id",
        )?
        .query_map([retired], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The providers offered now (not retired), each whole.
pub fn list_providers(conn: &Connection) -> AppResult<Vec<Provider>> {
    provider_ids(conn, false)?
        .iter()
        .map(|id| get_provider(conn, id))
        .collect()
}

/// Every provider, retired too, each whole: the directory's own list and its export.
pub fn all_providers(conn: &Connection) -> AppResult<Vec<Provider>> {
    provider_ids(conn, true)?
        .iter()
        .map(|id| get_provider(conn, id))
        .collect()
}

/// Creates (`before` absent: `id` is new) or updates a provider's own fields, and replaces
/// its detail rows by `details` (as the domain edited them); audited with the provider as it
/// was and is.
pub fn save_provider(
    conn: &Connection,
    id: &str,
    before: Option<&Provider>,
    p: &ValidProvider,
    details: &DetailRows,
) -> AppResult<Provider> {
    let now = now_utc();
    if before.is_some() {
        conn.execute(
            "UPDATE providers SET name = ?2, alternate_name = ?3, description = ?4, email = ?5, website = ?6,
                    updated_at = ?7 WHERE id = ?1",
            params![id, p.name, p.alternate_name, p.description, p.email, p.website, now],
        )?;
    } else {
        conn.execute(
            "INSERT INTO providers (id, name, alternate_name, description, email, website, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![id, p.name, p.alternate_name, p.description, p.email, p.website, now],
        )?;
    }
    directory_details::replace(conn, id, details)?;
    let after = get_provider(conn, id)?;
    audit::record(
        conn,
        if before.is_some() { "update" } else { "create" },
        "provider",
        id,
        before,
        Some(&after),
    )?;
    Ok(after)
}

/// Adds a service to `before` (the provider as loaded; `service_id` is new) or edits one of
/// its services (the command checked it is one of them: `domain::directory::check_own_service`),
/// and replaces the provider's detail rows by `details`.
pub fn save_service(
    conn: &Connection,
    before: &Provider,
    service_id: &str,
    s: &ValidService,
    details: &DetailRows,
) -> AppResult<Provider> {
    let provider_id = before.id.as_str();
    let now = now_utc();
    let cats = serde_json::to_string(&s.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
    let existing = before.services.iter().any(|x| x.id == service_id);
    if existing {
        conn.execute(
            "UPDATE services SET name = ?2, alternate_name = ?3, description = ?4, status = ?5, categories = ?6,
                    eligibility = ?7, application_process = ?8, fees_description = ?9, interpretation_services = ?10,
                    url = ?11, email = ?12, updated_at = ?13 WHERE id = ?1",
            params![
                service_id, s.name, s.alternate_name, s.description, s.status.as_str(), cats, s.eligibility,
                s.application_process, s.fees_description, s.interpretation_services, s.url, s.email, now
            ],
        )?;
    } else {
        conn.execute(
            "INSERT INTO services (id, provider_id, name, alternate_name, description, status, categories, eligibility,
                    application_process, fees_description, interpretation_services, url, email, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            params![
                service_id, provider_id, s.name, s.alternate_name, s.description, s.status.as_str(), cats,
                s.eligibility, s.application_process, s.fees_description, s.interpretation_services, s.url, s.email,
                now
            ],
        )?;
    }
    directory_details::replace(conn, provider_id, details)?;
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

/// Retires a provider (kept for the history, no longer offered) or offers it again; audited.
pub fn set_provider_retired(
    conn: &Connection,
    before: &Provider,
    retired: bool,
) -> AppResult<Provider> {
    let now = now_utc();
    conn.execute(
        "UPDATE providers SET retired_at = CASE WHEN ?2 THEN coalesce(retired_at, ?3) END, updated_at = ?3
         WHERE id = ?1",
        params![before.id, retired, now],
    )?;
    let after = get_provider(conn, &before.id)?;
    audit::record(
        conn,
        if retired { "retire" } else { "unretire" },
        "provider",
        &before.id,
        Some(before),
        Some(&after),
    )?;
    Ok(after)
}

/// Retires one of the provider's services or offers it again; audited.
pub fn set_service_retired(
    conn: &Connection,
    before: &Provider,
    service_id: &str,
    retired: bool,
) -> AppResult<Provider> {
    let now = now_utc();
    conn.execute(
        "UPDATE services SET retired_at = CASE WHEN ?2 THEN coalesce(retired_at, ?3) END, updated_at = ?3
         WHERE id = ?1",
        params![service_id, retired, now],
    )?;
    let after = get_provider(conn, &before.id)?;
    audit::record(
        conn,
        if retired {
            "retire_service"
        } else {
            "unretire_service"
        },
        "provider",
        &before.id,
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

// ---- the Directory and Speakers areas -------------------------------------------------------

fn visits(conn: &Connection, sql: &str, id: &str, speaker: bool) -> AppResult<Vec<CallInVisit>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map([id], |r| {
            Ok(CallInVisit {
                call_in_id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                status: parse_enum(r.get(3)?, CallInStatus::parse)?,
                segment: if speaker { r.get(4)? } else { None },
                assignment: if speaker {
                    Some(parse_enum(r.get(5)?, SpeakerAssignmentStatus::parse)?)
                } else {
                    None
                },
                segment_kind: if speaker {
                    r.get::<_, Option<String>>(6)?
                        .map(|k| parse_enum(k, SegmentKind::parse))
                        .transpose()?
                } else {
                    None
                },
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The call-ins a provider was (or is to be) at, newest first.
pub fn provider_call_ins(conn: &Connection, provider_id: &str) -> AppResult<Vec<CallInVisit>> {
    visits(
        conn,
        "SELECT c.id, c.title, substr(c.starts_at_local, 1, 10), c.status FROM provider_assignments a JOIN call_ins c ON c.id = a.call_in_id
         WHERE a.provider_id = ?1 AND a.deleted_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.starts_at_local DESC, c.title COLLATE NOCASE",
        provider_id,
        false,
    )
}

/// How many referrals to each of a provider's services have each status.
pub fn provider_referral_statuses(
    conn: &Connection,
    provider_id: &str,
) -> AppResult<Vec<(String, ReferralStatus, u32)>> {
    let rows = conn
        .prepare_cached(
            "SELECT r.service_id, r.status, count(*) FROM referrals r JOIN services s ON s.id = r.service_id
             WHERE s.provider_id = ?1 AND r.deleted_at IS NULL GROUP BY r.service_id, r.status",
        )?
        .query_map([provider_id], |r| {
            Ok((
                r.get(0)?,
                parse_enum(r.get(1)?, ReferralStatus::parse)?,
                r.get(2)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The call-ins a speaker was on the run-of-show of, newest first, with the segment.
pub fn speaker_call_ins(conn: &Connection, speaker_id: &str) -> AppResult<Vec<CallInVisit>> {
    visits(
        conn,
        "SELECT c.id, c.title, substr(c.starts_at_local, 1, 10), c.status, g.title, a.status, g.kind
         FROM speaker_assignments a JOIN call_ins c ON c.id = a.call_in_id
         LEFT JOIN agenda_segments g ON g.id = a.segment_id
         WHERE a.speaker_id = ?1 AND a.deleted_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.starts_at_local DESC, c.title COLLATE NOCASE",
        speaker_id,
        true,
    )
}

// ---- HSDS imports ---------------------------------------------------------------------------

/// Writes one provider of an HSDS import: its fields (created or updated, with the HSDS id),
/// its services new or changed, and its detail rows; audited with the provider before and after.
pub fn import_provider(conn: &Connection, w: &ProviderWrite) -> AppResult<Provider> {
    let now = now_utc();
    let p = &w.provider;
    let before = if p.create {
        None
    } else {
        Some(get_provider(conn, &p.id)?)
    };
    if p.create {
        conn.execute(
            "INSERT INTO providers (id, name, alternate_name, description, email, website, hsds_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![p.id, p.name, p.alternate_name, p.description, p.email, p.website, p.hsds_id, now],
        )?;
    } else {
        conn.execute(
            "UPDATE providers SET name = ?2, alternate_name = ?3, description = ?4, email = ?5, website = ?6,
                    hsds_id = ?7, updated_at = ?8 WHERE id = ?1",
            params![p.id, p.name, p.alternate_name, p.description, p.email, p.website, p.hsds_id, now],
        )?;
    }
    for s in &w.services {
        let v = &s.service;
        let cats =
            serde_json::to_string(&v.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
        if s.create {
            conn.execute(
                "INSERT INTO services (id, provider_id, name, alternate_name, description, status, categories, eligibility,
                        application_process, fees_description, interpretation_services, url, email, hsds_id,
                        created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                params![
                    s.id, p.id, v.name, v.alternate_name, v.description, v.status.as_str(), cats, v.eligibility,
                    v.application_process, v.fees_description, v.interpretation_services, v.url, v.email, s.hsds_id,
                    now
                ],
            )?;
        } else {
            conn.execute(
                "UPDATE services SET name = ?2, alternate_name = ?3, description = ?4, status = ?5, categories = ?6,
                        eligibility = ?7, application_process = ?8, fees_description = ?9, interpretation_services = ?10,
                        url = ?11, email = ?12, hsds_id = ?13, updated_at = ?14 WHERE id = ?1",
                params![
                    s.id, v.name, v.alternate_name, v.description, v.status.as_str(), cats, v.eligibility,
                    v.application_process, v.fees_description, v.interpretation_services, v.url, v.email, s.hsds_id,
                    now
                ],
            )?;
        }
    }
    directory_details::replace(conn, &p.id, &w.rows)?;
    let after = get_provider(conn, &p.id)?;
    audit::record(
        conn,
        "hsds_import",
        "provider",
        &p.id,
        before.as_ref(),
        Some(&after),
    )?;
    Ok(after)
}

/// Every provider (retired too) with its detail rows: what an import is compared with and
/// an export is written from.
pub fn existing(conn: &Connection) -> AppResult<Vec<Existing>> {
    let all = directory_details::load(conn, None)?;
    provider_ids(conn, true)?
        .iter()
        .map(|id| {
            let rows = all.of_provider(id);
            let provider = assemble(provider_row(conn, id)?, service_rows(conn, id)?, &rows);
            Ok(Existing { provider, rows })
        })
        .collect()
}

/// The category mappings remembered for an HSDS source.
pub fn category_maps(conn: &Connection, source: &str) -> AppResult<Remembered> {
    let rows = conn
        .prepare_cached(
            "SELECT kind, key, categories FROM directory_category_maps WHERE source = ?1",
        )?
        .query_map([source], |r| {
            Ok((
                parse_enum(r.get(0)?, MappingKind::parse)?,
                r.get::<_, String>(1)?,
                categories(r.get(2)?)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Remembers the mappings for the source (each replaced); audited as one entry.
pub fn save_category_maps(
    conn: &Connection,
    source: &str,
    maps: &[CategoryMapping],
) -> AppResult<()> {
    let now = now_utc();
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_category_maps (source, kind, key, label, categories, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (source, kind, key) DO UPDATE SET label = excluded.label, categories = excluded.categories,
             updated_at = excluded.updated_at",
    )?;
    for m in maps {
        let cats =
            serde_json::to_string(&m.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
        st.execute(params![source, m.kind.as_str(), m.key, m.label, cats, now])?;
    }
    let summary: Vec<(String, Vec<&str>)> = maps
        .iter()
        .map(|m| {
            (
                m.label.clone(),
                m.categories.iter().map(|c| c.as_str()).collect(),
            )
        })
        .collect();
    audit::record(
        conn,
        "save_mappings",
        "hsds_source",
        source,
        None::<&()>,
        Some(&summary),
    )?;
    Ok(())
}
