//! What the benchmarks share: a new encrypted database, and the synthetic data of the one
//! builder the integration tests use too (`tests/common/synthetic.rs`), in one
//! transaction each.
#![allow(dead_code)]

use std::time::Instant;

use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::people::{SupervisionInput, SupervisionType};
use callin_planner::error::AppResult;
use callin_planner::state::AppState;

#[path = "../../tests/common/synthetic.rs"]
pub mod synthetic;

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

/// `n` open referrals over 10,000 synthetic people and 200 call-ins, built the app's own
/// way (`synthetic::referrals`: invited, notified, checked in, offers accepted, moved on).
pub fn referrals(app: &AppState, n: usize) {
    let t = Instant::now();
    app.write(|tx| synthetic::referrals(tx, n, 10_000, 200, 7))
        .unwrap();
    eprintln!("built {n} referrals in {:.1} s", t.elapsed().as_secs_f64());
}

/// A scheduled call-in with `invitees` vetted invitees (half Spanish-speaking, each with an
/// address and a supervising officer), half of them with a notice issued.
pub fn call_in(app: &AppState, title: &str, invitees: usize, seed: u64) -> String {
    app.write(|tx| -> AppResult<String> {
        let c = synthetic::draft(
            tx,
            CallInBasicsInput {
                title: title.into(),
                date: "2027-03-14".into(),
                expected_minutes: Some(90),
                venue_address: "12 Main St, Springfield".into(),
                ..Default::default()
            },
        )?;
        let people = synthetic::people(tx, invitees, seed, |i, _, p| {
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
        })?;
        synthetic::scheduled(tx, &c, &people, invitees / 2)?;
        Ok(c)
    })
    .unwrap()
}
