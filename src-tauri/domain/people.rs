//! The registry of returning citizens: what a person record holds, and its rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text::{clean, clean_lines, fold};
use super::time::{format_date, parse_date};
use crate::domain::text_enum;
use crate::error::{AppError, AppResult, FieldError};

text_enum!(
    /// Where a person stands. Archived people leave the working lists but are never deleted.
    PersonStatus {
        Active = "active",
        InCustody = "in_custody",
        Moved = "moved",
        Deceased = "deceased",
        Archived = "archived",
    }
);

text_enum!(
    SupervisionType {
        Probation = "probation",
        Parole = "parole",
        SupervisedRelease = "supervised_release",
        Pretrial = "pretrial",
    }
);

text_enum!(
    /// Need categories (service types) of DESIGN.md.
    NeedCategory {
        Employment = "employment",
        Housing = "housing",
        EducationGed = "education_ged",
        SubstanceUse = "substance_use",
        MentalHealth = "mental_health",
        IdDocuments = "id_documents",
        Medical = "medical",
        Legal = "legal",
        Childcare = "childcare",
        Transportation = "transportation",
        ClothingFood = "clothing_food",
        AngerManagementCbt = "anger_management_cbt",
        Mentoring = "mentoring",
        Other = "other",
    }
);

/// Languages a person may prefer; letters come in English and Spanish.
pub const LANGUAGES: &[&str] = &["en", "es"];

pub const MAX_NAME: usize = 100;
pub const MAX_TEXT: usize = 2000;
pub const MAX_ALIASES: usize = 20;

/// A supervision record as typed in the person form.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionInput {
    /// Present when editing a record that exists.
    #[ts(optional)]
    pub id: Option<String>,
    pub kind: Option<SupervisionType>,
    pub agency: String,
    pub officer_name: String,
    pub officer_contact: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub call_in_condition: bool,
}

/// A group membership as typed in the person form.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MembershipInput {
    pub group_id: String,
    pub role: String,
}

/// The person form: everything a coordinator types about a person.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    pub first_name: String,
    pub last_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<String>,
    pub phone: String,
    pub address: String,
    pub area: String,
    pub preferred_language: String,
    pub notes: String,
    pub status: PersonStatus,
    pub supervisions: Vec<SupervisionInput>,
    pub groups: Vec<MembershipInput>,
    pub needs: Vec<NeedCategory>,
}

/// A supervision record that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSupervision {
    pub id: Option<String>,
    pub kind: SupervisionType,
    pub agency: Option<String>,
    pub officer_name: Option<String>,
    pub officer_contact: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub call_in_condition: bool,
}

/// A person record that passed validation, ready for the store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPerson {
    pub first_name: String,
    pub last_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub area: Option<String>,
    pub preferred_language: String,
    pub notes: Option<String>,
    pub status: PersonStatus,
    pub supervisions: Vec<ValidSupervision>,
    pub groups: Vec<(String, Option<String>)>,
    pub needs: Vec<NeedCategory>,
}

impl ValidPerson {
    pub fn sort_name(&self) -> String {
        super::text::sort_name(&self.first_name, &self.last_name)
    }

    pub fn search_text(&self) -> String {
        super::text::search_text(&self.first_name, &self.last_name, &self.aliases)
    }
}

/// Collects every wrong field of a form, so the coordinator sees them all at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the value, or records the error and gives `None`.
    pub fn take<T>(&mut self, result: AppResult<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(AppError::Validation(mut fields)) => {
                self.0.append(&mut fields);
                None
            }
            Err(other) => {
                self.add("", other.to_string());
                None
            }
        }
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> AppResult<T> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

fn limited(
    problems: &mut Problems,
    field: &str,
    label: &str,
    text: &str,
    max: usize,
) -> Option<String> {
    check_length(problems, field, label, clean(Some(text)), max)
}

