//! SQL that only printed documents need.

use std::collections::HashMap;

use rusqlite::Connection;

use super::parse_enum;
use crate::domain::people::SupervisionType;
use crate::error::AppResult;

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
