//! Planning a call-in through the commands' code path, on a real encrypted database.

mod common;

use callin_planner::commands::callins::{self as cmd, CallInAction};
use callin_planner::commands::directory;
use callin_planner::commands::session;
use callin_planner::commands::{groups as group_cmd, invitations as inv_cmd, people as people_cmd};
use callin_planner::domain::callins::{CallInActions, CallInBasicsInput};
use callin_planner::domain::directory::{SegmentInput, SegmentKind, SpeakerInput, SpeakerRole};
use callin_planner::domain::groups::{GroupInput, LinkKind};
use callin_planner::domain::invitations::{
    DeliveryMethod, InviteeQuery, NoticeAction, MAX_BULK_ADD,
};
use callin_planner::domain::lifecycle::{CallInStatus, InvitationStatus, SpeakerAssignmentStatus};
use callin_planner::domain::people::{MembershipInput, NeedCategory, SupervisionType};
use callin_planner::domain::warnings::WarningKind;
use callin_planner::error::ErrorCode;
use callin_planner::state::AppState;
use common::*;

fn basics(title: &str, capacity: u32) -> CallInBasicsInput {
    CallInBasicsInput {
        title: title.into(),
        date: "2027-03-14".into(),
        start_time: "18:00".into(),
        time_zone: "America/New_York".into(),
        expected_minutes: Some(90),
        venue_name: "Dixwell Community House".into(),
        venue_address: "197 Dixwell Ave".into(),
        venue_capacity: Some(capacity),
        venue_accessibility: "Ramp at the side door".into(),
        target_area: "Dixwell".into(),
        target_group_ids: vec![],
    }
}

struct World {
    _dir: TempDir,
    app: AppState,
    a: String,
    b: String,
    people: Vec<String>,
}

