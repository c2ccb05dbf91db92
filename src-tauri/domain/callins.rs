//! Call-ins: the wizard's basics, time zones, the default checklist and readiness.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lifecycle::CallInStatus;
use super::people::{GroupOption, Problems, MAX_NAME, MAX_TEXT};
use super::text::clean;
use super::time::parse_date;
use crate::error::{AppError, AppResult};

/// Step 1 of the wizard. A draft may be incomplete; what is typed must be well-formed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallInBasicsInput {
    pub title: String,
    /// `YYYY-MM-DD`, blank while unknown.
    pub date: String,
    /// `HH:MM` (24-hour), blank while unknown.
    pub start_time: String,
    /// An IANA time zone such as `America/New_York`.
    pub time_zone: String,
    pub expected_minutes: Option<u32>,
    pub venue_name: String,
    pub venue_address: String,
    pub venue_capacity: Option<u32>,
    pub venue_accessibility: String,
    pub target_area: String,
    pub target_group_ids: Vec<String>,
}

/// Basics that passed validation, with the start as a UTC instant when date, time and zone are known.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBasics {
    pub title: String,
    pub starts_at_local: Option<String>,
    pub time_zone: Option<String>,
    pub starts_at_utc: Option<String>,
    pub expected_minutes: Option<u32>,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub venue_capacity: Option<u32>,
    pub venue_accessibility: Option<String>,
    pub target_area: Option<String>,
    pub target_group_ids: Vec<String>,
}

pub const DEFAULT_TIME_ZONE: &str = "America/New_York";

/// The UTC instant of a wall-clock time in a zone. A time skipped by a daylight-saving
/// change is refused; a repeated one (clocks going back) is the first of the two.
pub fn local_to_utc(
    date: NaiveDate,
    time: NaiveTime,
    zone: &str,
) -> AppResult<chrono::DateTime<chrono::Utc>> {
    let tz: chrono_tz::Tz = zone.parse().map_err(|_| {
        AppError::invalid(
            "timeZone",
            format!("“{zone}” is not a time zone this app knows."),
        )
    })?;
    let local = NaiveDateTime::new(date, time);
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Ok(t.with_timezone(&chrono::Utc)),
        chrono::LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&chrono::Utc)),
        chrono::LocalResult::None => Err(AppError::invalid(
            "startTime",
            format!(
                "{} does not exist on {} in {zone}: the clocks go forward that night. Choose another time.",
                time.format("%H:%M"),
                date.format("%Y-%m-%d")
            ),
        )),
    }
}