/// Like [`limited`] for text of several lines: its line breaks are kept.
fn limited_lines(
    problems: &mut Problems,
    field: &str,
    label: &str,
    text: &str,
    max: usize,
) -> Option<String> {
    check_length(problems, field, label, clean_lines(Some(text)), max)
}

fn check_length(
    problems: &mut Problems,
    field: &str,
    label: &str,
    cleaned: Option<String>,
    max: usize,
) -> Option<String> {
    if let Some(t) = &cleaned {
        if t.chars().count() > max {
            problems.add(field, format!("{label} can be at most {max} characters."));
        }
    }
    cleaned
}

/// Checks the person form against the registry's rules. `today` is the date a birth
/// date may not be after. Every wrong field is reported, each by its name.
pub fn validate_person(input: &PersonInput, today: NaiveDate) -> AppResult<ValidPerson> {
    let mut p = Problems::default();

    let first_name = limited(
        &mut p,
        "firstName",
        "First name",
        &input.first_name,
        MAX_NAME,
    )
    .unwrap_or_default();
    let last_name = limited(&mut p, "lastName", "Last name", &input.last_name, MAX_NAME);
    if last_name.is_none() {
        p.add("lastName", "Enter a last name.");
    }

    let mut aliases: Vec<String> = Vec::new();
    for (i, alias) in input.aliases.iter().enumerate() {
        if let Some(a) = limited(&mut p, &format!("aliases.{i}"), "An alias", alias, MAX_NAME) {
            if !aliases.iter().any(|x| fold(x) == fold(&a)) {
                aliases.push(a);
            }
        }
    }
    if aliases.len() > MAX_ALIASES {
        p.add(
            "aliases",
            format!("A person can have at most {MAX_ALIASES} aliases."),
        );
    }

    let date_of_birth = p
        .take(parse_date(
            "dateOfBirth",
            "Date of birth",
            input.date_of_birth.as_deref(),
        ))
        .flatten();
    if let Some(dob) = date_of_birth {
        if dob > today {
            p.add("dateOfBirth", "Date of birth cannot be in the future.");
        } else if dob < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(dob) {
            p.add("dateOfBirth", "Date of birth cannot be before 1900.");
        }
    }

    let phone = limited(&mut p, "phone", "Phone", &input.phone, 40);
    if let Some(ph) = &phone {
        if !ph
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().x".contains(c))
            || !ph.chars().any(|c| c.is_ascii_digit())
        {
            p.add("phone", "Phone may hold digits, spaces and + - ( ) only.");
        }
    }
    let address = limited(&mut p, "address", "Address", &input.address, 300);
    let area = limited(&mut p, "area", "Area", &input.area, MAX_NAME);
    let notes = limited_lines(&mut p, "notes", "Notes", &input.notes, MAX_TEXT);

    let preferred_language = input.preferred_language.trim().to_lowercase();
    let preferred_language = if preferred_language.is_empty() {
        "en".to_owned()
    } else {
        preferred_language
    };
    if !LANGUAGES.contains(&preferred_language.as_str()) {
        p.add(
            "preferredLanguage",
            "Preferred language must be English or Spanish.",
        );
    }

    if input.status == PersonStatus::Archived {
        p.add("status", "Use Archive to archive a person.");
    }

    let mut supervisions = Vec::new();
    for (i, s) in input.supervisions.iter().enumerate() {
        let f = |name: &str| format!("supervisions.{i}.{name}");
        let kind = s.kind;
        if kind.is_none() {
            p.add(f("kind"), "Choose the type of supervision.");
        }
        let start = p
            .take(parse_date(
                &f("startDate"),
                "Start date",
                s.start_date.as_deref(),
            ))
            .flatten();
        let end = p
            .take(parse_date(&f("endDate"), "End date", s.end_date.as_deref()))
            .flatten();
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                p.add(f("endDate"), "The supervision cannot end before it starts.");
            }
        }
        let agency = limited(&mut p, &f("agency"), "Agency", &s.agency, MAX_NAME);
        let officer_name = limited(
            &mut p,
            &f("officerName"),
            "Officer",
            &s.officer_name,
            MAX_NAME,
        );
        let officer_contact = limited(
            &mut p,
            &f("officerContact"),
            "Officer contact",
            &s.officer_contact,
            200,
        );
        if let Some(kind) = kind {
            supervisions.push(ValidSupervision {
                id: s.id.clone().filter(|id| !id.is_empty()),
                kind,
                agency,
                officer_name,
                officer_contact,
                start_date: start,
                end_date: end,
                call_in_condition: s.call_in_condition,
            });
        }
    }

    let mut groups: Vec<(String, Option<String>)> = Vec::new();
    for (i, g) in input.groups.iter().enumerate() {
        if g.group_id.trim().is_empty() {
            p.add(format!("groups.{i}.groupId"), "Choose a group.");
        } else if groups.iter().any(|(id, _)| id == &g.group_id) {
            p.add(format!("groups.{i}.groupId"), "This group is listed twice.");
        } else {
            let role = limited(
                &mut p,
                &format!("groups.{i}.role"),
                "Role",
                &g.role,
                MAX_NAME,
            );
            groups.push((g.group_id.clone(), role));
        }
    }

    let mut needs: Vec<NeedCategory> = Vec::new();
    for n in &input.needs {
        if !needs.contains(n) {
            needs.push(*n);
        }
    }

    p.finish(|| ValidPerson {
        first_name,
        last_name: last_name.unwrap_or_default(),
        aliases,
        date_of_birth,
        phone,
        address,
        area,
        preferred_language,
        notes,
        status: input.status,
        supervisions,
        groups,
        needs,
    })
}

