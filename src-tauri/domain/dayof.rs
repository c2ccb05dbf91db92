//! The day of the call-in: checking people in, walk-ins, the offer of help and the
//! referrals it creates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lifecycle::{CallInStatus, InvitationStatus, Lifecycle, OfferResponse};
use super::people::NeedCategory;
use crate::error::{AppError, AppResult};

/// First contact on a new referral is due this many days after the call-in, unless the
/// coordinator sets another number in Settings.
pub const DEFAULT_FIRST_CONTACT_DAYS: u32 = 3;

/// People are checked in only while the call-in is about to happen or happening.
pub fn check_in_open(status: CallInStatus) -> AppResult<()> {
    match status {
        CallInStatus::Scheduled | CallInStatus::NoticesOut => Ok(()),
        other => Err(AppError::InvalidTransition(format!(
            "Check-in is open for a scheduled call-in; this one is {}.",
            other.label()
        ))),
    }
}

/// An invitee can be checked in once a notice was issued.
pub fn check_in_from(name: &str, from: InvitationStatus) -> AppResult<InvitationStatus> {
    if from == InvitationStatus::Attended {
        return Err(AppError::Conflict(format!("{name} is already checked in.")));
    }
    from.transition(InvitationStatus::Attended)
        .map_err(|_| AppError::InvalidTransition(format!(
            "{name} cannot be checked in: the invitation is {}. Only invitees with a notice issued can be checked in; add them as a walk-in instead.",
            from.label()
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
}
