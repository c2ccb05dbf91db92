//! The day of the call-in: checking people in, walk-ins, the offer of help and the
//! referrals it creates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::invitations::{Invitation, InviteeList};
use super::labels::Labelled;
use super::lifecycle::{CallInStatus, InvitationStatus, Lifecycle, OfferResponse};
use super::people::NeedCategory;
use crate::error::{AppError, AppResult};

/// The door's view: who is expected, who came, who walked in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    /// Invitees with a notice issued (they are expected at the door).
    pub expected: u32,
    pub arrived: u32,
    pub walk_ins: u32,
    /// Why people cannot be checked in now; none while check-in is open (the call-in is
    /// scheduled or its notices out).
    pub closed: Option<String>,
    /// Whether offers of help can be recorded for this call-in now.
    pub offers_open: bool,
    /// The invitations of those expected who have not come yet ("End check-in" makes
    /// them No-shows).
    pub still_expected: Vec<String>,
    pub list: InviteeList,
}

impl CheckIn {
    /// The door counts of an invitee list: a walk-in is not expected; an invitee is
    /// expected once a notice was issued (and still counts once arrived).
    pub fn of(list: InviteeList, call_in: CallInStatus) -> CheckIn {
        let (mut expected, mut arrived, mut walk_ins) = (0, 0, 0);
        let still_expected = no_shows(&list.invitations).map(|i| i.id.clone()).collect();
        for i in &list.invitations {
            if i.walk_in {
                walk_ins += 1;
            } else if becomes_no_show(i.status) || i.status == InvitationStatus::Attended {
                expected += 1;
            }
            if i.status == InvitationStatus::Attended {
                arrived += 1;
            }
        }
        CheckIn {
            expected,
            arrived,
            walk_ins,
            closed: check_in_open(call_in).err().map(|e| e.to_string()),
            offers_open: offers_open(call_in),
            still_expected,
            list,
        }
    }
}

/// A referral as the follow-up lists will show it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralSummary {
    pub id: String,
    pub need: NeedCategory,
    pub service_name: String,
    pub provider_name: String,
    pub due_on: Option<String>,
    pub part2: bool,
}

/// An invitation as the door sees it.
#[derive(Debug, Clone)]
pub struct AtTheDoor {
    pub call_in_id: String,
    pub person_id: String,
    /// "First Last", for messages.
    pub name: String,
    pub status: InvitationStatus,
    pub walk_in: bool,
    /// The status before check-in, which undo goes back to.
    pub before: Option<InvitationStatus>,
    /// An offer response is recorded.
    pub has_offer: bool,
}

/// What undoing a check-in does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undo {
    /// A walk-in leaves the list.
    RemoveWalkIn,
    /// An invitee goes back to the status they had.
    Restore(InvitationStatus),
}

/// Undo is for a check-in made by mistake: not once the offer response is recorded.
pub fn undo(invitation: &AtTheDoor) -> AppResult<Undo> {
    if invitation.status != InvitationStatus::Attended {
        return Err(AppError::Conflict(format!(
            "{} is not checked in.",
            invitation.name
        )));
    }
    if invitation.has_offer {
        return Err(AppError::Conflict(format!(
            "{}'s response to the offer of help is recorded; the check-in stays.",
            invitation.name
        )));
    }
    Ok(if invitation.walk_in {
        Undo::RemoveWalkIn
    } else {
        Undo::Restore(invitation.before.unwrap_or(InvitationStatus::Issued))
    })
}

/// Who a walk-in is: someone from the registry, or a new person with the least data.
pub fn walk_in_who<'a, P>(
    person_id: Option<&'a str>,
    new_person: Option<&'a P>,
) -> AppResult<WalkIn<'a, P>> {
    match (person_id.filter(|p| !p.is_empty()), new_person) {
        (Some(id), _) => Ok(WalkIn::Known(id)),
        (None, Some(p)) => Ok(WalkIn::New(p)),
        (None, None) => Err(AppError::invalid(
            "personId",
            "Find the person in the registry or enter a name.",
        )),
    }
}

