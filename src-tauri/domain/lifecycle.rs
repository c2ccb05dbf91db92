//! The lifecycles of DESIGN.md section 2: each status enum with its allowed transitions.
//! A transition not listed is refused with an `InvalidTransition` error that says so.

use crate::domain::labels::Labelled;
use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

/// A status that moves along a lifecycle.
pub trait Lifecycle: Labelled + Eq + std::fmt::Debug {
    /// What the record is called in messages ("call-in", "referral").
    const NOUN: &'static str;
    /// The statuses this one may move to.
    fn next(self) -> &'static [Self];
    fn can_become(self, to: Self) -> bool {
        self.next().contains(&to)
    }

    /// `to` when the move is allowed, else a clear error naming both ends.
    fn transition(self, to: Self) -> AppResult<Self> {
        if self.can_become(to) {
            Ok(to)
        } else {
            let allowed: Vec<&str> = self.next().iter().map(|s| s.label_en()).collect();
            let hint = if allowed.is_empty() {
                format!("{} is a final status.", self.label_en())
            } else {
                format!(
                    "From {} it can become: {}.",
                    self.label_en(),
                    allowed.join(", ")
                )
            };
            let article = if Self::NOUN.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "An"
            } else {
                "A"
            };
            Err(AppError::InvalidTransition(format!(
                "{article} {} cannot go from {} to {}. {}",
                Self::NOUN,
                self.label_en(),
                to.label_en(),
                hint
            )))
        }
    }
}

text_enum!(
    /// CallIn: Draft → Scheduled → NoticesOut → Held → FollowUp → Closed;
    /// Draft/Scheduled/NoticesOut → Postponed (→ Scheduled) or Cancelled.
    CallInStatus {
        Draft = "draft",
        Scheduled = "scheduled",
        NoticesOut = "notices_out",
        Held = "held",
        FollowUp = "follow_up",
        Closed = "closed",
        Postponed = "postponed",
        Cancelled = "cancelled",
    }
);

impl Lifecycle for CallInStatus {
    const NOUN: &'static str = "call-in";
    fn next(self) -> &'static [Self] {
        use CallInStatus::*;
        match self {
            Draft => &[Scheduled, Postponed, Cancelled],
            Scheduled => &[NoticesOut, Postponed, Cancelled],
            NoticesOut => &[Held, Postponed, Cancelled],
            Held => &[FollowUp],
            FollowUp => &[Closed],
            Postponed => &[Scheduled, Cancelled],
            Closed | Cancelled => &[],
        }
    }
}

text_enum!(
    /// Invitation: Proposed → Vetted → Issued → Acknowledged → Attended | NoShow | Excused;
    /// any before Attended → Ineligible; NoShow → CustomNotificationPending → CustomNotificationDone.
    /// A walk-in is created directly as Attended.
    InvitationStatus {
        Proposed = "proposed",
        Vetted = "vetted",
        Issued = "issued",
        Acknowledged = "acknowledged",
        Attended = "attended",
        NoShow = "no_show",
        Excused = "excused",
        Ineligible = "ineligible",
        CustomNotificationPending = "custom_notification_pending",
        CustomNotificationDone = "custom_notification_done",
    }
);

impl Lifecycle for InvitationStatus {
    const NOUN: &'static str = "invitation";
    fn next(self) -> &'static [Self] {
        use InvitationStatus::*;
        match self {
            Proposed => &[Vetted, Ineligible],
            Vetted => &[Issued, Ineligible],
            Issued => &[Acknowledged, Attended, NoShow, Excused, Ineligible],
            Acknowledged => &[Attended, NoShow, Excused, Ineligible],
            NoShow => &[CustomNotificationPending],
            CustomNotificationPending => &[CustomNotificationDone],
            Attended | Excused | Ineligible | CustomNotificationDone => &[],
        }
    }
}

impl InvitationStatus {
    /// The status a walk-in is created with.
    pub const WALK_IN: InvitationStatus = InvitationStatus::Attended;
}

