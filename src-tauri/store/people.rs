//! SQL for people, their supervision records, group memberships and needs.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::{audit, json_list, new_id, parse_enum};
use crate::domain::people::{
    date_text, GroupOption, Membership, NeedCategory, Page, PeopleFilterOptions, PeopleQuery,
    PeopleSort, Person, PersonRow, PersonStatus, Supervision, SupervisionType, ValidPerson,
    ValidSupervision,
};
use crate::domain::text::fts_query;
use crate::domain::time::now_utc;
use crate::error::{AppError, AppResult};

fn not_found() -> AppError {
    AppError::NotFound("That person is not in the registry.".into())
}

/// Creates a person with their supervision records, memberships and needs, and audits it.
pub fn create_person(conn: &Connection, person: &ValidPerson) -> AppResult<Person> {
    let id = new_id();
    let now = now_utc();
    let aliases = serde_json::to_string(&person.aliases)?;
    conn.prepare_cached(
        "INSERT INTO people (id, first_name, last_name, aliases, sort_name, date_of_birth, phone, address,
                             area, preferred_language, notes, status, created_at, updated_at, search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
    )?
    .execute(params![
        id,
        person.first_name,
        person.last_name,
        aliases,
        person.sort_name(),
        date_text(person.date_of_birth),
        person.phone,
        person.address,
        person.area,
        person.preferred_language,
        person.notes,
        person.status.as_str(),
        now,
        person.search_text(),
    ])?;
    write_children(conn, &id, person, &now, None)?;
    let created = get_person(conn, &id)?;
    audit::record(
        conn,
        "create",
        "person",
        &id,
        None::<&Person>,
        Some(&created),
    )?;
    Ok(created)
}

