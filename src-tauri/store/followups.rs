//! SQL for following up referrals: lifecycle moves with their events, contact attempts, history.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, enum_at, new_id, parse_enum};
use crate::domain::followups::{
    end_of_week, is_overdue, Consent, ConsentInput, ContactAttemptInput, ContactEvent,
    ContactMethod, ContactOutcome, DueFilter, NoShowRow, ReferralEvents, ReferralList,
    ReferralQuery, ReferralRow, ReferralSort, StatusEvent, ValidConsent, ValidContact, ValidMove,
    ValidNotification,
};
use crate::domain::lifecycle::{InvitationStatus, Lifecycle, ReferralStatus};
use crate::domain::people::date_text;
use crate::domain::people::NeedCategory;
use crate::domain::time::{format_date, now_utc, stored_date};
use crate::error::{AppError, AppResult};

/// A referral's status and the person it is for.
pub fn status_of(conn: &Connection, id: &str) -> AppResult<(ReferralStatus, String)> {
    let (status, person): (String, String) = conn
        .query_row(
            "SELECT status, person_id FROM referrals WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::NotFound("That referral does not exist.".into()))?;
    Ok((parse_enum(status, ReferralStatus::parse)?, person))
}

/// Saves a referral's move from `from` (checked by `domain::followups::validate_move`)
/// with its ReferralEvent.
pub fn save_move(
    conn: &Connection,
    id: &str,
    from: ReferralStatus,
    v: &ValidMove,
) -> AppResult<()> {
    let now = now_utc();
    conn.execute(
        "UPDATE referrals SET status = ?2, close_reason = coalesce(?3, close_reason), updated_at = ?4 WHERE id = ?1",
        params![id, v.to.as_str(), v.reason, now],
    )?;
    conn.execute(
        "INSERT INTO referral_events (id, referral_id, from_status, to_status, on_date, note, by_whom, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![new_id(), id, from.as_str(), v.to.as_str(), format_date(v.on_date), v.note.as_ref().or(v.reason.as_ref()), audit::actor(), now],
    )?;
    audit::record(conn, "status", "referral", id, Some(&from), Some(&v.to))?;
    Ok(())
}

/// Saves a contact attempt (`input` as typed, for the audit log; `c` as checked) on the
/// referral of `person_id`; a next due date moves the referral's due date.
pub fn save_contact(
    conn: &Connection,
    referral_id: &str,
    person_id: &str,
    input: &ContactAttemptInput,
    c: &ValidContact,
) -> AppResult<()> {
    let id = new_id();
    let now = now_utc();
    conn.execute(
        "INSERT INTO contact_attempts (id, person_id, referral_id, attempted_on, method, by_whom, outcome, note, next_due_on,
                                       created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            id,
            person_id,
            referral_id,
            format_date(c.attempted_on),
            c.method.as_str(),
            c.by_whom,
            c.outcome.as_str(),
            c.note,
            date_text(c.next_due_on),
            now
        ],
    )?;
    if let Some(next) = c.next_due_on {
        conn.execute(
            "UPDATE referrals SET due_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![referral_id, format_date(next), now],
        )?;
    }
    audit::record(
        conn,
        "contact",
        "referral",
        referral_id,
        None::<&()>,
        Some(input),
    )?;
    Ok(())
}