text_enum!(
    /// Why an invitee became Ineligible.
    IneligibleReason {
        InCustody = "in_custody",
        Moved = "moved",
        Deceased = "deceased",
    }
);

text_enum!(
    /// The response of an attendee to the offer of help (on an Attended invitation).
    OfferResponse {
        Accepted = "accepted",
        Interested = "interested",
        Undecided = "undecided",
        Declined = "declined",
    }
);

impl OfferResponse {
    /// An offer response can only be recorded for someone who attended.
    pub fn check_recordable(invitation: InvitationStatus) -> AppResult<()> {
        if invitation == InvitationStatus::Attended {
            Ok(())
        } else {
            Err(AppError::InvalidTransition(format!(
                "An offer response can only be recorded for an attendee; this invitation is {}.",
                invitation.label_en()
            )))
        }
    }
}

text_enum!(
    /// Speaker assignment: Invited → Confirmed → Spoke | Declined.
    SpeakerAssignmentStatus {
        Invited = "invited",
        Confirmed = "confirmed",
        Spoke = "spoke",
        Declined = "declined",
    }
);

impl Lifecycle for SpeakerAssignmentStatus {
    const NOUN: &'static str = "speaker assignment";
    fn next(self) -> &'static [Self] {
        use SpeakerAssignmentStatus::*;
        match self {
            Invited => &[Confirmed, Declined],
            Confirmed => &[Spoke, Declined],
            Spoke | Declined => &[],
        }
    }
}

text_enum!(
    /// Referral: Identified → Referred → ProviderContacted → IntakeScheduled → Engaged → Completed;
    /// from any open state → Declined | LostContact | Closed (with a reason).
    ReferralStatus {
        Identified = "identified",
        Referred = "referred",
        ProviderContacted = "provider_contacted",
        IntakeScheduled = "intake_scheduled",
        Engaged = "engaged",
        Completed = "completed",
        Declined = "declined",
        LostContact = "lost_contact",
        Closed = "closed",
    }
);

impl Lifecycle for ReferralStatus {
    const NOUN: &'static str = "referral";
    fn next(self) -> &'static [Self] {
        use ReferralStatus::*;
        match self {
            Identified => &[Referred, Declined, LostContact, Closed],
            Referred => &[ProviderContacted, Declined, LostContact, Closed],
            ProviderContacted => &[IntakeScheduled, Declined, LostContact, Closed],
            IntakeScheduled => &[Engaged, Declined, LostContact, Closed],
            Engaged => &[Completed, Declined, LostContact, Closed],
            Completed | Declined | LostContact | Closed => &[],
        }
    }
}

impl ReferralStatus {
    pub fn is_open(self) -> bool {
        !self.next().is_empty()
    }

