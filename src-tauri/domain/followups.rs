//! Follow-up of referrals: moving a referral along its lifecycle and logging contact attempts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::Datelike;

use super::labels::Labelled;
use super::lifecycle::{InvitationStatus, ReferralStatus};
use super::people::{NeedCategory, Problems, MAX_NAME, MAX_TEXT};
use super::text::{clean, clean_lines};
use super::time::parse_date;
use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

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
    let note = clean_lines(Some(&m.note));
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
    let note = clean_lines(Some(&input.note));
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
            status.label_en()
        )))
    }
}

text_enum!(
    /// Which open referrals by due date: overdue, or due from today to the end of this week (Sunday).
    DueFilter {
        Overdue = "overdue",
        ThisWeek = "this_week",
    }
);

text_enum!(
    ReferralSort {
        Due = "due",
        Person = "person",
        Provider = "provider",
        Status = "status",
        CallIn = "call_in",
    }
);

/// The follow-up list's filters. With no status, the open referrals are listed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReferralQuery {
    pub call_in_id: Option<String>,
    pub provider_id: Option<String>,
    pub need: Option<NeedCategory>,
    pub status: Option<ReferralStatus>,
    pub due: Option<DueFilter>,
    pub sort: Option<ReferralSort>,
    pub descending: bool,
}

/// The last day of `today`'s week (weeks run Monday to Sunday).
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    today + chrono::Days::new(6 - u64::from(today.weekday().num_days_from_monday()))
}

/// An open referral whose due date has passed.
pub fn is_overdue(status: ReferralStatus, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_open() && due_on.is_some_and(|d| d < today)
}

text_enum!(
    /// Whether a person consented to share a 42 CFR Part 2 referral.
    Consent {
        Given = "given",
        NotGiven = "not_given",
    }
);

/// The consent record of a 42 CFR Part 2 referral.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentInput {
    pub consent: Option<Consent>,
    pub on_date: String,
    /// What may be shared, with whom, until when (required when consent is given).
    pub scope: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidConsent {
    pub consent: Consent,
    pub on_date: NaiveDate,
    pub scope: Option<String>,
}

pub fn validate_consent(input: &ConsentInput, today: NaiveDate) -> AppResult<ValidConsent> {
    let mut p = Problems::default();
    if input.consent.is_none() {
        p.add("consent", "Choose whether consent was given.");
    }
    let on_date = past_date(&mut p, "onDate", "Date", &input.on_date, today);
    let scope = clean_lines(Some(&input.scope));
    if input.consent == Some(Consent::Given) && scope.is_none() {
        p.add(
            "scope",
            "Say what may be shared and with whom (the scope of the consent).",
        );
    }
    if scope.as_ref().is_some_and(|s| s.chars().count() > MAX_TEXT) {
        p.add(
            "scope",
            format!("The scope can be at most {MAX_TEXT} characters."),
        );
    }
    p.finish(|| ValidConsent {
        consent: input.consent.unwrap_or(Consent::NotGiven),
        on_date: on_date.unwrap_or(today),
        scope,
    })
}

/// Consent is recorded on 42 CFR Part 2 referrals only.
pub fn check_part2(part2: bool) -> AppResult<()> {
    if part2 {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "Consent is recorded on substance-use treatment referrals (42 CFR Part 2) only.".into(),
        ))
    }
}

/// A Part 2 referral leaves the app in an export only with consent given.
pub fn exportable(part2: bool, consent: Option<Consent>) -> bool {
    !part2 || consent == Some(Consent::Given)
}

/// A custom notification for a no-show: planned (who will go, when), then recorded (who
/// went, when, what came of it). Planning moves the invitation to Custom notification
/// pending; recording moves it to Custom notification done.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomNotificationInput {
    pub on_date: String,
    pub by_whom: String,
    /// Required when recording; empty when planning.
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidNotification {
    pub on_date: NaiveDate,
    pub by_whom: String,
    pub outcome: Option<String>,
}

