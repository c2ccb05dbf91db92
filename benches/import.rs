//! Import benchmark (issue 11), on real encrypted database files: a roster CSV of 10,000 and
//! of 100,000 synthetic rows (one in twenty a person already in the registry) imported into
//! a registry of 100,000 through the commands' code path (`commands::imports::open`, `check`
//! with duplicate detection, `commit` in one transaction with audit entries and the import
//! record), beside a raw rusqlite insert of the same rows into a copy of the same registry
//! (the people benchmark's measure). Also the duplicate check alone: the rows matched
//! against the registry's 100,000.
//!
//! Run: `cargo bench --bench import` (add `-- 20000 2000,20000` for a smaller registry and
//! smaller files).

mod common;

use std::fmt::Write as _;
use std::time::Instant;

use callin_planner::commands::imports as cmd;
use callin_planner::demo::{self, Rng};
use callin_planner::domain::dedupe::MatchDecision;
use callin_planner::domain::dedupe::{match_rows, Candidate, Index, Keys};
use callin_planner::domain::import::{ImportPlan, MatchAction};
use callin_planner::domain::people::{validate_person, PersonInput, ValidPerson};
use callin_planner::domain::text::sort_name;
use callin_planner::state::AppState;
use callin_planner::store;
use common::PASSPHRASE;
use rusqlite::params;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A roster file as an agency exports it: M/D/YYYY dates, the agency's own words.
fn roster(rows: &[PersonInput]) -> String {
    let mut out = String::from(
        "Last Name,First Name,DOB,Phone,Address,Area,Sup Type,Agency,PO,Start Date,End Date\n",
    );
    for p in rows {
        let us = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| d.format("%-m/%-d/%Y").to_string())
                .unwrap_or_default()
        };
        let s = p.supervisions.first();
        let kind = s.and_then(|s| s.kind).map(|k| match k.as_str() {
            "probation" => "PROB",
            "parole" => "PAR",
            "supervised_release" => "SR",
            _ => "Pretrial",
        });
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{}",
            csv_field(&p.last_name),
            csv_field(&p.first_name),
            us(&p.date_of_birth),
            csv_field(&p.phone),
            csv_field(&p.address),
            csv_field(&p.area),
            kind.unwrap_or(""),
            csv_field(s.map(|s| s.agency.as_str()).unwrap_or("")),
            csv_field(s.map(|s| s.officer_name.as_str()).unwrap_or("")),
            us(&s.and_then(|s| s.start_date.clone())),
            us(&s.and_then(|s| s.end_date.clone())),
        );
    }
    out
}

