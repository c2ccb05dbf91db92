//! What printed documents show: who is on a sheet, in which order, and the words for each
//! state. Pure rules; the layout lives in `reports/`.

use chrono::{NaiveDate, NaiveTime};

use super::invitations::Invitation;
use super::lifecycle::{InvitationStatus, Lifecycle, OfferResponse};
use super::people::SupervisionType;
use super::text::sort_name;
use crate::error::{AppError, AppResult};

/// Blank rows a sign-in sheet may end with, for walk-ins.
pub const MAX_WALK_IN_ROWS: u32 = 200;

pub fn check_walk_in_rows(rows: u32) -> AppResult<u32> {
    if rows > MAX_WALK_IN_ROWS {
        return Err(AppError::invalid(
            "walkInRows",
            format!("A sign-in sheet can have at most {MAX_WALK_IN_ROWS} blank rows for walk-ins."),
        ));
    }
    Ok(rows)
}

/// The room's sign-in sheet lists the invitees who were handed a notice (the door's list)
/// and anyone already checked in; not those only proposed or vetted, not the excused or
/// ineligible.
pub fn on_sign_in_sheet(status: InvitationStatus) -> bool {
    matches!(
        status,
        InvitationStatus::Issued | InvitationStatus::Acknowledged | InvitationStatus::Attended
    )
}

/// Invitations in print order: by last name, then first name, accents ignored.
pub fn by_last_name(invitations: &mut [&Invitation]) {
    invitations.sort_by_cached_key(|i| (sort_name(&i.first_name, &i.last_name), i.id.clone()));
}

/// A name as printed on a list sorted by last name: "Peña, Ana".
pub fn listed_name(first: &str, last: &str) -> String {
    match (first.trim(), last.trim()) {
        ("", last) => last.to_string(),
        (first, last) => format!("{last}, {first}"),
    }
}

pub fn supervision_label(kind: SupervisionType) -> &'static str {
    match kind {
        SupervisionType::Probation => "Probation",
        SupervisionType::Parole => "Parole",
        SupervisionType::SupervisedRelease => "Supervised release",
        SupervisionType::Pretrial => "Pretrial",
    }
}

pub fn offer_label(response: OfferResponse) -> &'static str {
    match response {
        OfferResponse::Accepted => "Accepted",
        OfferResponse::Interested => "Interested",
        OfferResponse::Undecided => "Undecided",
        OfferResponse::Declined => "Declined",
    }
}

/// Where the invitee's notice stands, whatever happened on the day.
pub fn notice_label(i: &Invitation) -> &'static str {
    use InvitationStatus::*;
    match i.status {
        _ if i.walk_in => "Walk-in",
        Proposed | Vetted | Excused | Ineligible => i.status.label(),
        _ if i.acknowledged_on.is_some() => "Acknowledged",
        _ if i.issued_on.is_some() => "Issued",
        other => other.label(),
    }
}

/// "Yes" once checked in, "No" once the day is over without them, blank before.
pub fn attended_label(status: InvitationStatus) -> &'static str {
    use InvitationStatus::*;
    match status {
        Attended => "Yes",
        NoShow | CustomNotificationPending | CustomNotificationDone => "No",
        _ => "",
    }
}

/// "Sunday, March 14, 2027".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A, %B %-d, %Y").to_string()
}

/// "6:00 PM" from a stored "18:00".
pub fn clock(time: &str) -> Option<String> {
    let t = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    Some(t.format("%-I:%M %p").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dates_and_times_read_as_printed() {
        assert_eq!(listed_name("Ana", "Peña"), "Peña, Ana");
        assert_eq!(listed_name(" ", "Kim"), "Kim");
        let d = NaiveDate::from_ymd_opt(2027, 3, 14).unwrap();
        assert_eq!(long_date(d), "Sunday, March 14, 2027");
        assert_eq!(clock("18:00").as_deref(), Some("6:00 PM"));
        assert_eq!(clock("09:30").as_deref(), Some("9:30 AM"));
        assert_eq!(clock("late"), None);
    }

    #[test]
    fn only_those_handed_a_notice_are_on_the_sign_in_sheet() {
        use InvitationStatus::*;
        let on: Vec<_> = InvitationStatus::ALL
            .iter()
            .copied()
            .filter(|s| on_sign_in_sheet(*s))
            .collect();
        assert_eq!(on, vec![Issued, Acknowledged, Attended]);
    }
}
