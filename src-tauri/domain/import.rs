//! Importing a roster: which column holds which field (guessed from the headers, settled by
//! the coordinator), what an agency's words mean (value maps), how a date is written, and
//! the check of every row before anything is written. Pure: rows of text in, people and
//! problems out.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::people::{
    validate_person, MembershipInput, NeedCategory, Person, PersonInput, PersonStatus,
    SupervisionInput, SupervisionType, ValidPerson,
};
use super::text::fold;
use super::time::format_date;
use crate::domain::labels::Labelled;
use crate::domain::text_enum;
use crate::error::AppError;

text_enum!(
    /// A registry field a column can be mapped to.
    ImportField {
        FirstName = "first_name",
        LastName = "last_name",
        FullName = "full_name",
        Aliases = "aliases",
        DateOfBirth = "date_of_birth",
        Phone = "phone",
        Address = "address",
        Area = "area",
        PreferredLanguage = "preferred_language",
        SupervisionType = "supervision_type",
        Agency = "agency",
        Officer = "officer",
        OfficerContact = "officer_contact",
        SupervisionStart = "supervision_start",
        SupervisionEnd = "supervision_end",
        CallInCondition = "call_in_condition",
        Group = "group",
        Needs = "needs",
        Notes = "notes",
        ExternalId = "external_id",
    }
);

text_enum!(
    /// How a file writes dates like 03/04/1990.
    DateOrder {
        MonthFirst = "month_first",
        DayFirst = "day_first",
    }
);

text_enum!(
    /// Where a row of the file stands after the check.
    RowStatus {
        Ready = "ready",
        Warning = "warning",
        Problem = "problem",
        Skipped = "skipped",
    }
);

/// The fields several columns may feed (their values are put together).
fn repeatable(field: ImportField) -> bool {
    matches!(
        field,
        ImportField::Aliases | ImportField::Needs | ImportField::Notes
    )
}

/// A value of the file the coordinator mapped: `target` is the stored value it stands for
/// (a supervision type, `yes` / `no`, a language code, a group id, a need), empty to leave
/// the field empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueChoice {
    pub field: ImportField,
    pub value: String,
    pub target: String,
}

/// How a file is read: what can be saved by name and offered again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportMapping {
    /// One entry per column of the file, in order.
    pub columns: Vec<Option<ImportField>>,
    pub values: Vec<ValueChoice>,
    pub date_order: Option<DateOrder>,
    /// Names written in capitals become "Jane Doe".
    pub capitalise: bool,
}

/// A value typed over a cell of the file (its row number, its column from 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CellFix {
    pub row: u32,
    pub column: u32,
    pub value: String,
}

/// Everything the coordinator has decided about this file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPlan {
    #[ts(optional)]
    pub sheet: Option<String>,
    pub mapping: ImportMapping,
    pub fixes: Vec<CellFix>,
    pub skipped_rows: Vec<u32>,
    pub decisions: Vec<super::dedupe::MatchDecision>,
}

/// What is known of the registry when rows are checked.
pub struct CheckContext {
    pub today: NaiveDate,
    /// Live groups: (id, name).
    pub groups: Vec<(String, String)>,
}

/// One thing wrong (or worth a look) in a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowIssue {
    pub row: u32,
    /// The column (from 0), when one is to blame.
    #[ts(optional)]
    pub column: Option<u32>,
    pub column_name: String,
    pub value: String,
    pub message: String,
    /// A problem keeps the row out until fixed or skipped; a warning does not.
    pub problem: bool,
}

/// A row checked: the person it gives, when it gives one.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub number: u32,
    pub status: RowStatus,
    pub person: Option<ValidPerson>,
    pub external_id: Option<String>,
    pub issues: Vec<RowIssue>,
}

/// A value of a mapped column that has no meaning yet.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnknownValue {
    pub field: ImportField,
    pub value: String,
    pub rows: u32,
    pub first_row: u32,
}

/// What the file's dates need from the coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DateOrderNeed {
    /// Dates like 03/04/1990 are in the file and no order was chosen.
    pub needed: bool,
    /// The order the file's own dates show (a 13/04/1990 is day first).
    #[ts(optional)]
    pub found: Option<DateOrder>,
    /// A date that reads both ways.
    #[ts(optional)]
    pub example: Option<String>,
    /// The order used.
    #[ts(optional)]
    pub used: Option<DateOrder>,
}

/// A choice offered for a value of a field.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueOption {
    pub target: String,
    pub label: String,
}

/// A past import, for the list of imports.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub id: String,
    pub file_name: String,
    pub sha256: String,
    pub at: String,
    pub actor: String,
    pub rows_read: u32,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    #[ts(optional)]
    pub undone_at: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Headers

