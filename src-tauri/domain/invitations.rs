//! Invitations as formal notices: the invitee list, the picker's filters and bulk actions.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::callins::CallIn;
use super::lifecycle::{
    CallInStatus, IneligibleReason, InvitationStatus, Lifecycle, OfferResponse,
};
use super::people::{NeedCategory, Page, PersonRow, PersonStatus, SupervisionType};
use super::time::parse_date;
use super::warnings::{call_in_warnings, person_warnings, CallInFacts, InviteeFacts, Warning};
use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

text_enum!(
    DeliveryMethod {
        Officer = "officer",
        Mail = "mail",
        InPerson = "in_person",
        Family = "family",
    }
);

/// The invitee picker's filters over the registry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InviteeQuery {
    #[ts(optional)]
    pub search: Option<String>,
    #[ts(optional)]
    pub supervision_type: Option<SupervisionType>,
    #[ts(optional)]
    pub agency: Option<String>,
    #[ts(optional)]
    pub officer: Option<String>,
    /// Supervision ends on or after this date (`YYYY-MM-DD`).
    #[ts(optional)]
    pub supervision_ends_after: Option<String>,
    /// Supervision ends on or before this date.
    #[ts(optional)]
    pub supervision_ends_before: Option<String>,
    #[ts(optional)]
    pub group_id: Option<String>,
    #[ts(optional)]
    pub area: Option<String>,
    /// `None`: active people only (the usual pool); archived people are never offered.
    #[ts(optional)]
    pub status: Option<PersonStatus>,
    #[ts(optional)]
    pub after: Option<String>,
    #[ts(optional)]
    pub limit: Option<u32>,
}

impl InviteeQuery {
    pub fn dates(&self) -> AppResult<(Option<NaiveDate>, Option<NaiveDate>)> {
        let after = parse_date(
            "supervisionEndsAfter",
            "Ends after",
            self.supervision_ends_after.as_deref(),
        )?;
        let before = parse_date(
            "supervisionEndsBefore",
            "Ends before",
            self.supervision_ends_before.as_deref(),
        )?;
        if let (Some(a), Some(b)) = (after, before) {
            if b < a {
                return Err(AppError::invalid(
                    "supervisionEndsBefore",
                    "“Ends before” is earlier than “Ends after”.",
                ));
            }
        }
        if self.status == Some(PersonStatus::Archived) {
            return Err(AppError::invalid(
                "status",
                "Archived people cannot be invited.",
            ));
        }
        Ok((after, before))
    }
}

/// One person in the picker: are they invited already, and what would inviting them warn of.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct InviteeCandidate {
    pub person: PersonRow,
    pub invited: bool,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: String,
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub status: InvitationStatus,
    /// The invitee can still be taken off the list (no notice went out yet).
    pub removable: bool,
    pub reason_selected: Option<String>,
    pub delivery_method: Option<DeliveryMethod>,
    pub delivered_by: Option<String>,
    pub issued_on: Option<String>,
    pub acknowledged_on: Option<String>,
    pub ineligible_reason: Option<IneligibleReason>,
    pub walk_in: bool,
    pub officer_name: Option<String>,
    pub warnings: Vec<Warning>,
    /// The person's aliases, so the door can find them by the name they go by.
    pub aliases: Vec<String>,
    pub checked_in_at: Option<String>,
    /// The response to the offer of help, once recorded.
    pub offer_response: Option<OfferResponse>,
    pub offer_needs: Vec<NeedCategory>,
    /// Referrals made from this invitation's offer.
    pub referrals: u32,
}

/// The invitee list of a call-in with its warnings summed up.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct InviteeList {
    pub invitations: Vec<Invitation>,
    /// Every warning: each invitee's and the call-in's own (capacity).
    pub warnings: Vec<Warning>,
    pub open_warnings: u32,
    /// Invitees who count against capacity (not ineligible, not excused).
    pub counted: u32,
    pub capacity: Option<u32>,
}

/// What a bulk action does to each selected invitation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(
    tag = "action",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum NoticeAction {
    /// Checked and approved for a notice.
    Vet,
    /// The notice went out.
    Issue {
        method: DeliveryMethod,
        delivered_by: String,
        issued_on: String,
    },
    /// The invitee confirmed they got it.
    Acknowledge {
        acknowledged_on: String,
    },
    Excuse,
    Ineligible {
        reason: IneligibleReason,
    },
}

