//! Reads beside long work (issue 10): people searches while a 50,000-referral export and a
//! 200-letter batch run, against the same searches with nothing else running. Each search
//! goes through the command's code path (`commands::people::search`) on the same encrypted
//! database; the export and the letters run on threads of their own, over and over, until
//! the searches are done.
//!
//! Run: `cargo bench --bench concurrency` (add `-- 10000` for fewer referrals).

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use callin_planner::commands::followups::export_referrals_to;
use callin_planner::commands::people::search;
use callin_planner::commands::printing::gather;
use callin_planner::domain::followups::ReferralQuery;
use callin_planner::domain::people::PeopleQuery;
use callin_planner::domain::printing::DocumentRequest;
use callin_planner::reports::documents::lay_out;
use callin_planner::reports::pdf;
use callin_planner::reports::table::ExportFormat;
use callin_planner::state::AppState;

/// Searches per measurement.
const SEARCHES: usize = 300;

/// What a coordinator types: prefixes of first and last names, one or two words.
fn queries(app: &AppState) -> Vec<String> {
    let page = search(app, &PeopleQuery::default()).unwrap();
    let mut out = Vec::new();
    for p in page.rows.iter().take(30) {
        let first: String = p.first_name.chars().take(3).collect();
        let last: String = p.last_name.chars().take(4).collect();
        out.push(first.clone());
        out.push(last.clone());
        out.push(format!("{first} {last}"));
    }
    out
}

fn searches(app: &AppState, queries: &[String]) -> (Vec<Duration>, usize) {
    let mut times = Vec::with_capacity(SEARCHES);
    let mut rows = 0;
    for i in 0..SEARCHES {
        let q = PeopleQuery {
            search: Some(queries[i % queries.len()].clone()),
            ..Default::default()
        };
        let t = Instant::now();
        rows += search(app, &q).unwrap().rows.len();
        times.push(t.elapsed());
    }
    times.sort();
    (times, rows)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50_000);
    let (dir, app) = common::new_app("callin-concurrency-bench-");
    common::referrals(&app, n);
    let letters = common::call_in(&app, "Letters bench call-in", 200, 12);
    let queries = queries(&app);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let export_path = dir.path().join("follow-ups.csv");

    // Warm the caches, then the searches alone.
    searches(&app, &queries);
    let (idle, idle_rows) = searches(&app, &queries);

    // The same searches while the export and the letters run, each in a loop.
    let stop = AtomicBool::new(false);
    let (exports, batches) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let started = AtomicUsize::new(0);
    let (busy, busy_rows, export_time, letters_time) = std::thread::scope(|s| {
        let export = s.spawn(|| {
            let mut times = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                started.fetch_add(1, Ordering::SeqCst);
                let t = Instant::now();
                export_referrals_to(
                    &app,
                    &ReferralQuery::default(),
                    ExportFormat::Csv,
                    false,
                    &export_path,
                )
                .unwrap();
                times.push(t.elapsed());
                exports.fetch_add(1, Ordering::SeqCst);
            }
            times
        });
        let letters = s.spawn(|| {
            let request = DocumentRequest::Letters {
                call_in_id: letters.clone(),
            };
            let mut times = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                started.fetch_add(1, Ordering::SeqCst);
                let t = Instant::now();
                let prepared = app.read(|db| gather(db, &request, today)).unwrap();
                let built = lay_out(prepared).unwrap();
                pdf::pdf(&built.doc).unwrap();
                times.push(t.elapsed());
                batches.fetch_add(1, Ordering::SeqCst);
            }
            times
        });
        while started.load(Ordering::SeqCst) < 2 {
            std::thread::yield_now();
        }
        let (busy, rows) = searches(&app, &queries);
        stop.store(true, Ordering::Relaxed);
        (busy, rows, export.join().unwrap(), letters.join().unwrap())
    });
    assert_eq!(
        busy_rows, idle_rows,
        "the same searches found the same rows"
    );
    let mean = |v: &[Duration]| v.iter().map(Duration::as_secs_f64).sum::<f64>() / v.len() as f64;

    println!();
    println!("| {SEARCHES} people searches (10,000 people) | p50 | p95 | max |");
    println!("|---|---|---|---|");
    println!(
        "| alone | {:.2} ms | {:.2} ms | {:.2} ms |",
        pct(&idle, 0.5),
        pct(&idle, 0.95),
        pct(&idle, 1.0)
    );
    println!(
        "| beside a {n}-referral CSV export and a 200-letter batch, both looping | {:.2} ms | {:.2} ms | {:.2} ms |",
        pct(&busy, 0.5),
        pct(&busy, 0.95),
        pct(&busy, 1.0)
    );
    println!(
        "| beside / alone, p95 | {:.2}× | | |",
        pct(&busy, 0.95) / pct(&idle, 0.95)
    );
    println!();
    println!(
        "While the searches ran: {} exports finished (mean {:.0} ms), {} letter batches (mean {:.0} ms).",
        exports.load(Ordering::SeqCst),
        mean(&export_time) * 1000.0,
        batches.load(Ordering::SeqCst),
        mean(&letters_time) * 1000.0
    );
}