/// Two feuding groups, four people (two in each group), one with supervision ending early.
fn world() -> World {
    let (dir, app) = unlocked_app();
    let a = group_cmd::create(
        &app,
        &GroupInput {
            name: "Maple Street".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let b = group_cmd::create(
        &app,
        &GroupInput {
            name: "Riverside".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    callin_planner::commands::groups::link(&app, &a, &b, LinkKind::Feud).unwrap();
    let mut people = Vec::new();
    for (i, (first, last, group)) in [
        ("Ana", "Peña", &a),
        ("Kevin", "O'Brien", &a),
        ("Omar", "Haddad", &b),
        ("Luis", "Delgado", &b),
    ]
    .iter()
    .enumerate()
    {
        let mut p = person(first, last);
        let end = if i == 3 { "2027-01-01" } else { "2029-01-01" };
        p.supervisions = vec![supervision(
            SupervisionType::Parole,
            "State Board of Parole",
            "T. Nguyen",
            "2024-01-01",
            end,
        )];
        p.groups = vec![MembershipInput {
            group_id: (*group).clone(),
            role: String::new(),
        }];
        p.needs = vec![NeedCategory::Housing, NeedCategory::Employment];
        people.push(people_cmd::create(&app, &p).unwrap().id);
    }
    World {
        _dir: dir,
        app,
        a,
        b,
        people,
    }
}

fn invite(w: &World, call_in: &str, people: &[usize]) {
    for &i in people {
        callin_planner::commands::invitations::add(&w.app, call_in, &w.people[i], "Group member")
            .unwrap();
    }
}

#[test]
fn a_draft_is_saved_as_it_goes_and_survives_a_restart() {
    let w = world();
    let c = cmd::create(
        &w.app,
        &CallInBasicsInput {
            title: "Spring call-in".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(c.status, CallInStatus::Draft);
    assert_eq!(
        callin_planner::commands::callins::checklist_of(&w.app, &c.id)
            .unwrap()
            .len(),
        9
    );
    let mut b = basics("Spring call-in", 30);
    b.target_group_ids = vec![w.a.clone()];
    cmd::update(&w.app, &c.id, &b).unwrap();
    callin_planner::commands::callins::set_step(&w.app, &c.id, 3).unwrap();
    session::close(&w.app).unwrap();

    let app = AppState::new(w._dir.path());
    session::open(&app, PASSPHRASE).unwrap();
    let back = callin_planner::commands::callins::get(&app, &c.id).unwrap();
    assert_eq!(back.wizard_step, 3);
    assert_eq!(back.starts_at_utc.as_deref(), Some("2027-03-14T22:00:00Z"));
    assert_eq!(back.date.as_deref(), Some("2027-03-14"));
    assert_eq!(back.start_time.as_deref(), Some("18:00"));
    assert_eq!(back.target_groups[0].name, "Maple Street");
    let list = callin_planner::commands::callins::list(&app).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].status, CallInStatus::Draft);
}

#[test]
fn feud_warnings_must_be_acknowledged_before_scheduling() {
    let w = world();
    let c = cmd::create(&w.app, &basics("Spring", 30)).unwrap();
    invite(&w, &c.id, &[0, 2]);
    let list = callin_planner::commands::invitations::list(&w.app, &c.id).unwrap();
    let feuds: Vec<_> = list
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Feud)
        .collect();
    assert_eq!(feuds.len(), 2, "both sides of the feud are warned");
    assert_eq!(list.open_warnings, 2);
    assert!(list.invitations.iter().all(|i| i.warnings.len() == 1));

    let r = callin_planner::commands::callins::readiness(&w.app, &c.id).unwrap();
    assert!(!r.ready);
    let err = cmd::act(&w.app, &c.id, &CallInAction::Schedule).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        err.to_string().contains("Acknowledge 2 open warnings"),
        "{err}"
    );

    let keys: Vec<String> = list.warnings.iter().map(|w| w.key.clone()).collect();
    let after = callin_planner::commands::invitations::acknowledge(&w.app, &c.id, &keys).unwrap();
    assert_eq!(after.open_warnings, 0);
    assert!(after.warnings.iter().all(|w| w.acknowledged));
    let scheduled = cmd::act(&w.app, &c.id, &CallInAction::Schedule).unwrap();
    assert_eq!(scheduled.status, CallInStatus::Scheduled);

    // A new rival invitee is a new warning: acknowledged ones stay acknowledged.
    invite(&w, &c.id, &[3]);
    let list = callin_planner::commands::invitations::list(&w.app, &c.id).unwrap();
    assert!(list.open_warnings >= 1);
    assert!(list
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::SupervisionEndsBefore && !w.acknowledged));
    // A stale key is refused.
    let err = callin_planner::commands::invitations::acknowledge(
        &w.app,
        &c.id,
        &["feud:nobody:x".into()],
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("keys"));
}

#[test]
fn capacity_exactly_reached_is_no_warning() {
    let w = world();
    let c = cmd::create(&w.app, &basics("Small room", 2)).unwrap();
    invite(&w, &c.id, &[0, 1]);
    let list = callin_planner::commands::invitations::list(&w.app, &c.id).unwrap();
    assert!(list.warnings.is_empty(), "{:?}", list.warnings);
    invite(&w, &c.id, &[2]);
    let list = callin_planner::commands::invitations::list(&w.app, &c.id).unwrap();
    assert!(list
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::OverCapacity));
}