pub fn validate_basics(input: &CallInBasicsInput) -> AppResult<ValidBasics> {
    let mut p = Problems::default();
    let title = clean(Some(&input.title));
    match &title {
        None => p.add("title", "Give the call-in a title."),
        Some(t) if t.chars().count() > MAX_NAME => p.add(
            "title",
            format!("Title can be at most {MAX_NAME} characters."),
        ),
        _ => {}
    }
    let date = p
        .take(parse_date("date", "Date", Some(&input.date)))
        .flatten();
    let time = match clean(Some(&input.start_time)) {
        None => None,
        Some(t) => match NaiveTime::parse_from_str(&t, "%H:%M") {
            Ok(t) => Some(t),
            Err(_) => {
                p.add("startTime", "Start time must be a time like 18:30.");
                None
            }
        },
    };
    let zone = clean(Some(&input.time_zone)).unwrap_or_else(|| DEFAULT_TIME_ZONE.to_owned());
    if zone.parse::<chrono_tz::Tz>().is_err() {
        p.add(
            "timeZone",
            format!("“{zone}” is not a time zone this app knows."),
        );
    }
    let mut starts_at_utc = None;
    if let (Some(d), Some(t)) = (date, time) {
        if let Some(utc) = p.take(local_to_utc(d, t, &zone)) {
            starts_at_utc = Some(utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        }
    } else if date.is_none() && time.is_some() {
        p.add("date", "Enter the date as well as the time.");
    }
    if let Some(m) = input.expected_minutes {
        if !(15..=600).contains(&m) {
            p.add(
                "expectedMinutes",
                "Expected length must be between 15 and 600 minutes.",
            );
        }
    }
    if let Some(c) = input.venue_capacity {
        if c == 0 || c > 10_000 {
            p.add(
                "venueCapacity",
                "Capacity must be a number of seats from 1 to 10,000.",
            );
        }
    }
    let venue_name = clean(Some(&input.venue_name));
    let venue_address = clean(Some(&input.venue_address));
    let venue_accessibility = clean(Some(&input.venue_accessibility));
    let target_area = clean(Some(&input.target_area));
    for (field, value) in [
        ("venueName", &venue_name),
        ("venueAddress", &venue_address),
        ("targetArea", &target_area),
    ] {
        if value.as_ref().is_some_and(|v| v.chars().count() > 300) {
            p.add(field, "This can be at most 300 characters.");
        }
    }
    if venue_accessibility
        .as_ref()
        .is_some_and(|v| v.chars().count() > MAX_TEXT)
    {
        p.add(
            "venueAccessibility",
            format!("This can be at most {MAX_TEXT} characters."),
        );
    }
    let mut target_group_ids: Vec<String> = Vec::new();
    for g in &input.target_group_ids {
        if !g.is_empty() && !target_group_ids.contains(g) {
            target_group_ids.push(g.clone());
        }
    }
    p.finish(|| ValidBasics {
        title: title.unwrap_or_default(),
        starts_at_local: match (date, time) {
            (Some(d), Some(t)) => Some(format!("{}T{}", d.format("%Y-%m-%d"), t.format("%H:%M"))),
            (Some(d), None) => Some(d.format("%Y-%m-%d").to_string()),
            _ => None,
        },
        time_zone: Some(zone),
        starts_at_utc,
        expected_minutes: input.expected_minutes,
        venue_name,
        venue_address,
        venue_capacity: input.venue_capacity,
        venue_accessibility,
        target_area,
        target_group_ids,
    })
}

/// A call-in as shown.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallIn {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub start_time: Option<String>,
    pub time_zone: Option<String>,
    pub starts_at_utc: Option<String>,
    pub expected_minutes: Option<u32>,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub venue_capacity: Option<u32>,
    pub venue_accessibility: Option<String>,
    pub target_area: Option<String>,
    pub target_groups: Vec<GroupOption>,
    pub status: CallInStatus,
    pub status_reason: Option<String>,
    /// What the coordinator can do with the call-in now (from its status).
    pub allowed: CallInActions,
    /// The wizard step the coordinator was last on (1–6), to resume a draft there.
    pub wizard_step: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// The actions on a call-in that its status allows: the call-in page shows a button for
/// each one that is true, and no other. (Scheduling can still be refused by the
/// readiness check, which says why.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallInActions {
    pub schedule: bool,
    pub notices_out: bool,
    pub postpone: bool,
    pub cancel: bool,
    /// The plan (basics, invitees, run-of-show, providers, logistics) may change.
    pub edit_plan: bool,
    /// The door is open: invitees and walk-ins can be checked in.
    pub check_in: bool,
    /// Offers of help can be recorded.
    pub offers: bool,
}

impl CallInActions {
    pub fn of(status: CallInStatus) -> Self {
        use super::lifecycle::Lifecycle;
        CallInActions {
            schedule: status.can_become(CallInStatus::Scheduled),
            notices_out: status.can_become(CallInStatus::NoticesOut),
            postpone: status.can_become(CallInStatus::Postponed),
            cancel: status.can_become(CallInStatus::Cancelled),
            edit_plan: plan_editable(status),
            check_in: super::dayof::check_in_open(status).is_ok(),
            offers: super::dayof::offers_open(status),
        }
    }
}

impl CallIn {
    /// The call-in's calendar date, when known.
    pub fn day(&self) -> Option<NaiveDate> {
        self.date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }

    /// The call-in's start time, when known.
    pub fn start(&self) -> Option<NaiveTime> {
        self.start_time
            .as_deref()
            .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
    }