pub enum WalkIn<'a, P> {
    Known(&'a str),
    New(&'a P),
}

/// A walk-in is someone not on the list: one already invited is checked in by name.
pub fn check_walk_in(already_invited: bool) -> AppResult<()> {
    if already_invited {
        return Err(AppError::invalid(
            "personId",
            "This person is on the invitee list: check them in by name.",
        ));
    }
    Ok(())
}

/// The invitees that "End check-in" makes No-shows.
pub fn no_shows(invitations: &[Invitation]) -> impl Iterator<Item = &Invitation> {
    invitations.iter().filter(|i| becomes_no_show(i.status))
}

/// The steps that take a call-in whose check-in ends to Held (through Notices out when
/// the notices were never marked out).
pub fn to_held(status: CallInStatus) -> &'static [CallInStatus] {
    if status == CallInStatus::Scheduled {
        &[CallInStatus::NoticesOut, CallInStatus::Held]
    } else {
        &[CallInStatus::Held]
    }
}

/// An offer response is recorded once, for an attendee.
pub fn check_offer_recordable(invitation: &AtTheDoor) -> AppResult<()> {
    OfferResponse::check_recordable(invitation.status)?;
    if invitation.has_offer {
        return Err(AppError::Conflict(format!(
            "{}'s response to the offer is already recorded.",
            invitation.name
        )));
    }
    Ok(())
}

/// Referrals for substance-use treatment carry the 42 CFR Part 2 flag: left out of
/// exports and printed lists unless the person's consent is recorded.
pub fn carries_part2(need: NeedCategory) -> bool {
    need == NeedCategory::SubstanceUse
}

/// The first-contact setting is 1 to 30 days.
pub fn check_first_contact_days(days: u32) -> AppResult<u32> {
    if !(1..=30).contains(&days) {
        return Err(AppError::invalid(
            "days",
            "First contact must be due within 1 to 30 days.",
        ));
    }
    Ok(days)
}

/// When first contact on a referral made at a call-in on `call_in_day` is due, recorded
/// on `today`: the setting's days after the call-in, or after today when that is later.
pub fn first_contact_on(call_in_day: Option<NaiveDate>, today: NaiveDate, days: u32) -> NaiveDate {
    first_contact_due(call_in_day.unwrap_or(today).max(today), days)
}

/// First contact on a new referral is due this many days after the call-in, unless the
/// coordinator sets another number in Settings.
pub const DEFAULT_FIRST_CONTACT_DAYS: u32 = 3;

/// People are checked in only while the call-in is about to happen or happening.
pub fn check_in_open(status: CallInStatus) -> AppResult<()> {
    match status {
        CallInStatus::Scheduled | CallInStatus::NoticesOut => Ok(()),
        other => Err(AppError::InvalidTransition(format!(
            "Check-in is open for a scheduled call-in; this one is {}.",
            other.label_en()
        ))),
    }
}

/// Offers of help are recorded from the day of the call-in until its follow-up ends: at
/// the door (scheduled, notices out) and after it (held, follow-up).
pub fn offers_open(status: CallInStatus) -> bool {
    matches!(
        status,
        CallInStatus::Scheduled
            | CallInStatus::NoticesOut
            | CallInStatus::Held
            | CallInStatus::FollowUp
    )
}

/// An invitee can be checked in once a notice was issued.
pub fn check_in_from(name: &str, from: InvitationStatus) -> AppResult<InvitationStatus> {
    if from == InvitationStatus::Attended {
        return Err(AppError::Conflict(format!("{name} is already checked in.")));
    }
    from.transition(InvitationStatus::Attended)
        .map_err(|_| AppError::InvalidTransition(format!(
            "{name} cannot be checked in: the invitation is {}. Only invitees with a notice issued can be checked in; add them as a walk-in instead.",
            from.label_en()
        )))
}

/// The statuses that "End check-in" turns into No-show.
pub fn becomes_no_show(status: InvitationStatus) -> bool {
    matches!(
        status,
        InvitationStatus::Issued | InvitationStatus::Acknowledged
    )
}

