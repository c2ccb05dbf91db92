//! SQL for invitations: the invitee list with its warnings, the picker, and notices.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::people::{search_people_with, ExtraFilter};
use super::{audit, new_id, parse_enum};
use crate::domain::callins::{plan_editable, CallIn};
use crate::domain::invitations::{
    counts, DeliveryMethod, Invitation, InviteeQuery, ListFacts, NoticeAction,
};
use crate::domain::lifecycle::{CallInStatus, IneligibleReason, InvitationStatus, OfferResponse};
use crate::domain::people::{NeedCategory, Page, PeopleQuery, PersonRow, PersonStatus};
use crate::domain::time::{format_date, now_utc};
use crate::domain::warnings::{InviteeFacts, Warning};
use crate::error::{AppError, AppResult};

/// The call-ins whose plan can still change (`domain::callins::plan_editable`), as an SQL list.
fn open_call_ins() -> String {
    super::sql_list(CallInStatus::ALL, plan_editable, CallInStatus::as_str)
}

/// Invitations that count (`domain::invitations::counts`), as an SQL condition on `i`.
fn counted() -> String {
    format!(
        "i.status IN ({})",
        super::sql_list(InvitationStatus::ALL, counts, InvitationStatus::as_str)
    )
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// What the warnings need to know of some people, relative to `call_in_id`, in the order
/// of `ids`. Three queries whatever the number of people.
pub fn invitee_facts(
    conn: &Connection,
    call_in_id: &str,
    ids: &[String],
) -> AppResult<Vec<InviteeFacts>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(ids)?;
    let mut facts: BTreeMap<String, InviteeFacts> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, first_name, last_name, status, sup_end FROM people WHERE id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([&list])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let (first, last): (String, String) = (r.get(1)?, r.get(2)?);
        facts.insert(
            id.clone(),
            InviteeFacts {
                person_id: id,
                name: format!("{first} {last}").trim().to_owned(),
                status: parse_enum(r.get(3)?, PersonStatus::parse)?,
                supervision_end: date(r.get(4)?),
                groups: Vec::new(),
                other_open_call_ins: Vec::new(),
            },
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT m.person_id, g.id, g.name FROM group_memberships m JOIN groups g ON g.id = m.group_id
         WHERE m.person_id IN (SELECT value FROM json_each(?1)) AND m.deleted_at IS NULL AND g.deleted_at IS NULL
         ORDER BY g.name, g.id",
    )?;
    let mut rows = stmt.query([&list])?;
    while let Some(r) = rows.next()? {
        if let Some(f) = facts.get_mut(&r.get::<_, String>(0)?) {
            f.groups.push((r.get(1)?, r.get(2)?));
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.person_id, c.id, c.title FROM invitations i JOIN call_ins c ON c.id = i.call_in_id
         WHERE i.person_id IN (SELECT value FROM json_each(?1)) AND i.call_in_id <> ?2 AND i.deleted_at IS NULL
           AND {} AND c.deleted_at IS NULL AND c.status IN ({})
         ORDER BY c.starts_at_utc, c.id",
        counted(),
        open_call_ins()
    ))?;
    let mut rows = stmt.query(params![list, call_in_id])?;
    while let Some(r) = rows.next()? {
        if let Some(f) = facts.get_mut(&r.get::<_, String>(0)?) {
            f.other_open_call_ins.push((r.get(1)?, r.get(2)?));
        }
    }
    Ok(ids.iter().filter_map(|id| facts.remove(id)).collect())
}