impl NoticeAction {
    pub fn target(&self) -> InvitationStatus {
        match self {
            NoticeAction::Vet => InvitationStatus::Vetted,
            NoticeAction::Issue { .. } => InvitationStatus::Issued,
            NoticeAction::Acknowledge { .. } => InvitationStatus::Acknowledged,
            NoticeAction::Excuse => InvitationStatus::Excused,
            NoticeAction::Ineligible { .. } => InvitationStatus::Ineligible,
        }
    }

    /// Checks the action's own fields.
    pub fn validate(&self, today: NaiveDate) -> AppResult<()> {
        match self {
            NoticeAction::Issue {
                delivered_by,
                issued_on,
                ..
            } => {
                if delivered_by.trim().is_empty() {
                    return Err(AppError::invalid(
                        "deliveredBy",
                        "Say who delivered the notices.",
                    ));
                }
                let d =
                    parse_date("issuedOn", "Issued date", Some(issued_on))?.ok_or_else(|| {
                        AppError::invalid("issuedOn", "Enter the date the notices were issued.")
                    })?;
                if d > today {
                    return Err(AppError::invalid(
                        "issuedOn",
                        "The issued date cannot be in the future.",
                    ));
                }
            }
            NoticeAction::Acknowledge { acknowledged_on } => {
                let d = parse_date("acknowledgedOn", "Acknowledged date", Some(acknowledged_on))?
                    .ok_or_else(|| {
                    AppError::invalid("acknowledgedOn", "Enter the date it was acknowledged.")
                })?;
                if d > today {
                    return Err(AppError::invalid(
                        "acknowledgedOn",
                        "The acknowledged date cannot be in the future.",
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The move for one invitation, refused with the person's name when not allowed.
    pub fn check(&self, name: &str, from: InvitationStatus) -> AppResult<InvitationStatus> {
        from.transition(self.target())
            .map_err(|e| AppError::InvalidTransition(format!("{name}: {e} Nothing was changed.")))
    }
}

/// The moves one notice action makes on a selection, all or nothing: refused, naming who,
/// if any invitation cannot take the step (the caller then changes nothing).
pub fn plan_notices<'a>(
    call_in: CallInStatus,
    invitations: &'a [Invitation],
    ids: &[String],
    action: &NoticeAction,
    today: NaiveDate,
) -> AppResult<Vec<(&'a Invitation, InvitationStatus)>> {
    if ids.is_empty() {
        return Err(AppError::invalid("ids", "Select at least one invitee."));
    }
    action.validate(today)?;
    if matches!(action, NoticeAction::Issue { .. }) && call_in == CallInStatus::Draft {
        return Err(AppError::InvalidTransition(
            "Schedule the call-in before issuing notices.".into(),
        ));
    }
    ids.iter()
        .map(|id| {
            let inv = invitations.iter().find(|i| &i.id == id).ok_or_else(|| {
                AppError::NotFound("An invitation in the selection is not on this call-in.".into())
            })?;
            let name = format!("{} {}", inv.first_name, inv.last_name);
            Ok((inv, action.check(name.trim(), inv.status)?))
        })
        .collect()
}

/// At most this many people are added by one "add all filtered".
pub const MAX_BULK_ADD: u32 = 500;

/// An invitation counts against capacity and for the warnings unless the person was found
/// ineligible or excused.
pub fn counts(status: InvitationStatus) -> bool {
    !matches!(
        status,
        InvitationStatus::Ineligible | InvitationStatus::Excused
    )
}

/// What the invitee list is made of, as the store loads it: the call-in, its invitations
/// (without warnings yet), what the warnings need to know of every invitee, the feuding
/// group pairs and the warnings already acknowledged.
pub struct ListFacts {
    pub call_in: CallIn,
    pub invitations: Vec<Invitation>,
    pub people: Vec<InviteeFacts>,
    pub feuds: Vec<(String, String)>,
    pub acknowledged: BTreeSet<String>,
}

impl ListFacts {
    /// The invitees who count (see [`counts`]), in list order.
    fn counted(&self) -> Vec<InviteeFacts> {
        let counting: BTreeSet<&str> = self
            .invitations
            .iter()
            .filter(|i| counts(i.status))
            .map(|i| i.person_id.as_str())
            .collect();
        self.people
            .iter()
            .filter(|p| counting.contains(p.person_id.as_str()))
            .cloned()
            .collect()
    }

    fn warning_facts<'a>(&'a self, counted: &'a [InviteeFacts]) -> CallInFacts<'a> {
        CallInFacts {
            date: self.call_in.day(),
            capacity: self.call_in.venue_capacity,
            invitees: counted,
            feuds: &self.feuds,
            acknowledged: &self.acknowledged,
        }
    }
}

/// The invitee list: each invitee with their warnings and whether they can still be
/// removed, every warning, and the count against capacity.
pub fn invitee_list(facts: ListFacts) -> InviteeList {
    let counted = facts.counted();
    let warnings = call_in_warnings(&facts.warning_facts(&counted));
    let mut by_person: BTreeMap<String, Vec<Warning>> = BTreeMap::new();
    for w in &warnings {
        if let Some(p) = &w.person_id {
            by_person.entry(p.clone()).or_default().push(w.clone());
        }
    }
    let invitations = facts
        .invitations
        .into_iter()
        .map(|mut i| {
            i.warnings = by_person.remove(&i.person_id).unwrap_or_default();
            i.removable = check_removable(i.status).is_ok();
            i
        })
        .collect();
    InviteeList {
        invitations,
        open_warnings: warnings.iter().filter(|w| !w.acknowledged).count() as u32,
        warnings,
        counted: counted.len() as u32,
        capacity: facts.call_in.venue_capacity,
    }
}

/// The picker's page: each person with whether they are invited already and the warnings
/// inviting them would bring (`candidates` holds what the warnings need to know of them).
pub fn candidate_page(
    list: &ListFacts,
    page: Page<PersonRow>,
    candidates: Vec<InviteeFacts>,
) -> Page<InviteeCandidate> {
    let invited: BTreeSet<&str> = list
        .invitations
        .iter()
        .map(|i| i.person_id.as_str())
        .collect();
    let counted = list.counted();
    let facts = list.warning_facts(&counted);
    let mut by_id: BTreeMap<String, InviteeFacts> = candidates
        .into_iter()
        .map(|f| (f.person_id.clone(), f))
        .collect();
    let rows = page
        .rows
        .into_iter()
        .map(|person| InviteeCandidate {
            invited: invited.contains(person.id.as_str()),
            warnings: by_id
                .remove(&person.id)
                .map(|me| person_warnings(&facts, &me))
                .unwrap_or_default(),
            person,
        })
        .collect();
    Page {
        rows,
        total: page.total,
        next_cursor: page.next_cursor,
    }
}

/// Whether a person can be added to an invitee list: they are in the registry
/// (`person` is their status, `None` when not), not archived, and not on it already.
pub fn check_invitable(person: Option<PersonStatus>, already_invited: bool) -> AppResult<()> {
    match person {
        None => Err(AppError::invalid(
            "personId",
            "That person is not in the registry.",
        )),
        Some(PersonStatus::Archived) => Err(AppError::invalid(
            "personId",
            "Archived people cannot be invited; restore them first.",
        )),
        Some(_) if already_invited => Err(AppError::invalid(
            "personId",
            "This person is already invited.",
        )),
        Some(_) => Ok(()),
    }
}

/// "Add all filtered" is refused, adding no one, when the filter matches more than
/// [`MAX_BULK_ADD`] people.
pub fn check_bulk_add(matched: usize) -> AppResult<()> {
    if matched as u64 > u64::from(MAX_BULK_ADD) {
        return Err(AppError::invalid(
            "query",
            format!("That filter matches more than {MAX_BULK_ADD} people; narrow it down before adding them all."),
        ));
    }
    Ok(())
}

/// The warnings to record as seen, all or nothing: refused when a key no longer applies
/// (the list changed since the coordinator looked); those already acknowledged are left out.
pub fn plan_acknowledgements<'a>(
    warnings: &'a [Warning],
    keys: &[String],
) -> AppResult<Vec<&'a Warning>> {
    let mut out = Vec::new();
    for key in keys {
        let w = warnings.iter().find(|w| &w.key == key).ok_or_else(|| {
            AppError::invalid(
                "keys",
                "That warning no longer applies; the list has changed.",
            )
        })?;
        if !w.acknowledged && !out.iter().any(|o: &&Warning| o.key == w.key) {
            out.push(w);
        }
    }
    Ok(out)
}

/// An invitee is taken off the list only before a notice went out; after that they are
/// marked Excused or Ineligible, so the record of the notice stays.
pub fn check_removable(status: InvitationStatus) -> AppResult<()> {
    match status {
        InvitationStatus::Proposed | InvitationStatus::Vetted => Ok(()),
        _ => Err(AppError::InvalidTransition(
            "A notice was issued to this person; mark them Excused or Ineligible instead of removing them.".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::warnings::WarningKind;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn invitation(id: &str, last: &str, status: InvitationStatus) -> Invitation {
        Invitation {
            id: id.into(),
            person_id: format!("p-{id}"),
            first_name: "Ana".into(),
            last_name: last.into(),
            status,
            removable: check_removable(status).is_ok(),
            reason_selected: None,
            delivery_method: None,
            delivered_by: None,
            issued_on: None,
            acknowledged_on: None,
            ineligible_reason: None,
            walk_in: false,
            officer_name: None,
            warnings: vec![],
            aliases: vec![],
            checked_in_at: None,
            offer_response: None,
            offer_needs: vec![],
            referrals: 0,
        }
    }

    fn facts(id: &str, name: &str, groups: &[&str]) -> InviteeFacts {
        InviteeFacts {
            person_id: format!("p-{id}"),
            name: name.into(),
            status: PersonStatus::Active,
            supervision_end: None,
            groups: groups
                .iter()
                .map(|g| (g.to_string(), g.to_uppercase()))
                .collect(),
            other_open_call_ins: vec![],
        }
    }

    #[test]
    fn the_list_counts_attaches_warnings_and_says_who_can_be_removed() {
        let mut call_in = crate::domain::callins::test_call_in();
        call_in.venue_capacity = Some(1);
        let list = invitee_list(ListFacts {
            call_in,
            invitations: vec![
                invitation("a", "Núñez", InvitationStatus::Issued),
                invitation("b", "Carter", InvitationStatus::Proposed),
                invitation("c", "Diaz", InvitationStatus::Excused),
            ],
            people: vec![
                facts("a", "Ana Núñez", &["north"]),
                facts("b", "Ana Carter", &["south"]),
                facts("c", "Ana Diaz", &["south"]),
            ],
            feuds: vec![("north".into(), "south".into())],
            acknowledged: BTreeSet::new(),
        });
        // The excused one neither counts nor warns.
        assert_eq!((list.counted, list.capacity), (2, Some(1)));
        let kinds: Vec<WarningKindOf> = list
            .warnings
            .iter()
            .map(|w| (w.kind, w.person_id.clone()))
            .collect();
        assert!(
            kinds.contains(&(WarningKind::OverCapacity, None)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(WarningKind::Feud, Some("p-a".into()))),
            "{kinds:?}"
        );
        assert!(
            !kinds.iter().any(|(_, p)| p.as_deref() == Some("p-c")),
            "{kinds:?}"
        );
        assert_eq!(list.open_warnings as usize, list.warnings.len());
        let a = &list.invitations[0];
        assert!(!a.removable && a.warnings.iter().all(|w| w.kind == WarningKind::Feud));
        assert!(list.invitations[1].removable);
        assert!(list.invitations[2].warnings.is_empty());
    }

    type WarningKindOf = (WarningKind, Option<String>);

    #[test]
    fn who_can_be_invited_and_how_many_at_once() {
        use crate::error::ErrorCode;
        assert!(check_invitable(Some(PersonStatus::Active), false).is_ok());
        let field = |e: AppError| (e.code(), e.field().map(str::to_owned), e.to_string());
        let (code, f, m) = field(check_invitable(None, false).unwrap_err());
        assert_eq!(
            (code, f.as_deref(), m.as_str()),
            (
                ErrorCode::Validation,
                Some("personId"),
                "That person is not in the registry."
            )
        );
        let (_, _, m) = field(check_invitable(Some(PersonStatus::Archived), false).unwrap_err());
        assert_eq!(m, "Archived people cannot be invited; restore them first.");
        let (_, _, m) = field(check_invitable(Some(PersonStatus::Active), true).unwrap_err());
        assert_eq!(m, "This person is already invited.");
        assert!(check_bulk_add(MAX_BULK_ADD as usize).is_ok());
        let e = check_bulk_add(MAX_BULK_ADD as usize + 1).unwrap_err();
        assert_eq!(e.field(), Some("query"));
        assert!(e.to_string().contains("more than 500 people"), "{e}");
    }

    #[test]
    fn acknowledgements_are_all_or_nothing_and_skip_those_seen() {
        let w = |key: &str, acknowledged| Warning {
            key: key.into(),
            kind: WarningKind::Feud,
            message: String::new(),
            person_id: None,
            acknowledged,
        };
        let warnings = [w("feud:a", false), w("feud:b", true), w("cap", false)];
        let keys = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let seen = plan_acknowledgements(&warnings, &keys(&["cap", "feud:b", "cap"])).unwrap();
        assert_eq!(
            seen.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(),
            ["cap"]
        );
        let e = plan_acknowledgements(&warnings, &keys(&["feud:a", "gone"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "That warning no longer applies; the list has changed."
        );
    }

    #[test]
    fn notices_are_planned_all_or_nothing_naming_who_cannot_take_the_step() {
        use crate::error::ErrorCode;
        let list = [
            invitation("a", "Núñez", InvitationStatus::Vetted),
            invitation("b", "Carter", InvitationStatus::Proposed),
        ];
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let issue = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "T. Nguyen".into(),
            issued_on: "2026-11-20".into(),
        };
        let s = CallInStatus::Scheduled;
        let moves = plan_notices(s, &list, &ids(&["a"]), &issue, today()).unwrap();
        assert_eq!(moves.len(), 1);
        assert_eq!(
            (moves[0].0.id.as_str(), moves[0].1),
            ("a", InvitationStatus::Issued)
        );
        let e = plan_notices(s, &list, &ids(&["a", "b"]), &issue, today()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidTransition);
        assert!(e.to_string().starts_with("Ana Carter: "), "{e}");
        let e = plan_notices(s, &list, &[], &issue, today()).unwrap_err();
        assert_eq!(e.field(), Some("ids"));
        let e = plan_notices(s, &list, &ids(&["zz"]), &issue, today()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotFound);
        let e =
            plan_notices(CallInStatus::Draft, &list, &ids(&["a"]), &issue, today()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Schedule the call-in before issuing notices."
        );
        // Vetting is planning, allowed in a draft.
        let vet = plan_notices(
            CallInStatus::Draft,
            &list,
            &ids(&["b"]),
            &NoticeAction::Vet,
            today(),
        );
        assert_eq!(vet.unwrap()[0].1, InvitationStatus::Vetted);
    }

    #[test]
    fn issuing_needs_who_and_a_past_date() {
        let a = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: " ".into(),
            issued_on: "2026-11-29".into(),
        };
        assert_eq!(
            a.validate(today()).unwrap_err().field(),
            Some("deliveredBy")
        );
        let a = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "R. Carter".into(),
            issued_on: "2026-11-30".into(),
        };
        assert_eq!(a.validate(today()).unwrap_err().field(), Some("issuedOn"));
        let a = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "R. Carter".into(),
            issued_on: "2026-11-29".into(),
        };
        assert!(a.validate(today()).is_ok());
    }

    #[test]
    fn a_notice_is_issued_only_after_vetting() {
        let issue = NoticeAction::Issue {
            method: DeliveryMethod::Mail,
            delivered_by: "me".into(),
            issued_on: "2026-11-01".into(),
        };
        let err = issue
            .check("Ana Peña", InvitationStatus::Proposed)
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Ana Peña: An invitation cannot go from Proposed to Issued."),
            "{err}"
        );
        assert_eq!(
            issue.check("Ana", InvitationStatus::Vetted).unwrap(),
            InvitationStatus::Issued
        );
        assert_eq!(
            NoticeAction::Vet
                .check("Ana", InvitationStatus::Proposed)
                .unwrap(),
            InvitationStatus::Vetted
        );
        assert!(NoticeAction::Ineligible {
            reason: IneligibleReason::Moved
        }
        .check("Ana", InvitationStatus::Attended)
        .is_err());
    }

    #[test]
    fn picker_dates_are_checked() {
        let q = InviteeQuery {
            supervision_ends_after: Some("2027-01-01".into()),
            supervision_ends_before: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert_eq!(
            q.dates().unwrap_err().field(),
            Some("supervisionEndsBefore")
        );
        let q = InviteeQuery {
            status: Some(PersonStatus::Archived),
            ..Default::default()
        };
        assert_eq!(q.dates().unwrap_err().field(), Some("status"));
    }
}
