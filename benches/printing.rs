//! Printing benchmark (issue 5): an attendee roster of 500 invitees and 200 invitation
//! letters (half of them in Spanish), each through the same path as Save as PDF (read
//! from the encrypted store, laid out by typst, written as PDF bytes).
//!
//! Run: `cargo bench --bench printing`.

use std::time::{Duration, Instant};

use callin_planner::demo::{self, Rng};
use callin_planner::domain::callins::{validate_basics, CallInBasicsInput};
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::lifecycle::CallInStatus;
use callin_planner::domain::people::{validate_person, SupervisionInput, SupervisionType};
use callin_planner::domain::printing::DocumentRequest;
use callin_planner::error::AppResult;
use callin_planner::reports::documents::{gather, lay_out};
use callin_planner::reports::pdf;
use callin_planner::state::AppState;
use callin_planner::store::{callins, invitations, people};

const RUNS: usize = 15;

fn call_in(app: &AppState, title: &str, invitees: usize, seed: u64) -> String {
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
        callins::set_status(tx, &c.id, CallInStatus::Scheduled, None, None)?;
        let ids: Vec<String> = invitations::list_invitations(tx, &c.id)?
            .invitations
            .into_iter()
            .map(|i| i.id)
            .collect();
        invitations::bulk_notice(tx, &c.id, &ids, &NoticeAction::Vet, today)?;
        let issue = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "R. Carter".into(),
            issued_on: "2026-11-29".into(),
        };
        invitations::bulk_notice(tx, &c.id, &ids[..invitees / 2], &issue, today)?;
        Ok(c.id)
    })
    .unwrap()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let root = std::env::temp_dir().join(format!("callin-print-bench-{}", uuid::Uuid::now_v7()));
    let app = AppState::new(&root);
    app.create("bench passphrase 1", "bench passphrase 1")
        .unwrap();
    let roster_call_in = call_in(&app, "Roster bench call-in", 500, 11);
    let letters_call_in = call_in(&app, "Letters bench call-in", 200, 12);
    let printed = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();

    println!();
    println!("| document | first (cold) | median of {RUNS} | min | max | read | layout | PDF | pages | size |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (name, request) in [
        (
            "attendee roster, 500 invitees",
            DocumentRequest::AttendeeRoster {
                call_in_id: roster_call_in.clone(),
            },
        ),
        (
            "invitation letters, 200 invitees (100 en / 100 es)",
            DocumentRequest::Letters {
                call_in_id: letters_call_in.clone(),
            },
        ),
    ] {
        let mut totals = Vec::new();
        let (mut reads, mut layouts, mut pdfs) = (Vec::new(), Vec::new(), Vec::new());
        let mut last = (0, 0);
        for _ in 0..=RUNS {
            let t = Instant::now();
            let prepared = app.read(|db| gather(db, &request, printed)).unwrap();
            let read = t.elapsed();
            let built = lay_out(prepared).unwrap();
            let laid = t.elapsed();
            let bytes = pdf::pdf(&built.doc).unwrap();
            let total = t.elapsed();
            reads.push(read);
            layouts.push(laid - read);
            pdfs.push(total - laid);
            totals.push(total);
            last = (built.page_count(), bytes.len());
        }
        let cold = totals.remove(0);
        reads.remove(0);
        layouts.remove(0);
        pdfs.remove(0);
        println!(
            "| {name} | {} | **{}** | {} | {} | {} | {} | {} | {} | {} KB |",
            ms(cold),
            ms(median(totals.clone())),
            ms(*totals.iter().min().unwrap()),
            ms(*totals.iter().max().unwrap()),
            ms(median(reads)),
            ms(median(layouts)),
            ms(median(pdfs)),
            last.0,
            last.1 / 1024
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
