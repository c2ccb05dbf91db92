//! Speakers and service providers (the directory), and what a call-in uses of them:
//! the run-of-show's segments with their speakers, and the providers at the table.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::callins::{clock_after, CallIn};
use super::lifecycle::{Lifecycle, SpeakerAssignmentStatus};
use super::people::{NeedCategory, Problems, MAX_NAME, MAX_TEXT};
use super::text::clean;
use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

text_enum!(
    SpeakerRole {
        LawEnforcement = "law_enforcement",
        Prosecutor = "prosecutor",
        ProbationParole = "probation_parole",
        Clergy = "clergy",
        VictimFamily = "victim_family",
        Outreach = "outreach",
        ServiceProvider = "service_provider",
        Medical = "medical",
        Other = "other",
    }
);

text_enum!(
    SegmentKind {
        Welcome = "welcome",
        LawEnforcement = "law_enforcement",
        Community = "community",
        OfferOfHelp = "offer_of_help",
        Other = "other",
    }
);

fn text(p: &mut Problems, field: &str, value: &str, max: usize) -> Option<String> {
    let v = clean(Some(value));
    if v.as_ref().is_some_and(|v| v.chars().count() > max) {
        p.add(field, format!("This can be at most {max} characters."));
    }
    v
}

fn required(p: &mut Problems, field: &str, value: &str, missing: &str) -> String {
    let v = text(p, field, value, MAX_NAME);
    if v.is_none() {
        p.add(field, missing);
    }
    v.unwrap_or_default()
}