    /// Closing a referral needs a reason; other moves do not.
    pub fn transition_with_reason(self, to: Self, reason: Option<&str>) -> AppResult<Self> {
        let to = self.transition(to)?;
        if to == ReferralStatus::Closed && reason.map(str::trim).unwrap_or("").is_empty() {
            return Err(AppError::invalid(
                "reason",
                "Say why the referral is closed.",
            ));
        }
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    /// Every pair (from, to): allowed exactly when listed, refused with a clear message otherwise.
    fn check_table<L: Lifecycle>(all: &[L], allowed: &[(L, L)]) {
        for &from in all {
            for &to in all {
                let listed = allowed.contains(&(from, to));
                match from.transition(to) {
                    Ok(got) => {
                        assert!(listed, "{from:?} -> {to:?} should be refused");
                        assert_eq!(got, to);
                    }
                    Err(err) => {
                        assert!(!listed, "{from:?} -> {to:?} should be allowed");
                        assert_eq!(err.code(), ErrorCode::InvalidTransition);
                        let msg = err.to_string();
                        assert!(
                            msg.contains(from.label_en()) && msg.contains(to.label_en()),
                            "{msg}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn call_in_lifecycle() {
        use CallInStatus::*;
        check_table(
            CallInStatus::ALL,
            &[
                (Draft, Scheduled),
                (Scheduled, NoticesOut),
                (NoticesOut, Held),
                (Held, FollowUp),
                (FollowUp, Closed),
                (Draft, Postponed),
                (Scheduled, Postponed),
                (NoticesOut, Postponed),
                (Postponed, Scheduled),
                (Draft, Cancelled),
                (Scheduled, Cancelled),
                (NoticesOut, Cancelled),
                (Postponed, Cancelled),
            ],
        );
        let err = Held.transition(Draft).unwrap_err().to_string();
        assert_eq!(
            err,
            "A call-in cannot go from Held to Draft. From Held it can become: Follow-up."
        );
        assert!(Closed
            .transition(Held)
            .unwrap_err()
            .to_string()
            .contains("final status"));
    }

    #[test]
    fn invitation_lifecycle() {
        use InvitationStatus::*;
        let mut allowed = vec![
            (Proposed, Vetted),
            (Vetted, Issued),
            (Issued, Acknowledged),
            (Issued, Attended),
            (Issued, NoShow),
            (Issued, Excused),
            (Acknowledged, Attended),
            (Acknowledged, NoShow),
            (Acknowledged, Excused),
            (NoShow, CustomNotificationPending),
            (CustomNotificationPending, CustomNotificationDone),
        ];
        for before_attended in [Proposed, Vetted, Issued, Acknowledged] {
            allowed.push((before_attended, Ineligible));
        }
        check_table(InvitationStatus::ALL, &allowed);
        assert_eq!(InvitationStatus::WALK_IN, Attended);
        assert!(Attended.transition(Ineligible).is_err());
    }

    #[test]
    fn offer_response_needs_an_attendee() {
        assert!(OfferResponse::check_recordable(InvitationStatus::Attended).is_ok());
        for s in InvitationStatus::ALL
            .iter()
            .filter(|s| **s != InvitationStatus::Attended)
        {
            let err = OfferResponse::check_recordable(*s).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidTransition);
        }
    }

    #[test]
    fn speaker_assignment_lifecycle() {
        use SpeakerAssignmentStatus::*;
        check_table(
            SpeakerAssignmentStatus::ALL,
            &[
                (Invited, Confirmed),
                (Invited, Declined),
                (Confirmed, Spoke),
                (Confirmed, Declined),
            ],
        );
    }

    #[test]
    fn referral_lifecycle() {
        use ReferralStatus::*;
        let forward = [
            (Identified, Referred),
            (Referred, ProviderContacted),
            (ProviderContacted, IntakeScheduled),
            (IntakeScheduled, Engaged),
            (Engaged, Completed),
        ];
        let mut allowed = forward.to_vec();
        for open in [
            Identified,
            Referred,
            ProviderContacted,
            IntakeScheduled,
            Engaged,
        ] {
            for end in [Declined, LostContact, Closed] {
                allowed.push((open, end));
            }
        }
        check_table(ReferralStatus::ALL, &allowed);
        assert!(!Completed.is_open() && Engaged.is_open());
    }

    #[test]
    fn closing_a_referral_needs_a_reason() {
        use ReferralStatus::*;
        let err = Engaged
            .transition_with_reason(Closed, Some("  "))
            .unwrap_err();
        assert_eq!(err.field(), Some("reason"));
        assert_eq!(
            Engaged
                .transition_with_reason(Closed, Some("moved out of state"))
                .unwrap(),
            Closed
        );
        assert_eq!(
            Engaged.transition_with_reason(Completed, None).unwrap(),
            Completed
        );
    }

    #[test]
    fn statuses_round_trip_as_text() {
        for s in ReferralStatus::ALL {
            assert_eq!(ReferralStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            CallInStatus::parse("notices_out"),
            Some(CallInStatus::NoticesOut)
        );
        assert_eq!(CallInStatus::parse("bogus"), None);
    }
}
