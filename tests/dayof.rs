//! The day of the call-in (issue 4, backend): check-in, walk-ins, undo, end of check-in,
//! and the offer of help creating referrals in one transaction.

mod common;

use callin_planner::commands::dayof as dayof_cmd;
use callin_planner::domain::dayof::{OfferInput, ServiceChoice};
use callin_planner::domain::lifecycle::{CallInStatus, InvitationStatus, OfferResponse};
use callin_planner::domain::people::NeedCategory;
use callin_planner::domain::time::today;
use callin_planner::error::ErrorCode;
use common::call_in_day::day;
use common::*;

#[test]
fn check_in_walk_in_undo_and_end() {
    let d = day();
    let s = dayof_cmd::arrive(&d.app, &d.inv[0]).unwrap();
    assert_eq!((s.expected, s.arrived, s.walk_ins), (3, 1, 0));
    // What the door may offer: open, offers too, and the two issued who have not come.
    assert_eq!(s.closed, None);
    assert!(s.offers_open);
    let mut still = s.still_expected.clone();
    still.sort();
    let mut waiting = vec![d.inv[1].clone(), d.inv[2].clone()];
    waiting.sort();
    assert_eq!(still, waiting);
    let err = dayof_cmd::arrive(&d.app, &d.inv[0]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    // Vetted but never issued a notice: not at the door's list; a walk-in instead.
    let err = dayof_cmd::arrive(&d.app, &d.inv[3]).unwrap_err();
    assert!(err.to_string().contains("walk-in"), "{err}");
    dayof_cmd::arrive(&d.app, &d.inv[1]).unwrap();
    let s = dayof_cmd::undo(&d.app, &d.inv[1]).unwrap();
    assert_eq!(s.arrived, 1);
    let back = s
        .list
        .invitations
        .iter()
        .find(|i| i.id == d.inv[1])
        .unwrap();
    assert_eq!(
        back.status,
        InvitationStatus::Issued,
        "undo restores the status before"
    );

    // A walk-in new to the registry is refused, changing nothing, when a group chosen for
    // them no longer exists (the same check as the person form's).
    let mut ghost = person("Gus", "Ghost");
    ghost.groups = vec![callin_planner::domain::people::MembershipInput {
        group_id: "a-deleted-group".into(),
        role: String::new(),
    }];
    let before = fingerprint(&d.app);
    let err = dayof_cmd::add_walk_in(&d.app, &d.call_in, None, Some(&ghost)).unwrap_err();
    assert_eq!(
        (err.field(), err.to_string().as_str()),
        (Some("groups.0.groupId"), "That group no longer exists.")
    );
    assert_eq!(fingerprint(&d.app), before);

    // A walk-in not in the registry, with the least data needed.
    let new = person("Dre", "Walker");
    let s = dayof_cmd::add_walk_in(&d.app, &d.call_in, None, Some(&new)).unwrap();
    assert_eq!((s.arrived, s.walk_ins), (2, 1));
    let walker = s
        .list
        .invitations
        .iter()
        .find(|i| i.walk_in)
        .unwrap()
        .clone();
    assert_eq!(walker.status, InvitationStatus::Attended);
    // Someone on the list is checked in by name, not added twice.
    let ana = s
        .list
        .invitations
        .iter()
        .find(|i| i.id == d.inv[0])
        .unwrap()
        .person_id
        .clone();
    let err = dayof_cmd::add_walk_in(&d.app, &d.call_in, Some(&ana), None).unwrap_err();
    assert_eq!(err.field(), Some("personId"));

    // End of check-in: the two issued who did not come are no-shows; the call-in is Held.
    let before = fingerprint(&d.app);
    let no_shows = dayof_cmd::end(&d.app, &d.call_in).unwrap();
    assert_eq!(no_shows, 2);
    let held = callin_planner::commands::callins::get(&d.app, &d.call_in).unwrap();
    assert_eq!(held.status, CallInStatus::Held);
    assert_ne!(fingerprint(&d.app), before);
    let list = callin_planner::commands::invitations::list(&d.app, &d.call_in).unwrap();
    let statuses: Vec<_> = list.invitations.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == InvitationStatus::NoShow)
            .count(),
        2
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == InvitationStatus::Vetted)
            .count(),
        1,
        "never notified: not a no-show"
    );
    // Check-in is closed once held, and the door says why; the offers stay open.
    let err = dayof_cmd::arrive(&d.app, &d.inv[1]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    let s = dayof_cmd::door_of(&d.app, &d.call_in).unwrap();
    assert_eq!(s.closed.as_deref(), Some(err.to_string().as_str()));
    assert!(s.offers_open);
    assert!(s.still_expected.is_empty());
}

