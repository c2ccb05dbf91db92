//! SQL for the day of the call-in: check-in, walk-ins, end of check-in, offers and referrals.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::callins::{get_call_in, set_status};
use super::invitations::list_invitations;
use super::{audit, new_id, parse_enum};
use crate::domain::callins::CallIn;
use crate::domain::dayof::{
    becomes_no_show, check_in_from, check_in_open, first_contact_due, validate_offer, OfferInput,
};
use crate::domain::invitations::InviteeList;
use crate::domain::lifecycle::{CallInStatus, InvitationStatus, OfferResponse};
use crate::domain::people::{NeedCategory, ValidPerson};
use crate::domain::time::{format_date, now_utc};
use crate::error::{AppError, AppResult};

/// The door's view: who is expected, who came, who walked in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    /// Invitees with a notice issued (they are expected at the door).
    pub expected: u32,
    pub arrived: u32,
    pub walk_ins: u32,
    pub list: InviteeList,
}

pub fn check_in_state(conn: &Connection, call_in_id: &str) -> AppResult<CheckIn> {
    let list = list_invitations(conn, call_in_id)?;
    let mut expected = 0;
    let mut arrived = 0;
    let mut walk_ins = 0;
    for i in &list.invitations {
        if i.walk_in {
            walk_ins += 1;
        } else if becomes_no_show(i.status) || i.status == InvitationStatus::Attended {
            expected += 1;
        }
        if i.status == InvitationStatus::Attended {
            arrived += 1;
        }
    }
    Ok(CheckIn {
        expected,
        arrived,
        walk_ins,
        list,
    })
}

struct Row {
    call_in_id: String,
    name: String,
    status: InvitationStatus,
    walk_in: bool,
    before: Option<String>,
}

