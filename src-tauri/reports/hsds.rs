//! Writes the directory as HSDS 3.0: a tabular data package (`.zip` with `datapackage.json`
//! and one CSV per table) or HSDS JSON (a list of organizations with their services,
//! locations, phones… nested). Renders only the [`crate::domain::hsds::Package`] handed to it.

use std::io::Write;

use serde_json::{json, Map, Value};

use crate::domain::hsds::{
    Address, Attribute, Contact, Language, Location, Organization, Package, Phone, Schedule,
    Service, ServiceAtLocation, Taxonomy, TaxonomyTerm,
};
use crate::error::{AppError, AppResult};

/// One column: its HSDS name, its Table Schema type, and the table it refers to.
type Column = (&'static str, &'static str, Option<&'static str>);

/// A table as written: its resource name, file, columns in the specification's order, and
/// the rows' values in that order.
struct Table {
    resource: &'static str,
    path: &'static str,
    columns: &'static [Column],
    rows: Vec<Vec<Option<String>>>,
}

const S: &str = "string";

const ORGANIZATIONS: &[Column] = &[
    ("id", S, None),
    ("name", S, None),
    ("alternate_name", S, None),
    ("description", S, None),
    ("email", S, None),
    ("website", S, None),
];
const SERVICES: &[Column] = &[
    ("id", S, None),
    ("organization_id", S, Some("organization")),
    ("name", S, None),
    ("alternate_name", S, None),
    ("description", S, None),
    ("url", S, None),
    ("email", S, None),
    ("status", S, None),
    ("interpretation_services", S, None),
    ("application_process", S, None),
    ("fees_description", S, None),
    ("eligibility_description", S, None),
];
const ATTRIBUTES: &[Column] = &[
    ("id", S, None),
    ("link_id", S, None),
    ("taxonomy_term_id", S, Some("taxonomy_term")),
    ("link_type", S, None),
    ("link_entity", S, None),
    ("value", S, None),
];
const SERVICE_AT_LOCATION: &[Column] = &[
    ("id", S, None),
    ("service_id", S, Some("service")),
    ("location_id", S, Some("location")),
    ("description", S, None),
];
const LOCATIONS: &[Column] = &[
    ("id", S, None),
    ("location_type", S, None),
    ("url", S, None),
    ("organization_id", S, Some("organization")),
    ("name", S, None),
    ("alternate_name", S, None),
    ("description", S, None),
    ("transportation", S, None),
    ("latitude", "number", None),
    ("longitude", "number", None),
];
const PHONES: &[Column] = &[
    ("id", S, None),
    ("location_id", S, Some("location")),
    ("service_id", S, Some("service")),
    ("organization_id", S, Some("organization")),
    ("contact_id", S, Some("contact")),
    ("service_at_location_id", S, Some("service_at_location")),
    ("number", S, None),
    ("extension", "number", None),
    ("type", S, None),
    ("description", S, None),
];
const CONTACTS: &[Column] = &[
    ("id", S, None),
    ("organization_id", S, Some("organization")),
    ("service_id", S, Some("service")),
    ("service_at_location_id", S, Some("service_at_location")),
    ("location_id", S, Some("location")),
    ("name", S, None),
    ("title", S, None),
    ("department", S, None),
    ("email", S, None),
];
const ADDRESSES: &[Column] = &[
    ("id", S, None),
    ("location_id", S, Some("location")),
    ("attention", S, None),
    ("address_1", S, None),
    ("address_2", S, None),
    ("city", S, None),
    ("region", S, None),
    ("state_province", S, None),
    ("postal_code", S, None),
    ("country", S, None),
    ("address_type", S, None),
];
const SCHEDULES: &[Column] = &[
    ("id", S, None),
    ("service_id", S, Some("service")),
    ("location_id", S, Some("location")),
    ("service_at_location_id", S, Some("service_at_location")),
    ("valid_from", "date", None),
    ("valid_to", "date", None),
    ("dtstart", "date", None),
    ("until", "date", None),
    ("wkst", S, None),
    ("freq", S, None),
    ("interval", "number", None),
    ("byday", S, None),
    ("bymonthday", S, None),
    ("description", S, None),
    ("opens_at", "time", None),
    ("closes_at", "time", None),
    ("attending_type", S, None),
    ("notes", S, None),
];
const LANGUAGES: &[Column] = &[
    ("id", S, None),
    ("service_id", S, Some("service")),
    ("location_id", S, Some("location")),
    ("phone_id", S, Some("phone")),
    ("name", S, None),
    ("code", S, None),
    ("note", S, None),
];
const TAXONOMY_TERMS: &[Column] = &[
    ("id", S, None),
    ("code", S, None),
    ("name", S, None),
    ("description", S, None),
    ("parent_id", S, None),
    ("taxonomy", S, None),
    ("taxonomy_id", S, Some("taxonomy")),
];
const TAXONOMIES: &[Column] = &[
    ("id", S, None),
    ("name", S, None),
    ("description", S, None),
    ("uri", S, None),
    ("version", S, None),
];

fn o(v: &Option<String>) -> Option<String> {
    v.clone()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

/// A value HSDS requires, written empty when the directory has none.
fn required(v: &Option<String>) -> Option<String> {
    Some(v.clone().unwrap_or_default())
}

fn tables(p: &Package) -> Vec<Table> {
    let t = |resource, path, columns, rows| Table {
        resource,
        path,
        columns,
        rows,
    };
    vec![
        t(
            "organization",
            "organizations.csv",
            ORGANIZATIONS,
            p.organizations.iter().map(org_row).collect(),
        ),
        t(
            "service",
            "services.csv",
            SERVICES,
            p.services.iter().map(service_row).collect(),
        ),
        t(
            "attribute",
            "attributes.csv",
            ATTRIBUTES,
            p.attributes.iter().map(attribute_row).collect(),
        ),
        t(
            "service_at_location",
            "service_at_location.csv",
            SERVICE_AT_LOCATION,
            p.service_at_locations.iter().map(sal_row).collect(),
        ),
        t(
            "location",
            "locations.csv",
            LOCATIONS,
            p.locations.iter().map(location_row).collect(),
        ),
        t(
            "phone",
            "phones.csv",
            PHONES,
            p.phones.iter().map(phone_row).collect(),
        ),
        t(
            "contact",
            "contacts.csv",
            CONTACTS,
            p.contacts.iter().map(contact_row).collect(),
        ),
        t(
            "address",
            "addresses.csv",
            ADDRESSES,
            p.addresses.iter().map(address_row).collect(),
        ),
        t(
            "schedule",
            "schedules.csv",
            SCHEDULES,
            p.schedules.iter().map(schedule_row).collect(),
        ),
        t(
            "language",
            "languages.csv",
            LANGUAGES,
            p.languages.iter().map(language_row).collect(),
        ),
        t(
            "taxonomy_term",
            "taxonomy_terms.csv",
            TAXONOMY_TERMS,
            p.taxonomy_terms.iter().map(term_row).collect(),
        ),
        t(
            "taxonomy",
            "taxonomies.csv",
            TAXONOMIES,
            p.taxonomies.iter().map(taxonomy_row).collect(),
        ),
    ]
}

fn org_row(r: &Organization) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.name),
        o(&r.alternate_name),
        required(&r.description),
        o(&r.email),
        o(&r.website),
    ]
}

