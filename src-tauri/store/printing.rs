//! SQL that only printed documents need.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::{parse_enum, settings};
use crate::domain::letters::{LetterLanguage, LetterTemplate};
use crate::domain::people::SupervisionType;
use crate::domain::printing::LetterRecipient;
use crate::error::{AppError, AppResult};

/// The current supervision type of each invitee of a call-in, by person id (people with
/// no supervision on record are left out).
pub fn invitee_supervision_types(
    conn: &Connection,
    call_in_id: &str,
) -> AppResult<HashMap<String, SupervisionType>> {
    let rows = conn
        .prepare_cached(
            "SELECT p.id, p.sup_type FROM invitations i JOIN people p ON p.id = i.person_id
             WHERE i.call_in_id = ?1 AND i.deleted_at IS NULL AND p.sup_type IS NOT NULL",
        )?
        .query_map([call_in_id], |r| {
            Ok((r.get(0)?, parse_enum(r.get(1)?, SupervisionType::parse)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The letter facts of every invitee of a call-in, by person id.
pub fn letter_recipients(
    conn: &Connection,
    call_in_id: &str,
) -> AppResult<HashMap<String, LetterRecipient>> {
    let rows = conn
        .prepare_cached(
            "SELECT p.id, p.preferred_language, p.address FROM invitations i
             JOIN people p ON p.id = i.person_id
             WHERE i.call_in_id = ?1 AND i.deleted_at IS NULL",
        )?
        .query_map([call_in_id], |r| {
            Ok((
                r.get(0)?,
                LetterRecipient {
                    preferred_language: r.get(1)?,
                    address: r.get(2)?,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn template_key(language: LetterLanguage) -> String {
    format!("letter_template_{}", language.as_str())
}

/// A language's letter template: the coordinator's text, or the app's own.
pub fn letter_template(conn: &Connection, language: LetterLanguage) -> AppResult<LetterTemplate> {
    Ok(LetterTemplate::new(
        language,
        settings::get(conn, &template_key(language))?,
    ))
}

pub fn letter_templates(conn: &Connection) -> AppResult<Vec<LetterTemplate>> {
    LetterLanguage::ALL
        .iter()
        .map(|l| letter_template(conn, *l))
        .collect()
}

/// Keeps a language's template text (`None`: back to the app's own text).
pub fn put_letter_template(
    conn: &Connection,
    language: LetterLanguage,
    text: Option<&str>,
) -> AppResult<LetterTemplate> {
    match text {
        Some(text) => settings::put(conn, &template_key(language), text)?,
        None => settings::clear(conn, &template_key(language))?,
    }
    letter_template(conn, language)
}

const WALK_IN_ROWS_KEY: &str = "sign_in_walk_in_rows";

/// The sign-in sheet's walk-in rows as kept (none when never set).
pub fn walk_in_rows(conn: &Connection) -> AppResult<Option<u32>> {
    Ok(settings::get(conn, WALK_IN_ROWS_KEY)?.and_then(|v| v.parse().ok()))
}

pub fn set_walk_in_rows(conn: &Connection, rows: u32) -> AppResult<()> {
    settings::put(conn, WALK_IN_ROWS_KEY, &rows.to_string())
}

/// A provider's name, for a printed filter description.
pub fn provider_name(conn: &Connection, id: &str) -> AppResult<String> {
    conn.prepare_cached("SELECT name FROM providers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| AppError::NotFound("That provider no longer exists.".into()))
}