fn invitation(conn: &Connection, id: &str) -> AppResult<Row> {
    conn.query_row(
        "SELECT i.call_in_id, p.first_name || ' ' || p.last_name, i.status, i.walk_in, i.status_before_check_in
         FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.id = ?1 AND i.deleted_at IS NULL",
        [id],
        |r| {
            Ok(Row {
                call_in_id: r.get(0)?,
                name: r.get::<_, String>(1)?.trim().to_owned(),
                status: parse_enum(r.get(2)?, InvitationStatus::parse)?,
                walk_in: r.get(3)?,
                before: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That invitation does not exist.".into()))
}

/// Marks an invitee Attended.
pub fn check_in(conn: &Connection, invitation_id: &str) -> AppResult<CheckIn> {
    let row = invitation(conn, invitation_id)?;
    check_in_open(get_call_in(conn, &row.call_in_id)?.status)?;
    let to = check_in_from(&row.name, row.status)?;
    conn.execute(
        "UPDATE invitations SET status = ?2, status_before_check_in = ?3, checked_in_at = ?4, updated_at = ?4
         WHERE id = ?1",
        params![invitation_id, to.as_str(), row.status.as_str(), now_utc()],
    )?;
    audit::record(
        conn,
        "check_in",
        "invitation",
        invitation_id,
        Some(&row.status),
        Some(&to),
    )?;
    check_in_state(conn, &row.call_in_id)
}

/// Adds someone who came without being on the list, created directly as Attended. A person
/// not in the registry is added with the least data needed (`new_person`).
pub fn walk_in(
    conn: &Connection,
    call_in_id: &str,
    person_id: Option<&str>,
    new_person: Option<&ValidPerson>,
) -> AppResult<CheckIn> {
    check_in_open(get_call_in(conn, call_in_id)?.status)?;
    let person_id = match (person_id.filter(|p| !p.is_empty()), new_person) {
        (Some(id), _) => id.to_owned(),
        (None, Some(p)) => super::people::create_person(conn, p)?.id,
        (None, None) => {
            return Err(AppError::invalid(
                "personId",
                "Find the person in the registry or enter a name.",
            ))
        }
    };
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM invitations WHERE call_in_id = ?1 AND person_id = ?2 AND deleted_at IS NULL",
            params![call_in_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        return Err(AppError::invalid(
            "personId",
            "This person is on the invitee list: check them in by name.",
        ));
    }
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
    check_in_state(conn, call_in_id)
}

/// Undoes a check-in: the invitee goes back to the status they had; a walk-in leaves the list.
pub fn undo_check_in(conn: &Connection, invitation_id: &str) -> AppResult<CheckIn> {
    let row = invitation(conn, invitation_id)?;
    check_in_open(get_call_in(conn, &row.call_in_id)?.status)?;
    if row.status != InvitationStatus::Attended {
        return Err(AppError::Conflict(format!(
            "{} is not checked in.",
            row.name
        )));
    }
    let has_offer: bool = conn.query_row(
        "SELECT offer_response IS NOT NULL FROM invitations WHERE id = ?1",
        [invitation_id],
        |r| r.get(0),
    )?;
    if has_offer {
        return Err(AppError::Conflict(format!(
            "{}'s response to the offer of help is recorded; the check-in stays.",
            row.name
        )));
    }
    let now = now_utc();
    if row.walk_in {
        conn.execute(
            "UPDATE invitations SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![invitation_id, now],
        )?;
    } else {
        let back = row
            .before
            .as_deref()
            .and_then(InvitationStatus::parse)
            .unwrap_or(InvitationStatus::Issued);
        conn.execute(
            "UPDATE invitations SET status = ?2, status_before_check_in = NULL, checked_in_at = NULL, updated_at = ?3
             WHERE id = ?1",
            params![invitation_id, back.as_str(), now],
        )?;
    }
    audit::record(
        conn,
        "undo_check_in",
        "invitation",
        invitation_id,
        Some(&row.status),
        None::<&()>,
    )?;
    check_in_state(conn, &row.call_in_id)
}

/// After the meeting: everyone notified who did not come becomes a No-show, and the call-in
/// is Held (through Notices out if the notices were never marked out). One transaction.
pub fn end_check_in(conn: &Connection, call_in_id: &str) -> AppResult<(u32, CallIn)> {
    let call_in = get_call_in(conn, call_in_id)?;
    check_in_open(call_in.status)?;
    let list = list_invitations(conn, call_in_id)?;
    let now = now_utc();
    let mut no_shows = 0;
    for i in list
        .invitations
        .iter()
        .filter(|i| becomes_no_show(i.status))
    {
        conn.execute(
            "UPDATE invitations SET status = 'no_show', updated_at = ?2 WHERE id = ?1",
            params![i.id, now],
        )?;
        audit::record(
            conn,
            "no_show",
            "invitation",
            &i.id,
            Some(&i.status),
            Some(&InvitationStatus::NoShow),
        )?;
        no_shows += 1;
    }
    if call_in.status == CallInStatus::Scheduled {
        set_status(conn, call_in_id, CallInStatus::NoticesOut, None, None)?;
    }
    let held = set_status(conn, call_in_id, CallInStatus::Held, None, None)?;
    Ok((no_shows, held))
}

/// A referral as the follow-up lists will show it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralSummary {
    pub id: String,
    pub need: NeedCategory,
    pub service_name: String,
    pub provider_name: String,
    pub due_on: Option<String>,
    pub part2: bool,
}

/// Records an attendee's response to the offer of help; each chosen service becomes a
/// referral due for first contact `due_days` after the call-in. All in one transaction:
/// a service not at the table refuses the whole offer.
pub fn record_offer(
    conn: &Connection,
    invitation_id: &str,
    offer: &OfferInput,
    today: NaiveDate,
    due_days: u32,
) -> AppResult<Vec<ReferralSummary>> {
    validate_offer(offer)?;
    let row = invitation(conn, invitation_id)?;
    OfferResponse::check_recordable(row.status)?;
    let call_in = get_call_in(conn, &row.call_in_id)?;
    let person_id: String = conn.query_row(
        "SELECT person_id FROM invitations WHERE id = ?1",
        [invitation_id],
        |r| r.get(0),
    )?;
    let already: bool = conn.query_row(
        "SELECT offer_response IS NOT NULL FROM invitations WHERE id = ?1",
        [invitation_id],
        |r| r.get(0),
    )?;
    if already {
        return Err(AppError::Conflict(format!(
            "{}'s response to the offer is already recorded.",
            row.name
        )));
    }
    let now = now_utc();
    let needs: Vec<&str> = offer.needs.iter().map(|n| n.as_str()).collect();
    conn.execute(
        "UPDATE invitations SET offer_response = ?2, offer_needs = ?3, updated_at = ?4 WHERE id = ?1",
        params![invitation_id, offer.response.as_str(), serde_json::to_string(&needs)?, now],
    )?;
    audit::record(
        conn,
        "offer",
        "invitation",
        invitation_id,
        None::<&()>,
        Some(offer),
    )?;

    let day = call_in.day().unwrap_or(today);
    let due = format_date(first_contact_due(day.max(today), due_days));
    let mut made = Vec::new();
    for (i, choice) in offer.services.iter().enumerate() {
        let found: Option<(String, String)> = conn
            .query_row(
                "SELECT s.name, p.name FROM services s JOIN providers p ON p.id = s.provider_id
                 JOIN provider_assignments a ON a.provider_id = p.id AND a.call_in_id = ?2 AND a.deleted_at IS NULL
                 WHERE s.id = ?1 AND s.deleted_at IS NULL",
                params![choice.service_id, row.call_in_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((service_name, provider_name)) = found else {
            return Err(AppError::invalid(
                format!("services.{i}.serviceId"),
                "That service's provider was not at the table for this call-in.",
            ));
        };
        let part2 = choice.need == NeedCategory::SubstanceUse;
        let id = new_id();
        conn.execute(
            "INSERT INTO referrals (id, person_id, service_id, call_in_id, invitation_id, need_category, status, due_on,
                                    part2, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'referred', ?7, ?8, ?9, ?9)",
            params![id, person_id, choice.service_id, row.call_in_id, invitation_id, choice.need.as_str(), due, part2, now],
        )?;
        conn.execute(
            "INSERT INTO referral_events (id, referral_id, from_status, to_status, on_date, note, by_whom, created_at, updated_at)
             VALUES (?1, ?2, NULL, 'referred', ?3, 'Offer of help accepted at the call-in', ?4, ?5, ?5)",
            params![new_id(), id, format_date(today), audit::actor(), now],
        )?;
        let summary = ReferralSummary {
            id: id.clone(),
            need: choice.need,
            service_name,
            provider_name,
            due_on: Some(due.clone()),
            part2,
        };
        audit::record(conn, "create", "referral", &id, None::<&()>, Some(&summary))?;
        made.push(summary);
    }
    Ok(made)
}

const FIRST_CONTACT_KEY: &str = "first_contact_days";

/// Days from the call-in to a new referral's first-contact due date (Settings; default 3).
pub fn first_contact_days(conn: &Connection) -> AppResult<u32> {
    Ok(super::settings::get(conn, FIRST_CONTACT_KEY)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::domain::dayof::DEFAULT_FIRST_CONTACT_DAYS))
}

pub fn set_first_contact_days(conn: &Connection, days: u32) -> AppResult<u32> {
    if !(1..=30).contains(&days) {
        return Err(AppError::invalid(
            "days",
            "First contact must be due within 1 to 30 days.",
        ));
    }
    super::settings::put(conn, FIRST_CONTACT_KEY, &days.to_string())?;
    Ok(days)
}