/// The same rows with plain prepared INSERTs in one transaction (the people benchmark's raw
/// measure: person, supervisions, needs, an audit row).
fn raw_insert(conn: &mut rusqlite::Connection, valid: &[ValidPerson]) {
    let tx = conn.transaction().unwrap();
    {
        let mut person = tx
            .prepare(
                "INSERT INTO people (id, first_name, last_name, aliases, sort_name, date_of_birth, phone, address,
                                     area, preferred_language, notes, status, created_at, updated_at, search_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
            )
            .unwrap();
        let mut sup = tx
            .prepare(
                "INSERT INTO supervisions (id, person_id, kind, agency, officer_name, officer_contact, start_date,
                                           end_date, call_in_condition, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )
            .unwrap();
        let mut audit = tx
            .prepare(
                "INSERT INTO audit_entries (id, at, actor, action, entity, entity_id, before, after)
                 VALUES (?1, ?2, 'bench', 'create', 'person', ?3, NULL, ?4)",
            )
            .unwrap();
        let now = "2026-12-03T00:00:00.000Z";
        for v in valid {
            let id = uuid::Uuid::now_v7().to_string();
            person
                .execute(params![
                    id,
                    v.first_name,
                    v.last_name,
                    serde_json::to_string(&v.aliases).unwrap(),
                    sort_name(&v.first_name, &v.last_name),
                    v.date_of_birth.map(|d| d.to_string()),
                    v.phone,
                    v.address,
                    v.area,
                    v.preferred_language,
                    v.notes,
                    v.status.as_str(),
                    now,
                    v.search_text()
                ])
                .unwrap();
            for s in &v.supervisions {
                sup.execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    id,
                    s.kind.as_str(),
                    s.agency,
                    s.officer_name,
                    s.officer_contact,
                    s.start_date.map(|d| d.to_string()),
                    s.end_date.map(|d| d.to_string()),
                    s.call_in_condition,
                    now
                ])
                .unwrap();
            }
            audit
                .execute(params![
                    uuid::Uuid::now_v7().to_string(),
                    now,
                    id,
                    format!("{{\"firstName\":{:?}}}", v.first_name)
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn copy_db(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(from.join(store::DB_FILE), to.join(store::DB_FILE)).unwrap();
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let registry: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let sizes: Vec<usize> = args
        .next()
        .map(|a| a.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let dir = tempfile::Builder::new()
        .prefix("callin-bench-import-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    let today = callin_planner::domain::time::today();

    // The registry, built once and copied for every run.
    let mut rng = Rng::new(42);
    let people: Vec<PersonInput> = (0..registry).map(|_| demo::person(&mut rng)).collect();
    let base = root.join("base");
    let app = AppState::new(&base);
    app.create(PASSPHRASE, PASSPHRASE).unwrap();
    app.write(|tx| {
        for p in &people {
            store::people::create_person(tx, &validate_person(p, today)?)?;
        }
        Ok(())
    })
    .unwrap();
    app.read(|db| {
        db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    })
    .unwrap();
    app.lock();
    println!("Registry: {registry} people.\n");
    println!("| rows | read | check (with duplicates) | write | import total | raw insert | import / raw | matches |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");

    for &n in &sizes {
        // New people, and one row in twenty a person of the registry (a sure match).
        let mut r = Rng::new(1000 + n as u64);
        let rows: Vec<PersonInput> = (0..n)
            .map(|i| {
                if i % 20 == 0 {
                    people[(i * 7919) % registry].clone()
                } else {
                    demo::person(&mut r)
                }
            })
            .collect();
        let valid: Vec<ValidPerson> = rows
            .iter()
            .filter_map(|p| validate_person(p, today).ok())
            .collect();
        let file = root.join(format!("roster-{n}.csv"));
        std::fs::write(&file, roster(&rows)).unwrap();

        // Import through the commands.
        let run = root.join(format!("import-{n}"));
        copy_db(&base, &run);
        let app = AppState::new(&run);
        app.unlock(PASSPHRASE).unwrap();
        let t = Instant::now();
        let preview = cmd::open(&app, &file).unwrap();
        let read = t.elapsed();
        let mut plan = ImportPlan {
            sheet: preview.sheet.clone(),
            mapping: preview.mapping.clone(),
            ..Default::default()
        };
        plan.mapping.date_order = Some(callin_planner::domain::import::DateOrder::MonthFirst);
        let t = Instant::now();
        let first = cmd::check(&app, &plan).unwrap();
        let mut checked = t.elapsed();
        // The coordinator decides every possible match (here: add as new), and it is
        // checked again.
        plan.decisions = first
            .matches
            .iter()
            .filter(|m| m.action.is_none())
            .map(|m| MatchDecision {
                row: m.row,
                action: MatchAction::AddNew,
            })
            .collect();
        let t = Instant::now();
        let check = cmd::check(&app, &plan).unwrap();
        checked = checked.max(t.elapsed());
        assert!(
            check.blockers.is_empty(),
            "{:?}",
            &check.blockers[..check.blockers.len().min(3)]
        );
        let t = Instant::now();
        let done = cmd::commit(&app, &plan).unwrap();
        let written = t.elapsed();
        app.lock();
        let total = read + checked + written;

        // Raw insert of the same rows into a copy of the same registry.
        let raw_dir = root.join(format!("raw-{n}"));
        copy_db(&base, &raw_dir);
        let mut raw = store::open(&raw_dir.join(store::DB_FILE), PASSPHRASE).unwrap();
        let t = Instant::now();
        raw_insert(&mut raw, &valid);
        let raw_time = t.elapsed();
        drop(raw);

        println!(
            "| {n} | {:.2} s | {:.2} s | {:.2} s | {:.2} s | {:.2} s | {:.2}× | {} |",
            read.as_secs_f64(),
            checked.as_secs_f64(),
            written.as_secs_f64(),
            total.as_secs_f64(),
            raw_time.as_secs_f64(),
            total.as_secs_f64() / raw_time.as_secs_f64(),
            check.matches.len(),
        );
        println!(
            "\n{n} rows: {} people added, {} updated (fill empty fields), {} rows skipped; {} possible matches decided.",
            done.created, done.updated, done.skipped, plan.decisions.len()
        );

        // The duplicate check alone: the rows against the registry.
        let mut index = Index::new();
        for p in &people {
            index.push(Keys::of(&cand(p)));
        }
        let cands: Vec<Option<Candidate>> = rows.iter().map(|p| Some(cand(p))).collect();
        let t = Instant::now();
        let found = match_rows(&index, &cands);
        let dedupe = t.elapsed();
        println!(
            "\nDuplicate check of {n} rows against {registry}: {:.3} s ({} matched).\n",
            dedupe.as_secs_f64(),
            found.iter().filter(|f| f.is_some()).count()
        );
    }
}

fn cand(p: &PersonInput) -> Candidate {
    Candidate {
        first_name: p.first_name.clone(),
        last_name: p.last_name.clone(),
        aliases: p.aliases.clone(),
        date_of_birth: p
            .date_of_birth
            .as_deref()
            .and_then(callin_planner::domain::time::stored_date),
        external_id: None,
    }
}