#[test]
fn another_open_call_in_is_a_warning_and_the_picker_shows_it() {
    let w = world();
    let first = cmd::create(&w.app, &basics("First", 30)).unwrap();
    let second = cmd::create(&w.app, &basics("Second", 30)).unwrap();
    invite(&w, &first.id, &[1]);
    invite(&w, &second.id, &[0]);
    let page = inv_cmd::candidates(&w.app, &second.id, &InviteeQuery::default()).unwrap();
    assert_eq!(page.total, 4);
    let ana = page
        .rows
        .iter()
        .find(|r| r.person.last_name == "Peña")
        .unwrap();
    assert!(ana.invited);
    let kevin = page
        .rows
        .iter()
        .find(|r| r.person.last_name == "O'Brien")
        .unwrap();
    assert!(!kevin.invited);
    assert!(kevin
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::OtherOpenCallIn && w.message.contains("First")));
    // Omar (Riverside) would bring a feud with Ana (Maple Street), who is invited.
    let omar = page
        .rows
        .iter()
        .find(|r| r.person.last_name == "Haddad")
        .unwrap();
    assert!(omar.warnings.iter().any(|w| w.kind == WarningKind::Feud));
    // Filters: group, area-free, supervision ending before a date.
    let q = InviteeQuery {
        group_id: Some(w.b.clone()),
        ..Default::default()
    };
    assert_eq!(
        inv_cmd::candidates(&w.app, &second.id, &q).unwrap().total,
        2
    );
    let q = InviteeQuery {
        supervision_ends_before: Some("2027-06-01".into()),
        ..Default::default()
    };
    let ending = inv_cmd::candidates(&w.app, &second.id, &q).unwrap();
    assert_eq!(ending.rows.len(), 1);
    assert_eq!(ending.rows[0].person.last_name, "Delgado");
}

#[test]
fn add_all_filtered_is_one_transaction_and_refuses_too_many() {
    let w = world();
    let c = cmd::create(&w.app, &basics("Spring", 30)).unwrap();
    invite(&w, &c.id, &[0]);
    let q = InviteeQuery {
        group_id: Some(w.a.clone()),
        ..Default::default()
    };
    let added = callin_planner::commands::invitations::add_filtered(
        &w.app,
        &c.id,
        &q,
        "Maple Street sweep",
    )
    .unwrap();
    assert_eq!(added, 1, "the one already invited is not added twice");
    // Over the cap: nothing added.
    for i in 0..=MAX_BULK_ADD {
        callin_planner::commands::people::create(&w.app, &person("Bulk", &format!("Person{i:04}")))
            .unwrap();
    }
    let before = callin_planner::commands::invitations::list(&w.app, &c.id)
        .unwrap()
        .invitations
        .len();
    let err = callin_planner::commands::invitations::add_filtered(
        &w.app,
        &c.id,
        &InviteeQuery::default(),
        "all",
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("query"));
    let after = callin_planner::commands::invitations::list(&w.app, &c.id)
        .unwrap()
        .invitations
        .len();
    assert_eq!(before, after);
}

#[test]
fn notices_in_bulk_are_all_or_nothing() {
    let w = world();
    let c = cmd::create(&w.app, &basics("Spring", 30)).unwrap();
    invite(&w, &c.id, &[0, 1, 2]);
    let list = callin_planner::commands::invitations::list(&w.app, &c.id).unwrap();
    let ids: Vec<String> = list.invitations.iter().map(|i| i.id.clone()).collect();
    let issue = NoticeAction::Issue {
        method: DeliveryMethod::Officer,
        delivered_by: "T. Nguyen".into(),
        issued_on: "2026-11-20".into(),
    };
    // Not while a draft.
    let err = inv_cmd::notice(&w.app, &c.id, &ids, &issue).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);

    let keys: Vec<String> = list.warnings.iter().map(|w| w.key.clone()).collect();
    callin_planner::commands::invitations::acknowledge(&w.app, &c.id, &keys).unwrap();
    cmd::act(&w.app, &c.id, &CallInAction::Schedule).unwrap();

    // Two vetted, one still proposed: issuing to all three changes nothing and names who.
    inv_cmd::notice(&w.app, &c.id, &ids[..2], &NoticeAction::Vet).unwrap();
    let before = fingerprint(&w.app);
    let before_inv = callin_planner::commands::invitations::list(&w.app, &c.id).unwrap();
    let err = inv_cmd::notice(&w.app, &c.id, &ids, &issue).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    let proposed = &before_inv.invitations[2];
    assert!(err.to_string().contains(&proposed.last_name), "{err}");
    assert_eq!(fingerprint(&w.app), before);
    assert_eq!(
        callin_planner::commands::invitations::list(&w.app, &c.id).unwrap(),
        before_inv
    );

    let removable: Vec<bool> = before_inv.invitations.iter().map(|i| i.removable).collect();
    assert_eq!(
        removable,
        [true, true, true],
        "vetted and proposed invitees can be taken off"
    );
    let after = inv_cmd::notice(&w.app, &c.id, &ids[..2], &issue).unwrap();
    let issued: Vec<_> = after
        .invitations
        .iter()
        .filter(|i| i.status == InvitationStatus::Issued)
        .collect();
    assert_eq!(issued.len(), 2);
    assert!(
        issued.iter().all(|i| !i.removable),
        "the table offers no Remove after a notice"
    );
    assert!(issued
        .iter()
        .all(|i| i.delivered_by.as_deref() == Some("T. Nguyen")
            && i.issued_on.as_deref() == Some("2026-11-20")));
    // Issued people are no longer removed: they are excused or made ineligible.
    let err = callin_planner::commands::invitations::remove(&w.app, &issued[0].id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    let ineligible = NoticeAction::Ineligible {
        reason: callin_planner::domain::lifecycle::IneligibleReason::InCustody,
    };
    let after = inv_cmd::notice(&w.app, &c.id, &[issued[0].id.clone()], &ineligible).unwrap();
    assert_eq!(after.counted, 2);
    let summary = callin_planner::commands::callins::list(&w.app).unwrap();
    assert_eq!((summary[0].invited, summary[0].notices_issued), (2, 2));
}

