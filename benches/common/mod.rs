//! Synthetic data shared by the benchmarks, built through the store's own functions
//! where the store has them, in one transaction each.
#![allow(dead_code)]

use std::time::Instant;

use callin_planner::demo::{self, Rng};
use callin_planner::domain::callins::{validate_basics, CallInBasicsInput};
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::lifecycle::ReferralStatus;
use callin_planner::domain::people::{
    validate_person, NeedCategory, SupervisionInput, SupervisionType,
};
use callin_planner::error::AppResult;
use callin_planner::state::AppState;
use callin_planner::store::{self, callins, invitations, new_id, people};
use rusqlite::params;

pub const PASSPHRASE: &str = "bench passphrase 1";

/// A new encrypted database in a temporary folder (removed when the folder is dropped).
pub fn new_app(prefix: &str) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temporary folder");
    let app = AppState::new(dir.path());
    app.create(PASSPHRASE, PASSPHRASE).unwrap();
    (dir, app)
}

/// `n` open referrals over 10,000 synthetic people and 200 call-ins, every need (the
/// substance-use ones under 42 CFR Part 2, half of them with consent), half with a contact
/// attempt.
pub fn referrals(app: &AppState, n: usize) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let t = Instant::now();
    app.write(|tx| {
        let mut rng = Rng::new(7);
        let people: Vec<String> = (0..10_000)
            .map(|_| {
                let p = validate_person(&demo::person(&mut rng), today)?;
                Ok(store::people::create_person(tx, &p)?.id)
            })
            .collect::<callin_planner::error::AppResult<_>>()?;
        let now = "2026-11-29T12:00:00Z";
        let mut call_ins = Vec::new();
        for i in 0..200 {
            let id = new_id();
            tx.execute(
                "INSERT INTO call_ins (id, title, starts_at_local, time_zone, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'America/New_York', 'follow_up', ?4, ?4)",
                params![id, format!("Call-in {i}, \"Eastside\""), format!("2026-{:02}-{:02}T18:00", 1 + i % 11, 1 + i % 28), now],
            )?;
            call_ins.push(id);
        }
        let mut services = Vec::new();
        for (i, need) in NeedCategory::ALL.iter().enumerate() {
            let provider = new_id();
            tx.execute(
                "INSERT INTO providers (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![provider, format!("Provider {i}, Inc."), now],
            )?;
            let service = new_id();
            tx.execute(
                "INSERT INTO services (id, provider_id, name, categories, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![service, provider, format!("Service for {}", need.as_str()), format!("[\"{}\"]", need.as_str()), now],
            )?;
            services.push((service, *need));
        }
        let open = [
            ReferralStatus::Referred,
            ReferralStatus::ProviderContacted,
            ReferralStatus::IntakeScheduled,
            ReferralStatus::Engaged,
        ];
        let mut insert = tx.prepare(
            "INSERT INTO referrals (id, person_id, service_id, call_in_id, need_category, status, due_on, part2,
                                    consent, consent_on, consent_scope, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        )?;
        let mut attempt = tx.prepare(
            "INSERT INTO contact_attempts (id, person_id, referral_id, attempted_on, method, outcome, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'phone', 'left_message', ?5, ?5)",
        )?;
        for i in 0..n {
            let id = new_id();
            let person = &people[rng.below(people.len())];
            let (service, need) = &services[rng.below(services.len())];
            let part2 = *need == NeedCategory::SubstanceUse;
            let consent = (part2 && rng.chance(50)).then_some("given");
            insert.execute(params![
                id,
                person,
                service,
                call_ins[rng.below(call_ins.len())],
                need.as_str(),
                open[rng.below(open.len())].as_str(),
                format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                part2,
                consent,
                consent.map(|_| "2026-06-01"),
                consent.map(|_| "Attendance, to the supervising officer"),
                now,
            ])?;
            if rng.chance(50) {
                attempt.execute(params![new_id(), person, id, format!("2026-{:02}-{:02}", 1 + i % 11, 1 + i % 28), now])?;
            }
        }
        Ok(())
    })
    .unwrap();
    eprintln!("built {n} referrals in {:.1} s", t.elapsed().as_secs_f64());
}

/// A scheduled call-in with `invitees` vetted invitees (half Spanish-speaking, each with an
/// address and a supervising officer), half of them with a notice issued.
pub fn call_in(app: &AppState, title: &str, invitees: usize, seed: u64) -> String {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    app.write(|tx| -> AppResult<String> {
        let basics = validate_basics(&CallInBasicsInput {
            title: title.into(),
            date: "2027-03-14".into(),
            start_time: "18:00".into(),
            time_zone: "America/New_York".into(),
            expected_minutes: Some(90),
            venue_name: "Eastside Community Hall".into(),
            venue_address: "12 Main St, Springfield".into(),
            venue_capacity: Some(600),
            ..Default::default()
        })?;
        let c = callins::create_call_in(tx, &basics)?;
        let mut rng = Rng::new(seed);
        for i in 0..invitees {
            let mut p = demo::person(&mut rng);
            p.preferred_language = if i % 2 == 0 { "es" } else { "en" }.into();
            p.address = format!("{} Elm Street\nSpringfield, IL 62704", 100 + i);
            p.supervisions = vec![SupervisionInput {
                id: None,
                kind: Some(SupervisionType::Probation),
                agency: "County Probation".into(),
                officer_name: format!("Officer Whitcombe {}", i % 9),
                officer_contact: String::new(),
                start_date: Some("2025-01-01".into()),
                end_date: Some("2028-12-31".into()),
                call_in_condition: true,
            }];
            let p = people::create_person(tx, &validate_person(&p, today)?)?;
            invitations::add_invitee(tx, &c.id, &p.id, "")?;
        }
        // The coordinator acknowledges the list's warnings, then schedules through the gate.
        let list = invitations::list_invitations(tx, &c.id)?;
        let keys: Vec<String> = list.warnings.iter().map(|w| w.key.clone()).collect();
        invitations::acknowledge(tx, &c.id, &keys)?;
        callin_planner::commands::callins::schedule(tx, &c.id)?;
        let ids: Vec<String> = invitations::list_invitations(tx, &c.id)?
            .invitations
            .into_iter()
            .map(|i| i.id)
            .collect();
        callin_planner::commands::invitations::notices(tx, &c.id, &ids, &NoticeAction::Vet, today)?;
        let issue = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "R. Carter".into(),
            issued_on: "2026-11-29".into(),
        };
        callin_planner::commands::invitations::notices(
            tx,
            &c.id,
            &ids[..invitees / 2],
            &issue,
            today,
        )?;
        Ok(c.id)
    })
    .unwrap()
}