fn feuds(conn: &Connection) -> AppResult<Vec<(String, String)>> {
    let rows = conn
        .prepare_cached("SELECT group_a_id, group_b_id FROM group_links WHERE kind = 'feud' AND deleted_at IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn acknowledged(conn: &Connection, call_in_id: &str) -> AppResult<BTreeSet<String>> {
    let rows = conn
        .prepare_cached("SELECT warning_key FROM call_in_warning_acks WHERE call_in_id = ?1 AND deleted_at IS NULL")?
        .query_map([call_in_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// What the invitee list of `call_in` (as loaded) is made of; the domain assembles it
/// (`domain::invitations::invitee_list`).
pub fn list_facts(conn: &Connection, call_in: CallIn) -> AppResult<ListFacts> {
    let call_in_id = call_in.id.clone();
    let call_in_id = call_in_id.as_str();
    let invitations: Vec<Invitation> = conn
        .prepare_cached(
            "SELECT i.id, i.person_id, p.first_name, p.last_name, i.status, i.reason_selected, i.delivery_method,
                    i.delivered_by, i.issued_on, i.acknowledged_on, i.ineligible_reason, i.walk_in, p.sup_officer,
                    p.aliases, i.checked_in_at, i.offer_response, i.offer_needs,
                    (SELECT count(*) FROM referrals r WHERE r.invitation_id = i.id AND r.deleted_at IS NULL)
             FROM invitations i JOIN people p ON p.id = i.person_id
             WHERE i.call_in_id = ?1 AND i.deleted_at IS NULL
             ORDER BY p.sort_name, p.id",
        )?
        .query_map([call_in_id], |r| {
            let status = parse_enum(r.get(4)?, InvitationStatus::parse)?;
            Ok(Invitation {
                id: r.get(0)?,
                person_id: r.get(1)?,
                first_name: r.get(2)?,
                last_name: r.get(3)?,
                status,
                removable: false,
                reason_selected: r.get(5)?,
                delivery_method: r.get::<_, Option<String>>(6)?.map(|m| parse_enum(m, DeliveryMethod::parse)).transpose()?,
                delivered_by: r.get(7)?,
                issued_on: r.get(8)?,
                acknowledged_on: r.get(9)?,
                ineligible_reason: r
                    .get::<_, Option<String>>(10)?
                    .map(|m| parse_enum(m, IneligibleReason::parse))
                    .transpose()?,
                walk_in: r.get(11)?,
                officer_name: r.get(12)?,
                warnings: Vec::new(),
                aliases: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
                checked_in_at: r.get(14)?,
                offer_response: r
                    .get::<_, Option<String>>(15)?
                    .map(|m| parse_enum(m, OfferResponse::parse))
                    .transpose()?,
                offer_needs: serde_json::from_str::<Vec<String>>(&r.get::<_, String>(16)?)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|n| NeedCategory::parse(n))
                    .collect(),
                referrals: r.get(17)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let ids: Vec<String> = invitations.iter().map(|i| i.person_id.clone()).collect();
    Ok(ListFacts {
        call_in,
        people: invitee_facts(conn, call_in_id, &ids)?,
        invitations,
        feuds: feuds(conn)?,
        acknowledged: acknowledged(conn, call_in_id)?,
    })
}

/// Records that the coordinator saw these warnings (`domain::invitations::plan_acknowledgements`).
pub fn save_acknowledgements(
    conn: &Connection,
    call_in_id: &str,
    warnings: &[&Warning],
) -> AppResult<()> {
    let now = now_utc();
    let actor = audit::actor();
    for w in warnings {
        conn.execute(
            "INSERT INTO call_in_warning_acks (id, call_in_id, warning_key, acknowledged_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_id(), call_in_id, w.key, actor, now],
        )?;
        audit::record(
            conn,
            "acknowledge_warning",
            "call_in",
            call_in_id,
            None::<&()>,
            Some(w),
        )?;
    }
    Ok(())
}

/// Adds one person to `call_in_id`'s list, as Proposed.
pub fn insert_invitation(
    conn: &Connection,
    call_in_id: &str,
    person_id: &str,
    reason: Option<&str>,
    now: &str,
) -> AppResult<String> {
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO invitations (id, call_in_id, person_id, reason_selected, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'proposed', ?5, ?5)",
    )?
    .execute(params![id, call_in_id, person_id, reason, now])?;
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Added<'a> {
        call_in_id: &'a str,
        person_id: &'a str,
        reason_selected: Option<&'a str>,
    }
    audit::record(
        conn,
        "create",
        "invitation",
        &id,
        None::<&()>,
        Some(&Added {
            call_in_id,
            person_id,
            reason_selected: reason,
        }),
    )?;
    Ok(id)
}

/// Whether the person is on the call-in's list.
pub fn already_invited(conn: &Connection, call_in_id: &str, person_id: &str) -> AppResult<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM invitations WHERE call_in_id = ?1 AND person_id = ?2 AND deleted_at IS NULL)")?
        .query_row(params![call_in_id, person_id], |r| r.get(0))?)
}

/// A person's status in the registry; `None` when they are not in it.
pub fn person_status(conn: &Connection, person_id: &str) -> AppResult<Option<PersonStatus>> {
    Ok(conn
        .query_row(
            "SELECT status FROM people WHERE id = ?1 AND deleted_at IS NULL",
            [person_id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(|s| parse_enum(s, PersonStatus::parse))
        .transpose()?)
}

fn people_query(q: &InviteeQuery) -> AppResult<(PeopleQuery, ExtraFilter)> {
    let (after, before) = q.dates()?;
    Ok((
        PeopleQuery {
            search: q.search.clone(),
            supervision_type: q.supervision_type,
            agency: q.agency.clone(),
            officer: q.officer.clone(),
            group_id: q.group_id.clone(),
            status: q.status,
            sort: None,
            descending: None,
            after: q.after.clone(),
            limit: q.limit,
        },
        ExtraFilter {
            area: q.area.clone(),
            ends_after: after.map(format_date),
            ends_before: before.map(format_date),
            active_by_default: true,
        },
    ))
}

/// The people the picker's filter matches (all pages), at most `limit` + 1 of them.
pub fn matching(conn: &Connection, query: &InviteeQuery, limit: u32) -> AppResult<Vec<String>> {
    let (mut pq, extra) = people_query(query)?;
    pq.after = None;
    super::people::matching_ids(conn, &pq, &extra, limit)
}

/// Adds those of `ids` not invited yet, as Proposed; returns how many were added.
pub fn insert_new_invitations(
    conn: &Connection,
    call_in_id: &str,
    ids: &[String],
    reason: Option<&str>,
) -> AppResult<u32> {
    let now = now_utc();
    let mut added = 0;
    for id in ids {
        if !already_invited(conn, call_in_id, id)? {
            insert_invitation(conn, call_in_id, id, reason, &now)?;
            added += 1;
        }
    }
    Ok(added)
}

/// A page of the registry for the picker, with what the warnings need to know of each
/// person on it.
pub fn candidate_rows(
    conn: &Connection,
    call_in_id: &str,
    query: &InviteeQuery,
) -> AppResult<(Page<PersonRow>, Vec<InviteeFacts>)> {
    let (pq, extra) = people_query(query)?;
    let page = search_people_with(conn, &pq, &extra)?;
    let ids: Vec<String> = page.rows.iter().map(|p| p.id.clone()).collect();
    let facts = invitee_facts(conn, call_in_id, &ids)?;
    Ok((page, facts))
}

/// The call-in an invitation belongs to, and its status.
pub fn invitation_call_in(
    conn: &Connection,
    invitation_id: &str,
) -> AppResult<(String, InvitationStatus)> {
    let (call_in_id, status): (String, String) = conn
        .query_row(
            "SELECT call_in_id, status FROM invitations WHERE id = ?1 AND deleted_at IS NULL",
            [invitation_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::NotFound("That invitation does not exist.".into()))?;
    Ok((call_in_id, parse_enum(status, InvitationStatus::parse)?))
}

/// Takes someone (whose invitation was `status`) off `call_in_id`'s list.
pub fn remove_invitee(
    conn: &Connection,
    invitation_id: &str,
    status: InvitationStatus,
) -> AppResult<()> {
    conn.execute(
        "UPDATE invitations SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![invitation_id, now_utc()],
    )?;
    audit::record(
        conn,
        "delete",
        "invitation",
        invitation_id,
        Some(&status),
        None::<&()>,
    )?;
    Ok(())
}

/// Saves the notice moves the domain decided (`domain::invitations::plan_notices`), with
/// the facts the action records and an audit row each.
pub fn save_notices(
    conn: &Connection,
    moves: &[(&Invitation, InvitationStatus)],
    action: &NoticeAction,
) -> AppResult<()> {
    let now = now_utc();
    for &(inv, to) in moves {
        match action {
            NoticeAction::Issue { method, delivered_by, issued_on } => conn.execute(
                "UPDATE invitations SET status = ?2, delivery_method = ?3, delivered_by = ?4, issued_on = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![inv.id, to.as_str(), method.as_str(), delivered_by.trim(), issued_on.trim(), now],
            )?,
            NoticeAction::Acknowledge { acknowledged_on } => conn.execute(
                "UPDATE invitations SET status = ?2, acknowledged_on = ?3, updated_at = ?4 WHERE id = ?1",
                params![inv.id, to.as_str(), acknowledged_on.trim(), now],
            )?,
            NoticeAction::Ineligible { reason } => conn.execute(
                "UPDATE invitations SET status = ?2, ineligible_reason = ?3, updated_at = ?4 WHERE id = ?1",
                params![inv.id, to.as_str(), reason.as_str(), now],
            )?,
            NoticeAction::Vet | NoticeAction::Excuse => conn.execute(
                "UPDATE invitations SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![inv.id, to.as_str(), now],
            )?,
        };
        audit::record(
            conn,
            "notice",
            "invitation",
            &inv.id,
            Some(&inv.status),
            Some(action),
        )?;
    }
    Ok(())
}

/// The needs of the invitees who count, with how many have each.
pub fn invitee_needs(conn: &Connection, call_in_id: &str) -> AppResult<Vec<(String, u32)>> {
    let rows = conn
        .prepare_cached(&format!(
            "SELECT n.category, count(*) FROM invitations i JOIN person_needs n ON n.person_id = i.person_id
             WHERE i.call_in_id = ?1 AND i.deleted_at IS NULL AND {} AND n.deleted_at IS NULL
             GROUP BY n.category ORDER BY count(*) DESC, n.category",
            counted()
        ))?
        .query_map([call_in_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
