//! Backup benchmark (issue 12), on a real encrypted database of 100,000 synthetic people
//! (with 10,000 referrals over 10,000 more, built the app's own way): a backup made through
//! the command's code path (`commands::backups::backup_now`: sqlcipher_export in one read
//! transaction, reopened and checked with cipher_integrity_check and integrity_check, synced,
//! SHA-256, manifest), a restore (`restore`: the backup checked, the current database kept
//! as a backup, exported under the current key, checked again, swapped in) and a passphrase
//! change (`rekey`: export under the new key, check, swap, a backup after), each beside a
//! plain copy of the same database file made in the same run (`std::fs::copy` of the
//! checkpointed file and a sync) — the least any copy costs.
//!
//! Run: `cargo bench --bench backup` (add `-- 20000` for a smaller registry).

mod common;

use std::time::{Duration, Instant};

use callin_planner::commands::backups;
use callin_planner::demo::{self, Rng};
use callin_planner::domain::people::validate_person;
use callin_planner::state::AppState;
use callin_planner::store;
use common::PASSPHRASE;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn plain_copy(from: &std::path::Path, to: &std::path::Path) -> Duration {
    let t = Instant::now();
    std::fs::copy(from, to).unwrap();
    std::fs::File::open(to).unwrap().sync_all().unwrap();
    t.elapsed()
}

fn main() {
    let registry: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::Builder::new()
        .prefix("callin-bench-backup-")
        .tempdir()
        .unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let app = AppState::new(&data);
    app.create(PASSPHRASE, PASSPHRASE).unwrap();
    let today = callin_planner::domain::time::today();
    let mut rng = Rng::new(42);
    let t = Instant::now();
    app.write(|tx| {
        for _ in 0..registry {
            store::people::create_person(tx, &validate_person(&demo::person(&mut rng), today)?)?;
        }
        Ok(())
    })
    .unwrap();
    common::referrals(&app, 10_000);
    backups::set_folder(&app, folder.to_str().unwrap()).unwrap();
    app.read(|db| {
        db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    })
    .unwrap();
    let db = data.join(store::DB_FILE);
    let size = std::fs::metadata(&db).unwrap().len();
    eprintln!("built in {:.0} s", t.elapsed().as_secs_f64());
    println!(
        "Registry: {registry} people + 10,000 with referrals; database {:.0} MB.\n",
        size as f64 / 1e6
    );
    println!("| operation | median of 3 | plain file copy (same run) | ratio |");
    println!("|---|---:|---:|---:|");

    let mut rows: Vec<(&str, Vec<Duration>, Vec<Duration>)> = vec![
        ("backup now", vec![], vec![]),
        ("restore", vec![], vec![]),
        ("passphrase change", vec![], vec![]),
    ];
    let mut key = PASSPHRASE.to_owned();
    for round in 0..3 {
        let copy = dir.path().join(format!("copy-{round}.db"));
        rows[0].2.push(plain_copy(&db, &copy));
        let t = Instant::now();
        let made = backups::backup_now(&app, None).unwrap();
        rows[0].1.push(t.elapsed());

        rows[1].2.push(plain_copy(&db, &copy));
        let t = Instant::now();
        backups::restore(&app, &made.entry.path, &key).unwrap();
        rows[1].1.push(t.elapsed());

        rows[2].2.push(plain_copy(&db, &copy));
        let new = format!("bench passphrase {}", round + 2);
        let t = Instant::now();
        backups::rekey(
            &app,
            &backups::PassphraseChange {
                current: key.clone(),
                new_passphrase: new.clone(),
                confirmation: new.clone(),
            },
        )
        .unwrap();
        rows[2].1.push(t.elapsed());
        key = new;
        let _ = std::fs::remove_file(&copy);
        // Keep the folder small: this run's backups are not what is measured next.
        for e in store::backup::list(&folder).unwrap() {
            let _ = store::backup::remove(&folder, &e.file);
        }
    }
    for (name, op, base) in rows {
        let (op, base) = (median(op), median(base));
        println!(
            "| {name} | {} | {} | {:.1}× |",
            secs(op),
            secs(base),
            op.as_secs_f64() / base.as_secs_f64()
        );
    }
}
