//! Helpers for the integration tests: a real encrypted database in a temporary folder.
#![allow(dead_code)]

pub mod call_in_day;
pub mod synthetic;

use std::path::Path;

use callin_planner::commands::session;
use callin_planner::domain::people::{
    PersonInput, PersonStatus, SupervisionInput, SupervisionType,
};
use callin_planner::printer::Printer;
use callin_planner::state::AppState;

pub const PASSPHRASE: &str = "correct horse 42";

/// A folder under the system's temp folder, removed when dropped.
pub use tempfile::TempDir;

/// A new temporary folder (the tests' databases and output files go in one each).
pub fn temp_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("callin-test-")
        .tempdir()
        .expect("a temporary folder")
}

/// An app state with a freshly created, unlocked database. It prints through a stand-in
/// that refuses (`false`), so no test reaches the machine's printer, in any build; a test
/// of printing gives the app its own (`AppState::with_printer`).
pub fn unlocked_app() -> (TempDir, AppState) {
    let dir = temp_dir();
    let app = AppState::new(dir.path()).with_printer(Printer::with_command(dir.path(), "false"));
    session::create(&app, PASSPHRASE, PASSPHRASE).unwrap();
    (dir, app)
}

pub fn person(first: &str, last: &str) -> PersonInput {
    PersonInput {
        first_name: first.into(),
        last_name: last.into(),
        aliases: vec![],
        date_of_birth: Some("1990-04-12".into()),
        phone: String::new(),
        address: String::new(),
        area: String::new(),
        preferred_language: "en".into(),
        notes: String::new(),
        status: PersonStatus::Active,
        supervisions: vec![],
        groups: vec![],
        needs: vec![],
    }
}

pub fn supervision(
    kind: SupervisionType,
    agency: &str,
    officer: &str,
    start: &str,
    end: &str,
) -> SupervisionInput {
    SupervisionInput {
        id: None,
        kind: Some(kind),
        agency: agency.into(),
        officer_name: officer.into(),
        officer_contact: String::new(),
        start_date: Some(start.into()),
        end_date: Some(end.into()),
        call_in_condition: true,
    }
}

/// A digest of everything the database holds: every row of every table (the audit log, the
/// search index and the settings included), so a refused change can be proven to have
/// changed nothing at all. SQLite's planner statistics (`sqlite_stat*`) are left out: the
/// app refreshes them on its own.
pub fn fingerprint(app: &AppState) -> Vec<(String, String)> {
    use sha2::{Digest, Sha256};
    app.read(|db| {
        let tables: Vec<String> = db
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for table in tables {
            // Rows sorted by their content: some tables (the search index's) have no rowid.
            let mut stmt = db.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let columns = stmt.column_count();
            let mut lines = Vec::new();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let mut line = String::new();
                for c in 0..columns {
                    line.push_str(&format!("{:?}\u{1f}", row.get_ref(c)?));
                }
                lines.push(line);
            }
            lines.sort();
            let mut hash = Sha256::new();
            for line in &lines {
                hash.update(line.as_bytes());
                hash.update(b"\x1e");
            }
            let n = lines.len();
            let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
            out.push((table, format!("{n} rows, {digest}")));
        }
        Ok(out)
    })
    .unwrap()
}

/// A Python 3 that can import openpyxl (the Makefile installs it): the one the
/// CALLIN_PLANNER_PYTHON variable names, the system's, or the first on PATH.
pub fn python() -> String {
    let mut candidates: Vec<String> = std::env::var("CALLIN_PLANNER_PYTHON").into_iter().collect();
    candidates.extend(["/usr/bin/python3".to_string(), "python3".to_string()]);
    for c in &candidates {
        let ok = std::process::Command::new(c)
            .args(["-c", "import csv, json, openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return c.clone();
        }
    }
    panic!("No Python 3 with openpyxl found (tried {candidates:?}); `make test` installs python3-openpyxl.");
}

/// Runs `script` with `arg` in that Python and returns what it printed.
pub fn run_python(script: &str, arg: &Path) -> String {
    let out = std::process::Command::new(python())
        .args(["-c", script])
        .arg(arg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A provider in the directory with these services (name, the need each meets), made
/// through the commands as the Directory screen makes them.
pub fn provider(
    app: &AppState,
    name: &str,
    services: &[(&str, callin_planner::domain::people::NeedCategory)],
) -> callin_planner::domain::directory::Provider {
    use callin_planner::commands::directory;
    use callin_planner::domain::directory::{ProviderInput, ServiceInput};
    let mut p = directory::save_provider_of(
        app,
        None,
        &ProviderInput {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap();
    for (service, need) in services {
        p = directory::save_service_of(
            app,
            &p.id,
            None,
            &ServiceInput {
                name: (*service).into(),
                categories: vec![*need],
                ..Default::default()
            },
        )
        .unwrap();
    }
    p
}