/// The words headers are written with, for each field: folded, punctuation as spaces.
const HEADER_WORDS: &[(ImportField, &[&str])] = &[
    (
        ImportField::FirstName,
        &[
            "first name",
            "first",
            "fname",
            "given name",
            "given names",
            "forename",
            "nombre",
            "primer nombre",
        ],
    ),
    (
        ImportField::LastName,
        &[
            "last name",
            "last",
            "lname",
            "surname",
            "family name",
            "apellido",
            "apellidos",
        ],
    ),
    (
        ImportField::FullName,
        &[
            "name",
            "full name",
            "offender name",
            "client name",
            "defendant",
            "defendant name",
            "participant",
            "participant name",
            "person",
            "offender",
            "nombre completo",
            "last first",
            "name last first",
        ],
    ),
    (
        ImportField::Aliases,
        &[
            "alias",
            "aliases",
            "aka",
            "a k a",
            "moniker",
            "nickname",
            "nicknames",
            "street name",
            "apodo",
        ],
    ),
    (
        ImportField::DateOfBirth,
        &[
            "dob",
            "d o b",
            "date of birth",
            "birth date",
            "birthdate",
            "birthday",
            "born",
            "fecha de nacimiento",
        ],
    ),
    (
        ImportField::Phone,
        &[
            "phone",
            "telephone",
            "phone number",
            "cell",
            "cell phone",
            "mobile",
            "tel",
            "contact number",
            "telefono",
        ],
    ),
    (
        ImportField::Address,
        &[
            "address",
            "street address",
            "home address",
            "residence",
            "residential address",
            "direccion",
        ],
    ),
    (
        ImportField::Area,
        &[
            "area",
            "neighborhood",
            "neighbourhood",
            "beat",
            "district",
            "zone",
            "precinct",
            "sector",
            "barrio",
        ],
    ),
    (
        ImportField::PreferredLanguage,
        &[
            "language",
            "preferred language",
            "lang",
            "primary language",
            "idioma",
        ],
    ),
    (
        ImportField::SupervisionType,
        &[
            "supervision",
            "supervision type",
            "sup type",
            "type",
            "supervision status",
            "status type",
            "legal status",
        ],
    ),
    (
        ImportField::Agency,
        &[
            "agency",
            "supervising agency",
            "supervision agency",
            "department",
            "dept",
        ],
    ),
    (
        ImportField::Officer,
        &[
            "officer",
            "po",
            "p o",
            "probation officer",
            "parole officer",
            "agent",
            "parole agent",
            "supervising officer",
            "officer name",
            "po name",
            "case manager",
        ],
    ),
    (
        ImportField::OfficerContact,
        &[
            "officer phone",
            "officer contact",
            "po phone",
            "officer email",
            "agent phone",
            "po contact",
            "officer tel",
        ],
    ),
    (
        ImportField::SupervisionStart,
        &[
            "start",
            "start date",
            "supervision start",
            "sup start",
            "begin date",
            "supervision begin",
            "effective date",
        ],
    ),
    (
        ImportField::SupervisionEnd,
        &[
            "end",
            "end date",
            "expiration",
            "expiration date",
            "exp date",
            "supervision end",
            "sup end",
            "discharge date",
            "max date",
            "term end",
            "release end",
        ],
    ),
    (
        ImportField::CallInCondition,
        &[
            "call in condition",
            "condition",
            "call in",
            "call in required",
            "special condition",
            "required to attend",
        ],
    ),
    (
        ImportField::Group,
        &[
            "group",
            "gang",
            "crew",
            "set",
            "group name",
            "affiliation",
            "grupo",
        ],
    ),
    (
        ImportField::Needs,
        &[
            "needs",
            "need",
            "services needed",
            "service needs",
            "needs identified",
            "necesidades",
        ],
    ),
    (
        ImportField::Notes,
        &["notes", "note", "comments", "comment", "remarks", "notas"],
    ),
    (
        ImportField::ExternalId,
        &[
            "id",
            "probation number",
            "probation no",
            "probation id",
            "parole number",
            "case number",
            "case no",
            "doc number",
            "doc",
            "doc id",
            "sid",
            "offender id",
            "client id",
            "external id",
            "booking number",
            "docket",
            "docket number",
            "person id",
            "record id",
        ],
    ),
];

/// Folds text to words: accents and case gone, punctuation as spaces ("D.O.B." → "d o b").
pub fn words(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, when its words are known.
fn header_field(header: &str) -> Option<ImportField> {
    let w = words(header);
    if let Some((field, _)) = HEADER_WORDS.iter().find(|(_, ws)| ws.contains(&w.as_str())) {
        return Some(*field);
    }
    let has = |s: &str| w.split(' ').any(|x| x == s);
    let officerish = has("officer") || has("po") || has("agent");
    Some(if w.contains("birth") || has("dob") {
        ImportField::DateOfBirth
    } else if officerish && (has("phone") || has("email") || has("contact") || has("tel")) {
        ImportField::OfficerContact
    } else if officerish {
        ImportField::Officer
    } else if has("phone") || has("cell") {
        ImportField::Phone
    } else if has("alias") || has("aka") {
        ImportField::Aliases
    } else if w.starts_with("first") {
        ImportField::FirstName
    } else if w.starts_with("last") || has("surname") {
        ImportField::LastName
    } else if has("address") {
        ImportField::Address
    } else if has("language") {
        ImportField::PreferredLanguage
    } else if has("note") || has("notes") || has("comments") {
        ImportField::Notes
    } else if has("need") || has("needs") {
        ImportField::Needs
    } else if (has("start") || has("begin")) && !has("end") {
        ImportField::SupervisionStart
    } else if has("end") || has("expiration") || has("discharge") {
        ImportField::SupervisionEnd
    } else if has("number") || has("no") || has("id") || header.contains('#') {
        ImportField::ExternalId
    } else {
        return None;
    })
}

/// The mapping guessed from the headers: each field to the first column that names it
/// (notes, aliases and needs to every such column). A full-name column is not used beside
/// first- and last-name columns.
pub fn guess_mapping(headers: &[String]) -> ImportMapping {
    let mut columns: Vec<Option<ImportField>> = Vec::with_capacity(headers.len());
    for h in headers {
        let field = header_field(h).filter(|f| repeatable(*f) || !columns.contains(&Some(*f)));
        columns.push(field);
    }
    let has = |f| columns.contains(&Some(f));
    if has(ImportField::FullName) && (has(ImportField::FirstName) || has(ImportField::LastName)) {
        for c in &mut columns {
            if *c == Some(ImportField::FullName) {
                *c = None;
            }
        }
    }
    ImportMapping {
        columns,
        ..Default::default()
    }
}

/// The headers of a file as a key, to find the mappings saved for files like it.
pub fn headers_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| words(h))
        .collect::<Vec<_>>()
        .join("|")
}