    pub fn to_basics(&self) -> CallInBasicsInput {
        CallInBasicsInput {
            title: self.title.clone(),
            date: self.date.clone().unwrap_or_default(),
            start_time: self.start_time.clone().unwrap_or_default(),
            time_zone: self.time_zone.clone().unwrap_or_default(),
            expected_minutes: self.expected_minutes,
            venue_name: self.venue_name.clone().unwrap_or_default(),
            venue_address: self.venue_address.clone().unwrap_or_default(),
            venue_capacity: self.venue_capacity,
            venue_accessibility: self.venue_accessibility.clone().unwrap_or_default(),
            target_area: self.target_area.clone().unwrap_or_default(),
            target_group_ids: self.target_groups.iter().map(|g| g.id.clone()).collect(),
        }
    }
}

/// One line of the call-ins list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallInSummary {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub start_time: Option<String>,
    pub time_zone: Option<String>,
    pub venue_name: Option<String>,
    pub status: CallInStatus,
    pub invited: u32,
    pub notices_issued: u32,
    pub speakers_confirmed: u32,
    pub speakers_total: u32,
}

/// The logistics items every call-in starts with.
pub const DEFAULT_CHECKLIST: &[&str] = &[
    "Venue booked",
    "Transport arranged",
    "Food ordered",
    "Childcare arranged",
    "Interpreters booked",
    "Security planned",
    "Notices out",
    "Room set up",
    "Materials printed",
];

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItemInput {
    pub label: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub id: String,
    pub label: String,
    pub owner: Option<String>,
    pub due_on: Option<String>,
    pub done: bool,
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidChecklistItem {
    pub label: String,
    pub owner: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub done: bool,
}

pub fn validate_checklist_item(input: &ChecklistItemInput) -> AppResult<ValidChecklistItem> {
    let mut p = Problems::default();
    let label = clean(Some(&input.label));
    if label.is_none() {
        p.add("label", "Say what needs doing.");
    } else if label.as_ref().is_some_and(|l| l.chars().count() > 200) {
        p.add("label", "This can be at most 200 characters.");
    }
    let owner = clean(Some(&input.owner));
    let due_on = p
        .take(parse_date("dueOn", "Due date", input.due_on.as_deref()))
        .flatten();
    p.finish(|| ValidChecklistItem {
        label: label.unwrap_or_default(),
        owner,
        due_on,
        done: input.done,
    })
}

/// What stands between a draft and "Schedule".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// True when nothing blocks scheduling.
    pub ready: bool,
    /// Must be settled before scheduling (with the wizard step that settles each).
    pub blocking: Vec<ReadinessItem>,
    /// Worth a look, but does not block scheduling.
    pub advisory: Vec<ReadinessItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReadinessItem {
    pub step: u32,
    pub message: String,
}

/// The facts readiness is judged on.
pub struct ReadinessFacts<'a> {
    pub call_in: &'a CallIn,
    pub invitees: u32,
    pub unacknowledged_warnings: u32,
    pub segments: u32,
    pub agenda_minutes: u32,
    pub unconfirmed_speakers: Vec<String>,
    pub providers: u32,
    pub uncovered_needs: Vec<String>,
    pub open_checklist: Vec<String>,
}

