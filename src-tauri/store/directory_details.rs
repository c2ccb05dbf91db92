//! The directory's HSDS-shaped detail rows: locations, addresses, services at locations,
//! phones, contacts, schedules, languages. A provider's rows are read together and written
//! together (every row of the provider replaced by the set the domain decided on).

use rusqlite::{params, Connection, Row};

use crate::domain::directory_details::{DetailRows, Stored};
use crate::domain::hsds;
use crate::error::AppResult;

fn rows<T>(
    conn: &Connection,
    sql: &str,
    provider_id: Option<&str>,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> AppResult<Vec<Stored<T>>> {
    let sql =
        format!("{sql} WHERE (?1 IS NULL OR provider_id = ?1) ORDER BY provider_id, position, id");
    let out = conn
        .prepare_cached(&sql)?
        .query_map([provider_id], |r| {
            Ok(Stored {
                provider_id: r.get("provider_id")?,
                hsds_id: r.get("hsds_id")?,
                row: map(r)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(out)
}

fn organization(r: &Row<'_>) -> rusqlite::Result<Option<String>> {
    let of: bool = r.get("of_organization")?;
    Ok(if of {
        Some(r.get("provider_id")?)
    } else {
        None
    })
}

/// The detail rows of one provider, or of every provider (`None`).
pub fn load(conn: &Connection, provider_id: Option<&str>) -> AppResult<DetailRows> {
    Ok(DetailRows {
        locations: rows(
            conn,
            "SELECT * FROM directory_locations",
            provider_id,
            |r| {
                Ok(hsds::Location {
                    origin: Default::default(),
                    id: r.get("id")?,
                    location_type: r.get("location_type")?,
                    organization_id: Some(r.get("provider_id")?),
                    name: r.get("name")?,
                    alternate_name: r.get("alternate_name")?,
                    description: r.get("description")?,
                    transportation: r.get("transportation")?,
                    latitude: r.get("latitude")?,
                    longitude: r.get("longitude")?,
                    url: r.get("url")?,
                })
            },
        )?,
        addresses: rows(
            conn,
            "SELECT * FROM directory_addresses",
            provider_id,
            |r| {
                Ok(hsds::Address {
                    origin: Default::default(),
                    id: r.get("id")?,
                    location_id: r.get("location_id")?,
                    attention: r.get("attention")?,
                    address_1: r.get("address_1")?,
                    address_2: r.get("address_2")?,
                    city: r.get("city")?,
                    region: r.get("region")?,
                    state_province: r.get("state_province")?,
                    postal_code: r.get("postal_code")?,
                    country: r.get("country")?,
                    address_type: r.get("address_type")?,
                })
            },
        )?,
        service_at_locations: rows(
            conn,
            "SELECT * FROM directory_service_locations",
            provider_id,
            |r| {
                Ok(hsds::ServiceAtLocation {
                    origin: Default::default(),
                    id: r.get("id")?,
                    service_id: r.get("service_id")?,
                    location_id: r.get("location_id")?,
                    description: r.get("description")?,
                })
            },
        )?,
        phones: rows(conn, "SELECT * FROM directory_phones", provider_id, |r| {
            Ok(hsds::Phone {
                origin: Default::default(),
                id: r.get("id")?,
                organization_id: organization(r)?,
                service_id: r.get("service_id")?,
                location_id: r.get("location_id")?,
                contact_id: r.get("contact_id")?,
                service_at_location_id: r.get("service_location_id")?,
                number: r.get("number")?,
                extension: r.get("extension")?,
                r#type: r.get("type")?,
                description: r.get("description")?,
            })
        })?,
        contacts: rows(conn, "SELECT * FROM directory_contacts", provider_id, |r| {
            Ok(hsds::Contact {
                origin: Default::default(),
                id: r.get("id")?,
                organization_id: organization(r)?,
                service_id: r.get("service_id")?,
                location_id: r.get("location_id")?,
                service_at_location_id: r.get("service_location_id")?,
                name: r.get("name")?,
                title: r.get("title")?,
                department: r.get("department")?,
                email: r.get("email")?,
            })
        })?,
        schedules: rows(
            conn,
            "SELECT * FROM directory_schedules",
            provider_id,
            |r| {
                Ok(hsds::Schedule {
                    origin: Default::default(),
                    id: r.get("id")?,
                    service_id: r.get("service_id")?,
                    location_id: r.get("location_id")?,
                    service_at_location_id: r.get("service_location_id")?,
                    valid_from: r.get("valid_from")?,
                    valid_to: r.get("valid_to")?,
                    dtstart: r.get("dtstart")?,
                    until: r.get("until")?,
                    wkst: r.get("wkst")?,
                    freq: r.get("freq")?,
                    interval: r.get("interval")?,
                    byday: r.get("byday")?,
                    bymonthday: r.get("bymonthday")?,
                    opens_at: r.get("opens_at")?,
                    closes_at: r.get("closes_at")?,
                    description: r.get("description")?,
                    attending_type: r.get("attending_type")?,
                    notes: r.get("notes")?,
                })
            },
        )?,
        languages: rows(
            conn,
            "SELECT * FROM directory_languages",
            provider_id,
            |r| {
                Ok(hsds::Language {
                    origin: Default::default(),
                    id: r.get("id")?,
                    service_id: r.get("service_id")?,
                    location_id: r.get("location_id")?,
                    phone_id: r.get("phone_id")?,
                    name: r.get("name")?,
                    code: r.get("code")?,
                    note: r.get("note")?,
                })
            },
        )?,
    })
}

/// Replaces every detail row of `provider_id` by `rows` (whose `provider_id` must be it).
pub fn replace(conn: &Connection, provider_id: &str, rows: &DetailRows) -> AppResult<()> {
    for table in [
        "directory_languages",
        "directory_schedules",
        "directory_phones",
        "directory_contacts",
        "directory_service_locations",
        "directory_addresses",
        "directory_locations",
    ] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE provider_id = ?1"))?
            .execute([provider_id])?;
    }
    insert(conn, rows)
}

/// Adds the detail rows (each names its provider).
pub fn insert(conn: &Connection, rows: &DetailRows) -> AppResult<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_locations (id, provider_id, hsds_id, position, location_type, name, alternate_name,
                description, transportation, latitude, longitude, url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, s) in rows.locations.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            s.hsds_id,
            i as i64,
            r.location_type.as_deref().unwrap_or("physical"),
            r.name,
            r.alternate_name,
            r.description,
            r.transportation,
            r.latitude,
            r.longitude,
            r.url
        ])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_addresses (id, provider_id, location_id, hsds_id, position, address_type, attention,
                address_1, address_2, city, region, state_province, postal_code, country)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (i, s) in rows.addresses.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            r.location_id,
            s.hsds_id,
            i as i64,
            r.address_type.as_deref().unwrap_or("physical"),
            r.attention,
            r.address_1,
            r.address_2,
            r.city,
            r.region,
            r.state_province,
            r.postal_code,
            r.country
        ])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_service_locations (id, provider_id, service_id, location_id, hsds_id, position,
                description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in rows.service_at_locations.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            r.service_id,
            r.location_id,
            s.hsds_id,
            i as i64,
            r.description
        ])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_contacts (id, provider_id, hsds_id, position, of_organization, service_id,
                location_id, service_location_id, name, title, department, email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, s) in rows.contacts.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            s.hsds_id,
            i as i64,
            r.organization_id.is_some(),
            r.service_id,
            r.location_id,
            r.service_at_location_id,
            r.name,
            r.title,
            r.department,
            r.email
        ])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_phones (id, provider_id, hsds_id, position, of_organization, service_id, location_id,
                contact_id, service_location_id, number, extension, type, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, s) in rows.phones.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            s.hsds_id,
            i as i64,
            r.organization_id.is_some(),
            r.service_id,
            r.location_id,
            r.contact_id,
            r.service_at_location_id,
            r.number.as_deref().unwrap_or_default(),
            r.extension,
            r.r#type,
            r.description
        ])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_schedules (id, provider_id, hsds_id, position, service_id, location_id,
                service_location_id, valid_from, valid_to, dtstart, until, wkst, freq, interval, byday, bymonthday,
                opens_at, closes_at, description, attending_type, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    for (i, s) in rows.schedules.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            s.hsds_id,
            i as i64,
            r.service_id,
            r.location_id,
            r.service_at_location_id,
            r.valid_from,
            r.valid_to,
            r.dtstart,
            r.until,
            r.wkst,
            r.freq,
            r.interval,
            r.byday,
            r.bymonthday,
            r.opens_at,
            r.closes_at,
            r.description,
            r.attending_type,
            r.notes
        ])?;
    }
    let mut st = conn.prepare_cached(
        "INSERT INTO directory_languages (id, provider_id, hsds_id, position, service_id, location_id, phone_id,
                name, code, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, s) in rows.languages.iter().enumerate() {
        let r = &s.row;
        st.execute(params![
            r.id,
            s.provider_id,
            s.hsds_id,
            i as i64,
            r.service_id,
            r.location_id,
            r.phone_id,
            r.name,
            r.code,
            r.note
        ])?;
    }
    Ok(())
}
