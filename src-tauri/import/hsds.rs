//! Reads an HSDS package from disk into [`crate::domain::hsds::Package`]: a folder or `.zip`
//! holding `datapackage.json` and one CSV per table (HSDS 3.0 or the older 1.x layouts), or
//! an HSDS JSON file. Knows nothing of the directory's rules (references and statuses are
//! the domain's): it finds the tables, reads their rows as text and says where each came from.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::domain::hsds::{
    Address, Attribute, Contact, Language, Layout, Location, Organization, Origin, Package, Phone,
    Problem, Schedule, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm,
};
use crate::error::{AppError, AppResult};

/// A zip with more entries, or an entry larger, is refused (a zip bomb, or not a package).
const MAX_ENTRIES: usize = 1_000;
const MAX_ENTRY_BYTES: u64 = 200 * 1024 * 1024;

fn bad(file: &str, message: impl std::fmt::Display) -> AppError {
    AppError::invalid("file", format!("{file}: {message}"))
}

/// Reads the package at `path` (a folder, a `.zip` or a `.json` file).
pub fn read_path(path: &Path) -> AppResult<Package> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if path.is_dir() {
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(path)
            .map_err(|e| AppError::Io(format!("{name} could not be read: {e}.")))?
        {
            let entry =
                entry.map_err(|e| AppError::Io(format!("{name} could not be read: {e}.")))?;
            let p = entry.path();
            if p.is_file() {
                let file = entry.file_name().to_string_lossy().into_owned();
                let bytes = std::fs::read(&p)
                    .map_err(|e| AppError::Io(format!("{file} could not be read: {e}.")))?;
                files.insert(file, bytes);
            }
        }
        return tabular(&name, files);
    }
    let bytes =
        std::fs::read(path).map_err(|e| AppError::Io(format!("{name} could not be read: {e}.")))?;
    let lower = name.to_lowercase();
    if lower.ends_with(".json") {
        json(&name, &bytes)
    } else if lower.ends_with(".zip") || bytes.starts_with(b"PK\x03\x04") {
        tabular(&name, unzip(&name, &bytes)?)
    } else {
        Err(bad(
            &name,
            "this is not an HSDS package: choose a folder, a .zip data package or a .json file.",
        ))
    }
}

/// The files of a zip, by name (without any folder the package sits in).
fn unzip(name: &str, bytes: &[u8]) -> AppResult<HashMap<String, Vec<u8>>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(name, format!("the zip file could not be opened ({e}).")))?;
    if z.len() > MAX_ENTRIES {
        return Err(bad(
            name,
            format!(
                "the zip holds {} files; a data package has far fewer.",
                z.len()
            ),
        ));
    }
    let mut files = HashMap::new();
    for i in 0..z.len() {
        let mut entry = z
            .by_index(i)
            .map_err(|e| bad(name, format!("the zip file is damaged ({e}).")))?;
        if entry.is_dir() {
            continue;
        }
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(bad(
                name,
                format!("{} is too large to be a table.", entry.name()),
            ));
        }
        let file = entry
            .name()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| {
                bad(
                    name,
                    format!("{file} could not be read from the zip ({e})."),
                )
            })?;
        if data.len() as u64 > MAX_ENTRY_BYTES {
            return Err(bad(name, format!("{file} is too large to be a table.")));
        }
        if !file.is_empty() && !file.starts_with("._") {
            files.insert(file, data);
        }
    }
    Ok(files)
}

fn text_of(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            d.feed(bytes, true);
            d.guess(None, chardetng::Utf8Detection::Deny)
                .decode(bytes)
                .0
                .into_owned()
        }
    }
}

/// One table read: each row as its cells by lower-case header, with its line.
struct Table {
    file: String,
    headers: Vec<String>,
    rows: Vec<(u32, HashMap<String, String>)>,
}

impl Table {
    fn has(&self, column: &str) -> bool {
        self.headers.iter().any(|h| h == column)
    }
}

