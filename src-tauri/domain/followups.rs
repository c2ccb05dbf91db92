//! Follow-up of referrals: moving a referral along its lifecycle and logging contact attempts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lifecycle::ReferralStatus;
use super::people::{Problems, MAX_NAME, MAX_TEXT};
use super::text::clean;
use super::time::parse_date;
use crate::error::{AppError, AppResult};
use crate::text_enum;

text_enum!(
    ContactMethod {
        Phone = "phone",
        Text = "text",
        Email = "email",
        Mail = "mail",
        InPerson = "in_person",
        HomeVisit = "home_visit",
        Other = "other",
    }
);

text_enum!(
    ContactOutcome {
        Reached = "reached",
        LeftMessage = "left_message",
        NoAnswer = "no_answer",
        WrongNumber = "wrong_number",
        Other = "other",
    }
);

/// A move of a referral along its lifecycle, with the date it happened and a note.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralMove {
    pub to: ReferralStatus,
    pub on_date: String,
    pub note: String,
    /// Required when closing.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMove {
    pub to: ReferralStatus,
    pub on_date: NaiveDate,
    pub note: Option<String>,
    pub reason: Option<String>,
}

/// Checks a move from `from`; the date may not be in the future.
pub fn validate_move(
    from: ReferralStatus,
    m: &ReferralMove,
    today: NaiveDate,
) -> AppResult<ValidMove> {
    let reason = clean(Some(&m.reason));
    let to = from.transition_with_reason(m.to, reason.as_deref())?;
    let mut p = Problems::default();
    let on_date = p
        .take(parse_date("onDate", "Date", Some(&m.on_date)))
        .flatten();
    match on_date {
        None if p.is_empty() => p.add("onDate", "Enter the date of the change."),
        Some(d) if d > today => p.add("onDate", "The date cannot be in the future."),
        _ => {}
    }
    let note = clean(Some(&m.note));
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_TEXT) {
        p.add(
            "note",
            format!("A note can be at most {MAX_TEXT} characters."),
        );
    }
    p.finish(|| ValidMove {
        to,
        on_date: on_date.unwrap_or(today),
        note,
        reason,
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactAttemptInput {
    pub attempted_on: String,
    pub method: Option<ContactMethod>,
    pub by_whom: String,
    pub outcome: Option<ContactOutcome>,
    pub note: String,
    /// Sets the referral's next due date when given.
    pub next_due_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidContact {
    pub attempted_on: NaiveDate,
    pub method: ContactMethod,
    pub by_whom: Option<String>,
    pub outcome: ContactOutcome,
    pub note: Option<String>,
    pub next_due_on: Option<NaiveDate>,
}

pub fn validate_contact(input: &ContactAttemptInput, today: NaiveDate) -> AppResult<ValidContact> {
    let mut p = Problems::default();
    let attempted_on = p
        .take(parse_date("attemptedOn", "Date", Some(&input.attempted_on)))
        .flatten();
    match attempted_on {
        None if p.is_empty() => p.add("attemptedOn", "Enter the date of the attempt."),
        Some(d) if d > today => p.add("attemptedOn", "The date cannot be in the future."),
        _ => {}
    }
    if input.method.is_none() {
        p.add("method", "Choose how contact was attempted.");
    }
    if input.outcome.is_none() {
        p.add("outcome", "Choose the outcome.");
    }
    let by_whom = clean(Some(&input.by_whom));
    if by_whom
        .as_ref()
        .is_some_and(|b| b.chars().count() > MAX_NAME)
    {
        p.add(
            "byWhom",
            format!("This can be at most {MAX_NAME} characters."),
        );
    }
    let note = clean(Some(&input.note));
    let next_due_on = p
        .take(parse_date(
            "nextDueOn",
            "Next due date",
            input.next_due_on.as_deref(),
        ))
        .flatten();
    if let (Some(next), Some(on)) = (next_due_on, attempted_on) {
        if next < on {
            p.add(
                "nextDueOn",
                "The next due date cannot be before the attempt.",
            );
        }
    }
    p.finish(|| ValidContact {
        attempted_on: attempted_on.unwrap_or(today),
        method: input.method.unwrap_or(ContactMethod::Other),
        by_whom,
        outcome: input.outcome.unwrap_or(ContactOutcome::Other),
        note,
        next_due_on,
    })
}

/// Refuses a contact attempt on a referral that is no longer open.
pub fn check_open(status: ReferralStatus) -> AppResult<()> {
    if status.is_open() {
        Ok(())
    } else {
        Err(AppError::InvalidTransition(format!(
            "This referral is {}; contact attempts are logged on open referrals.",
            crate::domain::lifecycle::Lifecycle::label(status)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 20).unwrap()
    }

    fn mv(to: ReferralStatus, on: &str, reason: &str) -> ReferralMove {
        ReferralMove {
            to,
            on_date: on.into(),
            note: String::new(),
            reason: reason.into(),
        }
    }

    #[test]
    fn moves_follow_the_lifecycle_with_a_past_date() {
        use ReferralStatus::*;
        assert_eq!(
            validate_move(Referred, &mv(ProviderContacted, "2027-03-18", ""), today())
                .unwrap()
                .to,
            ProviderContacted
        );
        assert_eq!(
            validate_move(Referred, &mv(Engaged, "2027-03-18", ""), today())
                .unwrap_err()
                .code(),
            ErrorCode::InvalidTransition
        );
        assert_eq!(
            validate_move(Referred, &mv(Closed, "2027-03-18", " "), today())
                .unwrap_err()
                .field(),
            Some("reason")
        );
        assert_eq!(
            validate_move(Referred, &mv(ProviderContacted, "2027-03-21", ""), today())
                .unwrap_err()
                .field(),
            Some("onDate")
        );
        assert_eq!(
            validate_move(Referred, &mv(ProviderContacted, "", ""), today())
                .unwrap_err()
                .field(),
            Some("onDate")
        );
    }

    #[test]
    fn contact_attempts_need_method_outcome_and_sane_dates() {
        let input = ContactAttemptInput {
            attempted_on: "2027-03-18".into(),
            method: None,
            by_whom: "J. Ortiz".into(),
            outcome: None,
            note: String::new(),
            next_due_on: Some("2027-03-17".into()),
        };
        let fields: Vec<String> = match validate_contact(&input, today()).unwrap_err() {
            AppError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            e => panic!("{e:?}"),
        };
        assert_eq!(fields, vec!["method", "outcome", "nextDueOn"]);
        assert!(check_open(ReferralStatus::Completed).is_err());
        assert!(check_open(ReferralStatus::Engaged).is_ok());
    }
}