/// What is wrong with a mapping as a whole (nothing can be checked until it is right).
pub fn mapping_problems(mapping: &ImportMapping, headers: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if mapping.columns.len() != headers.len() {
        out.push(format!(
            "The mapping has {} columns and the file {}; map the file's columns again.",
            mapping.columns.len(),
            headers.len()
        ));
        return out;
    }
    let has = |f| mapping.columns.contains(&Some(f));
    if !has(ImportField::LastName) && !has(ImportField::FullName) {
        out.push("Map a column to Last name, or to Full name (“LAST, FIRST”).".into());
    }
    if has(ImportField::FullName) && (has(ImportField::FirstName) || has(ImportField::LastName)) {
        out.push("Map either a Full name column or First and Last name columns, not both.".into());
    }
    for f in ImportField::ALL {
        let at: Vec<&String> = mapping
            .columns
            .iter()
            .zip(headers)
            .filter(|(c, _)| **c == Some(*f))
            .map(|(_, h)| h)
            .collect();
        if at.len() > 1 && !repeatable(*f) {
            out.push(format!(
                "{} is mapped to {} columns ({}); map it to one.",
                f.label_en(),
                at.len(),
                at.iter()
                    .map(|h| format!("“{h}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Values

/// The fields whose values are mapped.
pub fn has_value_map(field: ImportField) -> bool {
    matches!(
        field,
        ImportField::SupervisionType
            | ImportField::CallInCondition
            | ImportField::PreferredLanguage
            | ImportField::Group
            | ImportField::Needs
    )
}

const SUPERVISION_WORDS: &[(SupervisionType, &[&str])] = &[
    (
        SupervisionType::Probation,
        &[
            "prob",
            "probation",
            "adult probation",
            "felony probation",
            "misdemeanor probation",
            "probationer",
            "county probation",
            "state probation",
            "libertad a prueba",
        ],
    ),
    (
        SupervisionType::Parole,
        &[
            "par",
            "parole",
            "parolee",
            "state parole",
            "libertad condicional",
        ],
    ),
    (
        SupervisionType::SupervisedRelease,
        &[
            "sr",
            "tsr",
            "supervised release",
            "federal supervised release",
            "fed sr",
            "libertad supervisada",
        ],
    ),
    (
        SupervisionType::Pretrial,
        &[
            "pretrial",
            "pre trial",
            "pt",
            "pts",
            "pretrial release",
            "pretrial services",
            "previo al juicio",
        ],
    ),
];

const YES_WORDS: &[&str] = &["yes", "y", "true", "1", "x", "si", "required", "condition"];
const NO_WORDS: &[&str] = &["no", "n", "false", "0", "not required", "none"];
const ENGLISH_WORDS: &[&str] = &["en", "eng", "english", "ingles"];
const SPANISH_WORDS: &[&str] = &["es", "sp", "spa", "spn", "spanish", "espanol", "castellano"];

/// The split of a cell that may hold several values ("Housing; Employment").
fn several(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '|', ',', '/', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The target whose word list holds `w`.
fn one_of(w: &str, lists: &[(&str, &[&str])]) -> Option<String> {
    lists
        .iter()
        .find(|(_, ws)| ws.contains(&w))
        .map(|(t, _)| (*t).to_owned())
}

/// What a value means by the app's own words, before the coordinator's map is consulted.
fn known_target(field: ImportField, w: &str, ctx: &CheckContext) -> Option<String> {
    match field {
        ImportField::SupervisionType => SupervisionType::ALL
            .iter()
            .find(|t| {
                t.as_str() == w.replace(' ', "_")
                    || words(t.label_en()) == w
                    || SUPERVISION_WORDS
                        .iter()
                        .any(|(k, ws)| k == *t && ws.contains(&w))
            })
            .map(|t| t.as_str().to_owned()),
        ImportField::CallInCondition => one_of(w, &[("yes", YES_WORDS), ("no", NO_WORDS)]),
        ImportField::PreferredLanguage => {
            one_of(w, &[("en", ENGLISH_WORDS), ("es", SPANISH_WORDS)])
        }
        ImportField::Group => ctx
            .groups
            .iter()
            .find(|(_, name)| words(name) == w)
            .map(|(id, _)| id.clone()),
        ImportField::Needs => NeedCategory::ALL
            .iter()
            .find(|n| {
                n.as_str() == w.replace(' ', "_")
                    || words(n.label_en()) == w
                    || words(n.labels().es) == w
            })
            .map(|n| n.as_str().to_owned()),
        _ => None,
    }
}

/// The choices offered for the values of a field.
pub fn value_options(field: ImportField, ctx: &CheckContext) -> Vec<ValueOption> {
    let opt = |target: &str, label: &str| ValueOption {
        target: target.into(),
        label: label.into(),
    };
    match field {
        ImportField::SupervisionType => SupervisionType::ALL
            .iter()
            .map(|t| opt(t.as_str(), t.label_en()))
            .collect(),
        ImportField::CallInCondition => vec![opt("yes", "Yes"), opt("no", "No")],
        ImportField::PreferredLanguage => vec![opt("en", "English"), opt("es", "Spanish")],
        ImportField::Group => ctx.groups.iter().map(|(id, n)| opt(id, n)).collect(),
        ImportField::Needs => NeedCategory::ALL
            .iter()
            .map(|n| opt(n.as_str(), n.label_en()))
            .collect(),
        _ => Vec::new(),
    }
}

/// A value resolved: its stored target (`Some("")` to leave empty), or `None` when unknown.
struct Values<'a> {
    chosen: HashMap<(ImportField, String), &'a str>,
}

impl<'a> Values<'a> {
    fn new(mapping: &'a ImportMapping) -> Self {
        Values {
            chosen: mapping
                .values
                .iter()
                .map(|v| ((v.field, words(&v.value)), v.target.as_str()))
                .collect(),
        }
    }

    fn resolve(&self, field: ImportField, value: &str, ctx: &CheckContext) -> Option<String> {
        let w = words(value);
        if w.is_empty() {
            return Some(String::new());
        }
        if let Some(t) = self.chosen.get(&(field, w.clone())) {
            return Some((*t).to_owned());
        }
        known_target(field, &w, ctx)
    }
}

// ---------------------------------------------------------------------------------------
// Dates

/// A date in the forms exports write them: `YYYY-MM-DD`, `MM/DD/YYYY` / `M/D/YYYY` (or day
/// first), two-digit years, `YYYYMMDD`, `4-Mar-1990`, an Excel serial number; a time after
/// the date is ignored. The error says why the text is not a date that exists.
pub fn parse_import_date(
    text: &str,
    order: DateOrder,
    system: crate::import::roster::DateSystem,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // "03/04/1990 00:00:00", "1990-03-04T00:00:00"
    let t = match t.find([' ', 'T']) {
        Some(i) if t[i + 1..].contains(':') && i >= 6 => t[..i].trim(),
        _ => t,
    };
    let not_a_date = || format!("“{t}” is not a date; write it as MM/DD/YYYY or YYYY-MM-DD.");
    if t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|c| *c == '.').count() <= 1
    {
        let whole = t.split('.').next().unwrap_or("");
        if whole.len() == 8 && (whole.starts_with("19") || whole.starts_with("20")) {
            let y: i32 = whole[..4].parse().map_err(|_| not_a_date())?;
            let m: u32 = whole[4..6].parse().map_err(|_| not_a_date())?;
            let d: u32 = whole[6..].parse().map_err(|_| not_a_date())?;
            return ymd(t, y, m, d).map(Some);
        }
        if (1..=6).contains(&whole.len()) {
            let n: i64 = whole.parse().map_err(|_| not_a_date())?;
            return serial_date(t, n, system).map(Some);
        }
        return Err(not_a_date());
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let n = |s: &str| s.parse::<u32>().map_err(|_| not_a_date());
        if parts[0].len() == 4 {
            return ymd(t, n(parts[0])? as i32, n(parts[1])?, n(parts[2])?).map(Some);
        }
        let (a, b) = (n(parts[0])?, n(parts[1])?);
        let year = match parts[2].len() {
            4 => n(parts[2])? as i32,
            2 => {
                let yy = n(parts[2])? as i32;
                let this = today.year() % 100;
                if yy <= this {
                    today.year() - this + yy
                } else {
                    today.year() - this - 100 + yy
                }
            }
            _ => return Err(not_a_date()),
        };
        let (m, d) = match order {
            DateOrder::MonthFirst => (a, b),
            DateOrder::DayFirst => (b, a),
        };
        return ymd(t, year, m, d).map(Some);
    }
    for f in [
        "%d-%b-%Y",
        "%d %b %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d %B %Y",
        "%b %d %Y",
        "%B %d %Y",
        "%d-%b-%y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Ok(Some(d));
        }
    }
    Err(not_a_date())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn ymd(text: &str, y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&m) {
        return Err(format!("“{text}” is not a date: there is no month {m}."));
    }
    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
        return Ok(date);
    }
    let month = MONTHS[(m - 1) as usize];
    let days = days_in_month(y, m);
    Err(if d == 0 {
        format!("“{text}” is not a date: there is no day 0.")
    } else if m == 2 && d == 29 {
        format!("“{text}” does not exist: {y} is not a leap year, so February has 28 days.")
    } else {
        format!("“{text}” does not exist: {month} has {days} days.")
    })
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(31)
}

/// An Excel serial day number. In the 1900 system day 60 is Excel's fictitious
/// 1900-02-29.
fn serial_date(
    text: &str,
    n: i64,
    system: crate::import::roster::DateSystem,
) -> Result<NaiveDate, String> {
    use crate::import::roster::DateSystem;
    let base = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let date = match system {
        DateSystem::Excel1900 if n == 60 => {
            return Err(format!(
                "“{text}” is Excel's 29 February 1900, a date that does not exist."
            ))
        }
        DateSystem::Excel1900 if (1..60).contains(&n) => base(1899, 12, 31) + Duration::days(n),
        DateSystem::Excel1900 if n > 60 => base(1899, 12, 30) + Duration::days(n),
        DateSystem::Excel1904 if n >= 0 => base(1904, 1, 1) + Duration::days(n),
        _ => return Err(format!("“{text}” is not a date.")),
    };
    if date.year() > 9999 {
        return Err(format!("“{text}” is not a date."));
    }
    Ok(date)
}

/// The order a file's dates are written in, read from the dates themselves: a first part
/// above 12 is a day, a second part above 12 is a day. Also a date that reads both ways.
fn date_order_in(
    values: impl Iterator<Item = String>,
) -> (Option<DateOrder>, Option<DateOrder>, Option<String>) {
    let (mut day_first, mut month_first, mut example) = (None, None, None);
    for v in values {
        let v = v.trim();
        let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
        if parts.len() != 3 || parts[0].len() > 2 || parts[0].is_empty() {
            continue;
        }
        let (Ok(a), Ok(b)) = (
            parts[0].trim().parse::<u32>(),
            parts[1].trim().parse::<u32>(),
        ) else {
            continue;
        };
        if a > 12 && b <= 12 {
            day_first = Some(DateOrder::DayFirst);
        } else if b > 12 && a <= 12 {
            month_first = Some(DateOrder::MonthFirst);
        } else if a != b && a <= 12 && b <= 12 && example.is_none() {
            example = Some(v.to_owned());
        }
    }
    (day_first, month_first, example)
}

// ---------------------------------------------------------------------------------------
// Names

/// "Doe , Jane" and "DOE, JANE A." → ("Jane", "Doe") / ("JANE A.", "DOE"); "Jane Doe" →
/// ("Jane", "Doe"); one word is a last name.
pub fn split_full_name(text: &str) -> (String, String) {
    let tidy = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((last, first)) = text.split_once(',') {
        return (tidy(first).trim_matches(',').trim().to_owned(), tidy(last));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.len() {
        0 => (String::new(), String::new()),
        1 => (String::new(), words[0].to_owned()),
        n => (words[..n - 1].join(" "), words[n - 1].to_owned()),
    }
}

/// Written in capitals only (and has letters).
pub fn all_caps(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// "O'BRIEN-SMITH" → "O'Brien-Smith": each word, hyphen or apostrophe part starts with a
/// capital. Only for names written in capitals; others are kept as written.
pub fn capitalise_name(text: &str) -> String {
    if !all_caps(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

// ---------------------------------------------------------------------------------------
// Rows

/// The file's cells with the coordinator's fixes over them.
pub struct Cells<'a> {
    fixes: HashMap<(u32, u32), &'a str>,
}

impl<'a> Cells<'a> {
    pub fn new(fixes: &'a [CellFix]) -> Self {
        Cells {
            fixes: fixes
                .iter()
                .map(|f| ((f.row, f.column), f.value.as_str()))
                .collect(),
        }
    }

    pub fn get<'b>(&self, row: &'b crate::import::roster::SourceRow, column: usize) -> &'b str
    where
        'a: 'b,
    {
        match self.fixes.get(&(row.number, column as u32)) {
            Some(v) => v,
            None => row.cells.get(column).map(String::as_str).unwrap_or(""),
        }
    }
}

/// The whole check: every row, unknown values, the date order, whether names are in capitals.
pub struct CheckOutcome {
    pub rows: Vec<CheckedRow>,
    pub unknown: Vec<UnknownValue>,
    pub date_order: DateOrderNeed,
    pub names_in_capitals: bool,
    pub mapping_problems: Vec<String>,
}

/// Checks every row of the table against the mapping and the registry's rules.
pub fn check_rows(
    table: &crate::import::roster::Table,
    plan: &ImportPlan,
    ctx: &CheckContext,
) -> CheckOutcome {
    let mapping = &plan.mapping;
    let mapping_problems = mapping_problems(mapping, &table.headers);
    let cells = Cells::new(&plan.fixes);
    let cols = |f: ImportField| -> Vec<usize> {
        mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Some(f))
            .map(|(i, _)| i)
            .collect()
    };

    // The date order, read from every mapped date column.
    let date_cols: Vec<usize> = [
        ImportField::DateOfBirth,
        ImportField::SupervisionStart,
        ImportField::SupervisionEnd,
    ]
    .into_iter()
    .flat_map(cols)
    .collect();
    let (day_first, month_first, example) = date_order_in(
        table
            .rows
            .iter()
            .flat_map(|r| date_cols.iter().map(|c| cells.get(r, *c).to_owned())),
    );
    let found = match (day_first, month_first) {
        (Some(d), None) => Some(d),
        (None, Some(m)) => Some(m),
        _ => None,
    };
    let used = mapping.date_order.or(found);
    let date_order = DateOrderNeed {
        needed: used.is_none()
            && (example.is_some() || (day_first.is_some() && month_first.is_some())),
        found,
        example,
        used,
    };
    let order = used.unwrap_or(DateOrder::MonthFirst);

    let name_cols: Vec<usize> = [
        ImportField::FirstName,
        ImportField::LastName,
        ImportField::FullName,
    ]
    .into_iter()
    .flat_map(cols)
    .collect();
    let (mut caps, mut named) = (0usize, 0usize);
    for r in table.rows.iter().take(500) {
        for c in &name_cols {
            let v = cells.get(r, *c);
            if v.chars().any(char::is_alphabetic) {
                named += 1;
                if all_caps(v) {
                    caps += 1;
                }
            }
        }
    }
    let names_in_capitals = named > 0 && caps * 5 >= named;

    let values = Values::new(mapping);
    let mut unknown: BTreeMap<(&'static str, String), UnknownValue> = BTreeMap::new();
    let skipped: std::collections::HashSet<u32> = plan.skipped_rows.iter().copied().collect();
    let rows = if mapping_problems.is_empty() {
        table
            .rows
            .iter()
            .map(|r| {
                if skipped.contains(&r.number) {
                    return CheckedRow {
                        number: r.number,
                        status: RowStatus::Skipped,
                        person: None,
                        external_id: None,
                        issues: Vec::new(),
                    };
                }
                let mut row = RowChecker {
                    table,
                    row: r,
                    cells: &cells,
                    mapping,
                    values: &values,
                    ctx,
                    order,
                    issues: Vec::new(),
                    unknown: &mut unknown,
                };
                row.check()
            })
            .collect()
    } else {
        Vec::new()
    };
    CheckOutcome {
        rows,
        unknown: unknown.into_values().collect(),
        date_order,
        names_in_capitals,
        mapping_problems,
    }
}

struct RowChecker<'a, 'u> {
    table: &'a crate::import::roster::Table,
    row: &'a crate::import::roster::SourceRow,
    cells: &'a Cells<'a>,
    mapping: &'a ImportMapping,
    values: &'a Values<'a>,
    ctx: &'a CheckContext,
    order: DateOrder,
    issues: Vec<RowIssue>,
    unknown: &'u mut BTreeMap<(&'static str, String), UnknownValue>,
}

impl RowChecker<'_, '_> {
    fn columns(&self, f: ImportField) -> Vec<usize> {
        self.mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Some(f))
            .map(|(i, _)| i)
            .collect()
    }

    fn cell(&self, c: usize) -> String {
        self.cells.get(self.row, c).trim().to_owned()
    }

    /// The first column of a field and its text.
    fn one(&self, f: ImportField) -> Option<(usize, String)> {
        self.columns(f).first().map(|c| (*c, self.cell(*c)))
    }

    fn text(&self, f: ImportField) -> String {
        self.one(f).map(|(_, t)| t).unwrap_or_default()
    }

    fn issue(&mut self, column: Option<usize>, message: impl Into<String>, problem: bool) {
        let value = column.map(|c| self.cell(c)).unwrap_or_default();
        self.issues.push(RowIssue {
            row: self.row.number,
            column: column.map(|c| c as u32),
            column_name: column
                .and_then(|c| self.table.headers.get(c).cloned())
                .unwrap_or_default(),
            value,
            message: message.into(),
            problem,
        });
    }

    fn name(&self, text: &str) -> String {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.mapping.capitalise {
            capitalise_name(&text)
        } else {
            text
        }
    }

    fn date(
        &mut self,
        f: ImportField,
        system: crate::import::roster::DateSystem,
    ) -> Option<String> {
        let (c, t) = self.one(f)?;
        match parse_import_date(&t, self.order, system, self.ctx.today) {
            Ok(d) => d.map(format_date),
            Err(message) => {
                self.issue(Some(c), message, true);
                None
            }
        }
    }

    /// The mapped value of a one-valued field, or a problem naming the unknown value.
    fn mapped(&mut self, f: ImportField) -> Option<String> {
        let (c, t) = self.one(f)?;
        self.resolve(f, c, &t)
    }

    fn resolve(&mut self, f: ImportField, c: usize, t: &str) -> Option<String> {
        match self.values.resolve(f, t, self.ctx) {
            Some(target) if target.is_empty() => None,
            Some(target) => Some(target),
            None => {
                let e = self
                    .unknown
                    .entry((f.as_str(), words(t)))
                    .or_insert_with(|| UnknownValue {
                        field: f,
                        value: t.to_owned(),
                        rows: 0,
                        first_row: self.row.number,
                    });
                e.rows += 1;
                self.issue(
                    Some(c),
                    format!(
                        "“{t}” is not a {} the app knows: choose what it means under Values.",
                        f.label_en().to_lowercase()
                    ),
                    true,
                );
                None
            }
        }
    }

    fn check(&mut self) -> CheckedRow {
        let system = self.table.date_system;
        let (first_name, last_name) = match self.one(ImportField::FullName) {
            Some((_, t)) => {
                let (f, l) = split_full_name(&t);
                (self.name(&f), self.name(&l))
            }
            None => (
                self.name(&self.text(ImportField::FirstName)),
                self.name(&self.text(ImportField::LastName)),
            ),
        };
        let mut aliases = Vec::new();
        for c in self.columns(ImportField::Aliases) {
            for a in self.cell(c).split([';', '|', ',', '\n']) {
                let a = self.name(a);
                if !a.is_empty() {
                    aliases.push(a);
                }
            }
        }
        let date_of_birth = self.date(ImportField::DateOfBirth, system);
        let preferred_language = self
            .mapped(ImportField::PreferredLanguage)
            .unwrap_or_default();

        let kind = self.mapped(ImportField::SupervisionType);
        let start_date = self.date(ImportField::SupervisionStart, system);
        let end_date = self.date(ImportField::SupervisionEnd, system);
        let condition = self.mapped(ImportField::CallInCondition);
        let agency = self.text(ImportField::Agency);
        let officer_name = self.text(ImportField::Officer);
        let officer_contact = self.text(ImportField::OfficerContact);
        let any_supervision = kind.is_some()
            || start_date.is_some()
            || end_date.is_some()
            || condition.as_deref() == Some("yes")
            || !agency.is_empty()
            || !officer_name.is_empty()
            || !officer_contact.is_empty();
        let supervisions = if any_supervision {
            vec![SupervisionInput {
                id: None,
                kind: kind.as_deref().and_then(SupervisionType::parse),
                agency,
                officer_name,
                officer_contact,
                start_date,
                end_date,
                call_in_condition: condition.as_deref() == Some("yes"),
            }]
        } else {
            Vec::new()
        };

        let groups = self
            .mapped(ImportField::Group)
            .map(|group_id| {
                vec![MembershipInput {
                    group_id,
                    role: String::new(),
                }]
            })
            .unwrap_or_default();
        let mut needs = Vec::new();
        for c in self.columns(ImportField::Needs) {
            let text = self.cell(c);
            for n in several(&text) {
                if let Some(need) = self.resolve(ImportField::Needs, c, n) {
                    needs.extend(NeedCategory::parse(&need));
                }
            }
        }
        let notes: Vec<String> = self
            .columns(ImportField::Notes)
            .iter()
            .map(|c| self.cell(*c))
            .filter(|t| !t.is_empty())
            .collect();
        let external_id = self
            .one(ImportField::ExternalId)
            .map(|(_, t)| t)
            .filter(|t| !t.is_empty());

        let input = PersonInput {
            first_name,
            last_name,
            aliases,
            date_of_birth,
            phone: self.text(ImportField::Phone),
            address: self.text(ImportField::Address),
            area: self.text(ImportField::Area),
            preferred_language,
            notes: notes.join("\n"),
            status: PersonStatus::Active,
            supervisions,
            groups,
            needs,
        };
        let person = match validate_person(&input, self.ctx.today) {
            Ok(p) => Some(p),
            Err(AppError::Validation(fields)) => {
                for f in fields {
                    let column = self.column_of(&f.field);
                    let message = if f.field == "lastName" && input.last_name.is_empty() {
                        "The name is empty.".to_owned()
                    } else {
                        f.message
                    };
                    self.issue(column, message, true);
                }
                None
            }
            Err(other) => {
                self.issue(None, other.to_string(), true);
                None
            }
        };
        if let Some(p) = &person {
            if let Some(dob) = p.date_of_birth {
                let age = years_between(dob, self.ctx.today);
                if age < MIN_AGE {
                    let c = self.one(ImportField::DateOfBirth).map(|(c, _)| c);
                    self.issue(
                        c,
                        format!(
                            "A date of birth of {} makes them {age} years old; check it.",
                            format_date(dob)
                        ),
                        true,
                    );
                }
            }
            for s in &p.supervisions {
                if let Some(end) = s.end_date.filter(|e| *e < self.ctx.today) {
                    let c = self.one(ImportField::SupervisionEnd).map(|(c, _)| c);
                    self.issue(
                        c,
                        format!("The supervision already ended on {}.", format_date(end)),
                        false,
                    );
                }
            }
            if p.first_name.is_empty() {
                let c = self
                    .one(ImportField::FullName)
                    .or_else(|| self.one(ImportField::FirstName))
                    .map(|(c, _)| c);
                self.issue(c, "No first name.", false);
            }
        }
        let problem = self.issues.iter().any(|i| i.problem);
        let status = if problem {
            RowStatus::Problem
        } else if self.issues.is_empty() {
            RowStatus::Ready
        } else {
            RowStatus::Warning
        };
        CheckedRow {
            number: self.row.number,
            status,
            person: if problem { None } else { person },
            external_id,
            issues: std::mem::take(&mut self.issues),
        }
    }

    /// The column a field of the person form came from.
    fn column_of(&self, field: &str) -> Option<usize> {
        let f = match field {
            "firstName" | "lastName" if self.one(ImportField::FullName).is_some() => {
                ImportField::FullName
            }
            "firstName" => ImportField::FirstName,
            "lastName" => ImportField::LastName,
            "dateOfBirth" => ImportField::DateOfBirth,
            "phone" => ImportField::Phone,
            "address" => ImportField::Address,
            "area" => ImportField::Area,
            "notes" => ImportField::Notes,
            "preferredLanguage" => ImportField::PreferredLanguage,
            f if f.starts_with("aliases") => ImportField::Aliases,
            f if f.starts_with("groups") => ImportField::Group,
            f if f.ends_with(".kind") => {
                if self.one(ImportField::SupervisionType).is_some() {
                    ImportField::SupervisionType
                } else if self.one(ImportField::Agency).is_some() {
                    ImportField::Agency
                } else {
                    ImportField::Officer
                }
            }
            f if f.ends_with(".startDate") => ImportField::SupervisionStart,
            f if f.ends_with(".endDate") => ImportField::SupervisionEnd,
            f if f.ends_with(".agency") => ImportField::Agency,
            f if f.ends_with(".officerName") => ImportField::Officer,
            f if f.ends_with(".officerContact") => ImportField::OfficerContact,
            _ => return None,
        };
        self.one(f).map(|(c, _)| c)
    }
}

/// Younger than this on the day of the import, a date of birth is taken as a typing error.
pub const MIN_AGE: i32 = 12;

fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

// ---------------------------------------------------------------------------------------
// Writing over a person who is there

text_enum!(
    /// What to do with a row that matches someone.
    MatchAction {
        Skip = "skip",
        Update = "update",
        FillEmpty = "fill_empty",
        AddNew = "add_new",
    }
);

/// The person form for `existing` with a row's values put in: `Update` writes every value
/// the row has over theirs, `FillEmpty` only where they have none. Lists (aliases, needs,
/// groups) gain the row's; a supervision is added unless one like it (same type, agency
/// and start) is there.
pub fn merged_input(existing: &Person, row: &ValidPerson, action: MatchAction) -> PersonInput {
    let mut input = existing.to_input();
    let over = action == MatchAction::Update;
    let put = |slot: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            if over || slot.trim().is_empty() {
                *slot = v.clone();
            }
        }
    };
    if (over || input.first_name.trim().is_empty()) && !row.first_name.is_empty() {
        input.first_name = row.first_name.clone();
    }
    if over {
        input.last_name = row.last_name.clone();
    }
    put(&mut input.phone, &row.phone);
    put(&mut input.address, &row.address);
    put(&mut input.area, &row.area);
    if let Some(dob) = row.date_of_birth {
        if over || input.date_of_birth.is_none() {
            input.date_of_birth = Some(format_date(dob));
        }
    }
    if over {
        input.preferred_language = row.preferred_language.clone();
    }
    if let Some(n) = &row.notes {
        if input.notes.trim().is_empty() {
            input.notes = n.clone();
        } else if !input.notes.contains(n.as_str()) {
            input.notes = format!("{}\n{n}", input.notes);
        }
    }
    let folded: Vec<String> = input.aliases.iter().map(|a| fold(a)).collect();
    for a in &row.aliases {
        if !folded.contains(&fold(a)) {
            input.aliases.push(a.clone());
        }
    }
    for n in &row.needs {
        if !input.needs.contains(n) {
            input.needs.push(*n);
        }
    }
    for (g, _) in &row.groups {
        if !input.groups.iter().any(|m| &m.group_id == g) {
            input.groups.push(MembershipInput {
                group_id: g.clone(),
                role: String::new(),
            });
        }
    }
    for s in &row.supervisions {
        let same = existing.supervisions.iter().any(|e| {
            e.kind == s.kind
                && e.agency.as_deref().map(fold) == s.agency.as_deref().map(fold)
                && e.start_date == s.start_date.map(format_date)
        });
        if !same && (over || existing.supervisions.is_empty()) {
            input.supervisions.push(SupervisionInput {
                id: None,
                kind: Some(s.kind),
                agency: s.agency.clone().unwrap_or_default(),
                officer_name: s.officer_name.clone().unwrap_or_default(),
                officer_contact: s.officer_contact.clone().unwrap_or_default(),
                start_date: s.start_date.map(format_date),
                end_date: s.end_date.map(format_date),
                call_in_condition: s.call_in_condition,
            });
        }
    }
    input
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::roster::{DateSystem, SourceRow, Table};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn date(t: &str, order: DateOrder) -> Result<Option<NaiveDate>, String> {
        parse_import_date(t, order, DateSystem::Excel1900, d(2026, 12, 3))
    }

    #[test]
    fn dates_in_the_forms_exports_write() {
        let m = DateOrder::MonthFirst;
        assert_eq!(date("03/04/1990", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(
            date("3/4/1990", DateOrder::DayFirst).unwrap(),
            Some(d(1990, 4, 3))
        );
        assert_eq!(date("1990-03-04", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(date("1990-03-04T00:00:00", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(date("03/04/1990 00:00:00", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(date("19900304", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(date("32936", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(
            parse_import_date("31474", m, DateSystem::Excel1904, d(2026, 1, 1)).unwrap(),
            Some(d(1990, 3, 4))
        );
        assert_eq!(date("59", m).unwrap(), Some(d(1900, 2, 28)));
        assert_eq!(date("61", m).unwrap(), Some(d(1900, 3, 1)));
        assert_eq!(date("4-Mar-1990", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(date("3/4/90", m).unwrap(), Some(d(1990, 3, 4)));
        assert_eq!(date("3/4/05", m).unwrap(), Some(d(2005, 3, 4)));
        assert_eq!(date("  ", m).unwrap(), None);
    }

    #[test]
    fn dates_that_do_not_exist_say_why() {
        let m = DateOrder::MonthFirst;
        assert!(date("02/30/1990", m)
            .unwrap_err()
            .contains("February has 28 days"));
        assert!(date("02/29/2023", m)
            .unwrap_err()
            .contains("2023 is not a leap year"));
        assert_eq!(date("02/29/2024", m).unwrap(), Some(d(2024, 2, 29)));
        assert!(date("13/05/1990", m).unwrap_err().contains("no month 13"));
        assert!(date("04/31/1990", m)
            .unwrap_err()
            .contains("April has 30 days"));
        assert!(date("60", m).unwrap_err().contains("does not exist"));
        assert!(date("soon", m).unwrap_err().contains("is not a date"));
        assert!(date("1900-02-29", m)
            .unwrap_err()
            .contains("not a leap year"));
    }

    #[test]
    fn names_split_and_capitalise() {
        assert_eq!(split_full_name("Doe , Jane"), ("Jane".into(), "Doe".into()));
        assert_eq!(
            split_full_name("DOE, JANE A."),
            ("JANE A.".into(), "DOE".into())
        );
        assert_eq!(
            split_full_name(" Jane  Q  Doe "),
            ("Jane Q".into(), "Doe".into())
        );
        assert_eq!(split_full_name("Doe"), ("".into(), "Doe".into()));
        assert_eq!(capitalise_name("O'BRIEN-SMITH"), "O'Brien-Smith");
        assert_eq!(capitalise_name("JANE A."), "Jane A.");
        assert_eq!(
            capitalise_name("McDonald"),
            "McDonald",
            "mixed case is kept"
        );
        assert_eq!(capitalise_name("NÚÑEZ"), "Núñez");
    }

    #[test]
    fn headers_guess_their_fields() {
        let h: Vec<String> = [
            "Offender Name",
            "D.O.B.",
            "PO",
            "PO Phone",
            "Sup Type",
            "Exp Date",
            "Probation #",
            "Comments",
            "Notes",
            "Mystery",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = guess_mapping(&h);
        use ImportField::*;
        assert_eq!(
            m.columns,
            vec![
                Some(FullName),
                Some(DateOfBirth),
                Some(Officer),
                Some(OfficerContact),
                Some(SupervisionType),
                Some(SupervisionEnd),
                Some(ExternalId),
                Some(Notes),
                Some(Notes),
                None
            ]
        );
        assert!(mapping_problems(&m, &h).is_empty());
        let h2: Vec<String> = ["First", "Last", "Name"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            guess_mapping(&h2).columns,
            vec![Some(FirstName), Some(LastName), None]
        );
        let bad = ImportMapping {
            columns: vec![Some(Phone), Some(Phone), None],
            ..Default::default()
        };
        let p = mapping_problems(&bad, &h2);
        assert_eq!(p.len(), 2, "{p:?}");
    }

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            header_row: 1,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| SourceRow {
                    number: i as u32 + 2,
                    cells: r.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
            blank_rows: 0,
            date_system: DateSystem::Excel1900,
        }
    }

    fn ctx() -> CheckContext {
        CheckContext {
            today: d(2026, 12, 3),
            groups: vec![("g1".into(), "Eastside Crew".into())],
        }
    }

    #[test]
    fn every_row_is_checked_and_each_problem_names_row_and_column() {
        let t = table(
            &["Name", "DOB", "Type", "Start", "End", "Group", "Needs"],
            &[
                &[
                    "DOE, JANE A.",
                    "03/14/1990",
                    "PROB",
                    "01/01/2025",
                    "12/31/2027",
                    "eastside crew",
                    "Housing; Employment",
                ],
                &[" , ", "02/30/1990", "PAR", "", "", "", ""],
                &["Roe, Rick", "01/01/2020", "Fed prob", "", "", "", ""],
                &[
                    "Poe, Ed",
                    "1985-05-05",
                    "SR",
                    "2024-01-01",
                    "2023-01-01",
                    "",
                    "",
                ],
                &[
                    "Low, Al",
                    "",
                    "Pretrial",
                    "2024-01-01",
                    "2025-01-01",
                    "",
                    "Vivienda",
                ],
            ],
        );
        let plan = ImportPlan {
            mapping: guess_mapping(&t.headers),
            ..Default::default()
        };
        let out = check_rows(&t, &plan, &ctx());
        assert!(
            out.mapping_problems.is_empty(),
            "{:?}",
            out.mapping_problems
        );
        assert!(out.names_in_capitals, "one name in five is in capitals");
        let st: Vec<RowStatus> = out.rows.iter().map(|r| r.status).collect();
        use RowStatus::*;
        assert_eq!(st, vec![Ready, Problem, Problem, Problem, Warning]);
        let jane = out.rows[0].person.as_ref().unwrap();
        assert_eq!(
            (jane.first_name.as_str(), jane.last_name.as_str()),
            ("JANE A.", "DOE")
        );
        assert_eq!(jane.groups, vec![("g1".to_string(), None)]);
        assert_eq!(
            jane.needs,
            vec![NeedCategory::Housing, NeedCategory::Employment]
        );
        assert_eq!(jane.supervisions[0].kind, SupervisionType::Probation);

        let r3 = &out.rows[1].issues;
        assert!(
            r3.iter()
                .any(|i| i.row == 3 && i.column == Some(0) && i.message == "The name is empty."),
            "{r3:?}"
        );
        assert!(
            r3.iter().any(|i| i.column == Some(1)
                && i.column_name == "DOB"
                && i.message.contains("February has 28 days")),
            "{r3:?}"
        );
        let r4 = &out.rows[2].issues;
        assert!(
            r4.iter().any(|i| i.message.contains("6 years old")),
            "{r4:?}"
        );
        assert!(
            r4.iter()
                .any(|i| i.value == "Fed prob" && i.message.contains("Values")),
            "{r4:?}"
        );
        assert_eq!(out.unknown.len(), 1);
        assert_eq!(out.unknown[0].value, "Fed prob");
        let r5 = &out.rows[3].issues;
        assert!(
            r5.iter()
                .any(|i| i.column == Some(4) && i.message.contains("cannot end before it starts")),
            "{r5:?}"
        );
        let r6 = &out.rows[4].issues;
        assert!(
            r6.iter().all(|i| !i.problem) && r6.iter().any(|i| i.message.contains("already ended")),
            "{r6:?}"
        );
        assert_eq!(
            out.rows[4].person.as_ref().unwrap().needs,
            vec![NeedCategory::Housing],
            "Spanish need label"
        );

        // The coordinator maps the unknown value, fixes the date, skips a row.
        let mut plan2 = plan.clone();
        plan2.mapping.values.push(ValueChoice {
            field: ImportField::SupervisionType,
            value: "FED PROB".into(),
            target: "probation".into(),
        });
        plan2.fixes.push(CellFix {
            row: 3,
            column: 1,
            value: "02/28/1990".into(),
        });
        plan2.fixes.push(CellFix {
            row: 3,
            column: 0,
            value: "Doe, John".into(),
        });
        plan2.fixes.push(CellFix {
            row: 4,
            column: 1,
            value: "01/01/1990".into(),
        });
        plan2.skipped_rows.push(5);
        plan2.mapping.capitalise = true;
        let out2 = check_rows(&t, &plan2, &ctx());
        let st: Vec<RowStatus> = out2.rows.iter().map(|r| r.status).collect();
        assert_eq!(st, vec![Ready, Ready, Ready, Skipped, Warning]);
        assert!(out2.unknown.is_empty());
        let jane = out2.rows[0].person.as_ref().unwrap();
        assert_eq!(
            (jane.first_name.as_str(), jane.last_name.as_str()),
            ("Jane A.", "Doe")
        );
    }

    #[test]
    fn an_ambiguous_date_order_is_settled_by_the_coordinator() {
        let t = table(
            &["Last", "DOB"],
            &[&["A", "03/04/1990"], &["B", "05/05/1991"]],
        );
        let mut plan = ImportPlan {
            mapping: guess_mapping(&t.headers),
            ..Default::default()
        };
        let out = check_rows(&t, &plan, &ctx());
        assert!(out.date_order.needed);
        assert_eq!(out.date_order.example.as_deref(), Some("03/04/1990"));
        plan.mapping.date_order = Some(DateOrder::DayFirst);
        let out = check_rows(&t, &plan, &ctx());
        assert!(!out.date_order.needed);
        assert_eq!(
            out.rows[0].person.as_ref().unwrap().date_of_birth,
            Some(d(1990, 4, 3))
        );

        let t = table(
            &["Last", "DOB"],
            &[&["A", "03/04/1990"], &["B", "25/12/1991"]],
        );
        let plan = ImportPlan {
            mapping: guess_mapping(&t.headers),
            ..Default::default()
        };
        let out = check_rows(&t, &plan, &ctx());
        assert!(!out.date_order.needed, "the file's own 25/12 settles it");
        assert_eq!(out.date_order.used, Some(DateOrder::DayFirst));
    }
}
