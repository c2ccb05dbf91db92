//! The parts of a directory entry that HSDS keeps as rows of their own: a provider's
//! locations with their addresses, and the phones, contacts, schedules and languages of a
//! provider, a service or a location. What they are, how they are checked when typed, and
//! how they read on one line.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::hsds;
use super::people::{Problems, MAX_NAME, MAX_TEXT};
use super::text::clean;
use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

text_enum!(
    /// A service's status in HSDS 3.0 (`temporarily closed` there is `temporarily_closed` here).
    ServiceStatus {
        Active = "active",
        Inactive = "inactive",
        Defunct = "defunct",
        TemporarilyClosed = "temporarily_closed",
    }
);

// The enum comes from `text_enum!`, whose variants take no attributes.
#[allow(clippy::derivable_impls)]
impl Default for ServiceStatus {
    fn default() -> Self {
        ServiceStatus::Active
    }
}

impl ServiceStatus {
    /// The value as HSDS writes it.
    pub fn hsds(self) -> &'static str {
        match self {
            ServiceStatus::TemporarilyClosed => "temporarily closed",
            other => other.as_str(),
        }
    }

    /// Reads HSDS's text (any case; `temporarily closed`, `temporarily_closed`).
    pub fn from_hsds(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase().replace(['_', '-'], " ");
        match t.as_str() {
            "temporarily closed" => Some(ServiceStatus::TemporarilyClosed),
            other => ServiceStatus::parse(other),
        }
    }
}

text_enum!(
    /// What kind of place a location or an address is (HSDS `location_type`, `address_type`).
    PlaceKind {
        Physical = "physical",
        Postal = "postal",
        Virtual = "virtual",
    }
);

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    pub id: String,
    pub number: String,
    pub extension: Option<String>,
    /// HSDS `type` (voice, fax, text, cell, video, pager, textphone), as written.
    pub kind: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub name: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub email: Option<String>,
    /// The contact's own phones (numbers on one line), shown beside them.
    pub phones: Vec<Phone>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub id: String,
    pub address_type: PlaceKind,
    pub attention: Option<String>,
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub state_province: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: String,
    pub location_type: PlaceKind,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub transportation: Option<String>,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub url: Option<String>,
    pub addresses: Vec<Address>,
    /// The location on one line: its name, then its first physical (else any) address.
    pub one_line: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    pub id: String,
    pub freq: Option<String>,
    pub interval: Option<String>,
    /// RRULE days (`MO,TU`).
    pub byday: Option<String>,
    pub bymonthday: Option<String>,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub dtstart: Option<String>,
    pub until: Option<String>,
    pub wkst: Option<String>,
    pub description: Option<String>,
    pub attending_type: Option<String>,
    pub notes: Option<String>,
    /// The schedule in words (`Thu, Fri 10:00–18:00`).
    pub summary: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Language {
    pub id: String,
    pub name: Option<String>,
    pub code: Option<String>,
    pub note: Option<String>,
}

// ---- what is typed ---------------------------------------------------------------------