fn read_csv(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Option<Table> {
    let text = text_of(bytes);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(e) => {
            problems.push(file_problem(
                file,
                format!("The header row could not be read ({e})."),
            ));
            return None;
        }
    };
    let mut rows = Vec::new();
    for rec in r.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| p.line() as u32 + 1);
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells = headers
                    .iter()
                    .zip(rec.iter())
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(h, v)| (h.clone(), v.trim().to_owned()))
                    .collect();
                rows.push((line, cells));
            }
            Err(e) => {
                problems.push(file_problem(
                    file,
                    format!("A row could not be read ({e})."),
                ));
                return None;
            }
        }
    }
    Some(Table {
        file: file.to_owned(),
        headers,
        rows,
    })
}

fn file_problem(file: &str, message: String) -> Problem {
    Problem {
        file: file.to_owned(),
        row: None,
        column: None,
        message,
        blocking: true,
    }
}

/// The tables HSDS has, with the names each goes by in 3.0 and 1.x (resource names and file
/// stems alike; compared without `_` and a final `s`).
const TABLES: &[(&str, &[&str])] = &[
    ("organization", &["organization", "organizations"]),
    ("service", &["service", "services"]),
    ("location", &["location", "locations"]),
    ("address", &["address", "addresses"]),
    (
        "physical_address",
        &["physical_address", "physical_addresses"],
    ),
    ("postal_address", &["postal_address", "postal_addresses"]),
    (
        "service_at_location",
        &[
            "service_at_location",
            "services_at_location",
            "service_at_locations",
            "services_at_locations",
        ],
    ),
    ("phone", &["phone", "phones"]),
    ("contact", &["contact", "contacts"]),
    ("schedule", &["schedule", "schedules"]),
    (
        "regular_schedule",
        &["regular_schedule", "regular_schedules"],
    ),
    ("language", &["language", "languages"]),
    ("taxonomy", &["taxonomy", "taxonomies"]),
    ("taxonomy_term", &["taxonomy_term", "taxonomy_terms"]),
    ("attribute", &["attribute", "attributes"]),
    (
        "services_taxonomy",
        &[
            "services_taxonomy",
            "service_taxonomy",
            "service_taxonomies",
        ],
    ),
];

fn key(name: &str) -> String {
    name.trim().to_lowercase().replace(['-', ' '], "_")
}

fn stem(file: &str) -> String {
    key(file.rsplit_once('.').map_or(file, |(s, _)| s))
}

