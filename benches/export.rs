//! Follow-up export benchmark (issue 4): 50k referrals (over 10k synthetic people and 200
//! call-ins) exported as CSV and as XLSX through the command's code path
//! (`commands::followups::export_referrals_to`: the query over every matching referral,
//! the 42 CFR Part 2 withholding, the table, the file written and renamed into place).
//!
//! Run: `cargo bench --bench export` (add `-- 10000` for fewer referrals).

use std::time::{Duration, Instant};

use callin_planner::commands::followups::export_referrals_to;
use callin_planner::demo::{self, Rng};
use callin_planner::domain::followups::{ReferralQuery, ReferralSort};
use callin_planner::domain::lifecycle::ReferralStatus;
use callin_planner::domain::people::{validate_person, NeedCategory};
use callin_planner::reports::table::ExportFormat;
use callin_planner::state::AppState;
use callin_planner::store::{self, new_id};
use rusqlite::params;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(50_000);
    let root = std::env::temp_dir().join(format!("callin-export-bench-{}", uuid::Uuid::now_v7()));
    let app = AppState::new(&root);
    app.create("bench passphrase 1", "bench passphrase 1")
        .unwrap();
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

    let out = root.join("exports");
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
    let _ = std::fs::remove_dir_all(&root);
}