pub fn readiness(f: &ReadinessFacts) -> Readiness {
    let c = f.call_in;
    let mut blocking = Vec::new();
    let mut advisory = Vec::new();
    let mut block = |step: u32, m: String| blocking.push(ReadinessItem { step, message: m });
    if c.date.is_none() || c.start_time.is_none() {
        block(1, "Set the date and start time.".into());
    }
    if c.venue_name.is_none() {
        block(1, "Name the venue.".into());
    }
    if c.venue_capacity.is_none() {
        block(1, "Enter the venue's capacity.".into());
    }
    if f.invitees == 0 {
        block(2, "Invite at least one person.".into());
    }
    if f.unacknowledged_warnings > 0 {
        block(
            2,
            format!(
                "Acknowledge {} open warning{} on the invitees.",
                f.unacknowledged_warnings,
                if f.unacknowledged_warnings == 1 {
                    ""
                } else {
                    "s"
                }
            ),
        );
    }
    let mut advise = |step: u32, m: String| advisory.push(ReadinessItem { step, message: m });
    if f.segments == 0 {
        advise(3, "The run-of-show has no segments yet.".into());
    }
    if let Some(expected) = c.expected_minutes {
        if f.agenda_minutes > expected {
            advise(
                3,
                format!(
                    "The run-of-show takes {} minutes, {} more than expected.",
                    f.agenda_minutes,
                    f.agenda_minutes - expected
                ),
            );
        }
    }
    if !f.unconfirmed_speakers.is_empty() {
        advise(
            3,
            format!("Not confirmed yet: {}.", f.unconfirmed_speakers.join(", ")),
        );
    }
    if f.providers == 0 {
        advise(4, "No service provider is at the table.".into());
    }
    if !f.uncovered_needs.is_empty() {
        advise(
            4,
            format!("No provider present for: {}.", f.uncovered_needs.join(", ")),
        );
    }
    if !f.open_checklist.is_empty() {
        advise(
            5,
            format!("Open checklist items: {}.", f.open_checklist.join(", ")),
        );
    }
    Readiness {
        ready: blocking.is_empty(),
        blocking,
        advisory,
    }
}

/// Scheduling is allowed from Draft (and Postponed) when nothing blocks it.
pub fn check_schedulable(status: CallInStatus, r: &Readiness) -> AppResult<()> {
    use super::lifecycle::Lifecycle;
    status.transition(CallInStatus::Scheduled)?;
    if !r.ready {
        let list: Vec<&str> = r.blocking.iter().map(|i| i.message.as_str()).collect();
        return Err(AppError::Conflict(format!(
            "The call-in cannot be scheduled yet: {}",
            list.join(" ")
        )));
    }
    Ok(())
}

/// A move of a call-in along its lifecycle: the transition must be allowed, and
/// cancelling needs a reason. Returns the reason to keep (trimmed; none when blank).
pub fn status_change(
    from: CallInStatus,
    to: CallInStatus,
    reason: Option<&str>,
) -> AppResult<Option<String>> {
    use super::lifecycle::Lifecycle;
    from.transition(to)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if to == CallInStatus::Cancelled && reason.is_none() {
        return Err(AppError::invalid(
            "reason",
            "Say why the call-in is cancelled.",
        ));
    }
    Ok(reason.map(str::to_owned))
}

/// Statuses in which the plan (basics, invitees, run-of-show, providers, logistics) may change.
pub fn plan_editable(status: CallInStatus) -> bool {
    matches!(
        status,
        CallInStatus::Draft
            | CallInStatus::Scheduled
            | CallInStatus::NoticesOut
            | CallInStatus::Postponed
    )
}

/// Refuses a change to the plan of a call-in that is past planning (held, closed, cancelled…).
pub fn check_plan_editable(status: CallInStatus) -> AppResult<()> {
    use super::labels::Labelled;
    if plan_editable(status) {
        Ok(())
    } else {
        Err(AppError::InvalidTransition(format!(
            "This call-in is {}; its plan can no longer change.",
            status.label_en()
        )))
    }
}

/// The wizard's steps, 1 to 6.
pub fn check_wizard_step(step: u32) -> AppResult<u32> {
    if (1..=6).contains(&step) {
        Ok(step)
    } else {
        Err(AppError::invalid("step", "The wizard has steps 1 to 6."))
    }
}

/// The clock time `minutes` after `start` (`HH:MM`), for the run-of-show.
pub fn clock_after(start: NaiveTime, minutes: u32) -> String {
    (start + chrono::Duration::minutes(i64::from(minutes)))
        .format("%H:%M")
        .to_string()
}