/// A supervision record as shown.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Supervision {
    pub id: String,
    pub kind: SupervisionType,
    pub agency: Option<String>,
    pub officer_name: Option<String>,
    pub officer_contact: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub call_in_condition: bool,
}

/// A group a person belongs to, as shown on the person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub group_id: String,
    pub group_name: String,
    pub role: Option<String>,
}

/// An archived person is restored before being edited.
pub fn check_editable(p: &Person) -> AppResult<()> {
    if p.status == PersonStatus::Archived {
        return Err(AppError::Conflict(
            "This person is archived; restore them before editing.".into(),
        ));
    }
    Ok(())
}

/// The supervision records an edit keeps must be this person's own.
pub fn check_own_supervisions(before: &Person, edit: &ValidPerson) -> AppResult<()> {
    for (i, s) in edit.supervisions.iter().enumerate() {
        if let Some(sid) = &s.id {
            if !before.supervisions.iter().any(|b| &b.id == sid) {
                return Err(AppError::invalid(
                    format!("supervisions.{i}"),
                    "That supervision record does not belong to this person.",
                ));
            }
        }
    }
    Ok(())
}

/// Archiving is for a person not archived yet.
pub fn check_archivable(p: &Person) -> AppResult<()> {
    if p.status == PersonStatus::Archived {
        return Err(AppError::InvalidTransition(
            "This person is already archived.".into(),
        ));
    }
    Ok(())
}

/// Restoring is for an archived person.
pub fn check_restorable(p: &Person) -> AppResult<()> {
    if p.status != PersonStatus::Archived {
        return Err(AppError::InvalidTransition(
            "This person is not archived.".into(),
        ));
    }
    Ok(())
}

/// An audit entry as shown.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A person with everything recorded about them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub area: Option<String>,
    pub preferred_language: String,
    pub notes: Option<String>,
    pub status: PersonStatus,
    pub supervisions: Vec<Supervision>,
    pub groups: Vec<Membership>,
    pub needs: Vec<NeedCategory>,
    pub created_at: String,
    pub updated_at: String,
}

