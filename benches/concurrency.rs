//! Reads beside long work (issue 10): people searches while a 50,000-referral export and a
//! 200-letter batch run, against the same searches with nothing else running. Each search
//! goes through the command's code path (`commands::people::search`) on the same encrypted
//! database; the export and the letters run on threads of their own, over and over, until
//! the searches are done. Then the same with the long work at the usual priority (what
//! `priority::at_low_priority` buys), and with every read behind one lock (as before the
//! reader pool).
//!
//! Run: `cargo bench --bench concurrency` (add `-- 10000` for fewer referrals).

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use callin_planner::commands::followups::export_referrals_to;
use callin_planner::commands::people::search;
use callin_planner::commands::printing::{build, gather};
use callin_planner::domain::followups::ReferralQuery;
use callin_planner::domain::people::PeopleQuery;
use callin_planner::domain::printing::DocumentRequest;
use callin_planner::priority::set_enabled;
use callin_planner::reports::documents::lay_out;
use callin_planner::reports::pdf;
use callin_planner::reports::table::ExportFormat;
use callin_planner::state::AppState;

/// Searches per measurement, one every `PACE` as someone typing would.
const SEARCHES: usize = 200;
const PACE: Duration = Duration::from_millis(15);
/// The pause between two exports, and between two letter batches.
const BETWEEN: Duration = Duration::from_millis(50);

/// How reads reach the database in a run.
#[derive(Clone, Copy, PartialEq)]
enum Reads {
    /// As the app does: each read on a reader of the pool, the long work at low priority.
    Pool,
    /// As before the pool: every read waits for one lock, as it waited for the one
    /// connection (emulated with a lock around each read).
    OneLock,
}

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

fn searches(
    app: &AppState,
    queries: &[String],
    lock: Option<&Mutex<()>>,
) -> (Vec<Duration>, usize) {
    let mut times = Vec::with_capacity(SEARCHES);
    let mut rows = 0;
    for i in 0..SEARCHES {
        let q = PeopleQuery {
            search: Some(queries[i % queries.len()].clone()),
            ..Default::default()
        };
        let t = Instant::now();
        let _held = lock.map(|l| l.lock().unwrap());
        rows += search(app, &q).unwrap().rows.len();
        drop(_held);
        times.push(t.elapsed());
        std::thread::sleep(PACE);
    }
    times.sort();
    (times, rows)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

struct Busy {
    searches: Vec<Duration>,
    rows: usize,
    exports: usize,
    batches: usize,
}

/// The searches while a CSV export of every referral and the letter batch run in loops.
fn beside_long_work(
    app: &AppState,
    queries: &[String],
    letters: &str,
    export_path: &std::path::Path,
    reads: Reads,
) -> Busy {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let one = Mutex::new(());
    let lock = (reads == Reads::OneLock).then_some(&one);
    let stop = AtomicBool::new(false);
    let (exports, batches, started) = (
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    std::thread::scope(|s| {
        s.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                started.fetch_add(1, Ordering::SeqCst);
                // The export reads every referral while it writes the file: the whole
                // export holds its reader (and, as before, the one connection).
                let _held = lock.map(|l| l.lock().unwrap());
                export_referrals_to(
                    app,
                    &ReferralQuery::default(),
                    ExportFormat::Csv,
                    false,
                    export_path,
                )
                .unwrap();
                drop(_held);
                exports.fetch_add(1, Ordering::SeqCst);
                // A moment between exports (a lock is not fair: without it a loop that
                // takes it again at once would starve the searches of the one-lock run).
                std::thread::sleep(BETWEEN);
            }
        });
        s.spawn(|| {
            let request = DocumentRequest::Letters {
                call_in_id: letters.to_string(),
            };
            while !stop.load(Ordering::Relaxed) {
                started.fetch_add(1, Ordering::SeqCst);
                if lock.is_none() {
                    // As Save as PDF does it: read, lay out, write the PDF.
                    let built = build(app, &request).unwrap();
                    built.pdf().unwrap();
                } else {
                    let held = lock.map(|l| l.lock().unwrap());
                    let prepared = app.read(|db| gather(db, &request, today)).unwrap();
                    drop(held);
                    let built = lay_out(prepared).unwrap();
                    pdf::pdf(&built.doc).unwrap();
                }
                batches.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(BETWEEN);
            }
        });
        while started.load(Ordering::SeqCst) < 2 {
            std::thread::yield_now();
        }
        let (searches, rows) = searches(app, queries, lock);
        stop.store(true, Ordering::Relaxed);
        Busy {
            searches,
            rows,
            exports: exports.load(Ordering::SeqCst),
            batches: batches.load(Ordering::SeqCst),
        }
    })
}

