//! Speakers and service providers (the directory), and what a call-in uses of them:
//! the run-of-show's segments with their speakers, and the providers at the table.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::callins::{clock_after, CallIn};
use super::directory_details::{
    self as details, Contact, ContactInput, DetailRows, Home, Language, LanguageInput, Location,
    LocationInput, Phone, PhoneInput, Schedule, ScheduleInput, ServiceStatus, ValidContact,
    ValidLanguage, ValidLocation, ValidPhone, ValidSchedule,
};
use super::lifecycle::{CallInStatus, Lifecycle, ReferralStatus, SpeakerAssignmentStatus};
use super::people::{NeedCategory, Problems, MAX_NAME, MAX_TEXT};
use super::text::{clean, fold};
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

use details::email;

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
#[serde(rename_all = "camelCase", default)]
pub struct ProviderInput {
    pub name: String,
    pub alternate_name: String,
    pub description: String,
    pub email: String,
    pub website: String,
    /// The organization's own phones and contacts, and its locations with their addresses.
    pub phones: Vec<PhoneInput>,
    pub contacts: Vec<ContactInput>,
    pub locations: Vec<LocationInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidProvider {
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub phones: Vec<ValidPhone>,
    pub contacts: Vec<ValidContact>,
    pub locations: Vec<ValidLocation>,
}

pub fn validate_provider(input: &ProviderInput) -> AppResult<ValidProvider> {
    let mut p = Problems::default();
    let name = required(&mut p, "name", &input.name, "Enter the provider's name.");
    let alternate_name = text(&mut p, "alternateName", &input.alternate_name, MAX_NAME);
    let description = text(&mut p, "description", &input.description, MAX_TEXT);
    let email = email(&mut p, "email", &input.email);
    let website = text(&mut p, "website", &input.website, 300);
    let phones = details::phones(&mut p, "phones", &input.phones);
    let contacts = details::contacts(&mut p, "contacts", &input.contacts);
    let locations = details::locations(&mut p, "locations", &input.locations);
    p.finish(|| ValidProvider {
        name,
        alternate_name,
        description,
        email,
        website,
        phones,
        contacts,
        locations,
    })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceInput {
    pub name: String,
    pub alternate_name: String,
    pub description: String,
    pub status: Option<ServiceStatus>,
    pub categories: Vec<NeedCategory>,
    pub eligibility: String,
    pub application_process: String,
    pub fees_description: String,
    pub interpretation_services: String,
    pub url: String,
    pub email: String,
    /// The provider's locations where the service is offered.
    pub location_ids: Vec<String>,
    pub phones: Vec<PhoneInput>,
    pub contacts: Vec<ContactInput>,
    pub schedules: Vec<ScheduleInput>,
    pub languages: Vec<LanguageInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidService {
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub status: ServiceStatus,
    pub categories: Vec<NeedCategory>,
    pub eligibility: Option<String>,
    pub application_process: Option<String>,
    pub fees_description: Option<String>,
    pub interpretation_services: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub location_ids: Vec<String>,
    pub phones: Vec<ValidPhone>,
    pub contacts: Vec<ValidContact>,
    pub schedules: Vec<ValidSchedule>,
    pub languages: Vec<ValidLanguage>,
}

pub fn validate_service(input: &ServiceInput) -> AppResult<ValidService> {
    let mut p = Problems::default();
    let name = required(&mut p, "name", &input.name, "Enter the service's name.");
    if input.categories.is_empty() {
        p.add("categories", "Choose at least one need this service meets.");
    }
    // In catalogue order, each once: the same needs read the same everywhere.
    let categories: Vec<NeedCategory> = NeedCategory::ALL
        .iter()
        .copied()
        .filter(|c| input.categories.contains(c))
        .collect();
    let mut location_ids: Vec<String> = Vec::new();
    for l in &input.location_ids {
        if !location_ids.contains(l) {
            location_ids.push(l.clone());
        }
    }
    let v = ValidService {
        name,
        alternate_name: text(&mut p, "alternateName", &input.alternate_name, MAX_NAME),
        description: text(&mut p, "description", &input.description, MAX_TEXT),
        status: input.status.unwrap_or(ServiceStatus::Active),
        categories,
        eligibility: text(&mut p, "eligibility", &input.eligibility, MAX_TEXT),
        application_process: text(
            &mut p,
            "applicationProcess",
            &input.application_process,
            MAX_TEXT,
        ),
        fees_description: text(&mut p, "feesDescription", &input.fees_description, MAX_TEXT),
        interpretation_services: text(
            &mut p,
            "interpretationServices",
            &input.interpretation_services,
            MAX_TEXT,
        ),
        url: text(&mut p, "url", &input.url, 300),
        email: email(&mut p, "email", &input.email),
        location_ids,
        phones: details::phones(&mut p, "phones", &input.phones),
        contacts: details::contacts(&mut p, "contacts", &input.contacts),
        schedules: details::schedules(&mut p, "schedules", &input.schedules),
        languages: details::languages(&mut p, "languages", &input.languages),
    };
    p.finish(|| v)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub id: String,
    pub provider_id: String,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub status: ServiceStatus,
    pub categories: Vec<NeedCategory>,
    pub eligibility: Option<String>,
    pub application_process: Option<String>,
    pub fees_description: Option<String>,
    pub interpretation_services: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    /// Retired: kept for the history, no longer offered.
    pub retired: bool,
    /// The id it has in the HSDS source it came from, if any.
    pub hsds_id: Option<String>,
    /// The provider's locations where it is offered.
    pub location_ids: Vec<String>,
    pub phones: Vec<Phone>,
    pub contacts: Vec<Contact>,
    pub schedules: Vec<Schedule>,
    pub languages: Vec<Language>,
    /// On one line, for lists and sheets: the first contact's name, the first phone, the
    /// first location.
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// Retired: kept for the history of the call-ins and referrals it was in, no longer offered.
    pub retired: bool,
    pub hsds_id: Option<String>,
    pub phones: Vec<Phone>,
    pub contacts: Vec<Contact>,
    pub locations: Vec<Location>,
    pub services: Vec<Service>,
    /// The needs its services meet, in catalogue order.
    pub categories: Vec<NeedCategory>,
    /// On one line: the first phone, the first location.
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// A provider as shown: its own row and its services' rows (as the store loads them, with
/// nothing nested yet) with their locations, phones, contacts, schedules and languages from
/// the detail rows, and what each reads as on one line.
pub fn assemble(mut provider: Provider, services: Vec<Service>, rows: &DetailRows) -> Provider {
    let org = details::owned_by(rows, &Home::Organization);
    provider.locations = details::locations_of(rows);
    provider.phones = org.phones;
    provider.contacts = org.contacts;
    provider.phone = provider.phones.first().map(details::phone_line);
    provider.address = provider
        .locations
        .iter()
        .map(|l| l.one_line.clone())
        .find(|l| !l.is_empty());
    provider.services = services
        .into_iter()
        .map(|mut s| {
            let own = details::owned_by(rows, &Home::Service(s.id.clone()));
            s.location_ids = details::service_location_ids(rows, &s.id);
            s.contact_name = own
                .contacts
                .iter()
                .find_map(|c| c.name.clone().or_else(|| c.title.clone()));
            s.phone = own
                .phones
                .first()
                .or_else(|| own.contacts.iter().flat_map(|c| c.phones.first()).next())
                .map(details::phone_line);
            s.location = s.location_ids.iter().find_map(|id| {
                provider
                    .locations
                    .iter()
                    .find(|l| &l.id == id)
                    .map(|l| l.one_line.clone())
                    .filter(|l| !l.is_empty())
            });
            s.phones = own.phones;
            s.contacts = own.contacts;
            s.schedules = own.schedules;
            s.languages = own.languages;
            s
        })
        .collect();
    provider.categories = NeedCategory::ALL
        .iter()
        .copied()
        .filter(|c| {
            provider
                .services
                .iter()
                .any(|s| !s.retired && s.categories.contains(c))
        })
        .collect();
    provider
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

// ---- the Directory and Speakers areas -------------------------------------------------------

/// What the Directory list is narrowed to: typed text (names, services, descriptions,
/// addresses), a need, a service status, and whether retired providers are shown.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct DirectoryQuery {
    pub text: String,
    pub category: Option<NeedCategory>,
    pub status: Option<ServiceStatus>,
    pub retired: bool,
}

/// One provider in the Directory list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSummary {
    pub id: String,
    pub name: String,
    pub alternate_name: Option<String>,
    pub categories: Vec<NeedCategory>,
    /// The statuses its services (not retired) have, in catalogue order.
    pub statuses: Vec<ServiceStatus>,
    pub services: u32,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub retired: bool,
}

fn provider_text(p: &Provider) -> String {
    let mut parts: Vec<&str> = vec![p.name.as_str()];
    parts.extend(p.alternate_name.as_deref());
    parts.extend(p.description.as_deref());
    parts.extend(p.address.as_deref());
    for s in &p.services {
        parts.push(&s.name);
        parts.extend(s.alternate_name.as_deref());
        parts.extend(s.description.as_deref());
    }
    fold(&parts.join(" "))
}

/// Whether a provider is in the list the query asks for: every typed word in its text, one
/// of its services (not retired) meeting the need with the status, and retired ones only
/// when asked.
pub fn directory_matches(p: &Provider, q: &DirectoryQuery) -> bool {
    if p.retired && !q.retired {
        return false;
    }
    let words: Vec<String> = fold(&q.text)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if !words.is_empty() {
        let text = provider_text(p);
        if !words.iter().all(|w| text.contains(w.as_str())) {
            return false;
        }
    }
    if q.category.is_none() && q.status.is_none() {
        return true;
    }
    p.services.iter().filter(|s| !s.retired).any(|s| {
        q.category.is_none_or(|c| s.categories.contains(&c))
            && q.status.is_none_or(|st| s.status == st)
    })
}

/// The Directory list: the providers the query asks for, each on one line.
pub fn directory_list(providers: &[Provider], q: &DirectoryQuery) -> Vec<ProviderSummary> {
    providers
        .iter()
        .filter(|p| directory_matches(p, q))
        .map(|p| {
            let offered: Vec<&Service> = p.services.iter().filter(|s| !s.retired).collect();
            ProviderSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                alternate_name: p.alternate_name.clone(),
                categories: p.categories.clone(),
                statuses: ServiceStatus::ALL
                    .iter()
                    .copied()
                    .filter(|st| offered.iter().any(|s| s.status == *st))
                    .collect(),
                services: offered.len() as u32,
                phone: p.phone.clone(),
                address: p.address.clone(),
                retired: p.retired,
            }
        })
        .collect()
}

/// How referrals to a provider (or one service) went, from the referrals recorded:
/// `made` every one; `engaged` those that reached engagement (engaged or completed);
/// `completed`; `declined`; `open` those still on their way.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralCounts {
    pub made: u32,
    pub engaged: u32,
    pub completed: u32,
    pub declined: u32,
    pub open: u32,
}

/// The counts from each status and how many referrals have it.
pub fn referral_counts(statuses: &[(ReferralStatus, u32)]) -> ReferralCounts {
    use ReferralStatus::*;
    let mut c = ReferralCounts::default();
    for (status, n) in statuses {
        c.made += n;
        match status {
            Engaged => c.engaged += n,
            Completed => {
                c.engaged += n;
                c.completed += n;
            }
            Declined => c.declined += n,
            Identified | Referred | ProviderContacted | IntakeScheduled => c.open += n,
            LostContact | Closed => {}
        }
    }
    c
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceReferrals {
    pub service_id: String,
    pub name: String,
    pub counts: ReferralCounts,
}

/// A call-in a provider was at, or a speaker spoke (or was to speak) at.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallInVisit {
    pub call_in_id: String,
    pub title: String,
    pub date: Option<String>,
    pub status: CallInStatus,
    /// For a speaker: the segment (its title and kind) and how their part went.
    pub segment: Option<String>,
    pub segment_kind: Option<SegmentKind>,
    pub assignment: Option<SpeakerAssignmentStatus>,
}

/// A provider's page: the provider whole, the call-ins it was at, and how its referrals went.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderPage {
    pub provider: Provider,
    pub call_ins: Vec<CallInVisit>,
    pub referrals: ReferralCounts,
    pub by_service: Vec<ServiceReferrals>,
}