impl Person {
    /// The form pre-filled with this person, for editing.
    pub fn to_input(&self) -> PersonInput {
        PersonInput {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            aliases: self.aliases.clone(),
            date_of_birth: self.date_of_birth.clone(),
            phone: self.phone.clone().unwrap_or_default(),
            address: self.address.clone().unwrap_or_default(),
            area: self.area.clone().unwrap_or_default(),
            preferred_language: self.preferred_language.clone(),
            notes: self.notes.clone().unwrap_or_default(),
            status: self.status,
            supervisions: self
                .supervisions
                .iter()
                .map(|s| SupervisionInput {
                    id: Some(s.id.clone()),
                    kind: Some(s.kind),
                    agency: s.agency.clone().unwrap_or_default(),
                    officer_name: s.officer_name.clone().unwrap_or_default(),
                    officer_contact: s.officer_contact.clone().unwrap_or_default(),
                    start_date: s.start_date.clone(),
                    end_date: s.end_date.clone(),
                    call_in_condition: s.call_in_condition,
                })
                .collect(),
            groups: self
                .groups
                .iter()
                .map(|g| MembershipInput {
                    group_id: g.group_id.clone(),
                    role: g.role.clone().unwrap_or_default(),
                })
                .collect(),
            needs: self.needs.clone(),
        }
    }
}

/// One line of the people list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRow {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<String>,
    pub status: PersonStatus,
    pub supervision_type: Option<SupervisionType>,
    pub agency: Option<String>,
    pub officer_name: Option<String>,
    pub supervision_end: Option<String>,
    pub groups: Vec<String>,
}

text_enum!(
    /// How the people list is sorted.
    PeopleSort {
        Name = "name",
        SupervisionEnd = "supervision_end",
        Updated = "updated",
    }
);

/// What the people list shows: search, filters, sort and the page after a cursor.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleQuery {
    /// Typed text: each word a prefix of a name or alias, accents ignored.
    #[ts(optional)]
    pub search: Option<String>,
    #[ts(optional)]
    pub supervision_type: Option<SupervisionType>,
    #[ts(optional)]
    pub agency: Option<String>,
    #[ts(optional)]
    pub officer: Option<String>,
    #[ts(optional)]
    pub group_id: Option<String>,
    /// `None` lists everyone but the archived.
    #[ts(optional)]
    pub status: Option<PersonStatus>,
    #[ts(optional)]
    pub sort: Option<PeopleSort>,
    #[ts(optional)]
    pub descending: Option<bool>,
    /// The `nextCursor` of the previous page.
    #[ts(optional)]
    pub after: Option<String>,
    #[ts(optional)]
    pub limit: Option<u32>,
}

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;

impl PeopleQuery {
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
}

/// A page of a list: its rows, how many match in all, and the cursor of the next page.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Page<T: TS> {
    pub rows: Vec<T>,
    pub total: u32,
    pub next_cursor: Option<String>,
}

/// The values the people filters offer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleFilterOptions {
    pub agencies: Vec<String>,
    pub officers: Vec<String>,
    pub groups: Vec<GroupOption>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupOption {
    pub id: String,
    pub name: String,
}