/// Replaces what is recorded about the person `before` (as loaded) with the form, and
/// audits the change. Supervision records, memberships and needs left out of the form are
/// tombstoned.
pub fn update_person(
    conn: &Connection,
    before: &Person,
    person: &ValidPerson,
) -> AppResult<Person> {
    let id = before.id.as_str();
    let now = now_utc();
    conn.prepare_cached(
        "UPDATE people SET first_name = ?2, last_name = ?3, aliases = ?4, sort_name = ?5, date_of_birth = ?6,
                phone = ?7, address = ?8, area = ?9, preferred_language = ?10, notes = ?11, status = ?12,
                updated_at = ?13, search_text = ?14
         WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .execute(params![
        id,
        person.first_name,
        person.last_name,
        serde_json::to_string(&person.aliases)?,
        person.sort_name(),
        date_text(person.date_of_birth),
        person.phone,
        person.address,
        person.area,
        person.preferred_language,
        person.notes,
        person.status.as_str(),
        now,
        person.search_text(),
    ])?;

    // Supervision records: keep and update the ones still listed, tombstone the rest.
    for old in &before.supervisions {
        if !person
            .supervisions
            .iter()
            .any(|s| s.id.as_deref() == Some(old.id.as_str()))
        {
            conn.execute(
                "UPDATE supervisions SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![old.id, now],
            )?;
        }
    }
    write_children(conn, id, person, &now, Some(before))?;

    let after = get_person(conn, id)?;
    audit::record(conn, "update", "person", id, Some(before), Some(&after))?;
    Ok(after)
}

/// Writes supervision records, memberships and needs. With `before` (an edit), rows still
/// listed are kept (a membership's role is updated), new ones are added and the rest are
/// tombstoned, so ids and "since" dates survive an edit.
fn write_children(
    conn: &Connection,
    person_id: &str,
    person: &ValidPerson,
    now: &str,
    before: Option<&Person>,
) -> AppResult<()> {
    for s in &person.supervisions {
        write_supervision(conn, person_id, s, now)?;
    }

    let old_groups: &[Membership] = before.map(|b| b.groups.as_slice()).unwrap_or(&[]);
    for old in old_groups {
        if !person.groups.iter().any(|(g, _)| g == &old.group_id) {
            conn.prepare_cached(
                "UPDATE group_memberships SET deleted_at = ?3, updated_at = ?3
                 WHERE person_id = ?1 AND group_id = ?2 AND deleted_at IS NULL",
            )?
            .execute(params![person_id, old.group_id, now])?;
        }
    }
    for (group_id, role) in &person.groups {
        match old_groups.iter().find(|m| &m.group_id == group_id) {
            Some(old) if &old.role == role => {}
            Some(_) => {
                conn.prepare_cached(
                    "UPDATE group_memberships SET role = ?3, updated_at = ?4
                     WHERE person_id = ?1 AND group_id = ?2 AND deleted_at IS NULL",
                )?
                .execute(params![person_id, group_id, role, now])?;
            }
            None => {
                conn.prepare_cached(
                    "INSERT INTO group_memberships (id, group_id, person_id, role, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                )?
                .execute(params![new_id(), group_id, person_id, role, now])?;
            }
        }
    }

    let old_needs: &[NeedCategory] = before.map(|b| b.needs.as_slice()).unwrap_or(&[]);
    for old in old_needs.iter().filter(|n| !person.needs.contains(n)) {
        conn.prepare_cached(
            "UPDATE person_needs SET deleted_at = ?3, updated_at = ?3
             WHERE person_id = ?1 AND category = ?2 AND deleted_at IS NULL",
        )?
        .execute(params![person_id, old.as_str(), now])?;
    }
    for need in person.needs.iter().filter(|n| !old_needs.contains(n)) {
        conn.prepare_cached(
            "INSERT INTO person_needs (id, person_id, category, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        )?
        .execute(params![new_id(), person_id, need.as_str(), now])?;
    }
    Ok(())
}

fn write_supervision(
    conn: &Connection,
    person_id: &str,
    s: &ValidSupervision,
    now: &str,
) -> AppResult<()> {
    let values = params![
        s.kind.as_str(),
        s.agency,
        s.officer_name,
        s.officer_contact,
        date_text(s.start_date),
        date_text(s.end_date),
        s.call_in_condition,
        now,
    ];
    match &s.id {
        Some(id) => {
            let mut stmt = conn.prepare_cached(
                "UPDATE supervisions SET kind = ?1, agency = ?2, officer_name = ?3, officer_contact = ?4,
                        start_date = ?5, end_date = ?6, call_in_condition = ?7, updated_at = ?8
                 WHERE id = ?9 AND person_id = ?10",
            )?;
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(id);
            all.push(&person_id);
            stmt.execute(all.as_slice())?;
        }
        None => {
            let id = new_id();
            let mut stmt = conn.prepare_cached(
                "INSERT INTO supervisions (kind, agency, officer_name, officer_contact, start_date, end_date,
                                           call_in_condition, created_at, updated_at, id, person_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)",
            )?;
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id);
            all.push(&person_id);
            stmt.execute(all.as_slice())?;
        }
    }
    Ok(())
}

/// Archives the person `before`: they leave the working lists; nothing is deleted.
pub fn archive_person(conn: &Connection, before: &Person) -> AppResult<Person> {
    let id = before.id.as_str();
    conn.execute(
        "UPDATE people SET status_before_archive = status, status = 'archived', updated_at = ?2 WHERE id = ?1",
        params![id, now_utc()],
    )?;
    let after = get_person(conn, id)?;
    audit::record(conn, "archive", "person", id, Some(before), Some(&after))?;
    Ok(after)
}

/// Restores the archived person `before` to the status they had before.
pub fn restore_person(conn: &Connection, before: &Person) -> AppResult<Person> {
    let id = before.id.as_str();
    conn.execute(
        "UPDATE people SET status = coalesce(status_before_archive, 'active'), status_before_archive = NULL,
                updated_at = ?2 WHERE id = ?1",
        params![id, now_utc()],
    )?;
    let after = get_person(conn, id)?;
    audit::record(conn, "restore", "person", id, Some(before), Some(&after))?;
    Ok(after)
}

/// One person with everything recorded about them.
pub fn get_person(conn: &Connection, id: &str) -> AppResult<Person> {
    let mut person = conn
        .prepare_cached(
            "SELECT id, first_name, last_name, aliases, date_of_birth, phone, address, area, preferred_language,
                    notes, status, created_at, updated_at
             FROM people WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            Ok(Person {
                id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                aliases: json_list(&r.get::<_, String>(3)?)?,
                date_of_birth: r.get(4)?,
                phone: r.get(5)?,
                address: r.get(6)?,
                area: r.get(7)?,
                preferred_language: r.get(8)?,
                notes: r.get(9)?,
                status: parse_enum(r.get(10)?, PersonStatus::parse)?,
                created_at: r.get(11)?,
                updated_at: r.get(12)?,
                supervisions: Vec::new(),
                groups: Vec::new(),
                needs: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(not_found)?;

    person.supervisions = conn
        .prepare_cached(
            "SELECT id, kind, agency, officer_name, officer_contact, start_date, end_date, call_in_condition
             FROM supervisions WHERE person_id = ?1 AND deleted_at IS NULL
             ORDER BY coalesce(start_date, '') DESC, created_at DESC, id DESC",
        )?
        .query_map([id], |r| {
            Ok(Supervision {
                id: r.get(0)?,
                kind: parse_enum(r.get(1)?, SupervisionType::parse)?,
                agency: r.get(2)?,
                officer_name: r.get(3)?,
                officer_contact: r.get(4)?,
                start_date: r.get(5)?,
                end_date: r.get(6)?,
                call_in_condition: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    person.groups = conn
        .prepare_cached(
            "SELECT g.id, g.name, m.role FROM group_memberships m JOIN groups g ON g.id = m.group_id
             WHERE m.person_id = ?1 AND m.deleted_at IS NULL AND g.deleted_at IS NULL
             ORDER BY g.name COLLATE NOCASE, g.id",
        )?
        .query_map([id], |r| {
            Ok(Membership {
                group_id: r.get(0)?,
                group_name: r.get(1)?,
                role: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    person.needs = conn
        .prepare_cached(
            "SELECT category FROM person_needs WHERE person_id = ?1 AND deleted_at IS NULL ORDER BY created_at, category",
        )?
        .query_map([id], |r| parse_enum(r.get(0)?, NeedCategory::parse))?
        .collect::<Result<_, _>>()?;
    // Needs are shown in the catalogue's order.
    person
        .needs
        .sort_by_key(|n| NeedCategory::ALL.iter().position(|x| x == n));
    Ok(person)
}

/// Above this many matches the list walks its sort index rather than sorting the matches.
const WALK_SORT_INDEX_ABOVE: u32 = 2000;

/// The index that holds people in `sort` order (see the migrations).
fn sort_index(sort: PeopleSort) -> &'static str {
    match sort {
        PeopleSort::Name => "people_by_name",
        PeopleSort::SupervisionEnd => "people_by_sup_end",
        PeopleSort::Updated => "people_by_updated",
    }
}

fn sort_key(sort: PeopleSort) -> &'static str {
    match sort {
        PeopleSort::Name => "p.sort_name",
        PeopleSort::SupervisionEnd => "coalesce(p.sup_end, '9999-12-31')",
        PeopleSort::Updated => "p.updated_at",
    }
}

/// The cursor of a page: the sort key and id of its last row.
fn encode_cursor(key: &str, id: &str) -> String {
    serde_json::json!([key, id]).to_string()
}

fn decode_cursor(cursor: &str) -> AppResult<(String, String)> {
    serde_json::from_str::<(String, String)>(cursor).map_err(|_| {
        AppError::invalid(
            "after",
            "The list position is not valid; start from the first page.",
        )
    })
}

/// The FROM and WHERE of a people query, with its parameters, shared by the page and the
/// count, and whether it searches the full-text index.
fn people_filter(query: &PeopleQuery, extra: &ExtraFilter) -> (String, Vec<Value>, bool) {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let fts = query.search.as_deref().and_then(fts_query);
    let searching = fts.is_some();
    match fts {
        // Driven by the full-text index: CROSS JOIN keeps it the outer loop.
        Some(fts) => {
            sql.push_str(
                " FROM people_fts f CROSS JOIN people p ON p.seq = f.rowid WHERE people_fts MATCH ? AND p.deleted_at IS NULL",
            );
            args.push(Value::Text(fts));
        }
        None => sql.push_str(" FROM people p WHERE p.deleted_at IS NULL"),
    }
    match query.status {
        Some(status) => {
            sql.push_str(" AND p.status = ?");
            args.push(Value::Text(status.as_str().into()));
        }
        None if extra.active_by_default => sql.push_str(" AND p.status = 'active'"),
        // Spelled as IN so the count can read the narrow status index alone.
        None => sql.push_str(" AND p.status IN ('active', 'in_custody', 'moved', 'deceased')"),
    }
    if let Some(area) = extra.area.as_ref().filter(|a| !a.is_empty()) {
        sql.push_str(" AND p.area = ?");
        args.push(Value::Text(area.clone()));
    }
    if let Some(d) = &extra.ends_after {
        sql.push_str(" AND p.sup_end >= ?");
        args.push(Value::Text(d.clone()));
    }
    if let Some(d) = &extra.ends_before {
        sql.push_str(" AND p.sup_end <= ?");
        args.push(Value::Text(d.clone()));
    }
    if let Some(kind) = query.supervision_type {
        sql.push_str(" AND p.sup_type = ?");
        args.push(Value::Text(kind.as_str().into()));
    }
    if let Some(agency) = query.agency.as_ref().filter(|a| !a.is_empty()) {
        sql.push_str(" AND p.sup_agency = ?");
        args.push(Value::Text(agency.clone()));
    }
    if let Some(officer) = query.officer.as_ref().filter(|o| !o.is_empty()) {
        sql.push_str(" AND p.sup_officer = ?");
        args.push(Value::Text(officer.clone()));
    }
    if let Some(group) = query.group_id.as_ref().filter(|g| !g.is_empty()) {
        // IN lets the planner walk the group's members instead of testing every person.
        sql.push_str(
            " AND p.id IN (SELECT m.person_id FROM group_memberships m WHERE m.group_id = ? AND m.deleted_at IS NULL)",
        );
        args.push(Value::Text(group.clone()));
    }
    (sql, args, searching)
}

/// Filters the invitee picker adds to the people list's.
#[derive(Debug, Clone, Default)]
pub struct ExtraFilter {
    pub area: Option<String>,
    /// Supervision ends on or after (`YYYY-MM-DD`).
    pub ends_after: Option<String>,
    /// Supervision ends on or before.
    pub ends_before: Option<String>,
    /// With no status chosen, only active people (the picker) rather than all but archived.
    pub active_by_default: bool,
}

/// A page of the people list: search, filters, sort, keyset pagination.
pub fn search_people(conn: &Connection, query: &PeopleQuery) -> AppResult<Page<PersonRow>> {
    search_people_with(conn, query, &ExtraFilter::default())
}

/// The ids of everyone a filter matches, in name order, up to `cap` + 1 (to tell "too many").
pub fn matching_ids(
    conn: &Connection,
    query: &PeopleQuery,
    extra: &ExtraFilter,
    cap: u32,
) -> AppResult<Vec<String>> {
    let (filter_sql, args, _) = people_filter(query, extra);
    let sql = format!(
        "SELECT p.id{filter_sql} ORDER BY p.sort_name, p.id LIMIT {}",
        cap + 1
    );
    let ids = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// `search_people` with the picker's extra filters.
pub fn search_people_with(
    conn: &Connection,
    query: &PeopleQuery,
    extra: &ExtraFilter,
) -> AppResult<Page<PersonRow>> {
    let sort = query.sort.unwrap_or(PeopleSort::Name);
    let desc = query.descending.unwrap_or(false);
    let key = sort_key(sort);
    let limit = query.page_size();
    let (filter_sql, mut args, searching) = people_filter(query, extra);

    let (dir, op) = if desc { ("DESC", "<") } else { ("ASC", ">") };
    let cursor = match query.after.as_deref().filter(|a| !a.is_empty()) {
        Some(after) => Some(decode_cursor(after)?),
        None => None,
    };

    // Step 1: the page's rows (seq and sort key) and the total.
    let had_cursor = cursor.is_some();
    let mut total: Option<u32> = None;
    let mut keys: Vec<(i64, String, String)> = Vec::new();
    if searching {
        // The matches are collected once (seq, id, sort key), then counted and sorted:
        // each match is read from the table once, whatever the page.
        let mut sql = format!(
            "WITH hits AS MATERIALIZED (SELECT p.seq AS seq, p.id AS id, {key} AS k{filter_sql})
             SELECT (SELECT count(*) FROM hits), seq, id, k FROM hits"
        );
        if let Some((k, id)) = cursor {
            sql.push_str(&format!(" WHERE (k, id) {op} (?, ?)"));
            args.push(Value::Text(k));
            args.push(Value::Text(id));
        }
        sql.push_str(&format!(" ORDER BY k {dir}, id {dir} LIMIT {}", limit + 1));
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            total = Some(r.get(0)?);
            keys.push((r.get(1)?, r.get(2)?, r.get(3)?));
        }
        if total.is_none() && had_cursor {
            // Past the last page: count without the cursor.
            args.truncate(args.len().saturating_sub(2));
        }
    } else {
        // No search: count first (from a narrow filter index), then choose the plan. When
        // many people match, walk the sort index from the cursor and stop after a page;
        // when few do, fetch them through the filter's index and sort them. Either way a
        // page touches a few thousand rows at most, whatever the filters.
        let count: u32 = conn
            .prepare_cached(&format!("SELECT count(*){filter_sql}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        total = Some(count);
        let from = if count > WALK_SORT_INDEX_ABOVE {
            filter_sql.replacen(
                " FROM people p",
                &format!(" FROM people p INDEXED BY {}", sort_index(sort)),
                1,
            )
        } else {
            filter_sql.clone()
        };
        let mut sql = format!("SELECT p.seq, p.id, {key}{from}");
        let mut page_args = args.clone();
        if let Some((k, id)) = cursor {
            sql.push_str(&format!(" AND ({key}, p.id) {op} (?, ?)"));
            page_args.push(Value::Text(k));
            page_args.push(Value::Text(id));
        }
        sql.push_str(&format!(
            " ORDER BY {key} {dir}, p.id {dir} LIMIT {}",
            limit + 1
        ));
        keys = conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(page_args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
    }
    let total = match total {
        Some(t) => t,
        None => conn
            .prepare_cached(&format!("SELECT count(*){filter_sql}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?,
    };

    let next_cursor = if keys.len() > limit as usize {
        keys.truncate(limit as usize);
        keys.last().map(|(_, id, k)| encode_cursor(k, id))
    } else {
        None
    };

    // Step 2: the rows of the page, in one statement, put back in the page's order.
    let seqs = serde_json::to_string(&keys.iter().map(|(seq, _, _)| *seq).collect::<Vec<_>>())?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.first_name, p.last_name, p.aliases, p.date_of_birth, p.status, p.sup_type, p.sup_agency,
                p.sup_officer, p.sup_end,
                (SELECT json_group_array(name) FROM (SELECT g.name FROM group_memberships m
                     JOIN groups g ON g.id = m.group_id
                     WHERE m.person_id = p.id AND m.deleted_at IS NULL AND g.deleted_at IS NULL
                     ORDER BY g.name COLLATE NOCASE)),
                p.seq
         FROM people p WHERE p.seq IN (SELECT value FROM json_each(?1))",
    )?;
    let mut by_seq: std::collections::HashMap<i64, PersonRow> = stmt
        .query_map([seqs], |r| Ok((r.get(11)?, person_row(r)?)))?
        .collect::<Result<_, _>>()?;
    let rows = keys
        .iter()
        .filter_map(|(seq, _, _)| by_seq.remove(seq))
        .collect();
    Ok(Page {
        rows,
        total,
        next_cursor,
    })
}

fn person_row(r: &Row) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        aliases: json_list(&r.get::<_, String>(3)?)?,
        date_of_birth: r.get(4)?,
        status: parse_enum(r.get(5)?, PersonStatus::parse)?,
        supervision_type: r
            .get::<_, Option<String>>(6)?
            .map(|t| parse_enum(t, SupervisionType::parse))
            .transpose()?,
        agency: r.get(7)?,
        officer_name: r.get(8)?,
        supervision_end: r.get(9)?,
        groups: json_list(&r.get::<_, String>(10)?)?,
    })
}

/// The values the people filters offer: agencies and officers in use, and the groups.
pub fn filter_options(conn: &Connection) -> AppResult<PeopleFilterOptions> {
    let strings = |sql: &str| -> AppResult<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    };
    Ok(PeopleFilterOptions {
        agencies: strings(
            "SELECT DISTINCT sup_agency FROM people WHERE sup_agency IS NOT NULL AND deleted_at IS NULL
             ORDER BY sup_agency COLLATE NOCASE",
        )?,
        officers: strings(
            "SELECT DISTINCT sup_officer FROM people WHERE sup_officer IS NOT NULL AND deleted_at IS NULL
             ORDER BY sup_officer COLLATE NOCASE",
        )?,
        groups: {
            let mut stmt = conn.prepare(
                "SELECT id, name FROM groups WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
            )?;
            let rows = stmt
                .query_map([], |r| Ok(GroupOption { id: r.get(0)?, name: r.get(1)? }))?
                .collect::<Result<_, _>>()?;
            rows
        },
    })
}

/// How many people are in the registry (archived included).
pub fn count(conn: &Connection) -> AppResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM people WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}