/// `done`: recording what happened (date not in the future, outcome required);
/// otherwise planning (any date from today on).
pub fn validate_notification(
    input: &CustomNotificationInput,
    done: bool,
    today: NaiveDate,
) -> AppResult<ValidNotification> {
    let mut p = Problems::default();
    let on_date = if done {
        past_date(&mut p, "onDate", "Date", &input.on_date, today)
    } else {
        match parse_date("onDate", "Date", Some(&input.on_date)) {
            Ok(None) => {
                p.add("onDate", "Enter the planned date.");
                None
            }
            Ok(Some(d)) if d < today => {
                p.add("onDate", "The planned date cannot be in the past.");
                None
            }
            Ok(Some(d)) => Some(d),
            Err(e) => p.take::<NaiveDate>(Err(e)),
        }
    };
    let by_whom = clean(Some(&input.by_whom));
    match &by_whom {
        None => p.add(
            "byWhom",
            if done {
                "Say who went."
            } else {
                "Say who will go."
            },
        ),
        Some(b) if b.chars().count() > MAX_NAME => p.add(
            "byWhom",
            format!("This can be at most {MAX_NAME} characters."),
        ),
        _ => {}
    }
    let outcome = clean_lines(Some(&input.outcome));
    if done && outcome.is_none() {
        p.add("outcome", "Say what came of the notification.");
    }
    if outcome
        .as_ref()
        .is_some_and(|o| o.chars().count() > MAX_TEXT)
    {
        p.add(
            "outcome",
            format!("The outcome can be at most {MAX_TEXT} characters."),
        );
    }
    p.finish(|| ValidNotification {
        on_date: on_date.unwrap_or(today),
        by_whom: by_whom.unwrap_or_default(),
        outcome: if done { outcome } else { None },
    })
}

/// Which no-shows to list: by call-in and by where their custom notification stands.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NoShowQuery {
    pub call_in_id: Option<String>,
    /// `no_show`, `custom_notification_pending` or `custom_notification_done`; none for all.
    pub status: Option<InvitationStatus>,
}

/// One referral in the follow-up list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralRow {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub phone: Option<String>,
    pub call_in_id: Option<String>,
    pub call_in_title: Option<String>,
    pub call_in_date: Option<String>,
    pub need: NeedCategory,
    pub service_name: Option<String>,
    pub provider_id: Option<String>,
    pub provider_name: Option<String>,
    pub status: ReferralStatus,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub part2: bool,
    pub consent: Option<Consent>,
    pub consent_on: Option<String>,
    pub consent_scope: Option<String>,
    pub last_contact_on: Option<String>,
    pub last_contact_outcome: Option<ContactOutcome>,
    pub referred_on: String,
}

/// A page of the follow-up list: the first rows in order, and how many match in all.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralList {
    pub rows: Vec<ReferralRow>,
    pub total: u32,
    /// Of all that match, how many are overdue.
    pub overdue: u32,
}

/// A no-show of a held call-in, with where their custom notification stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoShowRow {
    pub invitation_id: String,
    pub person_id: String,
    pub person_name: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub call_in_id: String,
    pub call_in_title: String,
    pub call_in_date: Option<String>,
    pub officer_name: Option<String>,
    pub status: InvitationStatus,
    /// The statuses the custom notification can move to now (plan it, then record it).
    pub next: Vec<InvitationStatus>,
    /// Planned date while pending; the date it happened once done.
    pub notification_on: Option<String>,
    pub notification_by: Option<String>,
    pub notification_outcome: Option<String>,
}

/// One line of a referral's history: a status change or a contact attempt, by date.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryItem {
    pub on_date: String,
    /// `status` or `contact`.
    pub kind: String,
    pub summary: String,
    pub note: Option<String>,
    pub by_whom: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralHistory {
    pub status: ReferralStatus,
    /// The statuses the referral can move to now (none once it is closed).
    pub next: Vec<ReferralStatus>,
    pub due_on: Option<String>,
    pub items: Vec<HistoryItem>,
}

