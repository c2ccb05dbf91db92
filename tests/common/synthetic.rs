//! The one builder of synthetic data, shared by the integration tests and the benchmarks
//! (`benches/common` includes this file). Everything goes the app's own way: the commands'
//! functions wherever a rule decides (inviting, the warnings, scheduling, notices, the door,
//! the offer of help, ending check-in, referral moves, contact attempts, consent), the
//! store's functions where a validated record is only saved (people, providers, a call-in's
//! basics; the builder puts no one in a group, so no group check is skipped). No SQL is
//! written here.
#![allow(dead_code)]

use callin_planner::commands::{callins as callin_cmd, dayof, directory, followups, invitations};
use callin_planner::demo::{self, Rng};
use callin_planner::domain::callins::{validate_basics, CallInBasicsInput};
use callin_planner::domain::dayof::{OfferInput, ServiceChoice};
use callin_planner::domain::directory::{
    validate_provider, validate_service, ProviderInput, ServiceInput,
};
use callin_planner::domain::followups::{
    Consent, ConsentInput, ContactAttemptInput, ContactMethod, ContactOutcome, ReferralMove,
};
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::lifecycle::{CallInStatus, OfferResponse, ReferralStatus};
use callin_planner::domain::people::{validate_person, NeedCategory, PersonInput};
use callin_planner::error::AppResult;
use callin_planner::store;
use chrono::NaiveDate;
use rusqlite::Connection;

/// The day the synthetic data is built "on".
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// `n` synthetic people (the demo's generator, seeded), each passed through `adjust` first;
/// returns their ids.
pub fn people(
    conn: &Connection,
    n: usize,
    seed: u64,
    mut adjust: impl FnMut(usize, &mut Rng, &mut PersonInput),
) -> AppResult<Vec<String>> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            let mut p = demo::person(&mut rng);
            adjust(i, &mut rng, &mut p);
            Ok(store::people::create_person(conn, &validate_person(&p, today())?)?.id)
        })
        .collect()
}

/// A draft call-in with its basics (a venue for 600 unless the input says otherwise).
pub fn draft(conn: &Connection, input: CallInBasicsInput) -> AppResult<String> {
    let input = CallInBasicsInput {
        time_zone: if input.time_zone.is_empty() {
            "America/New_York".into()
        } else {
            input.time_zone
        },
        start_time: if input.start_time.is_empty() {
            "18:00".into()
        } else {
            input.start_time
        },
        venue_name: if input.venue_name.is_empty() {
            "Eastside Community Hall".into()
        } else {
            input.venue_name
        },
        venue_capacity: input.venue_capacity.or(Some(600)),
        ..input
    };
    Ok(store::callins::create_call_in(conn, &validate_basics(&input)?)?.id)
}

/// Invites `people` to a draft, acknowledges every warning the list brings, schedules it
/// through the gate, vets everyone and issues a notice to the first `issued` of them (in
/// list order). Returns the invitation ids in list order.
pub fn scheduled(
    conn: &Connection,
    call_in_id: &str,
    people: &[String],
    issued: usize,
) -> AppResult<Vec<String>> {
    for p in people {
        invitations::invite(conn, call_in_id, p, "Synthetic: on supervision in the area")?;
    }
    let list = invitations::invitee_list_of(conn, call_in_id)?;
    let keys: Vec<String> = list.warnings.iter().map(|w| w.key.clone()).collect();
    if !keys.is_empty() {
        invitations::acknowledge_warnings_of(conn, call_in_id, &keys)?;
    }
    callin_cmd::schedule(conn, call_in_id)?;
    let ids: Vec<String> = list.invitations.iter().map(|i| i.id.clone()).collect();
    invitations::notices(conn, call_in_id, &ids, &NoticeAction::Vet, today())?;
    if issued > 0 {
        let issue = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "R. Carter".into(),
            issued_on: today().format("%Y-%m-%d").to_string(),
        };
        invitations::notices(conn, call_in_id, &ids[..issued], &issue, today())?;
    }
    Ok(ids)
}

/// Ends check-in (those notified who did not come become No-shows, the call-in Held),
/// then moves the call-in on to Follow-up.
pub fn held(conn: &Connection, call_in_id: &str) -> AppResult<()> {
    dayof::end_in(conn, call_in_id)?;
    callin_cmd::move_to(conn, call_in_id, CallInStatus::FollowUp, None, None)?;
    Ok(())
}

/// A service in the directory: its id, its provider's and the need it meets.
pub struct TableService {
    pub id: String,
    pub provider_id: String,
    pub need: NeedCategory,
}