fn service_row(r: &Service) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.organization_id),
        o(&r.name),
        o(&r.alternate_name),
        o(&r.description),
        o(&r.url),
        o(&r.email),
        Some(r.status.clone().unwrap_or_else(|| "active".into())),
        o(&r.interpretation_services),
        o(&r.application_process),
        o(&r.fees_description),
        o(&r.eligibility_description),
    ]
}

fn attribute_row(r: &Attribute) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.link_id),
        o(&r.taxonomy_term_id),
        o(&r.link_type),
        required(&r.link_entity),
        o(&r.value),
    ]
}

fn sal_row(r: &ServiceAtLocation) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.service_id),
        o(&r.location_id),
        o(&r.description),
    ]
}

fn location_row(r: &Location) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        Some(r.location_type.clone().unwrap_or_else(|| "physical".into())),
        o(&r.url),
        o(&r.organization_id),
        o(&r.name),
        o(&r.alternate_name),
        o(&r.description),
        o(&r.transportation),
        number(&r.latitude),
        number(&r.longitude),
    ]
}

fn phone_row(r: &Phone) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.location_id),
        o(&r.service_id),
        o(&r.organization_id),
        o(&r.contact_id),
        o(&r.service_at_location_id),
        required(&r.number),
        number(&r.extension),
        o(&r.r#type),
        o(&r.description),
    ]
}