/// A provider's page from what the store loads: the referral statuses counted per service.
pub fn provider_page(
    provider: Provider,
    call_ins: Vec<CallInVisit>,
    per_service: &[(String, ReferralStatus, u32)],
) -> ProviderPage {
    let all: Vec<(ReferralStatus, u32)> = per_service.iter().map(|(_, s, n)| (*s, *n)).collect();
    let by_service = provider
        .services
        .iter()
        .map(|s| {
            let mine: Vec<(ReferralStatus, u32)> = per_service
                .iter()
                .filter(|(id, _, _)| id == &s.id)
                .map(|(_, st, n)| (*st, *n))
                .collect();
            ServiceReferrals {
                service_id: s.id.clone(),
                name: s.name.clone(),
                counts: referral_counts(&mine),
            }
        })
        .collect();
    ProviderPage {
        referrals: referral_counts(&all),
        by_service,
        call_ins,
        provider,
    }
}

/// Whether a speaker is found by the typed words (name, organization, notes).
pub fn speaker_matches(s: &Speaker, text: &str) -> bool {
    let hay = fold(&format!(
        "{} {} {}",
        s.name,
        s.organization.as_deref().unwrap_or(""),
        s.notes.as_deref().unwrap_or("")
    ));
    fold(text).split_whitespace().all(|w| hay.contains(w))
}

