//! People benchmark (issue 2), on real encrypted database files with 100k synthetic people.
//!
//! - bulk creation through the store API (validation, supervision, FTS, audit entry, all in
//!   one transaction) beside a raw rusqlite insert of the same rows into the same schema;
//! - people search through the command's code path (`commands::people::search`: the
//!   app state, the MATCH, the filters, the count and the sorted page) beside a bare FTS5
//!   query that fetches every matching rowid, on the same data in the same run.
//!
//! Run: `cargo bench --bench people` (add `-- 20000` for a smaller registry).

use std::time::{Duration, Instant};

use callin_planner::commands::people as cmd;
use callin_planner::demo::{self, Rng};
use callin_planner::domain::people::{validate_person, PeopleQuery};
use callin_planner::domain::text::{fts_query, sort_name};
use callin_planner::state::AppState;
use callin_planner::store;
use rusqlite::params;

const PASSPHRASE: &str = "bench passphrase 1";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn percentile_n(sorted: &[usize], p: f64) -> usize {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::Builder::new()
        .prefix("callin-bench-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();

    let mut rng = Rng::new(42);
    let inputs: Vec<_> = (0..n).map(|_| demo::person(&mut rng)).collect();
    let valid: Vec<_> = inputs
        .iter()
        .map(|p| validate_person(p, today).unwrap())
        .collect();

    // Store API: validation + create_person (person, supervision, needs, FTS, audit) in one transaction.
    let app = AppState::new(root.join("store"));
    app.create(PASSPHRASE, PASSPHRASE).unwrap();
    let t = Instant::now();
    app.write(|tx| {
        for input in &inputs {
            let v = validate_person(input, today)?;
            store::people::create_person(tx, &v)?;
        }
        Ok(())
    })
    .unwrap();
    let store_create = t.elapsed();
    // Searches run as a coordinator meets them: the app opened on an existing registry.
    app.lock();
    app.unlock(PASSPHRASE).unwrap();

    // Raw: the same rows with plain prepared INSERTs in one transaction (same schema and triggers).
    let raw_path = root.join("raw").join(store::DB_FILE);
    let mut raw = store::create(&raw_path, PASSPHRASE).unwrap();
    let t = Instant::now();
    {
        let tx = raw.transaction().unwrap();
        {
            let mut person = tx
                .prepare(
                    "INSERT INTO people (id, first_name, last_name, aliases, sort_name, date_of_birth, phone, address,
                                         area, preferred_language, notes, status, created_at, updated_at,
                                         search_text)
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
            let mut need = tx
                .prepare("INSERT INTO person_needs (id, person_id, category, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)")
                .unwrap();
            // The store writes an audit row with the person as the UI sees it; so does this.
            let mut audit = tx
                .prepare(
                    "INSERT INTO audit_entries (id, at, actor, action, entity, entity_id, before, after)
                     VALUES (?1, ?2, 'bench', 'create', 'person', ?3, NULL, ?4)",
                )
                .unwrap();
            let now = "2026-11-29T00:00:00.000Z";
            for (v, input) in valid.iter().zip(&inputs) {
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
                for c in &v.needs {
                    need.execute(params![
                        uuid::Uuid::now_v7().to_string(),
                        id,
                        c.as_str(),
                        now
                    ])
                    .unwrap();
                }
                audit
                    .execute(params![
                        uuid::Uuid::now_v7().to_string(),
                        now,
                        id,
                        serde_json::to_string(input).unwrap()
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let raw_create = t.elapsed();

    // Search: what a coordinator types, 2 to 5 letters of a last name, first name or alias.
    let mut words: Vec<String> = Vec::new();
    let mut qrng = Rng::new(7);
    for _ in 0..400 {
        let v = &valid[qrng.below(valid.len())];
        let source = match qrng.below(3) {
            0 => v.last_name.clone(),
            1 => v.first_name.clone(),
            _ => v
                .aliases
                .first()
                .cloned()
                .unwrap_or_else(|| v.last_name.clone()),
        };
        let len = 2 + qrng.below(4);
        words.push(source.chars().take(len).collect());
    }
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    let mut bare_page = Vec::new();
    let mut matches = Vec::new();
    let mut bare_pages: Vec<Vec<String>> = Vec::new();
    app.read(|db| {
        // Every matching rowid: the index alone.
        let mut ids = db.prepare("SELECT rowid FROM people_fts WHERE people_fts MATCH ?1")?;
        // The same first page as the command: matches joined to people, live, by name, 50.
        let mut page = db.prepare(
            "SELECT p.id, p.first_name, p.last_name FROM people_fts f CROSS JOIN people p ON p.seq = f.rowid
             WHERE people_fts MATCH ?1 AND p.deleted_at IS NULL AND p.status <> 'archived'
             ORDER BY p.sort_name, p.id LIMIT 50",
        )?;
        for round in 0..2 {
            for w in &words {
                let fts = fts_query(w).unwrap();
                let t = Instant::now();
                let hits = ids.query_map([&fts], |r| r.get::<_, i64>(0))?.count();
                let d = t.elapsed();
                let t = Instant::now();
                let rows = page
                    .query_map([&fts], |r| r.get::<_, String>(0))?
                    .collect::<Result<Vec<_>, _>>()?;
                let dp = t.elapsed();
                if round == 1 {
                    bare.push(d);
                    bare_page.push(dp);
                    matches.push(hits);
                    bare_pages.push(rows);
                }
            }
        }
        Ok(())
    })
    .unwrap();
    for round in 0..2 {
        for (i, w) in words.iter().enumerate() {
            let t = Instant::now();
            let page = cmd::search(
                &app,
                &PeopleQuery {
                    search: Some(w.clone()),
                    ..Default::default()
                },
            )
            .unwrap();
            let d = t.elapsed();
            if round == 1 {
                ours.push(d);
                // The baseline is only fair if it returns what the command returns.
                let ids: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
                let bare_ids: Vec<&str> = bare_pages[i].iter().map(String::as_str).collect();
                assert_eq!(
                    ids, bare_ids,
                    "the bare query's first page differs from the command's for {w:?}"
                );
            }
        }
    }
    // The first page of the whole registry, with no search (the list as it opens).
    let mut open_list = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(cmd::search(&app, &PeopleQuery::default()).unwrap().total);
        open_list.push(t.elapsed());
    }
    ours.sort();
    bare.sort();
    bare_page.sort();
    matches.sort();
    open_list.sort();

    let (o50, o95, b50, b95) = (
        percentile(&ours, 0.5),
        percentile(&ours, 0.95),
        percentile(&bare, 0.5),
        percentile(&bare, 0.95),
    );
    println!(
        "people benchmark: {n} synthetic people, {} search queries (timed after one warm-up round)",
        words.len()
    );
    println!("| measure | figure |");
    println!("|---|---|");
    println!(
        "| bulk create through the store API | {:.2} s |",
        store_create.as_secs_f64()
    );
    println!(
        "| raw rusqlite insert of the same rows | {:.2} s |",
        raw_create.as_secs_f64()
    );
    println!(
        "| store / raw | {:.2}× |",
        store_create.as_secs_f64() / raw_create.as_secs_f64()
    );
    println!(
        "| search via command path p50 / p95 | {:.2} ms / {:.2} ms |",
        ms(o50),
        ms(o95)
    );
    let (bp50, bp95) = (percentile(&bare_page, 0.5), percentile(&bare_page, 0.95));
    println!(
        "| bare FTS5 query, same first page (MATCH joined to people, live, by name, LIMIT 50) p50 / p95 | {:.2} ms / {:.2} ms |",
        ms(bp50),
        ms(bp95)
    );
    println!(
        "| search p95 / bare same-page p95 | {:.2}× |",
        ms(o95) / ms(bp95)
    );
    println!(
        "| bare FTS5 MATCH, every matching rowid and nothing else, p50 / p95 | {:.2} ms / {:.2} ms |",
        ms(b50),
        ms(b95)
    );
    println!(
        "| matches per query p50 / p95 / max | {} / {} / {} |",
        percentile_n(&matches, 0.5),
        percentile_n(&matches, 0.95),
        matches.last().copied().unwrap_or(0)
    );
    println!(
        "| first page, no search, p50 / p95 | {:.2} ms / {:.2} ms |",
        ms(percentile(&open_list, 0.5)),
        ms(percentile(&open_list, 0.95))
    );
    drop(raw);
    app.lock();
}