fn tabular(name: &str, files: HashMap<String, Vec<u8>>) -> AppResult<Package> {
    let mut pkg = Package::default();
    // Which file each table is in: datapackage.json's resources first, then file names.
    let mut paths: HashMap<&'static str, String> = HashMap::new();
    let mut version_1 = false;
    if let Some((dp_name, bytes)) = files
        .iter()
        .find(|(f, _)| f.eq_ignore_ascii_case("datapackage.json"))
    {
        let dp: Value = serde_json::from_slice(bytes)
            .map_err(|e| bad(dp_name, format!("this is not JSON ({e}).")))?;
        let s = |k: &str| {
            dp.get(k)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .filter(|v| !v.trim().is_empty())
        };
        pkg.name = s("title").or_else(|| s("name"));
        pkg.version = s("version");
        version_1 = pkg.version.as_deref().is_some_and(|v| v.starts_with('1'));
        for r in dp
            .get("resources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (Some(rname), Some(path)) = (
                r.get("name").and_then(Value::as_str),
                r.get("path").and_then(Value::as_str),
            ) else {
                continue;
            };
            let file = path.rsplit('/').next().unwrap_or(path).to_owned();
            if let Some((table, _)) = TABLES.iter().find(|(_, names)| {
                names.contains(&key(rname).as_str()) || names.contains(&stem(&file).as_str())
            }) {
                if files.contains_key(&file) {
                    paths.entry(table).or_insert(file);
                }
            }
        }
    }
    for file in files.keys() {
        if !file.to_lowercase().ends_with(".csv") {
            continue;
        }
        if let Some((table, _)) = TABLES
            .iter()
            .find(|(_, names)| names.contains(&stem(file).as_str()))
        {
            paths.entry(table).or_insert_with(|| file.clone());
        }
    }
    let used: Vec<&String> = paths.values().collect();
    pkg.not_kept = files
        .keys()
        .filter(|f| f.to_lowercase().ends_with(".csv") && !used.contains(f))
        .cloned()
        .collect();
    pkg.not_kept.sort();

    let mut problems = Vec::new();
    let mut tables: HashMap<&'static str, Table> = HashMap::new();
    for (table, file) in &paths {
        if let Some(t) = read_csv(file, &files[file], &mut problems) {
            tables.insert(table, t);
        }
    }
    for (table, file) in [
        ("organization", "organizations.csv"),
        ("service", "services.csv"),
    ] {
        if !paths.contains_key(table) {
            problems.push(file_problem(
                file,
                format!("The package has no {table}s table ({file})."),
            ));
        }
    }
    if paths.contains_key("services_taxonomy")
        || paths.contains_key("physical_address")
        || paths.contains_key("postal_address")
        || paths.contains_key("regular_schedule")
        || paths
            .get("service_at_location")
            .is_some_and(|f| stem(f).starts_with("services_"))
        || tables
            .get("organization")
            .is_some_and(|t| t.has("url") && !t.has("website"))
    {
        version_1 = true;
    }
    pkg.layout = if version_1 {
        Layout::Tabular1
    } else {
        Layout::Tabular3
    };
    let required: &[(&str, &[&str])] = &[
        ("organization", &["id", "name"]),
        ("service", &["id", "name", "organization_id"]),
        ("service_at_location", &["id", "service_id", "location_id"]),
        ("phone", &["id", "number"]),
    ];
    for (table, columns) in required {
        if let Some(t) = tables.get(table) {
            for c in *columns {
                if !t.has(c) {
                    problems.push(Problem {
                        file: t.file.clone(),
                        row: None,
                        column: Some((*c).to_owned()),
                        message: format!("The file has no {c} column."),
                        blocking: true,
                    });
                }
            }
        }
    }
    let mut rows = Rows {
        problems: &mut problems,
    };
    if let Some(t) = tables.get("organization") {
        pkg.organizations = rows.each(t, |o, id, g| Organization {
            origin: o,
            id,
            name: g("name"),
            alternate_name: g("alternate_name"),
            description: g("description"),
            email: g("email"),
            website: g("website").or_else(|| g("url")),
        });
    }
    if let Some(t) = tables.get("service") {
        pkg.services = rows.each(t, |o, id, g| Service {
            origin: o,
            id,
            organization_id: g("organization_id"),
            name: g("name"),
            alternate_name: g("alternate_name"),
            description: g("description"),
            url: g("url"),
            email: g("email"),
            status: g("status"),
            interpretation_services: g("interpretation_services"),
            application_process: g("application_process"),
            fees_description: g("fees_description").or_else(|| g("fees")),
            eligibility_description: g("eligibility_description"),
        });
    }
    if let Some(t) = tables.get("location") {
        pkg.locations = rows.each(t, |o, id, g| Location {
            origin: o,
            id,
            location_type: g("location_type").or_else(|| Some("physical".into())),
            organization_id: g("organization_id"),
            name: g("name"),
            alternate_name: g("alternate_name"),
            description: g("description"),
            transportation: g("transportation"),
            latitude: g("latitude"),
            longitude: g("longitude"),
            url: g("url"),
        });
    }
    for (table, kind) in [
        ("address", None),
        ("physical_address", Some("physical")),
        ("postal_address", Some("postal")),
    ] {
        if let Some(t) = tables.get(table) {
            let read = rows.each(t, |o, id, g| Address {
                origin: o,
                id,
                location_id: g("location_id"),
                attention: g("attention"),
                address_1: g("address_1"),
                address_2: g("address_2"),
                city: g("city"),
                region: g("region"),
                state_province: g("state_province"),
                postal_code: g("postal_code"),
                country: g("country"),
                address_type: kind
                    .map(str::to_owned)
                    .or_else(|| g("address_type"))
                    .or_else(|| Some("physical".into())),
            });
            pkg.addresses.extend(read);
        }
    }
    if let Some(t) = tables.get("service_at_location") {
        pkg.service_at_locations = rows.each(t, |o, id, g| ServiceAtLocation {
            origin: o,
            id,
            service_id: g("service_id"),
            location_id: g("location_id"),
            description: g("description"),
        });
    }
    if let Some(t) = tables.get("phone") {
        pkg.phones = rows.each(t, |o, id, g| Phone {
            origin: o,
            id,
            organization_id: g("organization_id"),
            service_id: g("service_id"),
            location_id: g("location_id"),
            contact_id: g("contact_id"),
            service_at_location_id: g("service_at_location_id"),
            number: g("number"),
            extension: g("extension"),
            r#type: g("type"),
            description: g("description"),
        });
    }
    if let Some(t) = tables.get("contact") {
        pkg.contacts = rows.each(t, |o, id, g| Contact {
            origin: o,
            id,
            organization_id: g("organization_id"),
            service_id: g("service_id"),
            location_id: g("location_id"),
            service_at_location_id: g("service_at_location_id"),
            name: g("name"),
            title: g("title"),
            department: g("department"),
            email: g("email"),
        });
    }
    if let Some(t) = tables.get("schedule") {
        pkg.schedules = rows.each(t, |o, id, g| Schedule {
            origin: o,
            id,
            service_id: g("service_id"),
            location_id: g("location_id"),
            service_at_location_id: g("service_at_location_id"),
            valid_from: g("valid_from"),
            valid_to: g("valid_to"),
            dtstart: g("dtstart"),
            until: g("until"),
            wkst: g("wkst"),
            freq: g("freq"),
            interval: g("interval"),
            byday: g("byday"),
            bymonthday: g("bymonthday"),
            opens_at: g("opens_at"),
            closes_at: g("closes_at"),
            description: g("description"),
            attending_type: g("attending_type"),
            notes: g("notes"),
        });
    }
    if let Some(t) = tables.get("regular_schedule") {
        let read = rows.each(t, |o, id, g| Schedule {
            origin: o,
            id,
            service_id: g("service_id"),
            location_id: g("location_id"),
            service_at_location_id: g("service_at_location_id"),
            freq: Some("WEEKLY".into()),
            byday: g("weekday").and_then(|d| weekday(&d)).map(str::to_owned),
            opens_at: g("opens_at").map(|t| seconds(&t)),
            closes_at: g("closes_at").map(|t| seconds(&t)),
            ..Default::default()
        });
        pkg.schedules.extend(read);
    }
    if let Some(t) = tables.get("language") {
        pkg.languages = rows.each(t, |o, id, g| Language {
            origin: o,
            id,
            service_id: g("service_id"),
            location_id: g("location_id"),
            phone_id: g("phone_id"),
            name: g("name").or_else(|| g("language")),
            code: g("code"),
            note: g("note"),
        });
    }
    if let Some(t) = tables.get("taxonomy") {
        if version_1 && !t.has("description") {
            // 1.x `taxonomy.csv` holds the terms themselves.
            pkg.taxonomy_terms = rows.each(t, |o, id, g| TaxonomyTerm {
                origin: o,
                id,
                name: g("name"),
                parent_id: g("parent_id"),
                taxonomy: g("vocabulary"),
                ..Default::default()
            });
        } else {
            pkg.taxonomies = rows.each(t, |o, id, g| Taxonomy {
                origin: o,
                id,
                name: g("name"),
                description: g("description"),
                uri: g("uri"),
                version: g("version"),
            });
        }
    }
    if let Some(t) = tables.get("taxonomy_term") {
        let read = rows.each(t, |o, id, g| TaxonomyTerm {
            origin: o,
            id,
            code: g("code"),
            name: g("name"),
            description: g("description"),
            parent_id: g("parent_id"),
            taxonomy: g("taxonomy"),
            taxonomy_id: g("taxonomy_id"),
        });
        pkg.taxonomy_terms.extend(read);
    }
    if let Some(t) = tables.get("attribute") {
        pkg.attributes = rows.each(t, |o, id, g| Attribute {
            origin: o,
            id,
            link_id: g("link_id"),
            taxonomy_term_id: g("taxonomy_term_id"),
            link_type: g("link_type"),
            link_entity: g("link_entity"),
            value: g("value"),
        });
    }
    if let Some(t) = tables.get("services_taxonomy") {
        let read = rows.each(t, |o, id, g| Attribute {
            origin: o,
            id,
            link_id: g("service_id"),
            taxonomy_term_id: g("taxonomy_id"),
            link_entity: Some("service".into()),
            value: g("taxonomy_detail"),
            ..Default::default()
        });
        pkg.attributes.extend(read);
    }
    pkg.problems = problems;
    let _ = name;
    Ok(pkg)
}