/// A phone as typed; `id` absent for a new one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PhoneInput {
    pub id: Option<String>,
    pub number: String,
    pub extension: String,
    pub kind: String,
    pub description: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ContactInput {
    pub id: Option<String>,
    pub name: String,
    pub title: String,
    pub department: String,
    pub email: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AddressInput {
    pub id: Option<String>,
    pub address_type: Option<PlaceKind>,
    pub attention: String,
    pub address_1: String,
    pub address_2: String,
    pub city: String,
    pub region: String,
    pub state_province: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LocationInput {
    pub id: Option<String>,
    pub location_type: Option<PlaceKind>,
    pub name: String,
    pub alternate_name: String,
    pub description: String,
    pub transportation: String,
    pub latitude: String,
    pub longitude: String,
    pub url: String,
    pub addresses: Vec<AddressInput>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ScheduleInput {
    pub id: Option<String>,
    pub freq: String,
    pub interval: String,
    pub byday: String,
    pub bymonthday: String,
    pub opens_at: String,
    pub closes_at: String,
    pub valid_from: String,
    pub valid_to: String,
    pub dtstart: String,
    pub until: String,
    pub wkst: String,
    pub description: String,
    pub attending_type: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LanguageInput {
    pub id: Option<String>,
    pub name: String,
    pub code: String,
    pub note: String,
}

// ---- checked, ready for the store --------------------------------------------------------

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidPhone {
    pub id: Option<String>,
    pub number: String,
    pub extension: Option<String>,
    pub kind: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidContact {
    pub id: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidAddress {
    pub id: Option<String>,
    pub address_type: PlaceKind,
    pub attention: Option<String>,
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub state_province: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidLocation {
    pub id: Option<String>,
    pub location_type: PlaceKind,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub transportation: Option<String>,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub url: Option<String>,
    pub addresses: Vec<ValidAddress>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidSchedule {
    pub id: Option<String>,
    pub freq: Option<String>,
    pub interval: Option<String>,
    pub byday: Option<String>,
    pub bymonthday: Option<String>,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub dtstart: Option<String>,
    pub until: Option<String>,
    pub wkst: Option<String>,
    pub description: Option<String>,
    pub attending_type: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidLanguage {
    pub id: Option<String>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub note: Option<String>,
}

fn limited(p: &mut Problems, field: &str, value: &str, max: usize) -> Option<String> {
    let v = clean(Some(value));
    if v.as_ref().is_some_and(|v| v.chars().count() > max) {
        p.add(field, format!("This can be at most {max} characters."));
    }
    v
}

/// An email address like `name@example.org` (or nothing).
pub fn email(p: &mut Problems, field: &str, value: &str) -> Option<String> {
    let v = limited(p, field, value, 200);
    if let Some(e) = &v {
        let ok = e
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !e.contains(' '));
        if !ok {
            p.add(field, "Enter an email address like name@example.org.");
        }
    }
    v
}

fn id(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The phones typed for one owner; `field` names the list (`phones`), each problem names its
/// row (`phones.1.number`).
pub fn phones(p: &mut Problems, field: &str, input: &[PhoneInput]) -> Vec<ValidPhone> {
    input
        .iter()
        .enumerate()
        .map(|(i, ph)| {
            let at = |f: &str| format!("{field}.{i}.{f}");
            let number = limited(p, &at("number"), &ph.number, 40);
            if number.is_none() {
                p.add(at("number"), "Enter the phone number, or remove the row.");
            }
            let extension = limited(p, &at("extension"), &ph.extension, 10);
            if extension
                .as_deref()
                .is_some_and(|e| !e.chars().all(|c| c.is_ascii_digit()))
            {
                p.add(at("extension"), "An extension is digits only.");
            }
            ValidPhone {
                id: id(&ph.id),
                number: number.unwrap_or_default(),
                extension,
                kind: limited(p, &at("kind"), &ph.kind, 40),
                description: limited(p, &at("description"), &ph.description, MAX_TEXT),
            }
        })
        .collect()
}

pub fn contacts(p: &mut Problems, field: &str, input: &[ContactInput]) -> Vec<ValidContact> {
    input
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let at = |f: &str| format!("{field}.{i}.{f}");
            let v = ValidContact {
                id: id(&c.id),
                name: limited(p, &at("name"), &c.name, MAX_NAME),
                title: limited(p, &at("title"), &c.title, MAX_NAME),
                department: limited(p, &at("department"), &c.department, MAX_NAME),
                email: email(p, &at("email"), &c.email),
            };
            if v.name.is_none() && v.title.is_none() && v.email.is_none() {
                p.add(
                    at("name"),
                    "Enter the contact's name or title, or remove the row.",
                );
            }
            v
        })
        .collect()
}

fn address(p: &mut Problems, at: &str, a: &AddressInput) -> ValidAddress {
    let f = |n: &str| format!("{at}.{n}");
    let v = ValidAddress {
        id: id(&a.id),
        address_type: a.address_type.unwrap_or(PlaceKind::Physical),
        attention: limited(p, &f("attention"), &a.attention, MAX_NAME),
        address_1: limited(p, &f("address1"), &a.address_1, 300),
        address_2: limited(p, &f("address2"), &a.address_2, 300),
        city: limited(p, &f("city"), &a.city, MAX_NAME),
        region: limited(p, &f("region"), &a.region, MAX_NAME),
        state_province: limited(p, &f("stateProvince"), &a.state_province, MAX_NAME),
        postal_code: limited(p, &f("postalCode"), &a.postal_code, 20),
        country: limited(p, &f("country"), &a.country, 2).map(|c| c.to_uppercase()),
    };
    if v.address_1.is_none() {
        p.add(
            f("address1"),
            "Enter the street address, or remove the address.",
        );
    }
    v
}

pub fn locations(p: &mut Problems, field: &str, input: &[LocationInput]) -> Vec<ValidLocation> {
    input
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let at = |f: &str| format!("{field}.{i}.{f}");
            let v = ValidLocation {
                id: id(&l.id),
                location_type: l.location_type.unwrap_or(PlaceKind::Physical),
                name: limited(p, &at("name"), &l.name, MAX_NAME),
                alternate_name: limited(p, &at("alternateName"), &l.alternate_name, MAX_NAME),
                description: limited(p, &at("description"), &l.description, MAX_TEXT),
                transportation: limited(p, &at("transportation"), &l.transportation, MAX_TEXT),
                latitude: coordinate(p, &at("latitude"), &l.latitude, 90.0),
                longitude: coordinate(p, &at("longitude"), &l.longitude, 180.0),
                url: limited(p, &at("url"), &l.url, 300),
                addresses: l
                    .addresses
                    .iter()
                    .enumerate()
                    .map(|(j, a)| address(p, &format!("{field}.{i}.addresses.{j}"), a))
                    .collect(),
            };
            if v.name.is_none() && v.addresses.is_empty() {
                p.add(
                    at("name"),
                    "Give the location a name or an address, or remove it.",
                );
            }
            v
        })
        .collect()
}

fn coordinate(p: &mut Problems, field: &str, value: &str, max: f64) -> Option<String> {
    let v = clean(Some(value))?;
    match v.parse::<f64>() {
        Ok(n) if n.abs() <= max => Some(v),
        _ => {
            p.add(field, format!("Enter a number between -{max} and {max}."));
            Some(v)
        }
    }
}

const DAYS: [(&str, &str); 7] = [
    ("MO", "Mon"),
    ("TU", "Tue"),
    ("WE", "Wed"),
    ("TH", "Thu"),
    ("FR", "Fri"),
    ("SA", "Sat"),
    ("SU", "Sun"),
];

/// A clock time typed as `9:00`, `09:00` or `09:00:00`, kept as HSDS writes it (`09:00:00`).
fn clock(p: &mut Problems, field: &str, value: &str) -> Option<String> {
    let v = clean(Some(value))?;
    let parts: Vec<&str> = v.split(':').collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|s| s.parse().ok()).collect();
    match nums.as_deref() {
        Some([h, m]) | Some([h, m, 0]) if *h < 24 && *m < 60 => Some(format!("{h:02}:{m:02}:00")),
        Some([h, m, s]) if *h < 24 && *m < 60 && *s < 60 => Some(format!("{h:02}:{m:02}:{s:02}")),
        _ => {
            p.add(field, "Enter a time like 09:00.");
            None
        }
    }
}

pub fn schedules(p: &mut Problems, field: &str, input: &[ScheduleInput]) -> Vec<ValidSchedule> {
    input
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = |f: &str| format!("{field}.{i}.{f}");
            let byday = limited(p, &at("byday"), &s.byday, 40).map(|d| d.to_uppercase());
            if byday.as_deref().is_some_and(|d| {
                d.split(',')
                    .any(|day| !DAYS.iter().any(|(code, _)| day.trim().ends_with(code)))
            }) {
                p.add(at("byday"), "Days are written MO, TU, WE, TH, FR, SA, SU.");
            }
            let v = ValidSchedule {
                id: id(&s.id),
                freq: limited(p, &at("freq"), &s.freq, 20).map(|f| f.to_uppercase()),
                interval: limited(p, &at("interval"), &s.interval, 10),
                byday,
                bymonthday: limited(p, &at("bymonthday"), &s.bymonthday, 100),
                opens_at: clock(p, &at("opensAt"), &s.opens_at),
                closes_at: clock(p, &at("closesAt"), &s.closes_at),
                valid_from: limited(p, &at("validFrom"), &s.valid_from, 30),
                valid_to: limited(p, &at("validTo"), &s.valid_to, 30),
                dtstart: limited(p, &at("dtstart"), &s.dtstart, 30),
                until: limited(p, &at("until"), &s.until, 30),
                wkst: limited(p, &at("wkst"), &s.wkst, 2),
                description: limited(p, &at("description"), &s.description, MAX_TEXT),
                attending_type: limited(p, &at("attendingType"), &s.attending_type, MAX_TEXT),
                notes: limited(p, &at("notes"), &s.notes, MAX_TEXT),
            };
            if v.byday.is_none() && v.opens_at.is_none() && v.description.is_none() {
                p.add(
                    at("description"),
                    "Give the days and hours, or describe the schedule.",
                );
            }
            v
        })
        .collect()
}

pub fn languages(p: &mut Problems, field: &str, input: &[LanguageInput]) -> Vec<ValidLanguage> {
    input
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let at = |f: &str| format!("{field}.{i}.{f}");
            let v = ValidLanguage {
                id: id(&l.id),
                name: limited(p, &at("name"), &l.name, MAX_NAME),
                code: limited(p, &at("code"), &l.code, 20),
                note: limited(p, &at("note"), &l.note, MAX_TEXT),
            };
            if v.name.is_none() && v.code.is_none() {
                p.add(at("name"), "Enter the language, or remove the row.");
            }
            v
        })
        .collect()
}