/// One service chosen for an attendee's need, which becomes a referral.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceChoice {
    pub service_id: String,
    pub need: NeedCategory,
}

/// The offer of help as recorded for one attendee.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferInput {
    pub response: OfferResponse,
    pub needs: Vec<NeedCategory>,
    pub services: Vec<ServiceChoice>,
}

/// Checks an offer: a referral needs its need listed, and a declined offer makes none.
pub fn validate_offer(input: &OfferInput) -> AppResult<()> {
    if input.response == OfferResponse::Declined && !input.services.is_empty() {
        return Err(AppError::invalid(
            "services",
            "A declined offer creates no referral; remove the services or change the response.",
        ));
    }
    for (i, s) in input.services.iter().enumerate() {
        if !input.needs.contains(&s.need) {
            return Err(AppError::invalid(
                format!("services.{i}.need"),
                "A service is chosen for a need that is not listed; add the need first.",
            ));
        }
    }
    Ok(())
}

/// When first contact on a referral made on `day` is due.
pub fn first_contact_due(day: NaiveDate, days: u32) -> NaiveDate {
    day + chrono::Duration::days(i64::from(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn only_issued_or_acknowledged_invitees_check_in() {
        assert_eq!(
            check_in_from("Ana", InvitationStatus::Issued).unwrap(),
            InvitationStatus::Attended
        );
        assert_eq!(
            check_in_from("Ana", InvitationStatus::Acknowledged).unwrap(),
            InvitationStatus::Attended
        );
        let err = check_in_from("Ana Peña", InvitationStatus::Vetted).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidTransition);
        assert!(err.to_string().contains("walk-in"), "{err}");
        assert_eq!(
            check_in_from("Ana", InvitationStatus::Attended)
                .unwrap_err()
                .code(),
            ErrorCode::Conflict
        );
        assert!(check_in_from("Ana", InvitationStatus::Ineligible).is_err());
    }

    #[test]
    fn check_in_is_open_only_around_the_day() {
        assert!(check_in_open(CallInStatus::Scheduled).is_ok());
        assert!(check_in_open(CallInStatus::NoticesOut).is_ok());
        for s in [
            CallInStatus::Draft,
            CallInStatus::Held,
            CallInStatus::Cancelled,
            CallInStatus::Postponed,
        ] {
            assert!(check_in_open(s).is_err());
        }
    }

    #[test]
    fn offers_and_their_referrals() {
        let housing = ServiceChoice {
            service_id: "s".into(),
            need: NeedCategory::Housing,
        };
        let ok = OfferInput {
            response: OfferResponse::Accepted,
            needs: vec![NeedCategory::Housing],
            services: vec![housing.clone()],
        };
        assert!(validate_offer(&ok).is_ok());
        let unlisted = OfferInput {
            response: OfferResponse::Accepted,
            needs: vec![],
            services: vec![housing.clone()],
        };
        assert_eq!(
            validate_offer(&unlisted).unwrap_err().field(),
            Some("services.0.need")
        );
        let declined = OfferInput {
            response: OfferResponse::Declined,
            needs: vec![NeedCategory::Housing],
            services: vec![housing],
        };
        assert_eq!(
            validate_offer(&declined).unwrap_err().field(),
            Some("services")
        );
        let d = NaiveDate::from_ymd_opt(2027, 3, 14).unwrap();
        assert_eq!(
            first_contact_due(d, 3),
            NaiveDate::from_ymd_opt(2027, 3, 17).unwrap()
        );
    }

    #[test]
    fn end_of_check_in_marks_the_notified_only() {
        assert!(becomes_no_show(InvitationStatus::Issued));
        assert!(becomes_no_show(InvitationStatus::Acknowledged));
        for s in [
            InvitationStatus::Proposed,
            InvitationStatus::Vetted,
            InvitationStatus::Attended,
            InvitationStatus::Excused,
            InvitationStatus::Ineligible,
        ] {
            assert!(!becomes_no_show(s));
        }
    }

    fn at_door(status: InvitationStatus, walk_in: bool, has_offer: bool) -> AtTheDoor {
        AtTheDoor {
            call_in_id: "c".into(),
            person_id: "p".into(),
            name: "Ana Peña".into(),
            status,
            walk_in,
            before: Some(InvitationStatus::Acknowledged),
            has_offer,
        }
    }

    #[test]
    fn undo_restores_the_status_before_or_removes_a_walk_in_and_not_after_an_offer() {
        use InvitationStatus::*;
        assert_eq!(
            undo(&at_door(Attended, false, false)).unwrap(),
            Undo::Restore(Acknowledged)
        );
        assert_eq!(
            undo(&at_door(Attended, true, false)).unwrap(),
            Undo::RemoveWalkIn
        );
        let err = undo(&at_door(Attended, false, true)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Conflict);
        assert_eq!(
            err.to_string(),
            "Ana Peña's response to the offer of help is recorded; the check-in stays."
        );
        assert_eq!(
            undo(&at_door(Issued, false, false))
                .unwrap_err()
                .to_string(),
            "Ana Peña is not checked in."
        );
    }

    #[test]
    fn an_offer_is_recorded_once_and_only_for_an_attendee() {
        use InvitationStatus::*;
        assert!(check_offer_recordable(&at_door(Attended, false, false)).is_ok());
        assert_eq!(
            check_offer_recordable(&at_door(Attended, false, true))
                .unwrap_err()
                .to_string(),
            "Ana Peña's response to the offer is already recorded."
        );
        assert_eq!(
            check_offer_recordable(&at_door(NoShow, false, false))
                .unwrap_err()
                .code(),
            ErrorCode::InvalidTransition
        );
    }

    #[test]
    fn offers_are_open_from_the_day_until_follow_up_ends() {
        use CallInStatus::*;
        for s in [Scheduled, NoticesOut, Held, FollowUp] {
            assert!(offers_open(s), "{s:?}");
        }
        for s in [Draft, Closed, Postponed, Cancelled] {
            assert!(!offers_open(s), "{s:?}");
        }
    }

    #[test]
    fn ending_check_in_passes_through_notices_out_only_from_scheduled() {
        assert_eq!(
            to_held(CallInStatus::Scheduled),
            &[CallInStatus::NoticesOut, CallInStatus::Held]
        );
        assert_eq!(to_held(CallInStatus::NoticesOut), &[CallInStatus::Held]);
    }

    #[test]
    fn first_contact_counts_from_the_call_in_or_from_today_when_later() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        assert_eq!(first_contact_on(Some(d(3, 14)), d(3, 1), 3), d(3, 17));
        assert_eq!(first_contact_on(Some(d(3, 14)), d(3, 20), 3), d(3, 23));
        assert_eq!(first_contact_on(None, d(3, 20), 5), d(3, 25));
        assert_eq!(
            check_first_contact_days(0).unwrap_err().field(),
            Some("days")
        );
        assert_eq!(
            check_first_contact_days(31).unwrap_err().field(),
            Some("days")
        );
        assert_eq!(check_first_contact_days(30).unwrap(), 30);
    }

    #[test]
    fn only_substance_use_treatment_carries_part_2() {
        for need in NeedCategory::ALL {
            assert_eq!(
                carries_part2(*need),
                *need == NeedCategory::SubstanceUse,
                "{need}"
            );
        }
    }

    #[test]
    fn a_walk_in_names_someone_and_is_not_on_the_list() {
        let err = walk_in_who::<()>(None, None).err().unwrap();
        assert_eq!(err.field(), Some("personId"));
        assert!(matches!(
            walk_in_who::<()>(Some("p1"), None),
            Ok(WalkIn::Known("p1"))
        ));
        assert!(matches!(
            walk_in_who(Some(""), Some(&7)),
            Ok(WalkIn::New(7))
        ));
        assert_eq!(check_walk_in(true).unwrap_err().field(), Some("personId"));
        assert!(check_walk_in(false).is_ok());
    }
}
