//! Follow-up export benchmark (issue 4): 50k referrals (over 10k synthetic people and 200
//! call-ins) exported as CSV and as XLSX through the command's code path
//! (`commands::followups::export_referrals_to`: the query over every matching referral,
//! the 42 CFR Part 2 withholding, the table, the file written and renamed into place).
//!
//! Run: `cargo bench --bench export` (add `-- 10000` for fewer referrals).

use std::time::{Duration, Instant};

mod common;

use callin_planner::commands::followups::export_referrals_to;
use callin_planner::domain::followups::{ReferralQuery, ReferralSort};
use callin_planner::reports::table::ExportFormat;
use callin_planner::store;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50_000);
    let (dir, app) = common::new_app("callin-export-bench-");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    common::referrals(&app, n);

    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let query = ReferralQuery {
        sort: Some(ReferralSort::Due),
        ..Default::default()
    };
    // EXPORT_BENCH_PARTS=1: where the time goes (query, table, CSV text).
    if std::env::var_os("EXPORT_BENCH_PARTS").is_some() {
        for _ in 0..3 {
            let t = Instant::now();
            let list = app
                .read(|db| store::followups::list_referrals(db, &query, today, None))
                .unwrap();
            let q = t.elapsed();
            let t = Instant::now();
            let (table, _) = callin_planner::reports::followups::referral_table(list.rows, false);
            let tb = t.elapsed();
            let t = Instant::now();
            let csv = callin_planner::reports::table::to_csv(&table);
            let c = t.elapsed();
            eprintln!("query {q:?} table {tb:?} csv {c:?} ({} bytes)", csv.len());
            let t = Instant::now();
            let mut n = 0;
            app.read(|db| {
                store::followups::each_referral(db, &query, today, None, |_| {
                    n += 1;
                    Ok(())
                })
            })
            .unwrap();
            eprintln!("rows read, nothing written: {:?} ({n})", t.elapsed());
        }
    }
    println!();
    println!("| export of {n} open referrals | median | min | max | rows | withheld |");
    println!("|---|---|---|---|---|---|");
    for (format, runs) in [(ExportFormat::Csv, 9), (ExportFormat::Xlsx, 5)] {
        let path = out.join(format!("follow-ups.{}", format.extension()));
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            last = Some(export_referrals_to(&app, &query, format, false, &path).unwrap());
            times.push(t.elapsed());
        }
        times.sort();
        let s = last.unwrap();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {} ({} KiB) | {:.0} ms | {:.0} ms | {:.0} ms | {} | {} |",
            format.as_str().to_uppercase(),
            std::fs::metadata(&path).unwrap().len() / 1024,
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1]),
            s.rows,
            s.withheld
        );
    }
}