#[test]
fn run_of_show_speakers_and_providers() {
    let w = world();
    let c = cmd::create(&w.app, &basics("Spring", 30)).unwrap();
    let seg = |kind, minutes| SegmentInput {
        kind: Some(kind),
        title: String::new(),
        minutes,
    };
    for (kind, minutes) in [
        (SegmentKind::Welcome, 10),
        (SegmentKind::LawEnforcement, 20),
        (SegmentKind::OfferOfHelp, 30),
    ] {
        directory::add_segment_to(&w.app, &c.id, &seg(kind, minutes)).unwrap();
    }
    let show = directory::show_of(&w.app, &c.id).unwrap();
    let times: Vec<_> = show
        .segments
        .iter()
        .map(|s| s.starts_at.clone().unwrap())
        .collect();
    assert_eq!(times, vec!["18:00", "18:10", "18:30"]);
    assert_eq!(
        (show.total_minutes, show.ends_at.as_deref()),
        (60, Some("19:00"))
    );

    // Reorder: the offer of help moves first.
    let offer = show.segments[2].id.clone();
    let show = directory::move_segment_to(&w.app, &offer, 0).unwrap();
    assert_eq!(show.segments[0].kind, SegmentKind::OfferOfHelp);
    assert_eq!(show.segments[1].starts_at.as_deref(), Some("18:30"));

    let pastor = directory::save_speaker_of(
        &w.app,
        None,
        &SpeakerInput {
            name: "Rev. Ellis".into(),
            role: Some(SpeakerRole::Clergy),
            ..Default::default()
        },
    )
    .unwrap();
    let show = directory::assign(&w.app, &show.segments[1].id, &pastor.id).unwrap();
    let a = show.segments[1].speakers[0].clone();
    assert_eq!(a.status, SpeakerAssignmentStatus::Invited);
    use SpeakerAssignmentStatus::{Confirmed, Declined, Spoke};
    assert_eq!(a.next, [Confirmed, Declined]);
    let r = callin_planner::commands::callins::readiness(&w.app, &c.id).unwrap();
    assert!(r.advisory.iter().any(|i| i.message.contains("Rev. Ellis")));
    let err = directory::set_assignment(&w.app, &a.id, SpeakerAssignmentStatus::Spoke).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    let show =
        directory::set_assignment(&w.app, &a.id, SpeakerAssignmentStatus::Confirmed).unwrap();
    assert_eq!(show.segments[1].speakers[0].next, [Spoke, Declined]);

    // Providers: invitees need housing and employment; a housing provider leaves employment uncovered.
    invite(&w, &c.id, &[0, 1]);
    let p = provider(
        &w.app,
        "Homes First",
        &[("Rapid rehousing", NeedCategory::Housing)],
    );
    let table = directory::set_present(&w.app, &c.id, &p.id, true).unwrap();
    assert_eq!(table.providers.len(), 1);
    let housing = table
        .needs
        .iter()
        .find(|n| n.category == NeedCategory::Housing)
        .unwrap();
    let jobs = table
        .needs
        .iter()
        .find(|n| n.category == NeedCategory::Employment)
        .unwrap();
    assert!(housing.covered && housing.common && !jobs.covered && jobs.common);
    let r = callin_planner::commands::callins::readiness(&w.app, &c.id).unwrap();
    assert!(
        r.advisory
            .iter()
            .any(|i| i.message == "No provider present for: Employment."),
        "{:?}",
        r.advisory
    );
}

