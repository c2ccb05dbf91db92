//! Printing benchmark (issue 5): an attendee roster of 500 invitees and 200 invitation
//! letters (half of them in Spanish), each through the same path as Save as PDF (read
//! from the encrypted store, laid out by typst, written as PDF bytes).
//!
//! Run: `cargo bench --bench printing`.

mod common;

use std::time::{Duration, Instant};

use callin_planner::commands::printing::gather;
use callin_planner::domain::printing::DocumentRequest;
use callin_planner::reports::documents::lay_out;
use callin_planner::reports::pdf;

const RUNS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (_dir, app) = common::new_app("callin-print-bench-");
    let roster_call_in = common::call_in(&app, "Roster bench call-in", 500, 11);
    let letters_call_in = common::call_in(&app, "Letters bench call-in", 200, 12);
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
}