// ---- on one line -------------------------------------------------------------------------

/// An address on one line: `12 Main St, Suite 4, Springfield, IL 62701`.
pub fn address_line(a: &Address) -> String {
    let state_zip = [a.state_province.as_deref(), a.postal_code.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        a.address_1.clone(),
        a.address_2.clone(),
        a.city.clone(),
        (!state_zip.is_empty()).then_some(state_zip),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// A location on one line: its name, then its first physical (else first) address.
pub fn location_line(name: Option<&str>, addresses: &[Address]) -> String {
    let address = addresses
        .iter()
        .find(|a| a.address_type == PlaceKind::Physical)
        .or(addresses.first())
        .map(address_line)
        .filter(|a| !a.is_empty());
    match (name, address) {
        (Some(n), Some(a)) => format!("{n} — {a}"),
        (Some(n), None) => n.to_owned(),
        (None, Some(a)) => a,
        (None, None) => String::new(),
    }
}

/// A phone on one line: `555-0101 ext. 12`.
pub fn phone_line(p: &Phone) -> String {
    match &p.extension {
        Some(e) => format!("{} ext. {e}", p.number),
        None => p.number.clone(),
    }
}

/// A schedule in words: `Thu, Fri 10:00–18:00`, else its description.
pub fn schedule_summary(s: &Schedule) -> String {
    let days = s.byday.as_deref().map(|d| {
        d.split(',')
            .filter_map(|day| {
                let day = day.trim();
                DAYS.iter()
                    .find(|(code, _)| day.ends_with(code))
                    .map(|(_, name)| *name)
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    let hm = |t: &Option<String>| t.as_deref().map(|t| t.get(..5).unwrap_or(t).to_owned());
    let hours = match (hm(&s.opens_at), hm(&s.closes_at)) {
        (Some(o), Some(c)) => Some(format!("{o}–{c}")),
        (Some(o), None) => Some(format!("from {o}")),
        (None, Some(c)) => Some(format!("until {c}")),
        _ => None,
    };
    let words = [days.filter(|d| !d.is_empty()), hours]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if words.is_empty() {
        s.description.clone().unwrap_or_default()
    } else {
        words
    }
}

// ---- as stored -----------------------------------------------------------------------------

/// A row as the store keeps it: the HSDS shape with the app's own ids (`row.id` and every
/// link: `organization_id` is the provider's id when the row is the organization's own), the
/// provider it belongs to, and the id it had in the HSDS source it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored<T> {
    pub provider_id: String,
    pub hsds_id: Option<String>,
    pub row: T,
}

/// Every detail row of one provider (or of the whole directory), in their stored order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailRows {
    pub locations: Vec<Stored<hsds::Location>>,
    pub addresses: Vec<Stored<hsds::Address>>,
    pub service_at_locations: Vec<Stored<hsds::ServiceAtLocation>>,
    pub phones: Vec<Stored<hsds::Phone>>,
    pub contacts: Vec<Stored<hsds::Contact>>,
    pub schedules: Vec<Stored<hsds::Schedule>>,
    pub languages: Vec<Stored<hsds::Language>>,
}

impl DetailRows {
    /// The rows of one provider.
    pub fn of_provider(&self, provider_id: &str) -> DetailRows {
        fn keep<T: Clone>(rows: &[Stored<T>], id: &str) -> Vec<Stored<T>> {
            rows.iter()
                .filter(|r| r.provider_id == id)
                .cloned()
                .collect()
        }
        DetailRows {
            locations: keep(&self.locations, provider_id),
            addresses: keep(&self.addresses, provider_id),
            service_at_locations: keep(&self.service_at_locations, provider_id),
            phones: keep(&self.phones, provider_id),
            contacts: keep(&self.contacts, provider_id),
            schedules: keep(&self.schedules, provider_id),
            languages: keep(&self.languages, provider_id),
        }
    }
}

/// Whose a phone, contact, schedule or language is, for showing and editing it: the most
/// specific of its links (a contact's phone is the contact's; a phone of a service at a
/// location is the service's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    Contact(String),
    Service(String),
    Location(String),
    Organization,
}

fn home_of(
    contact: &Option<String>,
    service: &Option<String>,
    at_location: &Option<String>,
    location: &Option<String>,
    rows: &DetailRows,
) -> Home {
    if let Some(c) = contact {
        return Home::Contact(c.clone());
    }
    if let Some(s) = service {
        return Home::Service(s.clone());
    }
    if let Some(sal) = at_location {
        if let Some(s) = rows
            .service_at_locations
            .iter()
            .find(|r| &r.row.id == sal)
            .and_then(|r| r.row.service_id.clone())
        {
            return Home::Service(s);
        }
    }
    match location {
        Some(l) => Home::Location(l.clone()),
        None => Home::Organization,
    }
}

pub fn phone_home(p: &hsds::Phone, rows: &DetailRows) -> Home {
    home_of(
        &p.contact_id,
        &p.service_id,
        &p.service_at_location_id,
        &p.location_id,
        rows,
    )
}

pub fn contact_home(c: &hsds::Contact, rows: &DetailRows) -> Home {
    home_of(
        &None,
        &c.service_id,
        &c.service_at_location_id,
        &c.location_id,
        rows,
    )
}

pub fn schedule_home(s: &hsds::Schedule, rows: &DetailRows) -> Home {
    home_of(
        &None,
        &s.service_id,
        &s.service_at_location_id,
        &s.location_id,
        rows,
    )
}

pub fn language_home(l: &hsds::Language, rows: &DetailRows) -> Home {
    home_of(&None, &l.service_id, &None, &l.location_id, rows)
}

fn place(text: &Option<String>) -> PlaceKind {
    text.as_deref()
        .and_then(|t| PlaceKind::parse(&t.trim().to_lowercase()))
        .unwrap_or(PlaceKind::Physical)
}

pub fn phone_of(p: &hsds::Phone) -> Phone {
    Phone {
        id: p.id.clone(),
        number: p.number.clone().unwrap_or_default(),
        extension: p.extension.clone(),
        kind: p.r#type.clone(),
        description: p.description.clone(),
    }
}

fn contact_of(c: &hsds::Contact, rows: &DetailRows) -> Contact {
    Contact {
        id: c.id.clone(),
        name: c.name.clone(),
        title: c.title.clone(),
        department: c.department.clone(),
        email: c.email.clone(),
        phones: rows
            .phones
            .iter()
            .filter(|p| p.row.contact_id.as_deref() == Some(c.id.as_str()))
            .map(|p| phone_of(&p.row))
            .collect(),
    }
}

fn address_of(a: &hsds::Address) -> Address {
    Address {
        id: a.id.clone(),
        address_type: place(&a.address_type),
        attention: a.attention.clone(),
        address_1: a.address_1.clone(),
        address_2: a.address_2.clone(),
        city: a.city.clone(),
        region: a.region.clone(),
        state_province: a.state_province.clone(),
        postal_code: a.postal_code.clone(),
        country: a.country.clone(),
    }
}

fn schedule_of(s: &hsds::Schedule) -> Schedule {
    let mut v = Schedule {
        id: s.id.clone(),
        freq: s.freq.clone(),
        interval: s.interval.clone(),
        byday: s.byday.clone(),
        bymonthday: s.bymonthday.clone(),
        opens_at: s.opens_at.clone(),
        closes_at: s.closes_at.clone(),
        valid_from: s.valid_from.clone(),
        valid_to: s.valid_to.clone(),
        dtstart: s.dtstart.clone(),
        until: s.until.clone(),
        wkst: s.wkst.clone(),
        description: s.description.clone(),
        attending_type: s.attending_type.clone(),
        notes: s.notes.clone(),
        summary: String::new(),
    };
    v.summary = schedule_summary(&v);
    v
}

fn language_of(l: &hsds::Language) -> Language {
    Language {
        id: l.id.clone(),
        name: l.name.clone(),
        code: l.code.clone(),
        note: l.note.clone(),
    }
}

/// What one owner has: its phones, contacts, schedules and languages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Owned {
    pub phones: Vec<Phone>,
    pub contacts: Vec<Contact>,
    pub schedules: Vec<Schedule>,
    pub languages: Vec<Language>,
}

/// The phones, contacts, schedules and languages whose home is `home`.
pub fn owned_by(rows: &DetailRows, home: &Home) -> Owned {
    Owned {
        phones: rows
            .phones
            .iter()
            .filter(|p| &phone_home(&p.row, rows) == home)
            .map(|p| phone_of(&p.row))
            .collect(),
        contacts: rows
            .contacts
            .iter()
            .filter(|c| &contact_home(&c.row, rows) == home)
            .map(|c| contact_of(&c.row, rows))
            .collect(),
        schedules: rows
            .schedules
            .iter()
            .filter(|s| &schedule_home(&s.row, rows) == home)
            .map(|s| schedule_of(&s.row))
            .collect(),
        languages: rows
            .languages
            .iter()
            .filter(|l| &language_home(&l.row, rows) == home)
            .map(|l| language_of(&l.row))
            .collect(),
    }
}

/// The provider's locations with their addresses.
pub fn locations_of(rows: &DetailRows) -> Vec<Location> {
    rows.locations
        .iter()
        .map(|l| {
            let addresses: Vec<Address> = rows
                .addresses
                .iter()
                .filter(|a| a.row.location_id.as_deref() == Some(l.row.id.as_str()))
                .map(|a| address_of(&a.row))
                .collect();
            Location {
                id: l.row.id.clone(),
                location_type: place(&l.row.location_type),
                name: l.row.name.clone(),
                alternate_name: l.row.alternate_name.clone(),
                description: l.row.description.clone(),
                transportation: l.row.transportation.clone(),
                latitude: l.row.latitude.clone(),
                longitude: l.row.longitude.clone(),
                url: l.row.url.clone(),
                one_line: location_line(l.row.name.as_deref(), &addresses),
                addresses,
            }
        })
        .collect()
}

/// The locations a service is offered at.
pub fn service_location_ids(rows: &DetailRows, service_id: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for r in &rows.service_at_locations {
        if r.row.service_id.as_deref() == Some(service_id) {
            if let Some(l) = &r.row.location_id {
                if !ids.contains(l) {
                    ids.push(l.clone());
                }
            }
        }
    }
    ids
}

// ---- editing ----------------------------------------------------------------------------

fn stored<T>(provider_id: &str, hsds_id: Option<String>, row: T) -> Stored<T> {
    Stored {
        provider_id: provider_id.to_owned(),
        hsds_id,
        row,
    }
}

/// The HSDS id a row kept from its source, when an edited row keeps its id.
fn kept_hsds<T>(
    rows: &[Stored<T>],
    id: &Option<String>,
    row_id: impl Fn(&T) -> &str,
) -> Option<String> {
    let id = id.as_deref()?;
    rows.iter()
        .find(|r| row_id(&r.row) == id)
        .and_then(|r| r.hsds_id.clone())
}

/// An edited row keeps its id when it had one of this owner's; otherwise it is new.
fn row_id<T>(
    rows: &[Stored<T>],
    id: &Option<String>,
    row_id: impl Fn(&T) -> &str,
    new_id: &mut impl FnMut() -> String,
) -> String {
    match id.as_deref() {
        Some(id) if rows.iter().any(|r| row_id(&r.row) == id) => id.to_owned(),
        _ => new_id(),
    }
}

/// The detail rows after the phones and contacts of `home` were replaced by those typed: a
/// row typed with its id keeps its id, its HSDS id and its other links; a row of `home` not
/// typed is removed (with the phones of a contact removed).
fn replace_owned(
    before: &DetailRows,
    provider_id: &str,
    home: &Home,
    phones: &[ValidPhone],
    contacts: &[ValidContact],
    new_id: &mut impl FnMut() -> String,
) -> DetailRows {
    let mut after = before.clone();
    let link = |r: &mut hsds::Phone| match home {
        Home::Organization => r.organization_id = Some(provider_id.to_owned()),
        Home::Service(s) => r.service_id = Some(s.clone()),
        Home::Location(l) => r.location_id = Some(l.clone()),
        Home::Contact(c) => r.contact_id = Some(c.clone()),
    };
    // Contacts first: the phones of a contact removed go with it.
    let old_contacts: Vec<Stored<hsds::Contact>> = before
        .contacts
        .iter()
        .filter(|c| &contact_home(&c.row, before) == home)
        .cloned()
        .collect();
    after
        .contacts
        .retain(|c| &contact_home(&c.row, before) != home);
    for c in contacts {
        let id = row_id(&old_contacts, &c.id, |r| &r.id, new_id);
        let mut row = old_contacts
            .iter()
            .find(|o| o.row.id == id)
            .map(|o| o.row.clone())
            .unwrap_or_else(|| {
                let mut r = hsds::Contact::default();
                match home {
                    Home::Organization => r.organization_id = Some(provider_id.to_owned()),
                    Home::Service(s) => r.service_id = Some(s.clone()),
                    Home::Location(l) => r.location_id = Some(l.clone()),
                    Home::Contact(_) => {}
                }
                r
            });
        row.id = id;
        row.name = c.name.clone();
        row.title = c.title.clone();
        row.department = c.department.clone();
        row.email = c.email.clone();
        let hsds_id = kept_hsds(&old_contacts, &c.id, |r| &r.id);
        after.contacts.push(stored(provider_id, hsds_id, row));
    }
    let kept: Vec<&str> = after.contacts.iter().map(|c| c.row.id.as_str()).collect();
    after.phones.retain(|p| {
        p.row
            .contact_id
            .as_deref()
            .is_none_or(|c| kept.contains(&c))
    });

    let old_phones: Vec<Stored<hsds::Phone>> = after
        .phones
        .iter()
        .filter(|p| &phone_home(&p.row, before) == home)
        .cloned()
        .collect();
    after.phones.retain(|p| &phone_home(&p.row, before) != home);
    for p in phones {
        let id = row_id(&old_phones, &p.id, |r| &r.id, new_id);
        let mut row = old_phones
            .iter()
            .find(|o| o.row.id == id)
            .map(|o| o.row.clone())
            .unwrap_or_else(|| {
                let mut r = hsds::Phone::default();
                link(&mut r);
                r
            });
        row.id = id;
        row.number = Some(p.number.clone());
        row.extension = p.extension.clone();
        row.r#type = p.kind.clone();
        row.description = p.description.clone();
        let hsds_id = kept_hsds(&old_phones, &p.id, |r| &r.id);
        after.phones.push(stored(provider_id, hsds_id, row));
    }
    after
}

/// The provider's detail rows after an edit of the provider: its own phones and contacts,
/// and its locations with their addresses. A location removed takes its addresses and the
/// services offered there with it; rows linked to it lose the link, and go when nothing
/// else holds them.
pub fn edit_provider_details(
    before: &DetailRows,
    provider_id: &str,
    valid: &ValidProviderDetails<'_>,
    new_id: &mut impl FnMut() -> String,
) -> DetailRows {
    let mut after = replace_owned(
        before,
        provider_id,
        &Home::Organization,
        valid.phones,
        valid.contacts,
        new_id,
    );
    let old = before.locations.clone();
    after.locations.clear();
    after.addresses.clear();
    for l in valid.locations {
        let id = row_id(&old, &l.id, |r| &r.id, new_id);
        let mut row = old
            .iter()
            .find(|o| o.row.id == id)
            .map(|o| o.row.clone())
            .unwrap_or_default();
        row.id = id.clone();
        row.organization_id = Some(provider_id.to_owned());
        row.location_type = Some(l.location_type.as_str().to_owned());
        row.name = l.name.clone();
        row.alternate_name = l.alternate_name.clone();
        row.description = l.description.clone();
        row.transportation = l.transportation.clone();
        row.latitude = l.latitude.clone();
        row.longitude = l.longitude.clone();
        row.url = l.url.clone();
        let hsds_id = kept_hsds(&old, &l.id, |r| &r.id);
        after.locations.push(stored(provider_id, hsds_id, row));
        let old_addresses: Vec<Stored<hsds::Address>> = before
            .addresses
            .iter()
            .filter(|a| a.row.location_id.as_deref() == Some(id.as_str()))
            .cloned()
            .collect();
        for a in &l.addresses {
            let aid = row_id(&old_addresses, &a.id, |r| &r.id, new_id);
            let hsds_id = kept_hsds(&old_addresses, &a.id, |r| &r.id);
            after.addresses.push(stored(
                provider_id,
                hsds_id,
                hsds::Address {
                    origin: Default::default(),
                    id: aid,
                    location_id: Some(id.clone()),
                    attention: a.attention.clone(),
                    address_1: a.address_1.clone(),
                    address_2: a.address_2.clone(),
                    city: a.city.clone(),
                    region: a.region.clone(),
                    state_province: a.state_province.clone(),
                    postal_code: a.postal_code.clone(),
                    country: a.country.clone(),
                    address_type: Some(a.address_type.as_str().to_owned()),
                },
            ));
        }
    }
    drop_missing_locations(&mut after);
    after
}

/// The provider-level parts of an edit, borrowed from the checked input.
pub struct ValidProviderDetails<'a> {
    pub phones: &'a [ValidPhone],
    pub contacts: &'a [ValidContact],
    pub locations: &'a [ValidLocation],
}

/// Rows that point at a location no longer there lose the link; a service-at-location row
/// goes, and so does a row nothing else holds.
fn drop_missing_locations(rows: &mut DetailRows) {
    let ids: Vec<String> = rows.locations.iter().map(|l| l.row.id.clone()).collect();
    let gone = |l: &Option<String>| l.as_ref().is_some_and(|l| !ids.contains(l));
    rows.service_at_locations
        .retain(|r| !gone(&r.row.location_id));
    let sals: Vec<String> = rows
        .service_at_locations
        .iter()
        .map(|r| r.row.id.clone())
        .collect();
    let sal_gone = |s: &Option<String>| s.as_ref().is_some_and(|s| !sals.contains(s));
    for p in &mut rows.phones {
        if gone(&p.row.location_id) {
            p.row.location_id = None;
        }
        if sal_gone(&p.row.service_at_location_id) {
            p.row.service_at_location_id = None;
        }
    }
    for c in &mut rows.contacts {
        if gone(&c.row.location_id) {
            c.row.location_id = None;
        }
        if sal_gone(&c.row.service_at_location_id) {
            c.row.service_at_location_id = None;
        }
    }
    for s in &mut rows.schedules {
        if gone(&s.row.location_id) {
            s.row.location_id = None;
        }
        if sal_gone(&s.row.service_at_location_id) {
            s.row.service_at_location_id = None;
        }
    }
    for l in &mut rows.languages {
        if gone(&l.row.location_id) {
            l.row.location_id = None;
        }
    }
    rows.phones.retain(|p| {
        let r = &p.row;
        r.organization_id.is_some()
            || r.service_id.is_some()
            || r.location_id.is_some()
            || r.contact_id.is_some()
            || r.service_at_location_id.is_some()
    });
    rows.contacts.retain(|c| {
        let r = &c.row;
        r.organization_id.is_some()
            || r.service_id.is_some()
            || r.location_id.is_some()
            || r.service_at_location_id.is_some()
    });
    rows.schedules.retain(|s| {
        let r = &s.row;
        r.service_id.is_some() || r.location_id.is_some() || r.service_at_location_id.is_some()
    });
    rows.languages.retain(|l| {
        l.row.service_id.is_some() || l.row.location_id.is_some() || l.row.phone_id.is_some()
    });
}

/// The service-level parts of an edit.
pub struct ValidServiceDetails<'a> {
    pub location_ids: &'a [String],
    pub phones: &'a [ValidPhone],
    pub contacts: &'a [ValidContact],
    pub schedules: &'a [ValidSchedule],
    pub languages: &'a [ValidLanguage],
}