fn contact_row(r: &Contact) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.organization_id),
        o(&r.service_id),
        o(&r.service_at_location_id),
        o(&r.location_id),
        o(&r.name),
        o(&r.title),
        o(&r.department),
        o(&r.email),
    ]
}

fn address_row(r: &Address) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.location_id),
        o(&r.attention),
        required(&r.address_1),
        o(&r.address_2),
        required(&r.city),
        o(&r.region),
        required(&r.state_province),
        required(&r.postal_code),
        required(&r.country),
        Some(r.address_type.clone().unwrap_or_else(|| "physical".into())),
    ]
}

fn schedule_row(r: &Schedule) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.service_id),
        o(&r.location_id),
        o(&r.service_at_location_id),
        o(&r.valid_from),
        o(&r.valid_to),
        o(&r.dtstart),
        o(&r.until),
        o(&r.wkst),
        o(&r.freq),
        number(&r.interval),
        o(&r.byday),
        o(&r.bymonthday),
        o(&r.description),
        o(&r.opens_at),
        o(&r.closes_at),
        o(&r.attending_type),
        o(&r.notes),
    ]
}

fn language_row(r: &Language) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.service_id),
        o(&r.location_id),
        o(&r.phone_id),
        o(&r.name),
        o(&r.code),
        o(&r.note),
    ]
}

fn term_row(r: &TaxonomyTerm) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        o(&r.code),
        required(&r.name),
        required(&r.description),
        o(&r.parent_id),
        o(&r.taxonomy),
        o(&r.taxonomy_id),
    ]
}

fn taxonomy_row(r: &Taxonomy) -> Vec<Option<String>> {
    vec![
        s(&r.id),
        required(&r.name),
        required(&r.description),
        o(&r.uri),
        o(&r.version),
    ]
}

/// A number field: kept when it is a number, else left out (HSDS types it).
fn number(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .filter(|n| n.trim().parse::<f64>().is_ok())
        .cloned()
}

fn slug(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "callin-planner-directory".into()
    } else {
        s
    }
}

fn datapackage(p: &Package, written: &[&Table]) -> Value {
    let resources: Vec<Value> = written
        .iter()
        .map(|t| {
            let fields: Vec<Value> = t
                .columns
                .iter()
                .map(|(name, ty, _)| json!({ "name": name, "type": ty }))
                .collect();
            let fks: Vec<Value> = t
                .columns
                .iter()
                .filter_map(|(name, _, to)| to.map(|to| (name, to)))
                .filter(|(_, to)| written.iter().any(|w| w.resource == *to))
                .map(|(name, to)| json!({ "fields": name, "reference": { "resource": to, "fields": "id" } }))
                .collect();
            let mut schema = Map::new();
            schema.insert("fields".into(), Value::Array(fields));
            schema.insert("primaryKey".into(), json!("id"));
            if !fks.is_empty() {
                schema.insert("foreignKeys".into(), Value::Array(fks));
            }
            json!({
                "name": t.resource,
                "path": t.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            })
        })
        .collect();
    let mut dp = Map::new();
    dp.insert("profile".into(), json!("tabular-data-package"));
    dp.insert("name".into(), json!(slug(p.name.as_deref().unwrap_or(""))));
    if let Some(n) = &p.name {
        dp.insert("title".into(), json!(n));
    }
    dp.insert("version".into(), json!("3.0"));
    dp.insert("resources".into(), Value::Array(resources));
    Value::Object(dp)
}

fn csv_bytes(t: &Table) -> AppResult<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let bad = |e: csv::Error| AppError::Internal(format!("The CSV could not be written: {e}."));
    w.write_record(t.columns.iter().map(|c| c.0)).map_err(bad)?;
    for row in &t.rows {
        w.write_record(row.iter().map(|v| v.as_deref().unwrap_or("")))
            .map_err(bad)?;
    }
    w.into_inner()
        .map_err(|e| AppError::Internal(format!("The CSV could not be written: {e}.")))
}

/// The package as the bytes of a `.zip` tabular data package.
pub fn tabular_zip(package: &Package) -> AppResult<Vec<u8>> {
    let all = tables(package);
    let written: Vec<&Table> = all.iter().filter(|t| !t.rows.is_empty()).collect();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let io = |e: zip::result::ZipError| {
        AppError::Internal(format!("The zip could not be written: {e}."))
    };
    z.start_file("datapackage.json", options).map_err(io)?;
    let dp = serde_json::to_vec_pretty(&datapackage(package, &written))?;
    z.write_all(&dp)?;
    for t in &written {
        z.start_file(t.path, options).map_err(io)?;
        z.write_all(&csv_bytes(t)?)?;
    }
    Ok(z.finish().map_err(io)?.into_inner())
}