struct Rows<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Rows<'_> {
    /// Each row of the table made into `T`; a row without an id is a problem and left out.
    fn each<T>(
        &mut self,
        t: &Table,
        make: impl Fn(Origin, String, &dyn Fn(&str) -> Option<String>) -> T,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (line, cells) in &t.rows {
            let get = |c: &str| cells.get(c).cloned();
            let origin = Origin {
                file: t.file.clone(),
                row: *line,
            };
            match get("id") {
                Some(id) => out.push(make(origin, id, &get)),
                None => self.problems.push(Problem {
                    file: t.file.clone(),
                    row: Some(*line),
                    column: Some("id".into()),
                    message: "Row has no id.".into(),
                    blocking: true,
                }),
            }
        }
        out
    }
}

/// A 1.x `weekday` as an RRULE day: a day's name (or its first three letters, or its RRULE
/// code), or a number 1–7 counted from Monday as ISO 8601 does.
fn weekday(text: &str) -> Option<&'static str> {
    const DAYS: [(&str, &str); 7] = [
        ("MO", "monday"),
        ("TU", "tuesday"),
        ("WE", "wednesday"),
        ("TH", "thursday"),
        ("FR", "friday"),
        ("SA", "saturday"),
        ("SU", "sunday"),
    ];
    let t = text.trim().to_lowercase();
    if let Ok(n) = t.parse::<usize>() {
        return (1..=7).contains(&n).then(|| DAYS[n - 1].0);
    }
    DAYS.iter()
        .find(|(code, name)| t == code.to_lowercase() || (t.len() >= 3 && name.starts_with(&t)))
        .map(|(code, _)| *code)
}