/// Formats an optional date for the DTOs.
pub fn date_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(format_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    pub fn blank() -> PersonInput {
        PersonInput {
            first_name: "María".into(),
            last_name: "Núñez".into(),
            aliases: vec![],
            date_of_birth: None,
            phone: String::new(),
            address: String::new(),
            area: String::new(),
            preferred_language: "es".into(),
            notes: String::new(),
            status: PersonStatus::Active,
            supervisions: vec![],
            groups: vec![],
            needs: vec![],
        }
    }

    fn fields(err: AppError) -> Vec<String> {
        match err {
            AppError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn a_plain_person_is_valid_and_cleaned() {
        let mut input = blank();
        input.last_name = "  Núñez   García ".into();
        input.aliases = vec![" Mari ".into(), "mari".into(), "".into()];
        let v = validate_person(&input, today()).unwrap();
        assert_eq!(v.last_name, "Núñez García");
        assert_eq!(v.aliases, vec!["Mari".to_string()]);
        assert_eq!(v.phone, None);
    }

    #[test]
    fn notes_keep_their_lines_and_names_do_not() {
        let mut input = blank();
        input.first_name = "María\nJosé".into();
        input.notes = "  Prefers texts.\n\nMother: 555-0100  ".into();
        let v = validate_person(&input, today()).unwrap();
        assert_eq!(v.first_name, "María José");
        assert_eq!(
            v.notes.as_deref(),
            Some("Prefers texts.\n\nMother: 555-0100")
        );
    }

    #[test]
    fn empty_last_name_is_named() {
        let mut input = blank();
        input.last_name = "   ".into();
        assert_eq!(
            fields(validate_person(&input, today()).unwrap_err()),
            vec!["lastName"]
        );
    }

    #[test]
    fn birth_date_rules() {
        let mut input = blank();
        input.date_of_birth = Some("2026-11-30".into());
        let err = validate_person(&input, today()).unwrap_err();
        assert_eq!(err.to_string(), "Date of birth cannot be in the future.");
        input.date_of_birth = Some("2026-11-29".into());
        assert!(validate_person(&input, today()).is_ok());
        input.date_of_birth = Some("31/12/1990".into());
        assert_eq!(
            fields(validate_person(&input, today()).unwrap_err()),
            vec!["dateOfBirth"]
        );
    }

    #[test]
    fn supervision_end_before_start_is_named_by_row() {
        let mut input = blank();
        input.supervisions = vec![
            SupervisionInput {
                kind: Some(SupervisionType::Parole),
                start_date: Some("2025-01-01".into()),
                end_date: Some("2027-01-01".into()),
                ..Default::default()
            },
            SupervisionInput {
                kind: Some(SupervisionType::Probation),
                start_date: Some("2025-06-01".into()),
                end_date: Some("2025-05-31".into()),
                ..Default::default()
            },
        ];
        let err = validate_person(&input, today()).unwrap_err();
        assert_eq!(err.field(), Some("supervisions.1.endDate"));
        assert_eq!(
            err.to_string(),
            "The supervision cannot end before it starts."
        );
        // The same day is allowed.
        input.supervisions[1].end_date = Some("2025-06-01".into());
        assert!(validate_person(&input, today()).is_ok());
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        let mut input = blank();
        input.last_name = String::new();
        input.phone = "call me".into();
        input.preferred_language = "fr".into();
        input.supervisions = vec![SupervisionInput::default()];
        input.groups = vec![
            MembershipInput {
                group_id: "g1".into(),
                role: String::new(),
            },
            MembershipInput {
                group_id: "g1".into(),
                role: String::new(),
            },
        ];
        let got = fields(validate_person(&input, today()).unwrap_err());
        assert_eq!(
            got,
            vec![
                "lastName",
                "phone",
                "preferredLanguage",
                "supervisions.0.kind",
                "groups.1.groupId"
            ]
        );
    }

    #[test]
    fn archived_is_not_set_through_the_form() {
        let mut input = blank();
        input.status = PersonStatus::Archived;
        assert_eq!(
            fields(validate_person(&input, today()).unwrap_err()),
            vec!["status"]
        );
    }

    #[test]
    fn long_names_are_refused() {
        let mut input = blank();
        input.first_name = "x".repeat(MAX_NAME + 1);
        assert_eq!(
            fields(validate_person(&input, today()).unwrap_err()),
            vec!["firstName"]
        );
    }

    #[test]
    fn needs_are_deduplicated() {
        let mut input = blank();
        input.needs = vec![
            NeedCategory::Housing,
            NeedCategory::Housing,
            NeedCategory::Employment,
        ];
        assert_eq!(
            validate_person(&input, today()).unwrap().needs,
            vec![NeedCategory::Housing, NeedCategory::Employment]
        );
    }
}