// ---- JSON ------------------------------------------------------------------------------------

fn put(m: &mut Map<String, Value>, k: &str, v: &Option<String>) {
    if let Some(v) = v {
        m.insert(k.into(), Value::String(v.clone()));
    }
}

fn put_number(m: &mut Map<String, Value>, k: &str, v: &Option<String>) {
    if let Some(n) = v.as_deref().and_then(|n| n.trim().parse::<f64>().ok()) {
        let value = if n.fract() == 0.0 && n.abs() < 1e15 {
            json!(n as i64)
        } else {
            json!(n)
        };
        m.insert(k.into(), value);
    }
}

fn object(columns: &[Column], row: &[Option<String>]) -> Map<String, Value> {
    let mut m = Map::new();
    for ((name, ty, _), v) in columns.iter().zip(row) {
        if *ty == "number" {
            put_number(&mut m, name, v);
        } else {
            put(&mut m, name, v);
        }
    }
    m
}

fn arr(items: Vec<Map<String, Value>>) -> Value {
    Value::Array(items.into_iter().map(Value::Object).collect())
}

/// Where a phone, contact, schedule or language sits in the JSON: under its most specific
/// owner, once.
fn phone_home<'a>(p: &'a Phone, pkg: &Package) -> (&'static str, &'a str) {
    if let Some(c) = &p.contact_id {
        return ("contact", c);
    }
    if let Some(s) = &p.service_id {
        return ("service", s);
    }
    if let Some(sal) = &p.service_at_location_id {
        if pkg.service_at_locations.iter().any(|x| &x.id == sal) {
            return ("service_at_location", sal);
        }
    }
    if let Some(l) = &p.location_id {
        return ("location", l);
    }
    ("organization", p.organization_id.as_deref().unwrap_or(""))
}

fn home<'a>(
    service: &'a Option<String>,
    sal: &'a Option<String>,
    location: &'a Option<String>,
    organization: &'a Option<String>,
) -> (&'static str, &'a str) {
    if let Some(s) = service {
        return ("service", s);
    }
    if let Some(s) = sal {
        return ("service_at_location", s);
    }
    if let Some(l) = location {
        return ("location", l);
    }
    ("organization", organization.as_deref().unwrap_or(""))
}

struct Nest<'a> {
    pkg: &'a Package,
}