/// Set in the child process that measures the long work at the usual priority: rayon's
/// pool is made once per process, so that run needs a process of its own.
const USUAL_PRIORITY: &str = "CONCURRENCY_BENCH_USUAL_PRIORITY";

fn main() {
    let usual = std::env::var_os(USUAL_PRIORITY).is_some();
    if usual {
        set_enabled(false);
    }
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50_000);
    let (dir, app) = common::new_app("callin-concurrency-bench-");
    common::referrals(&app, n);
    let letters = common::call_in(&app, "Letters bench call-in", 200, 12);
    let queries = queries(&app);
    let export_path = dir.path().join("follow-ups.csv");

    // Warm the caches, then the searches alone.
    searches(&app, &queries, None);
    let (idle, idle_rows) = searches(&app, &queries, None);
    let pool = beside_long_work(&app, &queries, &letters, &export_path, Reads::Pool);
    assert_eq!(
        pool.rows, idle_rows,
        "the same searches found the same rows"
    );
    if usual {
        // The child's figures, for the parent's table: its own idle p95, then the run's.
        let t = &pool.searches;
        println!(
            "USUAL {} {} {} {} {} {}",
            pct(&idle, 0.95),
            pct(t, 0.5),
            pct(t, 0.95),
            pct(t, 1.0),
            pool.exports,
            pool.batches
        );
        return;
    }
    let one = beside_long_work(&app, &queries, &letters, &export_path, Reads::OneLock);
    assert_eq!(one.rows, idle_rows, "the same searches found the same rows");
    // The same run at the usual priority, in a process of its own (same data, same seed).
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(std::env::args().skip(1))
        .env(USUAL_PRIORITY, "1")
        .output()
        .expect("the usual-priority run");
    assert!(
        child.status.success(),
        "{}",
        String::from_utf8_lossy(&child.stderr)
    );
    let text = String::from_utf8_lossy(&child.stdout);
    let usual_line: Vec<f64> = text
        .lines()
        .find_map(|l| l.strip_prefix("USUAL "))
        .expect("the child's figures")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();

    println!();
    println!(
        "| {SEARCHES} people searches (10,000 people), one every {} ms | p50 | p95 | max | p95 / alone | exports / letter batches meanwhile |",
        PACE.as_millis()
    );
    println!("|---|---|---|---|---|---|");
    let row = |what: &str, t: &[Duration], work: Option<(usize, usize)>| {
        println!(
            "| {what} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2}× | {} |",
            pct(t, 0.5),
            pct(t, 0.95),
            pct(t, 1.0),
            pct(t, 0.95) / pct(&idle, 0.95),
            work.map(|(e, b)| format!("{e} / {b}"))
                .unwrap_or_else(|| "—".into())
        )
    };
    row("alone", &idle, None);
    row(
        &format!("beside a {n}-referral CSV export and a 200-letter batch, looping (reader pool, long work at low priority: the app)"),
        &pool.searches,
        Some((pool.exports, pool.batches)),
    );
    println!(
        "| the same, the long work at the usual priority (a process of its own) | {:.2} ms | {:.2} ms | {:.2} ms | {:.2}× | {} / {} |",
        usual_line[1],
        usual_line[2],
        usual_line[3],
        usual_line[2] / usual_line[0],
        usual_line[4],
        usual_line[5]
    );
    row(
        "the same, every read behind one lock (one connection, as before the pool)",
        &one.searches,
        Some((one.exports, one.batches)),
    );
}