/// `09:00` as HSDS 3.0 writes a time, `09:00:00`.
fn seconds(t: &str) -> String {
    if t.len() == 5 && t.as_bytes()[2] == b':' {
        format!("{t}:00")
    } else {
        t.to_owned()
    }
}

// ---- JSON ------------------------------------------------------------------------------------

fn json(name: &str, bytes: &[u8]) -> AppResult<Package> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| bad(name, format!("this is not JSON ({e}).")))?;
    let mut j = Json {
        pkg: Package {
            layout: Layout::Json,
            ..Default::default()
        },
    };
    let (orgs, services): (Vec<&Value>, Vec<&Value>) = match &v {
        Value::Array(items)
            if items
                .iter()
                .any(|i| i.get("organization_id").is_some() || i.get("status").is_some()) =>
        {
            (vec![], items.iter().collect())
        }
        Value::Array(items) => (items.iter().collect(), vec![]),
        Value::Object(o) if o.contains_key("contents") => {
            let items: Vec<&Value> = o["contents"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            if items.iter().any(|i| i.get("status").is_some()) {
                (vec![], items)
            } else {
                (items, vec![])
            }
        }
        // A collection; not a single organization (which has its own id) with services.
        Value::Object(o)
            if o.contains_key("organizations")
                || (o.contains_key("services") && !o.contains_key("id")) =>
        {
            (
                o.get("organizations")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default(),
                o.get("services")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().collect())
                    .unwrap_or_default(),
            )
        }
        Value::Object(o)
            if o.contains_key("services")
                || (o.contains_key("name")
                    && o.contains_key("id")
                    && !o.contains_key("status")) =>
        {
            (vec![&v], vec![])
        }
        Value::Object(o) if o.contains_key("status") => (vec![], vec![&v]),
        _ => (vec![], vec![]),
    };
    if orgs.is_empty() && services.is_empty() {
        return Err(bad(
            name,
            "no HSDS organizations or services were found in this JSON file.",
        ));
    }
    for (i, o) in orgs.iter().enumerate() {
        j.organization(o, &format!("organizations[{i}]"), i);
    }
    for (i, s) in services.iter().enumerate() {
        j.service(s, None, &format!("services[{i}]"), i);
    }
    Ok(j.pkg)
}

