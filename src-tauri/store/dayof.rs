//! SQL for the day of the call-in: check-in, walk-ins, the end of check-in, offers and
//! the referrals they make. Every rule is in `domain::dayof`; each change here writes its
//! audit entry.

use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, new_id, parse_enum};
use crate::domain::dayof::{AtTheDoor, OfferInput, ReferralSummary};
use crate::domain::lifecycle::InvitationStatus;
use crate::domain::people::NeedCategory;
use crate::domain::time::{format_date, now_utc};
use crate::error::{AppError, AppResult};

/// An invitation as the door sees it.
pub fn at_the_door(conn: &Connection, invitation_id: &str) -> AppResult<AtTheDoor> {
    conn.query_row(
        "SELECT i.call_in_id, i.person_id, p.first_name || ' ' || p.last_name, i.status, i.walk_in,
                i.status_before_check_in, i.offer_response IS NOT NULL
         FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.id = ?1 AND i.deleted_at IS NULL",
        [invitation_id],
        |r| {
            Ok(AtTheDoor {
                call_in_id: r.get(0)?,
                person_id: r.get(1)?,
                name: r.get::<_, String>(2)?.trim().to_owned(),
                status: parse_enum(r.get(3)?, InvitationStatus::parse)?,
                walk_in: r.get(4)?,
                before: r
                    .get::<_, Option<String>>(5)?
                    .as_deref()
                    .and_then(InvitationStatus::parse),
                has_offer: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That invitation does not exist.".into()))
}

/// Marks an invitee Attended, keeping the status they had for undo.
pub fn mark_attended(conn: &Connection, invitation: &AtTheDoor, id: &str) -> AppResult<()> {
    conn.execute(
        "UPDATE invitations SET status = 'attended', status_before_check_in = ?2, checked_in_at = ?3, updated_at = ?3
         WHERE id = ?1",
        params![id, invitation.status.as_str(), now_utc()],
    )?;
    audit::record(
        conn,
        "check_in",
        "invitation",
        id,
        Some(&invitation.status),
        Some(&InvitationStatus::Attended),
    )
}

/// Whether the person is on the call-in's invitee list.
pub fn is_invited(conn: &Connection, call_in_id: &str, person_id: &str) -> AppResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM invitations WHERE call_in_id = ?1 AND person_id = ?2 AND deleted_at IS NULL",
            params![call_in_id, person_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Adds a walk-in, Attended from the start.
pub fn insert_walk_in(conn: &Connection, call_in_id: &str, person_id: &str) -> AppResult<String> {
    let id = new_id();
    let now = now_utc();
    conn.execute(
        "INSERT INTO invitations (id, call_in_id, person_id, status, walk_in, checked_in_at, reason_selected, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'attended', 1, ?4, 'Walk-in', ?4, ?4)",
        params![id, call_in_id, person_id, now],
    )?;
    audit::record(
        conn,
        "walk_in",
        "invitation",
        &id,
        None::<&()>,
        Some(&person_id),
    )?;
    Ok(id)
}

/// Takes a walk-in off the list (undo).
pub fn remove_walk_in(conn: &Connection, id: &str) -> AppResult<()> {
    let now = now_utc();
    conn.execute(
        "UPDATE invitations SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    audit::record(
        conn,
        "undo_check_in",
        "invitation",
        id,
        Some(&InvitationStatus::Attended),
        None::<&()>,
    )
}

/// Puts an invitee back to `status` (undo of a check-in).
pub fn restore(conn: &Connection, id: &str, status: InvitationStatus) -> AppResult<()> {
    conn.execute(
        "UPDATE invitations SET status = ?2, status_before_check_in = NULL, checked_in_at = NULL, updated_at = ?3
         WHERE id = ?1",
        params![id, status.as_str(), now_utc()],
    )?;
    audit::record(
        conn,
        "undo_check_in",
        "invitation",
        id,
        Some(&InvitationStatus::Attended),
        Some(&status),
    )
}

/// Marks an invitee who did not come a No-show.
pub fn mark_no_show(conn: &Connection, id: &str, from: InvitationStatus) -> AppResult<()> {
    conn.execute(
        "UPDATE invitations SET status = 'no_show', updated_at = ?2 WHERE id = ?1",
        params![id, now_utc()],
    )?;
    audit::record(
        conn,
        "no_show",
        "invitation",
        id,
        Some(&from),
        Some(&InvitationStatus::NoShow),
    )
}

/// Saves an attendee's response to the offer of help.
pub fn save_offer(conn: &Connection, id: &str, offer: &OfferInput) -> AppResult<()> {
    let needs: Vec<&str> = offer.needs.iter().map(|n| n.as_str()).collect();
    conn.execute(
        "UPDATE invitations SET offer_response = ?2, offer_needs = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, offer.response.as_str(), serde_json::to_string(&needs)?, now_utc()],
    )?;
    audit::record(conn, "offer", "invitation", id, None::<&()>, Some(offer))
}

/// The service's and its provider's names when the provider was at the call-in's table.
pub fn service_at_table(
    conn: &Connection,
    service_id: &str,
    call_in_id: &str,
) -> AppResult<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT s.name, p.name FROM services s JOIN providers p ON p.id = s.provider_id
             JOIN provider_assignments a ON a.provider_id = p.id AND a.call_in_id = ?2 AND a.deleted_at IS NULL
             WHERE s.id = ?1 AND s.deleted_at IS NULL",
            params![service_id, call_in_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A referral made at the call-in, Referred, with its first event.
pub struct NewReferral<'a> {
    pub invitation: &'a AtTheDoor,
    pub invitation_id: &'a str,
    pub service_id: &'a str,
    pub service_name: String,
    pub provider_name: String,
    pub need: NeedCategory,
    pub due_on: chrono::NaiveDate,
    pub part2: bool,
    pub on: chrono::NaiveDate,
}

pub fn insert_referral(conn: &Connection, r: NewReferral) -> AppResult<ReferralSummary> {
    let id = new_id();
    let now = now_utc();
    let due = format_date(r.due_on);
    conn.execute(
        "INSERT INTO referrals (id, person_id, service_id, call_in_id, invitation_id, need_category, status, due_on,
                                part2, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'referred', ?7, ?8, ?9, ?9)",
        params![id, r.invitation.person_id, r.service_id, r.invitation.call_in_id, r.invitation_id, r.need.as_str(), due, r.part2, now],
    )?;
    conn.execute(
        "INSERT INTO referral_events (id, referral_id, from_status, to_status, on_date, note, by_whom, created_at, updated_at)
         VALUES (?1, ?2, NULL, 'referred', ?3, 'Offer of help accepted at the call-in', ?4, ?5, ?5)",
        params![new_id(), id, format_date(r.on), audit::actor(), now],
    )?;
    let summary = ReferralSummary {
        id: id.clone(),
        need: r.need,
        service_name: r.service_name,
        provider_name: r.provider_name,
        due_on: Some(due),
        part2: r.part2,
    };
    audit::record(conn, "create", "referral", &id, None::<&()>, Some(&summary))?;
    Ok(summary)
}

const FIRST_CONTACT_KEY: &str = "first_contact_days";

/// The first-contact setting as stored, if the coordinator has set one.
pub fn first_contact_days(conn: &Connection) -> AppResult<Option<u32>> {
    Ok(super::settings::get(conn, FIRST_CONTACT_KEY)?.and_then(|v| v.parse().ok()))
}

pub fn set_first_contact_days(conn: &Connection, days: u32) -> AppResult<()> {
    super::settings::put(conn, FIRST_CONTACT_KEY, &days.to_string())
}