#[test]
fn an_offer_creates_its_referrals_atomically() {
    let d = day();
    dayof_cmd::arrive(&d.app, &d.inv[0]).unwrap();
    let offer = OfferInput {
        response: OfferResponse::Accepted,
        needs: vec![NeedCategory::Housing, NeedCategory::SubstanceUse],
        services: vec![
            ServiceChoice {
                service_id: d.housing.clone(),
                need: NeedCategory::Housing,
            },
            ServiceChoice {
                service_id: d.treatment.clone(),
                need: NeedCategory::SubstanceUse,
            },
        ],
    };
    // The call-in is on 14 March 2027; first contact is due the setting's days after it.
    let on_the_day = chrono::NaiveDate::from_ymd_opt(2027, 3, 14).unwrap();
    let made = dayof_cmd::record(&d.app, &d.inv[0], &offer, on_the_day).unwrap();
    assert_eq!(made.len(), 2);
    assert!(
        made.iter()
            .find(|r| r.need == NeedCategory::SubstanceUse)
            .unwrap()
            .part2,
        "42 CFR Part 2 flag"
    );
    assert!(
        !made
            .iter()
            .find(|r| r.need == NeedCategory::Housing)
            .unwrap()
            .part2
    );
    assert_eq!(
        made[0].due_on.as_deref(),
        Some("2027-03-17"),
        "three days by default"
    );
    let events: i64 = d
        .app
        .read(|db| Ok(db.query_row("SELECT count(*) FROM referral_events", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(events, 2);
    // Recorded once.
    let err = dayof_cmd::record(&d.app, &d.inv[0], &offer, today()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);

    // A failure midway (second service not at the table) leaves no referral and no response.
    dayof_cmd::arrive(&d.app, &d.inv[1]).unwrap();
    let before = fingerprint(&d.app);
    let referrals_before: i64 = d
        .app
        .read(|db| Ok(db.query_row("SELECT count(*) FROM referrals", [], |r| r.get(0))?))
        .unwrap();
    let bad = OfferInput {
        response: OfferResponse::Accepted,
        needs: vec![NeedCategory::Housing],
        services: vec![
            ServiceChoice {
                service_id: d.housing.clone(),
                need: NeedCategory::Housing,
            },
            ServiceChoice {
                service_id: "not-at-the-table".into(),
                need: NeedCategory::Housing,
            },
        ],
    };
    let err = dayof_cmd::record(&d.app, &d.inv[1], &bad, today()).unwrap_err();
    assert_eq!(err.field(), Some("services.1.serviceId"));
    assert_eq!(fingerprint(&d.app), before);
    let referrals_after: i64 = d
        .app
        .read(|db| Ok(db.query_row("SELECT count(*) FROM referrals", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(referrals_before, referrals_after);
    let response: Option<String> = d
        .app
        .read(|db| {
            Ok(db.query_row(
                "SELECT offer_response FROM invitations WHERE id = ?1",
                [&d.inv[1]],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(response, None);

    // The first-contact delay is a setting, within bounds.
    assert_eq!(dayof_cmd::first_contact(&d.app).unwrap(), 3);
    assert_eq!(
        dayof_cmd::set_first_contact(&d.app, 0).unwrap_err().field(),
        Some("days")
    );
    dayof_cmd::set_first_contact(&d.app, 5).unwrap();
    assert_eq!(dayof_cmd::first_contact(&d.app).unwrap(), 5);
    // A referral made after the change is due five days after the call-in.
    let housing = OfferInput {
        response: OfferResponse::Accepted,
        needs: vec![NeedCategory::Housing],
        services: vec![ServiceChoice {
            service_id: d.housing.clone(),
            need: NeedCategory::Housing,
        }],
    };
    let made = dayof_cmd::record(&d.app, &d.inv[1], &housing, on_the_day).unwrap();
    assert_eq!(made[0].due_on.as_deref(), Some("2027-03-19"));

    // Only attendees have a response to record.
    let err = dayof_cmd::record(&d.app, &d.inv[2], &offer, today()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    // Undo is refused once the offer is recorded.
    let err = dayof_cmd::undo(&d.app, &d.inv[0]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
}

#[test]
fn a_referral_is_worked_to_engaged_with_contact_attempts() {
    use callin_planner::domain::followups::{
        ContactAttemptInput, ContactMethod, ContactOutcome, ReferralMove,
    };
    use callin_planner::domain::lifecycle::ReferralStatus;

    let d = day();
    dayof_cmd::arrive(&d.app, &d.inv[0]).unwrap();
    let offer = OfferInput {
        response: OfferResponse::Accepted,
        needs: vec![NeedCategory::Housing],
        services: vec![ServiceChoice {
            service_id: d.housing.clone(),
            need: NeedCategory::Housing,
        }],
    };
    let r = dayof_cmd::record(&d.app, &d.inv[0], &offer, today()).unwrap()[0]
        .id
        .clone();
    let date = today().format("%Y-%m-%d").to_string();
    let contact = ContactAttemptInput {
        attempted_on: date.clone(),
        method: Some(ContactMethod::Phone),
        by_whom: "J. Ortiz".into(),
        outcome: Some(ContactOutcome::LeftMessage),
        note: "Voicemail, will call back".into(),
        next_due_on: Some(
            (today() + chrono::Duration::days(2))
                .format("%Y-%m-%d")
                .to_string(),
        ),
    };
    let h =
        callin_planner::commands::followups::log_contact(&d.app, &r, &contact, today()).unwrap();
    assert_eq!(
        h.due_on, contact.next_due_on,
        "the attempt set the next due date"
    );
    // Straight to Engaged is refused; the steps in between are not skipped.
    let to = |status, reason: &str| ReferralMove {
        to: status,
        on_date: date.clone(),
        note: "ok".into(),
        reason: reason.into(),
    };
    let before = fingerprint(&d.app);
    let err = callin_planner::commands::followups::move_to(
        &d.app,
        &r,
        &to(ReferralStatus::Engaged, ""),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    assert_eq!(fingerprint(&d.app), before);
    for s in [
        ReferralStatus::ProviderContacted,
        ReferralStatus::IntakeScheduled,
        ReferralStatus::Engaged,
    ] {
        callin_planner::commands::followups::move_to(&d.app, &r, &to(s, ""), today()).unwrap();
    }
    let h = callin_planner::commands::followups::history_of(&d.app, &r).unwrap();
    assert_eq!(h.status, ReferralStatus::Engaged);
    // The detail panel offers the moves the history carries: the next step, then the ways out.
    use ReferralStatus::{Closed, Completed, Declined, LostContact};
    assert_eq!(h.next, [Completed, Declined, LostContact, Closed]);
    let kinds: Vec<&str> = h.items.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "status").count(),
        4,
        "created as Referred, then three moves"
    );
    assert!(h
        .items
        .iter()
        .any(|i| i.summary == "Intake scheduled → Engaged"));
    assert!(h
        .items
        .iter()
        .any(|i| i.kind == "contact" && i.by_whom.as_deref() == Some("J. Ortiz")));
    // Closing needs a reason; a closed referral takes no more contact attempts.
    let err = callin_planner::commands::followups::move_to(
        &d.app,
        &r,
        &to(ReferralStatus::Closed, " "),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let closed = callin_planner::commands::followups::move_to(
        &d.app,
        &r,
        &to(ReferralStatus::Closed, "Moved out of state"),
        today(),
    )
    .unwrap();
    assert!(
        closed.next.is_empty(),
        "a closed referral offers no more moves"
    );
    let err = callin_planner::commands::followups::log_contact(&d.app, &r, &contact, today())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
}