impl Nest<'_> {
    fn phones(&self, kind: &str, id: &str) -> Vec<Map<String, Value>> {
        self.pkg
            .phones
            .iter()
            .filter(|p| phone_home(p, self.pkg) == (kind, id))
            .map(|p| {
                let mut m = object(PHONES, &phone_row(p));
                let langs = self.languages_of_phone(&p.id);
                if !langs.is_empty() {
                    m.insert("languages".into(), arr(langs));
                }
                m
            })
            .collect()
    }

    fn languages_of_phone(&self, id: &str) -> Vec<Map<String, Value>> {
        self.pkg
            .languages
            .iter()
            .filter(|l| {
                l.service_id.is_none()
                    && l.location_id.is_none()
                    && l.phone_id.as_deref() == Some(id)
            })
            .map(|l| object(LANGUAGES, &language_row(l)))
            .collect()
    }

    fn contacts(&self, kind: &str, id: &str) -> Vec<Map<String, Value>> {
        self.pkg
            .contacts
            .iter()
            .filter(|c| {
                home(
                    &c.service_id,
                    &c.service_at_location_id,
                    &c.location_id,
                    &c.organization_id,
                ) == (kind, id)
            })
            .map(|c| {
                let mut m = object(CONTACTS, &contact_row(c));
                let phones = self.phones("contact", &c.id);
                if !phones.is_empty() {
                    m.insert("phones".into(), arr(phones));
                }
                m
            })
            .collect()
    }

    fn schedules(&self, kind: &str, id: &str) -> Vec<Map<String, Value>> {
        let none = None;
        self.pkg
            .schedules
            .iter()
            .filter(|s| {
                home(
                    &s.service_id,
                    &s.service_at_location_id,
                    &s.location_id,
                    &none,
                ) == (kind, id)
            })
            .map(|s| object(SCHEDULES, &schedule_row(s)))
            .collect()
    }

    fn languages(&self, kind: &str, id: &str) -> Vec<Map<String, Value>> {
        let none = None;
        self.pkg
            .languages
            .iter()
            .filter(|l| home(&l.service_id, &none, &l.location_id, &none) == (kind, id))
            .map(|l| object(LANGUAGES, &language_row(l)))
            .collect()
    }

    /// Puts the phones, contacts, schedules and languages of an owner into its object.
    fn owned(&self, m: &mut Map<String, Value>, kind: &str, id: &str, schedules: bool) {
        for (k, v) in [
            ("phones", self.phones(kind, id)),
            ("contacts", self.contacts(kind, id)),
            (
                "schedules",
                if schedules {
                    self.schedules(kind, id)
                } else {
                    Vec::new()
                },
            ),
            (
                "languages",
                if kind == "service" || kind == "location" {
                    self.languages(kind, id)
                } else {
                    Vec::new()
                },
            ),
        ] {
            if !v.is_empty() {
                m.insert(k.into(), arr(v));
            }
        }
    }

    fn service(&self, s: &Service) -> Map<String, Value> {
        let mut m = object(SERVICES, &service_row(s));
        self.owned(&mut m, "service", &s.id, true);
        let sals: Vec<Map<String, Value>> = self
            .pkg
            .service_at_locations
            .iter()
            .filter(|x| x.service_id.as_deref() == Some(s.id.as_str()))
            .map(|x| {
                let mut m = object(SERVICE_AT_LOCATION, &sal_row(x));
                self.owned(&mut m, "service_at_location", &x.id, true);
                m
            })
            .collect();
        if !sals.is_empty() {
            m.insert("service_at_locations".into(), arr(sals));
        }
        let attrs: Vec<Map<String, Value>> = self
            .pkg
            .attributes
            .iter()
            .filter(|a| a.link_id.as_deref() == Some(s.id.as_str()))
            .map(|a| {
                let mut m = object(ATTRIBUTES, &attribute_row(a));
                if let Some(t) = self
                    .pkg
                    .taxonomy_terms
                    .iter()
                    .find(|t| Some(&t.id) == a.taxonomy_term_id.as_ref())
                {
                    m.insert(
                        "taxonomy_term".into(),
                        Value::Object(object(TAXONOMY_TERMS, &term_row(t))),
                    );
                }
                m
            })
            .collect();
        if !attrs.is_empty() {
            m.insert("attributes".into(), arr(attrs));
        }
        m
    }

    fn location(&self, l: &Location) -> Map<String, Value> {
        let mut m = object(LOCATIONS, &location_row(l));
        let addresses: Vec<Map<String, Value>> = self
            .pkg
            .addresses
            .iter()
            .filter(|a| a.location_id.as_deref() == Some(l.id.as_str()))
            .map(|a| object(ADDRESSES, &address_row(a)))
            .collect();
        if !addresses.is_empty() {
            m.insert("addresses".into(), arr(addresses));
        }
        self.owned(&mut m, "location", &l.id, true);
        m
    }

    fn organization(&self, o: &Organization) -> Value {
        let mut m = object(ORGANIZATIONS, &org_row(o));
        let services: Vec<Map<String, Value>> = self
            .pkg
            .services
            .iter()
            .filter(|s| s.organization_id.as_deref() == Some(o.id.as_str()))
            .map(|s| self.service(s))
            .collect();
        let locations: Vec<Map<String, Value>> = self
            .pkg
            .locations
            .iter()
            .filter(|l| l.organization_id.as_deref() == Some(o.id.as_str()))
            .map(|l| self.location(l))
            .collect();
        self.owned(&mut m, "organization", &o.id, false);
        if !locations.is_empty() {
            m.insert("locations".into(), arr(locations));
        }
        if !services.is_empty() {
            m.insert("services".into(), arr(services));
        }
        Value::Object(m)
    }
}

/// The package as HSDS JSON (pretty-printed UTF-8): a list of organizations, each with what
/// belongs to it nested as `schema/compiled/organization.json` has it.
pub fn json(package: &Package) -> AppResult<Vec<u8>> {
    let nest = Nest { pkg: package };
    let orgs: Vec<Value> = package
        .organizations
        .iter()
        .map(|o| nest.organization(o))
        .collect();
    let mut out = serde_json::to_vec_pretty(&Value::Array(orgs))?;
    out.push(b'\n');
    Ok(out)
}