/// A speaker's page: the speaker and the call-ins they were on the run-of-show of.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerPage {
    pub speaker: Speaker,
    pub call_ins: Vec<CallInVisit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str, services: &[(&str, NeedCategory)]) -> Provider {
        Provider {
            id: id.into(),
            name: id.into(),
            services: services
                .iter()
                .map(|(s, need)| Service {
                    id: s.to_string(),
                    provider_id: id.into(),
                    name: s.to_string(),
                    categories: vec![*need],
                    ..Default::default()
                })
                .collect(),
            categories: services.iter().map(|(_, n)| *n).collect(),
            ..Default::default()
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

    #[test]
    fn the_directory_list_finds_by_words_need_and_status_and_hides_the_retired() {
        let mut housing = provider(
            "Harbor Housing",
            &[("Rapid rehousing", NeedCategory::Housing)],
        );
        housing.services[0].status = ServiceStatus::TemporarilyClosed;
        let jobs = provider(
            "Eastside Jobs",
            &[("Job readiness", NeedCategory::Employment)],
        );
        let mut gone = provider("Old Clinic", &[("ID help", NeedCategory::IdDocuments)]);
        gone.retired = true;
        let all = [housing, jobs, gone];
        let names = |q: DirectoryQuery| -> Vec<String> {
            directory_list(&all, &q)
                .into_iter()
                .map(|p| p.name)
                .collect()
        };
        assert_eq!(
            names(DirectoryQuery::default()),
            ["Harbor Housing", "Eastside Jobs"]
        );
        let text = |t: &str| DirectoryQuery {
            text: t.into(),
            ..Default::default()
        };
        assert_eq!(names(text("REHOUS")), ["Harbor Housing"]);
        assert_eq!(names(text("job east")), ["Eastside Jobs"]);
        assert!(names(text("job harbor")).is_empty());
        assert_eq!(
            names(DirectoryQuery {
                status: Some(ServiceStatus::TemporarilyClosed),
                ..Default::default()
            }),
            ["Harbor Housing"]
        );
        assert_eq!(
            names(DirectoryQuery {
                category: Some(NeedCategory::Employment),
                ..Default::default()
            }),
            ["Eastside Jobs"]
        );
        assert_eq!(
            names(DirectoryQuery {
                retired: true,
                category: Some(NeedCategory::IdDocuments),
                ..Default::default()
            }),
            ["Old Clinic"]
        );
    }

    #[test]
    fn referrals_count_engaged_with_completed_and_open_apart() {
        use ReferralStatus::*;
        let c = referral_counts(&[
            (Referred, 2),
            (Engaged, 3),
            (Completed, 4),
            (Declined, 1),
            (LostContact, 5),
        ]);
        assert_eq!(
            c,
            ReferralCounts {
                made: 15,
                engaged: 7,
                completed: 4,
                declined: 1,
                open: 2
            }
        );
    }
}
