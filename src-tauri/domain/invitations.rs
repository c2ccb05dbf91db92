//! Invitations as formal notices: the invitee list, the picker's filters and bulk actions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lifecycle::{
    CallInStatus, IneligibleReason, InvitationStatus, Lifecycle, OfferResponse,
};
use super::people::{NeedCategory, PersonRow, PersonStatus, SupervisionType};
use super::time::parse_date;
use super::warnings::Warning;
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