fn email(p: &mut Problems, field: &str, value: &str) -> Option<String> {
    let v = text(p, field, value, 200);
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

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerInput {
    pub name: String,
    pub organization: String,
    pub role: Option<SpeakerRole>,
    pub phone: String,
    pub email: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    pub id: String,
    pub name: String,
    pub organization: Option<String>,
    pub role: SpeakerRole,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidSpeaker {
    pub name: String,
    pub organization: Option<String>,
    pub role: SpeakerRole,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub notes: Option<String>,
}

pub fn validate_speaker(input: &SpeakerInput) -> AppResult<ValidSpeaker> {
    let mut p = Problems::default();
    let name = required(&mut p, "name", &input.name, "Enter the speaker's name.");
    let organization = text(&mut p, "organization", &input.organization, MAX_NAME);
    if input.role.is_none() {
        p.add("role", "Choose the speaker's role.");
    }
    let phone = text(&mut p, "phone", &input.phone, 40);
    let email = email(&mut p, "email", &input.email);
    let notes = text(&mut p, "notes", &input.notes, MAX_TEXT);
    p.finish(|| ValidSpeaker {
        name,
        organization,
        role: input.role.unwrap_or(SpeakerRole::Other),
        phone,
        email,
        notes,
    })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentInput {
    pub kind: Option<SegmentKind>,
    pub title: String,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidSegment {
    pub kind: SegmentKind,
    pub title: Option<String>,
    pub minutes: u32,
}

pub fn validate_segment(input: &SegmentInput) -> AppResult<ValidSegment> {
    let mut p = Problems::default();
    if input.kind.is_none() {
        p.add("kind", "Choose the kind of segment.");
    }
    let title = text(&mut p, "title", &input.title, MAX_NAME);
    if input.minutes == 0 {
        p.add("minutes", "Enter how many minutes the segment lasts.");
    } else if input.minutes > 240 {
        p.add("minutes", "A segment can last at most 240 minutes.");
    }
    p.finish(|| ValidSegment {
        kind: input.kind.unwrap_or(SegmentKind::Other),
        title,
        minutes: input.minutes,
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerAssignment {
    pub id: String,
    pub speaker_id: String,
    pub speaker_name: String,
    pub organization: Option<String>,
    pub role: SpeakerRole,
    pub status: SpeakerAssignmentStatus,
    /// The statuses the assignment can move to now.
    pub next: Vec<SpeakerAssignmentStatus>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub id: String,
    pub position: u32,
    pub kind: SegmentKind,
    pub title: Option<String>,
    pub minutes: u32,
    /// Clock time the segment starts (`HH:MM`), when the call-in's start time is known.
    pub starts_at: Option<String>,
    pub speakers: Vec<SpeakerAssignment>,
}

/// The run-of-show of a call-in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunOfShow {
    pub segments: Vec<Segment>,
    pub total_minutes: u32,
    pub expected_minutes: Option<u32>,
    /// Clock time the last segment ends.
    pub ends_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInput {
    pub name: String,
    pub description: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidProvider {
    pub name: String,
    pub description: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
}

pub fn validate_provider(input: &ProviderInput) -> AppResult<ValidProvider> {
    let mut p = Problems::default();
    let name = required(&mut p, "name", &input.name, "Enter the provider's name.");
    let description = text(&mut p, "description", &input.description, MAX_TEXT);
    let phone = text(&mut p, "phone", &input.phone, 40);
    let email = email(&mut p, "email", &input.email);
    let website = text(&mut p, "website", &input.website, 300);
    let address = text(&mut p, "address", &input.address, 300);
    p.finish(|| ValidProvider {
        name,
        description,
        phone,
        email,
        website,
        address,
    })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInput {
    pub name: String,
    pub description: String,
    pub categories: Vec<NeedCategory>,
    pub eligibility: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub location: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidService {
    pub name: String,
    pub description: Option<String>,
    pub categories: Vec<NeedCategory>,
    pub eligibility: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub location: Option<String>,
}

pub fn validate_service(input: &ServiceInput) -> AppResult<ValidService> {
    let mut p = Problems::default();
    let name = required(&mut p, "name", &input.name, "Enter the service's name.");
    if input.categories.is_empty() {
        p.add("categories", "Choose at least one need this service meets.");
    }
    let mut categories = Vec::new();
    for c in &input.categories {
        if !categories.contains(c) {
            categories.push(*c);
        }
    }
    let description = text(&mut p, "description", &input.description, MAX_TEXT);
    let eligibility = text(&mut p, "eligibility", &input.eligibility, MAX_TEXT);
    let contact_name = text(&mut p, "contactName", &input.contact_name, MAX_NAME);
    let phone = text(&mut p, "phone", &input.phone, 40);
    let email = email(&mut p, "email", &input.email);
    let location = text(&mut p, "location", &input.location, 300);
    p.finish(|| ValidService {
        name,
        description,
        categories,
        eligibility,
        contact_name,
        phone,
        email,
        location,
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub id: String,
    pub provider_id: String,
    pub name: String,
    pub description: Option<String>,
    pub categories: Vec<NeedCategory>,
    pub eligibility: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub services: Vec<Service>,
    /// The needs its services meet, in catalogue order.
    pub categories: Vec<NeedCategory>,
}

/// Step 4: which providers are at the table and what the invitees need.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct TableCoverage {
    pub providers: Vec<Provider>,
    /// Each need among the invitees, how many have it, and whether a provider present meets it.
    pub needs: Vec<NeedCoverage>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct NeedCoverage {
    pub category: NeedCategory,
    pub invitees: u32,
    pub covered: bool,
    /// Common enough among the invitees that a missing provider is worth a warning.
    pub common: bool,
}

/// What step 4 is weighed from, as the store loads it: the providers at the table, and
/// each need of the invitees who count with how many have it (most common first).
pub struct TableFacts {
    pub providers: Vec<Provider>,
    pub needs: Vec<(NeedCategory, u32)>,
}

/// Step 4's coverage: each need among the invitees who count (`invitees` of them), how many
/// have it, whether a provider at the table meets it, and whether it is common.
pub fn table_coverage(facts: TableFacts, invitees: u32) -> TableCoverage {
    let TableFacts { providers, needs } = facts;
    let needs = needs
        .into_iter()
        .map(|(category, n)| NeedCoverage {
            category,
            invitees: n,
            covered: providers.iter().any(|p| p.categories.contains(&category)),
            common: is_common_need(n, invitees),
        })
        .collect();
    TableCoverage { providers, needs }
}

/// The run-of-show of a call-in from its segments in order: each segment's clock time (when
/// the call-in's start is known), the total against the expected length, the end time, and
/// the statuses each speaker's assignment can move to.
pub fn run_of_show(call_in: &CallIn, mut segments: Vec<Segment>) -> RunOfShow {
    let start = call_in.start();
    let mut elapsed = 0u32;
    for seg in &mut segments {
        seg.starts_at = start.map(|s| clock_after(s, elapsed));
        elapsed += seg.minutes;
        for a in &mut seg.speakers {
            a.next = a.status.next().to_vec();
        }
    }
    RunOfShow {
        ends_at: start.map(|s| clock_after(s, elapsed)),
        total_minutes: elapsed,
        expected_minutes: call_in.expected_minutes,
        segments,
    }
}

/// A service edited is one of the provider's own.
pub fn check_own_service(provider: &Provider, service_id: Option<&str>) -> AppResult<()> {
    match service_id {
        Some(id) if !provider.services.iter().any(|s| s.id == id) => Err(AppError::NotFound(
            "That service is not one of this provider's.".into(),
        )),
        _ => Ok(()),
    }
}

/// A need is common when at least 2 invitees and at least a tenth of them have it.
pub fn is_common_need(with_need: u32, invitees: u32) -> bool {
    with_need >= 2 && with_need * 10 >= invitees
}

/// The speaker chosen for a segment: someone must be chosen, and not twice for one segment
/// (`already_on` says whether they are on it already).
pub fn check_speaker_choice(speaker_id: &str, already_on: bool) -> AppResult<()> {
    if speaker_id.trim().is_empty() {
        return Err(AppError::invalid("speakerId", "Choose a speaker."));
    }
    if already_on {
        return Err(AppError::invalid(
            "speakerId",
            "This speaker is already on this segment.",
        ));
    }
    Ok(())
}

/// A segment moved in the run-of-show: the new order of the segment ids, with `id` at
/// `position` (0-based; past the end means last), and the positions it left and took.
/// `None` when `id` is not on the run-of-show.
pub fn moved(order: &[String], id: &str, position: u32) -> Option<(Vec<String>, usize, usize)> {
    let from = order.iter().position(|o| o == id)?;
    let mut order = order.to_vec();
    let taken = order.remove(from);
    let to = (position as usize).min(order.len());
    order.insert(to, taken);
    Some((order, from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str, services: &[(&str, NeedCategory)]) -> Provider {
        Provider {
            id: id.into(),
            name: id.into(),
            description: None,
            phone: None,
            email: None,
            website: None,
            address: None,
            services: services
                .iter()
                .map(|(s, need)| Service {
                    id: s.to_string(),
                    provider_id: id.into(),
                    name: s.to_string(),
                    description: None,
                    categories: vec![*need],
                    eligibility: None,
                    contact_name: None,
                    phone: None,
                    email: None,
                    location: None,
                })
                .collect(),
            categories: services.iter().map(|(_, n)| *n).collect(),
        }
    }

    #[test]
    fn the_run_of_show_is_timed_from_the_start_and_says_what_each_speaker_can_become() {
        let seg = |id: &str, minutes, speakers: Vec<SpeakerAssignmentStatus>| Segment {
            id: id.into(),
            position: 0,
            kind: SegmentKind::Welcome,
            title: None,
            minutes,
            starts_at: None,
            speakers: speakers
                .into_iter()
                .map(|status| SpeakerAssignment {
                    id: format!("{id}-a"),
                    speaker_id: "s".into(),
                    speaker_name: "Rev. Ellis".into(),
                    organization: None,
                    role: SpeakerRole::Clergy,
                    status,
                    next: vec![],
                })
                .collect(),
        };
        use SpeakerAssignmentStatus::*;
        let mut c = crate::domain::callins::test_call_in();
        c.start_time = Some("23:30".into());
        let show = run_of_show(
            &c,
            vec![seg("a", 20, vec![Invited]), seg("b", 25, vec![Spoke])],
        );
        let times: Vec<_> = show
            .segments
            .iter()
            .map(|s| s.starts_at.as_deref())
            .collect();
        assert_eq!(times, [Some("23:30"), Some("23:50")]);
        assert_eq!(
            (show.total_minutes, show.ends_at.as_deref()),
            (45, Some("00:15"))
        );
        assert_eq!(show.expected_minutes, Some(60));
        assert_eq!(show.segments[0].speakers[0].next, [Confirmed, Declined]);
        assert!(show.segments[1].speakers[0].next.is_empty());
        c.start_time = None;
        let show = run_of_show(&c, vec![seg("a", 20, vec![])]);
        assert_eq!(
            (
                show.segments[0].starts_at.as_deref(),
                show.ends_at.as_deref()
            ),
            (None, None)
        );
    }

    #[test]
    fn the_table_covers_the_needs_its_providers_meet_and_weighs_how_common_they_are() {
        use NeedCategory::*;
        let facts = TableFacts {
            providers: vec![provider("homes", &[("rehousing", Housing)])],
            needs: vec![(Housing, 5), (Employment, 3), (EducationGed, 1)],
        };
        let t = table_coverage(facts, 20);
        let row = |c| {
            t.needs
                .iter()
                .find(|n| n.category == c)
                .map(|n| (n.invitees, n.covered, n.common))
        };
        assert_eq!(row(Housing), Some((5, true, true)));
        assert_eq!(
            row(Employment),
            Some((3, false, true)),
            "3 of 20: common, and no provider meets it"
        );
        assert_eq!(row(EducationGed), Some((1, false, false)));
        assert_eq!(t.providers.len(), 1);
    }

    #[test]
    fn a_service_edited_is_one_of_the_providers_own() {
        let p = provider("homes", &[("rehousing", NeedCategory::Housing)]);
        assert!(check_own_service(&p, None).is_ok());
        assert!(check_own_service(&p, Some("rehousing")).is_ok());
        let e = check_own_service(&p, Some("elsewhere")).unwrap_err();
        assert_eq!(e.to_string(), "That service is not one of this provider's.");
    }

    #[test]
    fn speaker_needs_name_and_role_and_a_real_email() {
        let err = validate_speaker(&SpeakerInput {
            email: "nope".into(),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<String> = match err {
            crate::error::AppError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            e => panic!("{e:?}"),
        };
        assert_eq!(fields, vec!["name", "role", "email"]);
        let ok = validate_speaker(&SpeakerInput {
            name: " Rev.  Ellis ".into(),
            role: Some(SpeakerRole::Clergy),
            email: "ellis@example.org".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.name, "Rev. Ellis");
    }

    #[test]
    fn a_service_meets_at_least_one_need() {
        let err = validate_service(&ServiceInput {
            name: "Jobs".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(err.field(), Some("categories"));
    }

    #[test]
    fn common_needs() {
        assert!(!is_common_need(1, 5));
        assert!(is_common_need(2, 20));
        assert!(!is_common_need(2, 21));
        assert!(is_common_need(3, 30));
    }

    #[test]
    fn segments_are_bounded() {
        assert_eq!(
            validate_segment(&SegmentInput {
                kind: None,
                title: String::new(),
                minutes: 5
            })
            .unwrap_err()
            .field(),
            Some("kind")
        );
        assert_eq!(
            validate_segment(&SegmentInput {
                kind: Some(SegmentKind::Welcome),
                title: String::new(),
                minutes: 241
            })
            .unwrap_err()
            .field(),
            Some("minutes")
        );
        let zero = SegmentInput {
            kind: Some(SegmentKind::Welcome),
            title: String::new(),
            minutes: 0,
        };
        assert_eq!(
            validate_segment(&zero).unwrap_err().field(),
            Some("minutes")
        );
    }

    #[test]
    fn a_speaker_is_chosen_once_per_segment() {
        assert_eq!(
            check_speaker_choice(" ", false).unwrap_err().to_string(),
            "Choose a speaker."
        );
        assert_eq!(
            check_speaker_choice("s1", true).unwrap_err().field(),
            Some("speakerId")
        );
        assert!(check_speaker_choice("s1", false).is_ok());
    }

    #[test]
    fn a_moved_segment_takes_its_place_and_the_others_close_ranks() {
        let order: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let ids = |v: Vec<String>| v.join("");
        let (o, from, to) = moved(&order, "a", 2).unwrap();
        assert_eq!((ids(o), from, to), ("bca".into(), 0, 2));
        let (o, from, to) = moved(&order, "c", 0).unwrap();
        assert_eq!((ids(o), from, to), ("cab".into(), 2, 0));
        let (o, _, to) = moved(&order, "b", 99).unwrap();
        assert_eq!((ids(o), to), ("acb".into(), 2));
        assert!(moved(&order, "z", 0).is_none());
    }
}