/// A status change of a referral as stored (a ReferralEvent). `recorded_at` orders two
/// events of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusEvent {
    pub on_date: String,
    pub recorded_at: String,
    pub from: Option<ReferralStatus>,
    pub to: ReferralStatus,
    pub note: Option<String>,
    pub by_whom: Option<String>,
}

/// A contact attempt on a referral as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactEvent {
    pub attempted_on: String,
    pub recorded_at: String,
    pub method: ContactMethod,
    pub outcome: ContactOutcome,
    pub note: Option<String>,
    pub by_whom: Option<String>,
}

/// What the store holds about a referral's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralEvents {
    pub status: ReferralStatus,
    pub due_on: Option<String>,
    pub moves: Vec<StatusEvent>,
    pub contacts: Vec<ContactEvent>,
}

/// A referral's history as the coordinator reads it: status changes ("Referred → Engaged")
/// and contact attempts ("Contact: Phone, Left a message"), oldest first; every value
/// in its one label (`domain::labels`).
pub fn history(events: ReferralEvents) -> ReferralHistory {
    use super::lifecycle::Lifecycle;
    let mut items: Vec<(String, String, HistoryItem)> = Vec::new();
    for e in events.moves {
        let summary = match e.from {
            Some(f) => format!("{} → {}", f.label_en(), e.to.label_en()),
            None => e.to.label_en().to_string(),
        };
        items.push((
            e.on_date.clone(),
            e.recorded_at,
            HistoryItem {
                on_date: e.on_date,
                kind: "status".into(),
                summary,
                note: e.note,
                by_whom: e.by_whom,
            },
        ));
    }
    for c in events.contacts {
        items.push((
            c.attempted_on.clone(),
            c.recorded_at,
            HistoryItem {
                on_date: c.attempted_on,
                kind: "contact".into(),
                summary: format!("Contact: {}, {}", c.method.label_en(), c.outcome.label_en()),
                note: c.note,
                by_whom: c.by_whom,
            },
        ));
    }
    items.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    ReferralHistory {
        status: events.status,
        next: events.status.next().to_vec(),
        due_on: events.due_on,
        items: items.into_iter().map(|(_, _, i)| i).collect(),
    }
}

/// The statuses the no-show list shows.
pub const NO_SHOW_STATUSES: [InvitationStatus; 3] = [
    InvitationStatus::NoShow,
    InvitationStatus::CustomNotificationPending,
    InvitationStatus::CustomNotificationDone,
];

/// The statuses a no-show query asks for: the one named (a no-show status), or all three.
pub fn no_show_statuses(status: Option<InvitationStatus>) -> AppResult<Vec<InvitationStatus>> {
    match status {
        Some(s) if NO_SHOW_STATUSES.contains(&s) => Ok(vec![s]),
        Some(_) => Err(AppError::invalid(
            "status",
            "Choose No-show, Custom notification pending or Custom notification done.",
        )),
        None => Ok(NO_SHOW_STATUSES.to_vec()),
    }
}

/// The move a custom notification makes: planning (`done` false) takes a No-show to
/// Custom notification pending, recording takes a pending one to Custom notification done.
/// Refused with the person's name otherwise.
pub fn notification_move(
    name: &str,
    from: InvitationStatus,
    done: bool,
) -> AppResult<InvitationStatus> {
    use super::lifecycle::Lifecycle;
    let to = if done {
        InvitationStatus::CustomNotificationDone
    } else {
        InvitationStatus::CustomNotificationPending
    };
    from.transition(to).map_err(|_| {
        AppError::InvalidTransition(format!(
            "{name}'s invitation is {}; {}",
            from.label_en(),
            if done {
                "plan the custom notification before recording it."
            } else {
                "a custom notification is planned for a no-show."
            }
        ))
    })?;
    Ok(to)
}