/// A draft call-in with a date, a start time, a venue for 30 and an hour expected, for the
/// domain's tests.
#[cfg(test)]
pub(crate) fn test_call_in() -> CallIn {
    CallIn {
        id: "c".into(),
        title: "t".into(),
        date: Some("2027-03-14".into()),
        start_time: Some("18:00".into()),
        time_zone: Some("America/New_York".into()),
        starts_at_utc: None,
        expected_minutes: Some(60),
        venue_name: Some("Hall".into()),
        venue_address: None,
        venue_capacity: Some(30),
        venue_accessibility: None,
        target_area: None,
        target_groups: vec![],
        status: CallInStatus::Draft,
        status_reason: None,
        allowed: CallInActions::of(CallInStatus::Draft),
        wizard_step: 6,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basics() -> CallInBasicsInput {
        CallInBasicsInput {
            title: "Spring call-in".into(),
            date: "2027-03-14".into(),
            start_time: "18:00".into(),
            time_zone: "America/New_York".into(),
            expected_minutes: Some(90),
            venue_name: "Dixwell Community House".into(),
            venue_capacity: Some(40),
            ..Default::default()
        }
    }

    #[test]
    fn start_is_stored_in_utc_across_the_dst_change() {
        // 2027-03-14 is the day US clocks go forward: 18:00 EDT is 22:00 UTC.
        let v = validate_basics(&basics()).unwrap();
        assert_eq!(v.starts_at_utc.as_deref(), Some("2027-03-14T22:00:00Z"));
        assert_eq!(v.starts_at_local.as_deref(), Some("2027-03-14T18:00"));
        // The day before, still standard time: 18:00 EST is 23:00 UTC.
        let mut b = basics();
        b.date = "2027-03-13".into();
        assert_eq!(
            validate_basics(&b).unwrap().starts_at_utc.as_deref(),
            Some("2027-03-13T23:00:00Z")
        );
    }

    #[test]
    fn a_time_skipped_by_dst_is_refused_and_a_repeated_one_is_the_first() {
        let mut b = basics();
        b.start_time = "02:30".into();
        let err = validate_basics(&b).unwrap_err();
        assert_eq!(err.field(), Some("startTime"));
        assert!(err.to_string().contains("clocks go forward"));
        // 2027-11-07 01:30 happens twice in New York; the first is EDT (05:30 UTC).
        b.date = "2027-11-07".into();
        b.start_time = "01:30".into();
        assert_eq!(
            validate_basics(&b).unwrap().starts_at_utc.as_deref(),
            Some("2027-11-07T05:30:00Z")
        );
    }

    #[test]
    fn a_draft_may_be_incomplete_but_not_malformed() {
        let v = validate_basics(&CallInBasicsInput {
            title: "Draft".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(v.starts_at_utc, None);
        assert_eq!(v.time_zone.as_deref(), Some(DEFAULT_TIME_ZONE));
        let mut b = basics();
        b.title = " ".into();
        b.start_time = "6pm".into();
        b.time_zone = "Mars/Olympus".into();
        b.venue_capacity = Some(0);
        let fields: Vec<String> = match validate_basics(&b).unwrap_err() {
            AppError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            e => panic!("{e:?}"),
        };
        assert_eq!(
            fields,
            vec!["title", "startTime", "timeZone", "venueCapacity"]
        );
    }

    #[test]
    fn the_actions_a_call_in_offers_follow_its_status() {
        use CallInStatus::*;
        let on = |s| {
            let a = CallInActions::of(s);
            [
                ("schedule", a.schedule),
                ("noticesOut", a.notices_out),
                ("postpone", a.postpone),
                ("cancel", a.cancel),
                ("editPlan", a.edit_plan),
                ("checkIn", a.check_in),
                ("offers", a.offers),
            ]
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(n, _)| n)
            .collect::<Vec<_>>()
        };
        assert_eq!(on(Draft), ["schedule", "postpone", "cancel", "editPlan"]);
        assert_eq!(
            on(Scheduled),
            [
                "noticesOut",
                "postpone",
                "cancel",
                "editPlan",
                "checkIn",
                "offers"
            ]
        );
        assert_eq!(
            on(NoticesOut),
            ["postpone", "cancel", "editPlan", "checkIn", "offers"]
        );
        assert_eq!(on(Postponed), ["schedule", "cancel", "editPlan"]);
        assert_eq!(on(Held), ["offers"]);
        assert_eq!(on(FollowUp), ["offers"]);
        assert!(on(Closed).is_empty());
        assert!(on(Cancelled).is_empty());
    }

    fn call_in() -> CallIn {
        test_call_in()
    }

    fn facts(c: &CallIn) -> ReadinessFacts<'_> {
        ReadinessFacts {
            call_in: c,
            invitees: 12,
            unacknowledged_warnings: 0,
            segments: 4,
            agenda_minutes: 60,
            unconfirmed_speakers: vec![],
            providers: 2,
            uncovered_needs: vec![],
            open_checklist: vec![],
        }
    }

    #[test]
    fn readiness_blocks_on_basics_invitees_and_warnings_only() {
        let c = call_in();
        let r = readiness(&facts(&c));
        assert!(r.ready && r.blocking.is_empty() && r.advisory.is_empty());
        let mut f = facts(&c);
        f.unacknowledged_warnings = 2;
        f.unconfirmed_speakers = vec!["Rev. Ellis".into()];
        f.open_checklist = vec!["Food ordered".into()];
        f.agenda_minutes = 75;
        let r = readiness(&f);
        assert!(!r.ready);
        assert_eq!(r.blocking.len(), 1);
        assert_eq!(
            r.blocking[0].message,
            "Acknowledge 2 open warnings on the invitees."
        );
        assert_eq!(r.advisory.len(), 3);
        assert!(r.advisory[0].message.contains("15 more than expected"));
        let err = check_schedulable(CallInStatus::Draft, &r).unwrap_err();
        assert!(err.to_string().contains("Acknowledge 2 open warnings"));
        assert!(check_schedulable(CallInStatus::Held, &readiness(&facts(&c))).is_err());
    }

    #[test]
    fn clock_times_run_from_the_start() {
        let start = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        assert_eq!(clock_after(start, 0), "18:00");
        assert_eq!(clock_after(start, 75), "19:15");
        assert_eq!(clock_after(start, 24 * 60 + 5), "18:05");
    }

    #[test]
    fn checklist_items_need_a_label() {
        let err = validate_checklist_item(&ChecklistItemInput::default()).unwrap_err();
        assert_eq!(err.field(), Some("label"));
        let err = validate_checklist_item(&ChecklistItemInput {
            label: "Buses".into(),
            due_on: Some("next week".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(err.field(), Some("dueOn"));
    }

    #[test]
    fn a_status_change_follows_the_lifecycle_and_a_cancellation_says_why() {
        use CallInStatus::*;
        assert_eq!(status_change(Draft, Scheduled, None).unwrap(), None);
        assert_eq!(
            status_change(Draft, Held, None).unwrap_err().code(),
            crate::error::ErrorCode::InvalidTransition
        );
        assert_eq!(
            status_change(Scheduled, Cancelled, Some("  "))
                .unwrap_err()
                .field(),
            Some("reason")
        );
        assert_eq!(
            status_change(Scheduled, Cancelled, Some(" Venue lost ")).unwrap(),
            Some("Venue lost".into())
        );
    }

    #[test]
    fn the_plan_changes_only_while_planning() {
        use CallInStatus::*;
        for s in [Draft, Scheduled, NoticesOut, Postponed] {
            assert!(check_plan_editable(s).is_ok(), "{s:?}");
        }
        for s in [Held, FollowUp, Closed, Cancelled] {
            let e = check_plan_editable(s).unwrap_err();
            assert_eq!(e.code(), crate::error::ErrorCode::InvalidTransition);
            assert!(
                e.to_string().contains("its plan can no longer change"),
                "{e}"
            );
        }
        assert_eq!(check_wizard_step(6).unwrap(), 6);
        assert_eq!(check_wizard_step(0).unwrap_err().field(), Some("step"));
        assert_eq!(check_wizard_step(7).unwrap_err().field(), Some("step"));
    }
}