/// The provider's detail rows after an edit of one of its services: its own phones,
/// contacts, schedules and languages, and the locations it is offered at (each one of the
/// provider's; refused otherwise).
pub fn edit_service_details(
    before: &DetailRows,
    provider_id: &str,
    service_id: &str,
    valid: &ValidServiceDetails<'_>,
    new_id: &mut impl FnMut() -> String,
) -> AppResult<DetailRows> {
    for l in valid.location_ids {
        if !before.locations.iter().any(|o| &o.row.id == l) {
            return Err(AppError::invalid(
                "locationIds",
                "Choose locations of this provider (add the location to the provider first).",
            ));
        }
    }
    let home = Home::Service(service_id.to_owned());
    let mut after = replace_owned(
        before,
        provider_id,
        &home,
        valid.phones,
        valid.contacts,
        new_id,
    );
    // Where it is offered: keep the rows for locations still chosen, add the new ones.
    after.service_at_locations.retain(|r| {
        r.row.service_id.as_deref() != Some(service_id)
            || r.row
                .location_id
                .as_ref()
                .is_some_and(|l| valid.location_ids.contains(l))
    });
    for l in valid.location_ids {
        let there = after.service_at_locations.iter().any(|r| {
            r.row.service_id.as_deref() == Some(service_id) && r.row.location_id.as_ref() == Some(l)
        });
        if !there {
            after.service_at_locations.push(stored(
                provider_id,
                None,
                hsds::ServiceAtLocation {
                    origin: Default::default(),
                    id: new_id(),
                    service_id: Some(service_id.to_owned()),
                    location_id: Some(l.clone()),
                    description: None,
                },
            ));
        }
    }
    let old_schedules: Vec<Stored<hsds::Schedule>> = before
        .schedules
        .iter()
        .filter(|s| schedule_home(&s.row, before) == home)
        .cloned()
        .collect();
    after
        .schedules
        .retain(|s| schedule_home(&s.row, before) != home);
    for s in valid.schedules {
        let id = row_id(&old_schedules, &s.id, |r| &r.id, new_id);
        let mut row = old_schedules
            .iter()
            .find(|o| o.row.id == id)
            .map(|o| o.row.clone())
            .unwrap_or_else(|| hsds::Schedule {
                service_id: Some(service_id.to_owned()),
                ..Default::default()
            });
        row.id = id;
        row.freq = s.freq.clone();
        row.interval = s.interval.clone();
        row.byday = s.byday.clone();
        row.bymonthday = s.bymonthday.clone();
        row.opens_at = s.opens_at.clone();
        row.closes_at = s.closes_at.clone();
        row.valid_from = s.valid_from.clone();
        row.valid_to = s.valid_to.clone();
        row.dtstart = s.dtstart.clone();
        row.until = s.until.clone();
        row.wkst = s.wkst.clone();
        row.description = s.description.clone();
        row.attending_type = s.attending_type.clone();
        row.notes = s.notes.clone();
        let hsds_id = kept_hsds(&old_schedules, &s.id, |r| &r.id);
        after.schedules.push(stored(provider_id, hsds_id, row));
    }
    let old_languages: Vec<Stored<hsds::Language>> = before
        .languages
        .iter()
        .filter(|l| language_home(&l.row, before) == home)
        .cloned()
        .collect();
    after
        .languages
        .retain(|l| language_home(&l.row, before) != home);
    for l in valid.languages {
        let id = row_id(&old_languages, &l.id, |r| &r.id, new_id);
        let mut row = old_languages
            .iter()
            .find(|o| o.row.id == id)
            .map(|o| o.row.clone())
            .unwrap_or_else(|| hsds::Language {
                service_id: Some(service_id.to_owned()),
                ..Default::default()
            });
        row.id = id;
        row.name = l.name.clone();
        row.code = l.code.clone();
        row.note = l.note.clone();
        let hsds_id = kept_hsds(&old_languages, &l.id, |r| &r.id);
        after.languages.push(stored(provider_id, hsds_id, row));
    }
    drop_missing_locations(&mut after);
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsds_statuses_read_in_any_spelling_and_write_back_as_hsds_has_them() {
        assert_eq!(
            ServiceStatus::from_hsds("Temporarily Closed"),
            Some(ServiceStatus::TemporarilyClosed)
        );
        assert_eq!(
            ServiceStatus::from_hsds("temporarily_closed"),
            Some(ServiceStatus::TemporarilyClosed)
        );
        assert_eq!(
            ServiceStatus::from_hsds(" ACTIVE "),
            Some(ServiceStatus::Active)
        );
        assert_eq!(ServiceStatus::from_hsds("open"), None);
        assert_eq!(
            ServiceStatus::TemporarilyClosed.hsds(),
            "temporarily closed"
        );
    }

    #[test]
    fn a_schedule_reads_as_days_and_hours() {
        let s = Schedule {
            byday: Some("TH,FR".into()),
            opens_at: Some("10:00:00".into()),
            closes_at: Some("18:00:00".into()),
            ..Default::default()
        };
        assert_eq!(schedule_summary(&s), "Thu, Fri 10:00–18:00");
        let only_words = Schedule {
            description: Some("By appointment".into()),
            ..Default::default()
        };
        assert_eq!(schedule_summary(&only_words), "By appointment");
    }

    #[test]
    fn typed_rows_are_checked_each_naming_its_place_in_the_list() {
        let mut p = Problems::default();
        let v = phones(
            &mut p,
            "phones",
            &[
                PhoneInput {
                    number: "217-555-0101".into(),
                    extension: "12".into(),
                    ..Default::default()
                },
                PhoneInput {
                    extension: "x12".into(),
                    ..Default::default()
                },
            ],
        );
        assert_eq!(v[0].number, "217-555-0101");
        let err = p.finish(|| ()).unwrap_err().to_string();
        assert!(err.contains("phone number"), "{err}");
        let mut p = Problems::default();
        let s = schedules(
            &mut p,
            "schedules",
            &[ScheduleInput {
                byday: "mo,we".into(),
                opens_at: "9:00".into(),
                closes_at: "17:30".into(),
                ..Default::default()
            }],
        );
        assert!(p.is_empty());
        assert_eq!(s[0].byday.as_deref(), Some("MO,WE"));
        assert_eq!(s[0].opens_at.as_deref(), Some("09:00:00"));
        let mut p = Problems::default();
        schedules(
            &mut p,
            "schedules",
            &[ScheduleInput {
                byday: "Monday".into(),
                opens_at: "25:00".into(),
                ..Default::default()
            }],
        );
        assert!(!p.is_empty());
    }

    #[test]
    fn a_location_reads_as_its_name_and_physical_address() {
        let a = |t, line: &str| Address {
            id: "a".into(),
            address_type: t,
            attention: None,
            address_1: Some(line.into()),
            address_2: None,
            city: Some("Springfield".into()),
            region: None,
            state_province: Some("IL".into()),
            postal_code: Some("62701".into()),
            country: Some("US".into()),
        };
        let addresses = [
            a(PlaceKind::Postal, "PO Box 9"),
            a(PlaceKind::Physical, "12 Main St"),
        ];
        assert_eq!(
            location_line(Some("Civic Center"), &addresses),
            "Civic Center — 12 Main St, Springfield, IL 62701"
        );
        assert_eq!(location_line(None, &[]), "");
    }
}