/// A required date that may not be in the future.
fn past_date(
    p: &mut Problems,
    field: &str,
    label: &str,
    text: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match parse_date(field, label, Some(text)) {
        Ok(None) => p.add(field, format!("Enter the {}.", label.to_lowercase())),
        Ok(Some(d)) if d > today => p.add(field, "The date cannot be in the future."),
        Ok(Some(d)) => return Some(d),
        Err(e) => {
            p.take::<()>(Err(e));
        }
    }
    None
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

    #[test]
    fn weeks_end_on_sunday_and_overdue_needs_an_open_referral() {
        let wed = NaiveDate::from_ymd_opt(2027, 3, 17).unwrap();
        let sun = NaiveDate::from_ymd_opt(2027, 3, 21).unwrap();
        assert_eq!(end_of_week(wed), sun);
        assert_eq!(end_of_week(sun), sun);
        let tue = NaiveDate::from_ymd_opt(2027, 3, 16).unwrap();
        assert!(is_overdue(ReferralStatus::Engaged, Some(tue), wed));
        assert!(!is_overdue(ReferralStatus::Engaged, Some(wed), wed));
        assert!(!is_overdue(ReferralStatus::Completed, Some(tue), wed));
        assert!(!is_overdue(ReferralStatus::Referred, None, wed));
    }

    #[test]
    fn part2_referrals_leave_only_with_consent_given() {
        assert!(exportable(false, None));
        assert!(!exportable(true, None));
        assert!(!exportable(true, Some(Consent::NotGiven)));
        assert!(exportable(true, Some(Consent::Given)));
        assert!(check_part2(false).is_err());
        let not_given = ConsentInput {
            consent: Some(Consent::NotGiven),
            on_date: "2027-03-19".into(),
            scope: String::new(),
        };
        assert_eq!(
            validate_consent(&not_given, today()).unwrap().consent,
            Consent::NotGiven,
            "no scope needed when consent is refused"
        );
        let nothing = ConsentInput {
            consent: None,
            on_date: String::new(),
            scope: String::new(),
        };
        let fields: Vec<String> = match validate_consent(&nothing, today()).unwrap_err() {
            AppError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            e => panic!("{e:?}"),
        };
        assert_eq!(fields, vec!["consent", "onDate"]);
    }

    #[test]
    fn a_notification_is_planned_ahead_and_recorded_after() {
        let n = |on: &str, by: &str, outcome: &str| CustomNotificationInput {
            on_date: on.into(),
            by_whom: by.into(),
            outcome: outcome.into(),
        };
        let plan = validate_notification(&n("2027-03-22", "R. Carter", "ignored"), false, today())
            .unwrap();
        assert_eq!(plan.outcome, None, "a plan has no outcome yet");
        assert_eq!(
            validate_notification(&n("2027-03-19", "R. Carter", ""), false, today())
                .unwrap_err()
                .field(),
            Some("onDate")
        );
        assert_eq!(
            validate_notification(&n("2027-03-22", "R. Carter", "Met"), true, today())
                .unwrap_err()
                .field(),
            Some("onDate"),
            "what happened cannot be in the future"
        );
        let done = validate_notification(
            &n("2027-03-19", " R.  Carter ", " Met,\n  took the card "),
            true,
            today(),
        )
        .unwrap();
        assert_eq!(done.by_whom, "R. Carter");
        assert_eq!(done.outcome.as_deref(), Some("Met,\ntook the card"));
    }

    #[rstest::rstest]
    #[case(
        ContactMethod::Phone,
        ContactOutcome::LeftMessage,
        "Contact: Phone, Left a message"
    )]
    #[case(
        ContactMethod::HomeVisit,
        ContactOutcome::Reached,
        "Contact: Home visit, Reached"
    )]
    #[case(
        ContactMethod::InPerson,
        ContactOutcome::NoAnswer,
        "Contact: In person, No answer"
    )]
    #[case(
        ContactMethod::Other,
        ContactOutcome::WrongNumber,
        "Contact: Other, Wrong number"
    )]
    fn a_contact_attempt_reads_with_its_labels(
        #[case] method: ContactMethod,
        #[case] outcome: ContactOutcome,
        #[case] summary: &str,
    ) {
        let h = history(ReferralEvents {
            status: ReferralStatus::Referred,
            due_on: None,
            moves: vec![],
            contacts: vec![ContactEvent {
                attempted_on: "2027-03-15".into(),
                recorded_at: "2027-03-15T10:00:00Z".into(),
                method,
                outcome,
                note: None,
                by_whom: None,
            }],
        });
        assert_eq!(h.items[0].summary, summary);
        assert_eq!(h.items[0].kind, "contact");
    }

    #[test]
    fn the_history_is_in_date_order_with_status_changes_written_out() {
        let moved = |on: &str, at: &str, from, to| StatusEvent {
            on_date: on.into(),
            recorded_at: at.into(),
            from,
            to,
            note: None,
            by_whom: Some("ana".into()),
        };
        let h = history(ReferralEvents {
            status: ReferralStatus::Engaged,
            due_on: Some("2027-03-20".into()),
            moves: vec![
                moved(
                    "2027-03-16",
                    "b",
                    Some(ReferralStatus::Referred),
                    ReferralStatus::Engaged,
                ),
                moved("2027-03-14", "a", None, ReferralStatus::Referred),
            ],
            contacts: vec![ContactEvent {
                attempted_on: "2027-03-15".into(),
                recorded_at: "c".into(),
                method: ContactMethod::Text,
                outcome: ContactOutcome::Reached,
                note: Some("ok".into()),
                by_whom: None,
            }],
        });
        let lines: Vec<(&str, &str)> = h
            .items
            .iter()
            .map(|i| (i.on_date.as_str(), i.summary.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                ("2027-03-14", "Referred"),
                ("2027-03-15", "Contact: Text message, Reached"),
                ("2027-03-16", "Referred → Engaged"),
            ]
        );
        assert_eq!(h.due_on.as_deref(), Some("2027-03-20"));
    }

    #[rstest::rstest]
    #[case(
        InvitationStatus::NoShow,
        false,
        Ok(InvitationStatus::CustomNotificationPending)
    )]
    #[case(
        InvitationStatus::CustomNotificationPending,
        true,
        Ok(InvitationStatus::CustomNotificationDone)
    )]
    #[case(
        InvitationStatus::NoShow,
        true,
        Err("plan the custom notification before recording it.")
    )]
    #[case(
        InvitationStatus::Attended,
        false,
        Err("a custom notification is planned for a no-show.")
    )]
    fn a_custom_notification_is_planned_then_recorded(
        #[case] from: InvitationStatus,
        #[case] done: bool,
        #[case] expected: Result<InvitationStatus, &str>,
    ) {
        match (notification_move("Ana Peña", from, done), expected) {
            (Ok(to), Ok(want)) => assert_eq!(to, want),
            (Err(e), Err(end)) => {
                assert!(
                    e.to_string().starts_with("Ana Peña's invitation is "),
                    "{e}"
                );
                assert!(e.to_string().ends_with(end), "{e}");
            }
            (got, want) => panic!("{got:?} where {want:?} was expected"),
        }
    }

    #[test]
    fn the_no_show_list_asks_for_no_show_statuses_only() {
        assert_eq!(no_show_statuses(None).unwrap(), NO_SHOW_STATUSES.to_vec());
        assert_eq!(
            no_show_statuses(Some(InvitationStatus::NoShow)).unwrap(),
            [InvitationStatus::NoShow]
        );
        assert_eq!(
            no_show_statuses(Some(InvitationStatus::Attended))
                .unwrap_err()
                .field(),
            Some("status")
        );
    }
}