/// One provider per need, each with one service meeting it.
pub fn providers(conn: &Connection) -> AppResult<Vec<TableService>> {
    let mut out = Vec::new();
    for (i, need) in NeedCategory::ALL.iter().enumerate() {
        let p = directory::save_provider_in(
            conn,
            None,
            &validate_provider(&ProviderInput {
                name: format!("Provider {i}, Inc."),
                phones: vec![callin_planner::domain::directory_details::PhoneInput {
                    number: "555-0100".into(),
                    ..Default::default()
                }],
                ..Default::default()
            })?,
        )?;
        let p = directory::save_service_in(
            conn,
            &p.id,
            None,
            &validate_service(&ServiceInput {
                name: format!("Service for {}", need.as_str()),
                categories: vec![*need],
                ..Default::default()
            })?,
        )?;
        out.push(TableService {
            id: p.services[0].id.clone(),
            provider_id: p.id,
            need: *need,
        });
    }
    Ok(out)
}

/// `n` open referrals (at most 14 per person) over `people_count` people and `call_ins`
/// call-ins, as a coordinator's year makes them: the call-ins held on dates from January to
/// November 2026, each person invited to one and issued a notice; at the door they came and
/// accepted help, and each service chosen at the table (at random among one per need)
/// became a referral, due the first-contact days after the call-in. The substance-use ones
/// carry 42 CFR Part 2, about half of them with consent given. The referrals are spread over
/// the open statuses (Referred to Engaged, a step a week after the call-in), about half with
/// a contact attempt logged two days after it. Call-in titles carry a comma and quotes, as
/// real ones do. Returns the referral ids.
pub fn referrals(
    conn: &Connection,
    n: usize,
    people_count: usize,
    call_ins: usize,
    seed: u64,
) -> AppResult<Vec<String>> {
    let people = people(conn, people_count, seed, |_, _, _| {})?;
    let services = providers(conn)?;
    let mut rng = Rng::new(seed ^ 0x5eed);
    let per_person = n.div_ceil(people_count).min(services.len());
    let mut made: Vec<(String, NeedCategory, NaiveDate)> = Vec::with_capacity(n);
    let chunk = people_count.div_ceil(call_ins);
    for (i, group) in people.chunks(chunk).enumerate() {
        let day = NaiveDate::from_ymd_opt(2026, 1 + (i % 11) as u32, 1 + (i % 28) as u32).unwrap();
        let c = draft(
            conn,
            CallInBasicsInput {
                title: format!("Call-in {i}, \"Eastside\""),
                date: day.format("%Y-%m-%d").to_string(),
                venue_capacity: Some(group.len() as u32 + 10),
                ..Default::default()
            },
        )?;
        for s in &services {
            directory::set_present_in(conn, &c, &s.provider_id, true)?;
        }
        let invited = scheduled(conn, &c, group, group.len())?;
        for inv in &invited {
            if made.len() >= n {
                break;
            }
            dayof::arrive_in(conn, inv)?;
            let mut chosen: Vec<&TableService> = Vec::new();
            while chosen.len() < per_person.min(n - made.len()) {
                let s = &services[rng.below(services.len())];
                if !chosen.iter().any(|c| c.id == s.id) {
                    chosen.push(s);
                }
            }
            let offer = OfferInput {
                response: OfferResponse::Accepted,
                needs: chosen.iter().map(|s| s.need).collect(),
                services: chosen
                    .iter()
                    .map(|s| ServiceChoice {
                        service_id: s.id.clone(),
                        need: s.need,
                    })
                    .collect(),
            };
            // Recorded on the day, as the door does.
            for r in dayof::record_in(conn, inv, &offer, day)? {
                made.push((r.id, r.need, day));
            }
        }
        held(conn, &c)?;
    }
    let steps = [
        ReferralStatus::ProviderContacted,
        ReferralStatus::IntakeScheduled,
        ReferralStatus::Engaged,
    ];
    let date = |d: NaiveDate| d.min(today()).format("%Y-%m-%d").to_string();
    for (id, need, day) in &made {
        for (k, to) in steps.iter().take(rng.below(steps.len() + 1)).enumerate() {
            let change = ReferralMove {
                to: *to,
                on_date: date(*day + chrono::Days::new(7 * (k as u64 + 1))),
                note: String::new(),
                reason: String::new(),
            };
            followups::move_in(conn, id, &change, today())?;
        }
        if *need == NeedCategory::SubstanceUse && rng.chance(50) {
            let consent = ConsentInput {
                consent: Some(Consent::Given),
                on_date: date(*day),
                scope: "Attendance, to the supervising officer".into(),
            };
            followups::consent_in(conn, id, &consent, today())?;
        }
        if rng.chance(50) {
            let attempt = ContactAttemptInput {
                attempted_on: date(*day + chrono::Days::new(2)),
                method: Some(ContactMethod::Phone),
                by_whom: "R. Carter".into(),
                outcome: Some(ContactOutcome::LeftMessage),
                note: String::new(),
                next_due_on: None,
            };
            followups::log_contact_in(conn, id, &attempt, today())?;
        }
    }
    Ok(made.into_iter().map(|(id, _, _)| id).collect())
}