#[test]
fn lifecycle_actions_and_refusals() {
    let w = world();
    let c = cmd::create(&w.app, &basics("Spring", 30)).unwrap();
    // What the call-in page offers travels with the call-in: a draft is scheduled,
    // postponed or cancelled and its plan edited; its notices are not out yet.
    assert!(c.allowed.schedule && c.allowed.postpone && c.allowed.cancel && c.allowed.edit_plan);
    assert!(!c.allowed.notices_out && !c.allowed.check_in && !c.allowed.offers);
    let err = cmd::act(&w.app, &c.id, &CallInAction::NoticesOut).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    assert!(err
        .to_string()
        .contains("cannot go from Draft to Notices out"));
    let p = cmd::act(
        &w.app,
        &c.id,
        &CallInAction::Postpone {
            date: "2027-04-11".into(),
            start_time: "17:30".into(),
        },
    )
    .unwrap();
    assert_eq!(p.status, CallInStatus::Postponed);
    assert_eq!(p.starts_at_utc.as_deref(), Some("2027-04-11T21:30:00Z"));
    assert!(p.allowed.schedule && !p.allowed.postpone && p.allowed.cancel);
    let err = cmd::act(&w.app, &c.id, &CallInAction::Cancel { reason: " ".into() }).unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let x = cmd::act(
        &w.app,
        &c.id,
        &CallInAction::Cancel {
            reason: "Venue flooded".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (x.status, x.status_reason.as_deref()),
        (CallInStatus::Cancelled, Some("Venue flooded"))
    );
    assert_eq!(
        cmd::get(&w.app, &c.id).unwrap().allowed,
        CallInActions::of(CallInStatus::Cancelled)
    );
    let a = x.allowed;
    assert!(
        !(a.schedule
            || a.notices_out
            || a.postpone
            || a.cancel
            || a.edit_plan
            || a.check_in
            || a.offers)
    );
    // A cancelled call-in's plan no longer changes.
    let err = cmd::update(&w.app, &c.id, &basics("Renamed", 30)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    let err =
        callin_planner::commands::invitations::add(&w.app, &c.id, &w.people[0], "").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
}

#[test]
fn bad_basics_name_the_field_and_change_nothing() {
    let w = world();
    let before = fingerprint(&w.app);
    let mut b = basics("", 30);
    b.start_time = "25:00".into();
    let err = cmd::create(&w.app, &b).unwrap_err();
    assert_eq!(err.field(), Some("title"));
    let mut b = basics("X", 30);
    b.target_group_ids = vec!["ghost".into()];
    let err = cmd::create(&w.app, &b).unwrap_err();
    assert_eq!(err.field(), Some("targetGroupIds.0"));
    assert_eq!(fingerprint(&w.app), before);
    let n: i64 = w
        .app
        .read(|db| Ok(db.query_row("SELECT count(*) FROM call_ins", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 0);
}
