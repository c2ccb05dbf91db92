//! SQL for following up referrals: lifecycle moves with their events, contact attempts, history.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{audit, new_id, parse_enum};
use crate::domain::followups::{
    check_open, validate_contact, validate_move, ContactAttemptInput, ReferralMove,
};
use crate::domain::lifecycle::ReferralStatus;
use crate::domain::people::date_text;
use crate::domain::time::{format_date, now_utc};
use crate::error::{AppError, AppResult};

/// One line of a referral's history: a status change or a contact attempt, by date.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryItem {
    pub on_date: String,
    /// `status` or `contact`.
    pub kind: String,
    pub summary: String,
    pub note: Option<String>,
    pub by_whom: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralHistory {
    pub status: ReferralStatus,
    pub due_on: Option<String>,
    pub items: Vec<HistoryItem>,
}

fn status_of(conn: &Connection, id: &str) -> AppResult<(ReferralStatus, String)> {
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

/// Moves a referral along its lifecycle; each move is a ReferralEvent with its date and note.
pub fn move_referral(
    conn: &Connection,
    id: &str,
    m: &ReferralMove,
    today: NaiveDate,
) -> AppResult<ReferralHistory> {
    let (from, _) = status_of(conn, id)?;
    let v = validate_move(from, m, today)?;
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
    history(conn, id)
}

/// Logs a contact attempt on an open referral; a next due date moves the referral's due date.
pub fn log_contact(
    conn: &Connection,
    referral_id: &str,
    input: &ContactAttemptInput,
    today: NaiveDate,
) -> AppResult<ReferralHistory> {
    let (status, person_id) = status_of(conn, referral_id)?;
    check_open(status)?;
    let c = validate_contact(input, today)?;
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
    history(conn, referral_id)
}

/// A referral's status changes and contact attempts, oldest first.
pub fn history(conn: &Connection, id: &str) -> AppResult<ReferralHistory> {
    let (status, _) = status_of(conn, id)?;
    let due_on: Option<String> =
        conn.query_row("SELECT due_on FROM referrals WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let mut items: Vec<(String, String, HistoryItem)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, created_at, from_status, to_status, note, by_whom FROM referral_events WHERE referral_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let to: ReferralStatus = parse_enum(r.get(3)?, ReferralStatus::parse)?;
        let from: Option<String> = r.get(2)?;
        let label = crate::domain::lifecycle::Lifecycle::label(to);
        let summary = match from.as_deref().and_then(ReferralStatus::parse) {
            Some(f) => format!(
                "{} → {label}",
                crate::domain::lifecycle::Lifecycle::label(f)
            ),
            None => label.to_string(),
        };
        items.push((
            r.get(0)?,
            r.get(1)?,
            HistoryItem {
                on_date: r.get(0)?,
                kind: "status".into(),
                summary,
                note: r.get(4)?,
                by_whom: r.get(5)?,
            },
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT attempted_on, created_at, method, outcome, note, by_whom FROM contact_attempts
         WHERE referral_id = ?1 AND deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let method: String = r.get(2)?;
        let outcome: String = r.get(3)?;
        items.push((
            r.get(0)?,
            r.get(1)?,
            HistoryItem {
                on_date: r.get(0)?,
                kind: "contact".into(),
                summary: format!(
                    "Contact by {}: {}",
                    method.replace('_', " "),
                    outcome.replace('_', " ")
                ),
                note: r.get(4)?,
                by_whom: r.get(5)?,
            },
        ));
    }
    items.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    Ok(ReferralHistory {
        status,
        due_on,
        items: items.into_iter().map(|(_, _, i)| i).collect(),
    })
}