fn text(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn origin(path: &str, i: usize) -> Origin {
    Origin {
        file: path.to_owned(),
        row: i as u32 + 1,
    }
}

struct Json {
    pkg: Package,
}

/// Pushes a row unless one with its id is there already (the first wins).
fn push_unique<T>(rows: &mut Vec<T>, row: T, id: impl Fn(&T) -> &str) {
    if !rows.iter().any(|r| id(r) == id(&row)) {
        rows.push(row);
    }
}

impl Json {
    fn organization(&mut self, o: &Value, path: &str, i: usize) {
        let Some(id) = text(o, "id") else {
            self.missing_id(path, i);
            return;
        };
        push_unique(
            &mut self.pkg.organizations,
            Organization {
                origin: origin(path, i),
                id: id.clone(),
                name: text(o, "name"),
                alternate_name: text(o, "alternate_name"),
                description: text(o, "description"),
                email: text(o, "email"),
                website: text(o, "website").or_else(|| text(o, "url")),
            },
            |r| &r.id,
        );
        let owner = Owner {
            organization: Some(id.clone()),
            ..Default::default()
        };
        for (k, s) in list(o, "services").iter().enumerate() {
            self.service(s, Some(&id), &format!("{path}.services[{k}]"), k);
        }
        for (k, l) in list(o, "locations").iter().enumerate() {
            self.location(l, Some(&id), &format!("{path}.locations[{k}]"), k);
        }
        self.owned(o, path, &owner);
    }

    fn missing_id(&mut self, path: &str, i: usize) {
        self.pkg.problems.push(Problem {
            file: path.to_owned(),
            row: Some(i as u32 + 1),
            column: Some("id".into()),
            message: "Row has no id.".into(),
            blocking: true,
        });
    }

    fn service(&mut self, s: &Value, org: Option<&str>, path: &str, i: usize) {
        let Some(id) = text(s, "id") else {
            self.missing_id(path, i);
            return;
        };
        let nested_org = s.get("organization").filter(|o| o.is_object());
        if let Some(o) = nested_org {
            if org.is_none() {
                self.organization(o, &format!("{path}.organization"), 0);
            }
        }
        let organization_id = text(s, "organization_id")
            .or_else(|| org.map(str::to_owned))
            .or_else(|| nested_org.and_then(|o| text(o, "id")));
        push_unique(
            &mut self.pkg.services,
            Service {
                origin: origin(path, i),
                id: id.clone(),
                organization_id,
                name: text(s, "name"),
                alternate_name: text(s, "alternate_name"),
                description: text(s, "description"),
                url: text(s, "url"),
                email: text(s, "email"),
                status: text(s, "status"),
                interpretation_services: text(s, "interpretation_services"),
                application_process: text(s, "application_process"),
                fees_description: text(s, "fees_description"),
                eligibility_description: text(s, "eligibility_description"),
            },
            |r| &r.id,
        );
        for (k, sal) in list(s, "service_at_locations").iter().enumerate() {
            let p = format!("{path}.service_at_locations[{k}]");
            let Some(sid) = text(sal, "id") else {
                self.missing_id(&p, k);
                continue;
            };
            let location = sal.get("location").filter(|l| l.is_object());
            if let Some(l) = location {
                self.location(l, None, &format!("{p}.location"), 0);
            }
            push_unique(
                &mut self.pkg.service_at_locations,
                ServiceAtLocation {
                    origin: origin(&p, k),
                    id: sid.clone(),
                    service_id: text(sal, "service_id").or_else(|| Some(id.clone())),
                    location_id: text(sal, "location_id")
                        .or_else(|| location.and_then(|l| text(l, "id"))),
                    description: text(sal, "description"),
                },
                |r| &r.id,
            );
            let owner = Owner {
                service_at_location: Some(sid),
                ..Default::default()
            };
            self.owned(sal, &p, &owner);
        }
        for (k, a) in list(s, "attributes").iter().enumerate() {
            let p = format!("{path}.attributes[{k}]");
            let Some(aid) = text(a, "id") else {
                continue;
            };
            let term = a.get("taxonomy_term").filter(|t| t.is_object());
            if let Some(t) = term {
                if let Some(tid) = text(t, "id") {
                    push_unique(
                        &mut self.pkg.taxonomy_terms,
                        TaxonomyTerm {
                            origin: origin(&format!("{p}.taxonomy_term"), 0),
                            id: tid,
                            code: text(t, "code"),
                            name: text(t, "name"),
                            description: text(t, "description"),
                            parent_id: text(t, "parent_id"),
                            taxonomy: text(t, "taxonomy"),
                            taxonomy_id: text(t, "taxonomy_id"),
                        },
                        |r| &r.id,
                    );
                }
            }
            push_unique(
                &mut self.pkg.attributes,
                Attribute {
                    origin: origin(&p, k),
                    id: aid,
                    link_id: text(a, "link_id").or_else(|| Some(id.clone())),
                    taxonomy_term_id: text(a, "taxonomy_term_id")
                        .or_else(|| term.and_then(|t| text(t, "id"))),
                    link_type: text(a, "link_type"),
                    link_entity: text(a, "link_entity").or_else(|| Some("service".into())),
                    value: text(a, "value"),
                },
                |r| &r.id,
            );
        }
        let owner = Owner {
            service: Some(id),
            ..Default::default()
        };
        self.owned(s, path, &owner);
    }

    fn location(&mut self, l: &Value, org: Option<&str>, path: &str, i: usize) {
        let Some(id) = text(l, "id") else {
            self.missing_id(path, i);
            return;
        };
        push_unique(
            &mut self.pkg.locations,
            Location {
                origin: origin(path, i),
                id: id.clone(),
                location_type: text(l, "location_type"),
                organization_id: text(l, "organization_id").or_else(|| org.map(str::to_owned)),
                name: text(l, "name"),
                alternate_name: text(l, "alternate_name"),
                description: text(l, "description"),
                transportation: text(l, "transportation"),
                latitude: text(l, "latitude"),
                longitude: text(l, "longitude"),
                url: text(l, "url"),
            },
            |r| &r.id,
        );
        for (k, a) in list(l, "addresses").iter().enumerate() {
            let p = format!("{path}.addresses[{k}]");
            let Some(aid) = text(a, "id") else {
                self.missing_id(&p, k);
                continue;
            };
            push_unique(
                &mut self.pkg.addresses,
                Address {
                    origin: origin(&p, k),
                    id: aid,
                    location_id: text(a, "location_id").or_else(|| Some(id.clone())),
                    attention: text(a, "attention"),
                    address_1: text(a, "address_1"),
                    address_2: text(a, "address_2"),
                    city: text(a, "city"),
                    region: text(a, "region"),
                    state_province: text(a, "state_province"),
                    postal_code: text(a, "postal_code"),
                    country: text(a, "country"),
                    address_type: text(a, "address_type"),
                },
                |r| &r.id,
            );
        }
        let owner = Owner {
            location: Some(id),
            ..Default::default()
        };
        self.owned(l, path, &owner);
    }

    /// The phones, contacts, schedules and languages nested in `v`, owned by `owner`.
    fn owned(&mut self, v: &Value, path: &str, owner: &Owner) {
        let or = |x: Option<String>, y: &Option<String>| x.or_else(|| y.clone());
        for (k, c) in list(v, "contacts").iter().enumerate() {
            let p = format!("{path}.contacts[{k}]");
            let Some(cid) = text(c, "id") else {
                self.missing_id(&p, k);
                continue;
            };
            push_unique(
                &mut self.pkg.contacts,
                Contact {
                    origin: origin(&p, k),
                    id: cid.clone(),
                    organization_id: or(text(c, "organization_id"), &owner.organization),
                    service_id: or(text(c, "service_id"), &owner.service),
                    location_id: or(text(c, "location_id"), &owner.location),
                    service_at_location_id: or(
                        text(c, "service_at_location_id"),
                        &owner.service_at_location,
                    ),
                    name: text(c, "name"),
                    title: text(c, "title"),
                    department: text(c, "department"),
                    email: text(c, "email"),
                },
                |r| &r.id,
            );
            self.owned(
                c,
                &p,
                &Owner {
                    contact: Some(cid),
                    ..Default::default()
                },
            );
        }
        for (k, ph) in list(v, "phones").iter().enumerate() {
            let p = format!("{path}.phones[{k}]");
            let Some(pid) = text(ph, "id") else {
                self.missing_id(&p, k);
                continue;
            };
            push_unique(
                &mut self.pkg.phones,
                Phone {
                    origin: origin(&p, k),
                    id: pid.clone(),
                    organization_id: or(text(ph, "organization_id"), &owner.organization),
                    service_id: or(text(ph, "service_id"), &owner.service),
                    location_id: or(text(ph, "location_id"), &owner.location),
                    contact_id: or(text(ph, "contact_id"), &owner.contact),
                    service_at_location_id: or(
                        text(ph, "service_at_location_id"),
                        &owner.service_at_location,
                    ),
                    number: text(ph, "number"),
                    extension: text(ph, "extension"),
                    r#type: text(ph, "type"),
                    description: text(ph, "description"),
                },
                |r| &r.id,
            );
            for (m, l) in list(ph, "languages").iter().enumerate() {
                self.language(
                    l,
                    &format!("{p}.languages[{m}]"),
                    m,
                    &Owner {
                        phone: Some(pid.clone()),
                        ..Default::default()
                    },
                );
            }
        }
        for (k, s) in list(v, "schedules").iter().enumerate() {
            let p = format!("{path}.schedules[{k}]");
            let Some(sid) = text(s, "id") else {
                self.missing_id(&p, k);
                continue;
            };
            push_unique(
                &mut self.pkg.schedules,
                Schedule {
                    origin: origin(&p, k),
                    id: sid,
                    service_id: or(text(s, "service_id"), &owner.service),
                    location_id: or(text(s, "location_id"), &owner.location),
                    service_at_location_id: or(
                        text(s, "service_at_location_id"),
                        &owner.service_at_location,
                    ),
                    valid_from: text(s, "valid_from"),
                    valid_to: text(s, "valid_to"),
                    dtstart: text(s, "dtstart"),
                    until: text(s, "until"),
                    wkst: text(s, "wkst"),
                    freq: text(s, "freq"),
                    interval: text(s, "interval"),
                    byday: text(s, "byday"),
                    bymonthday: text(s, "bymonthday"),
                    opens_at: text(s, "opens_at"),
                    closes_at: text(s, "closes_at"),
                    description: text(s, "description"),
                    attending_type: text(s, "attending_type"),
                    notes: text(s, "notes"),
                },
                |r| &r.id,
            );
        }
        for (k, l) in list(v, "languages").iter().enumerate() {
            self.language(l, &format!("{path}.languages[{k}]"), k, owner);
        }
    }

    fn language(&mut self, l: &Value, path: &str, k: usize, owner: &Owner) {
        let Some(lid) = text(l, "id") else {
            self.missing_id(path, k);
            return;
        };
        let or = |x: Option<String>, y: &Option<String>| x.or_else(|| y.clone());
        push_unique(
            &mut self.pkg.languages,
            Language {
                origin: origin(path, k),
                id: lid,
                service_id: or(text(l, "service_id"), &owner.service),
                location_id: or(text(l, "location_id"), &owner.location),
                phone_id: or(text(l, "phone_id"), &owner.phone),
                name: text(l, "name"),
                code: text(l, "code"),
                note: text(l, "note"),
            },
            |r| &r.id,
        );
    }
}

/// Whose nested rows are being read.
#[derive(Default)]
struct Owner {
    organization: Option<String>,
    service: Option<String>,
    location: Option<String>,
    contact: Option<String>,
    service_at_location: Option<String>,
    phone: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_1x_weekday_reads_as_a_name_or_an_iso_number() {
        assert_eq!(weekday("Friday"), Some("FR"));
        assert_eq!(weekday("mon"), Some("MO"));
        assert_eq!(weekday("1"), Some("MO"));
        assert_eq!(weekday("7"), Some("SU"));
        assert_eq!(weekday("TH"), Some("TH"));
        assert_eq!(weekday("8"), None);
        assert_eq!(seconds("09:00"), "09:00:00");
    }
}