/// A referral's status changes and contact attempts as stored (the domain writes them out).
pub fn events(conn: &Connection, id: &str) -> AppResult<ReferralEvents> {
    let (status, _) = status_of(conn, id)?;
    let due_on: Option<String> =
        conn.query_row("SELECT due_on FROM referrals WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let moves = conn
        .prepare_cached(
            "SELECT on_date, created_at, from_status, to_status, note, by_whom FROM referral_events WHERE referral_id = ?1",
        )?
        .query_map([id], |r| {
            let from: Option<String> = r.get(2)?;
            Ok(StatusEvent {
                on_date: r.get(0)?,
                recorded_at: r.get(1)?,
                from: from.as_deref().and_then(ReferralStatus::parse),
                to: enum_at(r, 3, ReferralStatus::parse)?,
                note: r.get(4)?,
                by_whom: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let contacts = conn
        .prepare_cached(
            "SELECT attempted_on, created_at, method, outcome, note, by_whom FROM contact_attempts
             WHERE referral_id = ?1 AND deleted_at IS NULL",
        )?
        .query_map([id], |r| {
            Ok(ContactEvent {
                attempted_on: r.get(0)?,
                recorded_at: r.get(1)?,
                method: enum_at(r, 2, ContactMethod::parse)?,
                outcome: enum_at(r, 3, ContactOutcome::parse)?,
                note: r.get(4)?,
                by_whom: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(ReferralEvents {
        status,
        due_on,
        moves,
        contacts,
    })
}

const REFERRAL_COLUMNS: &str = "
    r.id, r.person_id, trim(p.first_name || ' ' || p.last_name), p.phone, r.call_in_id, c.title,
    substr(c.starts_at_local, 1, 10), r.need_category, s.name, pr.id, pr.name, r.status, r.due_on, r.part2,
    r.consent, r.consent_on, r.consent_scope,
    (SELECT a.attempted_on || ' ' || a.outcome FROM contact_attempts a
      WHERE a.referral_id = r.id AND a.deleted_at IS NULL
      ORDER BY a.attempted_on DESC, a.created_at DESC LIMIT 1),
    substr(r.created_at, 1, 10)";

const REFERRAL_FROM: &str = "
    FROM referrals r JOIN people p ON p.id = r.person_id
    LEFT JOIN call_ins c ON c.id = r.call_in_id
    LEFT JOIN services s ON s.id = r.service_id
    LEFT JOIN providers pr ON pr.id = s.provider_id";

/// The open statuses as an SQL list: `'identified', 'referred', …`.
fn open_list() -> String {
    ReferralStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The WHERE clause of a follow-up query and its parameters.
fn referral_filter(q: &ReferralQuery, today: NaiveDate) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut sql = String::from(" WHERE r.deleted_at IS NULL");
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    match q.status {
        Some(s) => arg(
            &mut sql,
            " AND r.status = ?",
            Value::Text(s.as_str().into()),
        ),
        None => sql.push_str(&format!(" AND r.status IN ({})", open_list())),
    }
    if let Some(id) = q.call_in_id.as_deref().filter(|s| !s.is_empty()) {
        arg(&mut sql, " AND r.call_in_id = ?", Value::Text(id.into()));
    }
    if let Some(id) = q.provider_id.as_deref().filter(|s| !s.is_empty()) {
        arg(&mut sql, " AND s.provider_id = ?", Value::Text(id.into()));
    }
    if let Some(n) = q.need {
        arg(
            &mut sql,
            " AND r.need_category = ?",
            Value::Text(n.as_str().into()),
        );
    }
    match q.due {
        Some(DueFilter::Overdue) => {
            sql.push_str(&format!(" AND r.status IN ({})", open_list()));
            arg(
                &mut sql,
                " AND r.due_on < ?",
                Value::Text(format_date(today)),
            );
        }
        Some(DueFilter::ThisWeek) => {
            arg(
                &mut sql,
                " AND r.due_on >= ?",
                Value::Text(format_date(today)),
            );
            arg(
                &mut sql,
                " AND r.due_on <= ?",
                Value::Text(format_date(end_of_week(today))),
            );
        }
        None => {}
    }
    (sql, args)
}

fn referral_order(q: &ReferralQuery) -> String {
    let dir = if q.descending { "DESC" } else { "ASC" };
    let status_rank = {
        let cases: Vec<String> = ReferralStatus::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| format!("WHEN '{}' THEN {i}", s.as_str()))
            .collect();
        format!("CASE r.status {} END", cases.join(" "))
    };
    let first = match q.sort.unwrap_or(ReferralSort::Due) {
        ReferralSort::Due => format!("r.due_on IS NULL, r.due_on {dir}"),
        ReferralSort::Person => format!("p.sort_name {dir}"),
        ReferralSort::Provider => format!("pr.name IS NULL, pr.name COLLATE NOCASE {dir}"),
        ReferralSort::Status => format!("{status_rank} {dir}"),
        ReferralSort::CallIn => format!("c.starts_at_local IS NULL, c.starts_at_local {dir}"),
    };
    format!(" ORDER BY {first}, r.due_on, p.sort_name, r.id")
}

fn referral_row(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<ReferralRow> {
    let status = enum_at(r, 11, ReferralStatus::parse)?;
    let due_on: Option<String> = r.get(12)?;
    let due = due_on.as_deref().and_then(stored_date);
    let last = r.get_ref(17)?.as_str_or_null()?;
    let (last_on, last_outcome) = match last.and_then(|l| l.split_once(' ')) {
        Some((on, outcome)) => (Some(on.to_owned()), ContactOutcome::parse(outcome)),
        None => (None, None),
    };
    Ok(ReferralRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        phone: r.get(3)?,
        call_in_id: r.get(4)?,
        call_in_title: r.get(5)?,
        call_in_date: r.get(6)?,
        need: enum_at(r, 7, NeedCategory::parse)?,
        service_name: r.get(8)?,
        provider_id: r.get(9)?,
        provider_name: r.get(10)?,
        status,
        overdue: is_overdue(status, due, today),
        due_on,
        part2: r.get(13)?,
        consent: match r.get_ref(14)?.as_str_or_null()? {
            Some(_) => Some(enum_at(r, 14, Consent::parse)?),
            None => None,
        },
        consent_on: r.get(15)?,
        consent_scope: r.get(16)?,
        last_contact_on: last_on,
        last_contact_outcome: last_outcome,
        referred_on: r.get(18)?,
    })
}

/// Calls `each` with every referral matching `q`, in its order (the first `limit` when
/// given): an export streams them to its writer instead of holding them all.
pub fn each_referral(
    conn: &Connection,
    q: &ReferralQuery,
    today: NaiveDate,
    limit: Option<u32>,
    mut each: impl FnMut(ReferralRow) -> AppResult<()>,
) -> AppResult<()> {
    let (filter, args) = referral_filter(q, today);
    let mut sql = format!(
        "SELECT {REFERRAL_COLUMNS} {REFERRAL_FROM}{filter}{}",
        referral_order(q)
    );
    if let Some(n) = limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        each(referral_row(r, today)?)?;
    }
    Ok(())
}

/// The follow-up list: referrals matching `q` in its order, the first `limit` of them
/// (all when `None`), with how many match and how many of those are overdue.
pub fn list_referrals(
    conn: &Connection,
    q: &ReferralQuery,
    today: NaiveDate,
    limit: Option<u32>,
) -> AppResult<ReferralList> {
    let mut rows = Vec::new();
    each_referral(conn, q, today, limit, |r| {
        rows.push(r);
        Ok(())
    })?;
    let (filter, args) = referral_filter(q, today);
    let (total, overdue) = if limit.is_some_and(|n| rows.len() as u32 >= n) {
        // A page: count all that match (the whole list, for an export, counts itself).
        let mut args = args;
        args.push(rusqlite::types::Value::Text(format_date(today)));
        conn.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(r.status IN ({}) AND r.due_on < ?{}), 0) {REFERRAL_FROM}{filter}",
                open_list(),
                args.len()
            ),
            rusqlite::params_from_iter(args.iter()),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
    } else {
        (
            rows.len() as u32,
            rows.iter().filter(|r| r.overdue).count() as u32,
        )
    };
    Ok(ReferralList {
        rows,
        total,
        overdue,
    })
}

/// Whether a referral carries the 42 CFR Part 2 flag.
pub fn is_part2(conn: &Connection, id: &str) -> AppResult<bool> {
    status_of(conn, id)?;
    Ok(
        conn.query_row("SELECT part2 FROM referrals WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// Saves (or corrects) the consent of a Part 2 referral (`input` as typed, for the audit
/// log; `v` as checked).
pub fn save_consent(
    conn: &Connection,
    id: &str,
    input: &ConsentInput,
    v: &ValidConsent,
) -> AppResult<()> {
    conn.execute(
        "UPDATE referrals SET consent = ?2, consent_on = ?3, consent_scope = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, v.consent.as_str(), format_date(v.on_date), v.scope, now_utc()],
    )?;
    audit::record(conn, "consent", "referral", id, None::<&()>, Some(input))?;
    Ok(())
}

/// One referral as the follow-up list shows it.
pub fn referral(conn: &Connection, id: &str, today: NaiveDate) -> AppResult<ReferralRow> {
    conn.query_row(
        &format!(
            "SELECT {REFERRAL_COLUMNS} {REFERRAL_FROM} WHERE r.id = ?1 AND r.deleted_at IS NULL"
        ),
        [id],
        |r| referral_row(r, today),
    )
    .optional()?
    .ok_or_else(|| AppError::NotFound("That referral does not exist.".into()))
}

/// The no-shows with one of `statuses` (from `domain::followups::no_show_statuses`), of
/// one call-in when `call_in_id` is given; only invitation `only` when given.
pub fn list_no_shows(
    conn: &Connection,
    statuses: &[InvitationStatus],
    call_in_id: Option<&str>,
    only: Option<&str>,
) -> AppResult<Vec<NoShowRow>> {
    let list: Vec<String> = statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let sql = format!(
        "SELECT i.id, i.person_id, trim(p.first_name || ' ' || p.last_name), p.phone, p.address, c.id, c.title,
                substr(c.starts_at_local, 1, 10), p.sup_officer, i.status, i.custom_notification_on,
                i.custom_notification_by, i.custom_notification_outcome
         FROM invitations i JOIN people p ON p.id = i.person_id JOIN call_ins c ON c.id = i.call_in_id
         WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL AND i.status IN ({})
           AND (?1 IS NULL OR i.call_in_id = ?1) AND (?2 IS NULL OR i.id = ?2)
         ORDER BY c.starts_at_local DESC, p.sort_name, i.id",
        list.join(", ")
    );
    let call_in = call_in_id.filter(|s| !s.is_empty());
    let rows = conn
        .prepare(&sql)?
        .query_map(params![call_in, only], |r| {
            let status = parse_enum(r.get(9)?, InvitationStatus::parse)?;
            Ok(NoShowRow {
                invitation_id: r.get(0)?,
                person_id: r.get(1)?,
                person_name: r.get(2)?,
                phone: r.get(3)?,
                address: r.get(4)?,
                call_in_id: r.get(5)?,
                call_in_title: r.get(6)?,
                call_in_date: r.get(7)?,
                officer_name: r.get(8)?,
                status,
                next: status.next().to_vec(),
                notification_on: r.get(10)?,
                notification_by: r.get(11)?,
                notification_outcome: r.get(12)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// An invitation's status and the invitee's name (for a custom notification).
pub fn invitation_for_notice(
    conn: &Connection,
    invitation_id: &str,
) -> AppResult<(InvitationStatus, String)> {
    let (status, name): (String, String) = conn
        .query_row(
            "SELECT i.status, trim(p.first_name || ' ' || p.last_name) FROM invitations i
             JOIN people p ON p.id = i.person_id WHERE i.id = ?1 AND i.deleted_at IS NULL",
            [invitation_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| AppError::NotFound("That invitation does not exist.".into()))?;
    Ok((parse_enum(status, InvitationStatus::parse)?, name))
}

/// Saves a custom notification's move from `from` to `to` (decided by
/// `domain::followups::notification_move`) with its date, who, and outcome.
pub fn save_notification(
    conn: &Connection,
    invitation_id: &str,
    from: InvitationStatus,
    to: InvitationStatus,
    v: &ValidNotification,
) -> AppResult<()> {
    conn.execute(
        "UPDATE invitations SET status = ?2, custom_notification_on = ?3, custom_notification_by = ?4,
                custom_notification_outcome = ?5, updated_at = ?6 WHERE id = ?1",
        params![invitation_id, to.as_str(), format_date(v.on_date), v.by_whom, v.outcome, now_utc()],
    )?;
    audit::record(
        conn,
        "custom_notification",
        "invitation",
        invitation_id,
        Some(&from),
        Some(&to),
    )?;
    Ok(())
}
